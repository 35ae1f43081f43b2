"""A peer reads their own record, answers it, and their worker answers back."""
from selenium.webdriver.common.by import By

from conftest import menu, add_peer, check_page, fill, sign_in_as, sign_out, submit, wait_for, wait_for_text


def test_a_peer_reads_a_shared_note_comments_and_asks_for_a_change_that_their_worker_answers(browser, demo_server):
    sign_in_as(browser, demo_server, "peer@demo.alongside.test", "Jordan Reyes")
    check_page(browser)
    menu(browser, "My journey")
    wait_for_text(browser, "Your journey, Jordan")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "With Sam Okafor" in main and "Our conversations" in main
    check_page(browser)

    browser.find_elements(By.PARTIAL_LINK_TEXT, "Comment, or ask for a change")[0].click()
    wait_for(browser, "#comment")
    note_url = browser.current_url
    check_page(browser)
    fill(browser, {"comment": "That walk helped more than I said at the time."})
    submit(browser, "Save my comment")
    wait_for_text(browser, "Your comment is saved beside the note.")
    submit(browser, "Send my request")
    wait_for(browser, "#correction-error")
    check_page(browser)
    fill(browser, {"correction": "Please say it was my idea to go to the library."})
    submit(browser, "Send my request")
    wait_for_text(browser, "Your request is sent to Sam Okafor.")
    assert "Waiting for Sam Okafor to answer." in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Jordan asked for a change to a note").click()
    wait_for_text(browser, "Please say it was my idea to go to the library.")
    check_page(browser)
    browser.find_element(By.LINK_TEXT, "Change this note").click()
    wait_for(browser, "#sharedNote")
    check_page(browser)
    note = browser.find_element(By.ID, "sharedNote")
    note.send_keys(" Going to the library was Jordan's idea.")
    submit(browser, "Save the change")
    wait_for_text(browser, "Your change is saved.")
    browser.find_element(By.CSS_SELECTOR, "textarea[name=answer]").send_keys("You're right, I've changed it.")
    submit(browser, "Send the answer")
    wait_for_text(browser, "Your answer is saved.")
    check_page(browser)
    browser.find_element(By.LINK_TEXT, "Earlier versions").click()
    wait_for_text(browser, "Version 2 (now)")
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "peer@demo.alongside.test", "Jordan Reyes")
    browser.get(note_url)
    wait_for_text(browser, "Sam Okafor answered")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Going to the library was Jordan's idea." in main
    assert "Earlier wording (1)" in main
    check_page(browser)
    sign_out(browser)


def test_a_peer_worker_invites_a_peer_to_read_their_own_record(browser, demo_server):
    sign_in_as(browser, demo_server, "ana.sousa@demo.alongside.test", "Ana Sousa")
    add_peer(browser, "Moana")
    wait_for_text(browser, "Moana's own login")
    submit(browser, "Make an invite link")
    wait_for(browser, "#portalEmail-error")
    check_page(browser)
    fill(browser, {"portalEmail": "moana@example.org"})
    submit(browser, "Make an invite link")
    wait_for(browser, "#invite-link")
    link = browser.find_element(By.ID, "invite-link").get_attribute("value")
    code = browser.find_element(By.ID, "link-code").text.strip()
    assert len(code.replace(" ", "")) == 6, code
    check_page(browser)
    sign_out(browser)

    # The link alone is not enough: the peer proves it is them with the code read to them.
    browser.get(link)
    wait_for(browser, "#password")
    wrong = "000000" if code.replace(" ", "") != "000000" else "111111"
    fill(browser, {"code": wrong, "password": "moana reads her own notes", "confirmation": "moana reads her own notes"})
    submit(browser, "Create my account")
    wait_for(browser, "#code-error")
    assert "tries left" in browser.find_element(By.ID, "code-error").text
    check_page(browser)
    fill(browser, {"code": code, "password": "moana reads her own notes", "confirmation": "moana reads her own notes"})
    submit(browser, "Create my account")
    wait_for_text(browser, "Hello, Moana")
    menu(browser, "My journey")
    wait_for_text(browser, "Your journey, Moana")
    assert "With Ana Sousa" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)
    sign_out(browser)

    # The second person: a coordinator is told which login now opens Moana's record, sees its
    # address on her page, and can release it if it isn't hers; its owner is told.
    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    menu(browser, "Inbox", partial=True)
    wait_for_text(browser, "Moana's record is now opened by the login moana@example.org")
    check_page(browser)
    browser.get(demo_server + "/relationships?stage=safe_place")
    browser.find_element(By.LINK_TEXT, "Moana").click()
    wait_for_text(browser, "Moana has their own login: moana@example.org")
    check_page(browser)
    submit(browser, "Release this login")
    wait_for_text(browser, "The login is released from Moana's record")
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "moana@example.org", "Moana", password="moana reads her own notes")
    menu(browser, "Inbox", partial=True)
    wait_for_text(browser, "A coordinator released your login from your record")
    check_page(browser)
    sign_out(browser)
