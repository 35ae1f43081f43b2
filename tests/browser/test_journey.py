"""A peer worker welcomes a peer and walks the stepped model with them, on a phone."""
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import menu, add_peer, check_page, fill, move_stage, sign_in_as, sign_out, submit, wait_for, wait_for_text


def test_a_peer_worker_adds_a_peer_and_moves_the_relationship_on_and_back(browser, demo_server):
    sign_in_as(browser, demo_server, "ana.sousa@demo.alongside.test", "Ana Sousa")
    menu(browser, "Add a peer")
    wait_for(browser, "#preferredName")
    check_page(browser)
    submit(browser, "Add peer and start the relationship")
    wait_for(browser, "#preferredName-error")
    check_page(browser)

    fill(browser, {"preferredName": "Hine", "pronouns": "she/her", "howToReach": "Text first, then call"})
    assert Select(browser.find_element(By.ID, "worker")).first_selected_option.text == "Ana Sousa", "you, when you add a peer"
    submit(browser, "Add peer and start the relationship")
    wait_for_text(browser, "Hine (she/her)")
    assert "Creating a safe place" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)

    move_stage(browser, "working_partnership", "both")
    wait_for_text(browser, "The stage has been updated.")
    check_page(browser)

    browser.find_element(By.ID, "to-safe_place").click()
    browser.find_element(By.ID, "initiatedBy-peer").click()
    fill(browser, {"reason": "A hard week; we slowed down together."})
    submit(browser, "Save the move")
    wait_for_text(browser, "stepping back is part of the journey")
    assert "A hard week; we slowed down together." in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_element(By.CSS_SELECTOR, "svg.timeline[role='img']").is_displayed()
    check_page(browser)

    move_stage(browser, "stepping_out", "both")
    wait_for_text(browser, "The stage has been updated.")
    move_stage(browser, "ended", "both")
    wait_for(browser, "#endingKind-error")
    check_page(browser)
    browser.find_element(By.ID, "endingKind-planned").click()
    browser.find_element(By.ID, "endingConversation").click()
    browser.find_element(By.ID, "next-door_left_open").click()
    submit(browser, "Save the move")
    wait_for_text(browser, "How it ended")
    assert "The door is left open to come back" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)

    menu(browser, "Caseload")
    wait_for_text(browser, "Your caseload")
    assert "Hine" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)
    browser.find_element(By.LINK_TEXT, "Working partnership").click()
    wait_for_text(browser, "Relationships at \"Working partnership\"")
    assert "Hine" not in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)
    browser.find_element(By.LINK_TEXT, "Ended").click()
    wait_for_text(browser, "Relationships at \"Ended\"")
    assert "Hine" in browser.find_element(By.TAG_NAME, "main").text

    # Months later Hine comes back: a new relationship, linked to the one that ended.
    browser.find_element(By.LINK_TEXT, "Hine").click()
    wait_for_text(browser, "How it ended")
    browser.find_element(By.XPATH, "//summary[normalize-space()='Start a new relationship with Hine']").click()
    browser.find_element(By.ID, "againInitiatedBy-peer").click()
    # Never with yourself (that would reopen the peer's plans to you alone): with a colleague.
    options = [o.text for o in Select(browser.find_element(By.ID, "againWorker")).options]
    assert "Ana Sousa" not in options
    Select(browser.find_element(By.ID, "againWorker")).select_by_visible_text("Tama Wiremu")
    submit(browser, "Start again, linked to this one")
    wait_for_text(browser, "Started again on")
    check_page(browser)


def test_a_peer_worker_notes_a_conversation_on_a_phone_and_sees_a_language_suggestion(browser, demo_server):
    sign_in_as(browser, demo_server, "lee.fairweather@demo.alongside.test", "Lee Fairweather")
    add_peer(browser, "Rangi")
    wait_for_text(browser, "No conversations noted yet.")

    browser.find_element(By.LINK_TEXT, "Write a note").click()
    wait_for(browser, "#sharedNote")
    check_page(browser)
    browser.find_element(By.ID, "mode-phone").click()
    fill(browser, {"minutes": "40", "sharedNote": "Rangi suffers from low mood this week; we talked about the garden."})
    submit(browser, "Save the note")
    wait_for_text(browser, "Your note is saved.")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Wording to think about" in main and "lives with" in main
    assert "Rangi suffers from low mood" in main
    check_page(browser)

    browser.find_element(By.PARTIAL_LINK_TEXT, "journey").click()
    wait_for_text(browser, "Phone, 40 minutes")
    check_page(browser)


def test_a_peer_worker_hands_a_relationship_to_a_colleague(browser, demo_server):
    sign_in_as(browser, demo_server, "ana.sousa@demo.alongside.test", "Ana Sousa")
    add_peer(browser, "Tui")
    browser.find_element(By.LINK_TEXT, "Hand over to another peer worker").click()
    wait_for(browser, "#handoverTo")
    submit(browser, "Hand over")
    wait_for(browser, "#handoverReason-error")
    check_page(browser)
    Select(browser.find_element(By.ID, "handoverTo")).select_by_visible_text("Tama Wiremu")
    fill(browser, {"handoverReason": "I'm going part-time; Tama knows the area."})
    submit(browser, "Hand over")
    wait_for_text(browser, "Your caseload")
    assert "Tui" not in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)


def test_a_coordinator_sees_where_relationships_stand_across_the_service(browser, demo_server):
    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    menu(browser, "Relationships")
    wait_for_text(browser, "Relationships across the service")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Sam Okafor" in main and "Tama Wiremu" in main
    check_page(browser)
    browser.find_element(By.LINK_TEXT, "Stepping out").click()
    wait_for_text(browser, "Relationships at \"Stepping out\"")
    check_page(browser)


def test_a_peer_worker_plans_the_next_conversation_and_subscribes_from_their_phone(browser, demo_server):
    sign_in_as(browser, demo_server, "tama.wiremu@demo.alongside.test", "Tama Wiremu")
    add_peer(browser, "Hine")
    wait_for_text(browser, "Planned next")
    browser.find_element(By.XPATH, "//summary[normalize-space()='Plan the next conversation']").click()
    browser.find_element(By.ID, "plannedMode-video").click()
    fill(browser, {"plannedPlace": "Video call"})
    submit(browser, "Save the plan")
    wait_for_text(browser, "The plan is saved.")
    assert "video, at Video call (60 minutes)" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)

    menu(browser, "Caseload")
    wait_for_text(browser, "Your caseload")
    row = browser.find_element(By.XPATH, "//tr[.//a[normalize-space()='Hine']]")
    assert "Nothing planned" not in row.text, "the plan shows as the next conversation"
    menu(browser, "Calendar")
    wait_for_text(browser, "Your planned conversations in your calendar")
    check_page(browser)
    submit(browser, "Make a calendar address")
    wait_for(browser, "#calendar-address")
    address = browser.find_element(By.ID, "calendar-address").get_attribute("value")
    check_page(browser)
    with urllib.request.urlopen(address, timeout=10) as response:
        feed = response.read().decode()
    assert "BEGIN:VCALENDAR" in feed and "Conversation with H." in feed and "Hine" not in feed


def test_a_coordinator_hands_over_everything_when_a_worker_leaves(browser, demo_server):
    sign_in_as(browser, demo_server, "lee.fairweather@demo.alongside.test", "Lee Fairweather")
    add_peer(browser, "Manaia")
    sign_out(browser)
    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    menu(browser, "Relationships")
    wait_for_text(browser, "When someone leaves")
    browser.find_element(By.LINK_TEXT, "Hand over all of Lee Fairweather's relationships").click()
    wait_for_text(browser, "Who carries on with Manaia?")
    check_page(browser)
    submit(browser, "Hand them all over")
    wait_for(browser, "#handoverReason-error")
    check_page(browser)
    selects = browser.find_elements(By.CSS_SELECTOR, "select")
    for index, element in enumerate(selects):
        Select(element).select_by_visible_text(["Tama Wiremu", "Ana Sousa"][index % 2])
    fill(browser, {"handoverReason": "Lee has left the service; your new peer worker has your whole journey."})
    submit(browser, "Hand them all over")
    wait_for_text(browser, "were handed over")
    check_page(browser)
    sign_out(browser)


def test_a_group_conversation_is_noted_once_with_a_copy_for_each_peer(browser, demo_server):
    sign_in_as(browser, demo_server, "tama.wiremu@demo.alongside.test", "Tama Wiremu")
    add_peer(browser, "Ruiha")
    wait_for_text(browser, "Ruiha")
    add_peer(browser, "Kauri")
    wait_for_text(browser, "Kauri")
    browser.find_element(By.LINK_TEXT, "Write a note").click()
    wait_for(browser, "#sharedNote")
    browser.find_element(By.XPATH, "//summary[normalize-space()='A group? Others from your caseload who were there']").click()
    browser.find_element(By.XPATH, "//label[normalize-space()='Ruiha']").click()
    submit(browser, "Save the note")
    wait_for(browser, "#others-error")
    check_page(browser)
    browser.find_element(By.ID, "mode-group").click()
    fill(browser, {"minutes": "90", "sharedNote": "The hope group: we shared what got us through the winter."})
    submit(browser, "Save the note")
    wait_for_text(browser, "A group conversation.")
    assert "Ruiha's copy" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)
    sign_out(browser)


def test_a_peer_worker_records_the_moment_a_peer_let_them_into_their_headspace(browser, demo_server):
    sign_in_as(browser, demo_server, "ana.sousa@demo.alongside.test", "Ana Sousa")
    add_peer(browser, "Tipene")
    browser.find_element(By.XPATH, "//summary[normalize-space()='Record when Tipene lets you into their headspace']").click()
    fill(browser, {"headspaceWords": "You can ask me what the voices say."})
    submit(browser, "Record the moment")
    wait_for_text(browser, "Permission to enter their headspace:")
    assert "the purple diamond" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)
    sign_out(browser)
