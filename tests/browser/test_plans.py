"""Plans the peer owns, mutuality check-ins and concern conversations, driven in a phone-sized browser."""
import os
import re
import subprocess
import tempfile

from selenium.webdriver.common.by import By

from conftest import menu, check_page, fill, sign_in_as, sign_out, submit, wait_for, wait_for_text, add_peer

# Ten short lines in every section: the most the card has to hold.
FULL_SECTION = "\n".join(f"Line {n}: something that really helps me" [:38] for n in range(1, 11))


def main_text(browser):
    return browser.find_element(By.TAG_NAME, "main").text


def set_value(browser, field_id, text):
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, field_id), text)


def print_card_to_pdf(browser, base):
    """Prints the page open in the browser with the chromium command line, as a peer would
    print it, and answers the number of pages and the page size of the PDF."""
    html = browser.page_source.replace("<head>", f'<head><base href="{base}/">', 1)
    with tempfile.TemporaryDirectory() as folder:
        page = os.path.join(folder, "card.html")
        pdf = os.path.join(folder, "card.pdf")
        with open(page, "w", encoding="utf-8") as file:
            file.write(html)
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", "file://" + page],
            check=True, capture_output=True, timeout=120)
        data = open(pdf, "rb").read()
    pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", data))
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    return pages, (round(float(box.group(1))), round(float(box.group(2)))) if box else None


def test_a_peer_writes_and_agrees_their_safety_plan_prints_the_card_and_reads_its_history(browser, demo_server):
    sign_in_as(browser, demo_server, "peer@demo.alongside.test", "Jordan Reyes")
    menu(browser, "My journey")
    wait_for_text(browser, "Our plans")
    browser.find_element(By.LINK_TEXT, "My wellness and safety plan").click()
    wait_for(browser, "#section-keeps-me-well")
    assert "Samaritans" in main_text(browser), "the service's crisis lines are on every plan"
    check_page(browser)

    # An empty plan can't be agreed.
    submit(browser, "This is my plan")
    wait_for(browser, "#agree-error")
    assert "There's nothing in the plan yet" in main_text(browser)
    check_page(browser)

    # Too long for the card: a clear message, and the words are kept.
    set_value(browser, "section-keeps-me-well", "Walking " * 60)
    fill(browser, {"section-people": "Ana <script>alert('hi')</script> 07700 900123"})
    submit(browser, "Save the plan")
    wait_for(browser, "#section-keeps-me-well-error")
    assert "so the plan fits on one printed card" in main_text(browser)
    assert "07700 900123" in browser.find_element(By.ID, "section-people").get_attribute("value")
    check_page(browser)

    # A full plan: every section, as long as the card allows.
    for field in ["keeps-me-well", "getting-harder", "feel-safe", "please-do", "please-dont", "places", "reasons", "contacts"]:
        set_value(browser, "section-" + field, FULL_SECTION)
    submit(browser, "Save the plan")
    wait_for_text(browser, "The plan is saved as a new version.")
    assert "Draft: you haven't marked this as your plan yet." in main_text(browser)
    assert "Ana <script>alert('hi')</script> 07700 900123" in browser.find_element(By.ID, "section-people").get_attribute("value")
    submit(browser, "This is my plan")
    wait_for_text(browser, "Marked as your plan.")
    assert "Agreed: you marked this as your plan" in main_text(browser)
    check_page(browser)

    browser.find_element(By.LINK_TEXT, "Printable card (one page)").click()
    wait_for(browser, ".safety-card")
    card = main_text(browser)
    assert "Line 10: something that really helps" in card and "Crisis lines" in card
    assert "<script>alert('hi')</script>" in card, "markup is shown as text, never run"
    check_page(browser)
    pages, size = print_card_to_pdf(browser, demo_server)
    assert pages == 1, f"the full plan printed on {pages} pages"
    assert size in [(595, 842), (612, 792)], f"the card printed on a {size} page, not A4 or Letter"

    browser.back()
    wait_for(browser, "#section-keeps-me-well")
    browser.find_element(By.LINK_TEXT, "Plain text to copy into a phone").click()
    wait_for_text(browser, "WHAT KEEPS ME WELL")
    assert "CRISIS LINES" in browser.find_element(By.TAG_NAME, "body").text
    copy = browser.find_element(By.CSS_SELECTOR, "button[data-copy='plan-text']")
    assert copy.is_displayed(), "with the script, a Copy button"
    size = browser.execute_script("return parseFloat(getComputedStyle(document.getElementById('plan-text')).fontSize)")
    assert size >= 15, f"the plan's text is {size}px on a phone"
    check_page(browser)
    browser.back()

    # A change after agreeing makes it a draft again, until Jordan says so.
    wait_for(browser, "#section-feel-safe")
    set_value(browser, "section-feel-safe", "Somewhere quiet, with someone who doesn't rush me.")
    submit(browser, "Save the plan")
    wait_for_text(browser, "Draft: changed since you agreed it")
    browser.find_element(By.LINK_TEXT, "Every version").click()
    wait_for_text(browser, "Version 2")
    history = main_text(browser)
    assert "Version 1" in history and "the version marked as agreed" in history
    assert "Changed: What helps me feel safe" in history
    check_page(browser)
    sign_out(browser)


def test_a_peer_and_their_worker_shape_the_moving_towards_plan_and_see_what_changed(browser, demo_server):
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    browser.get(demo_server + "/caseload")
    browser.find_element(By.LINK_TEXT, "Jordan").click()
    wait_for_text(browser, "Plans Jordan owns")
    check_page(browser)
    browser.find_element(By.LINK_TEXT, "Moving towards").click()
    wait_for(browser, "#vision")
    plan_url = browser.current_url
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "peer@demo.alongside.test", "Jordan Reyes")
    browser.get(plan_url)
    wait_for(browser, "#vision")
    assert "Moving towards: my plan" in main_text(browser)
    set_value(browser, "vision", "A home of my own, and the art course in spring.")
    submit(browser, "Save where I want to be")
    wait_for_text(browser, "Saved “where I want to be”.")
    browser.find_element(By.XPATH, "//summary[normalize-space()='Add a step']").click()
    fill(browser, {"stepText": "Ring the college about the spring course", "stepByWhen": "01-01-2001"})
    browser.find_element(By.ID, "stepTaker-peer").click()
    submit(browser, "Add the step")
    wait_for(browser, "#stepByWhen-error")
    assert "before this plan began" in main_text(browser)
    assert browser.find_element(By.ID, "stepText").get_attribute("value") == "Ring the college about the spring course"
    check_page(browser)
    browser.find_element(By.ID, "stepByWhen").clear()
    submit(browser, "Add the step")
    wait_for_text(browser, "The step is saved.")
    fill(browser, {"learning": "Asking for help is a step too."})
    submit(browser, "Add it")
    wait_for_text(browser, "Added to what you learned.")
    assert "Asking for help is a step too." in main_text(browser)
    assert "overdue" not in main_text(browser).replace("nothing here is ever overdue", "")
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    menu(browser, "Inbox (", partial=True)
    wait_for_text(browser, "Jordan changed the moving-towards plan.")
    check_page(browser)
    browser.find_elements(By.XPATH, "//button[normalize-space()='Open and mark as read']")[0].click()
    wait_for_text(browser, "Changed since you last looked")
    changes = browser.find_element(By.CSS_SELECTOR, ".changes-since").text
    assert "Jordan" in changes and "Added a step: “Ring the college about the spring course”" in changes
    check_page(browser)
    sign_out(browser)


def test_a_worker_records_a_concern_escalates_it_and_their_supervisor_is_told_at_once(browser, demo_server):
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    add_peer(browser, "Tui")
    wait_for_text(browser, "Plans Tui owns")
    browser.find_element(By.LINK_TEXT, "Record a concern conversation").click()
    wait_for(browser, "#noticed")
    assert "The service's policy for imminent danger" in main_text(browser)
    check_page(browser)
    submit(browser, "Save the agreement")
    wait_for(browser, "#noticed-error")
    assert "Say when you'll talk again." in main_text(browser)
    check_page(browser)
    fill(browser, {
        "noticed": "Tui said nights are the worst and they've stopped eating.",
        "peerWants": "To stay at home, and for me not to call their mum.",
        "workerWillDo": "Call tomorrow at ten.",
    })
    browser.execute_script("document.getElementById('talkAgainOn').value = new Date(Date.now() + 86400000).toISOString().slice(0, 10)")
    submit(browser, "Save the agreement")
    wait_for_text(browser, "The agreement is saved.")
    check_page(browser)

    browser.find_element(By.XPATH, "//summary[normalize-space()='Record an escalation']").click()
    browser.find_element(By.ID, "met").click()
    fill(browser, {"why": "They told me they had taken tablets an hour before."})
    submit(browser, "Record the escalation and tell my supervisor")
    wait_for(browser, "#contacted-error")
    assert "Say who was contacted" in main_text(browser)
    assert browser.find_element(By.ID, "why").get_attribute("value") == "They told me they had taken tablets an hour before."
    check_page(browser)
    fill(browser, {"contacted": "Ambulance service, 999"})
    submit(browser, "Record the escalation and tell my supervisor")
    wait_for_text(browser, "your supervisor has been told")
    assert "Follow-up due by" in main_text(browser)
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "supervisor@demo.alongside.test", "Priya Natarajan")
    menu(browser, "Inbox (", partial=True)
    wait_for_text(browser, "Sam Okafor escalated a concern about T.")
    check_page(browser)
    browser.find_elements(By.XPATH, "//button[normalize-space()='Open and mark as read']")[0].click()
    wait_for_text(browser, "Escalated under the imminent-danger policy")
    concern = main_text(browser)
    assert "Ambulance service, 999" in concern and "Record the escalation" not in concern
    check_page(browser)
    menu(browser, "Supervision")
    wait_for_text(browser, "Open concerns")
    open_concerns = browser.find_element(By.CSS_SELECTOR, ".open-concerns").text
    assert "Sam Okafor with T." in open_concerns and "follow-up due by" in open_concerns
    check_page(browser)
    sign_out(browser)


def test_a_peer_and_their_worker_both_check_in_and_see_the_trends(browser, demo_server):
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    add_peer(browser, "Wiremu")
    wait_for_text(browser, "Plans Wiremu owns")
    assert "No check-ins yet." in main_text(browser)
    browser.find_element(By.LINK_TEXT, "Write a note").click()
    wait_for(browser, "#sharedNote")
    browser.find_element(By.ID, "mode-phone").click()
    fill(browser, {"minutes": "30", "sharedNote": "We talked about the football and about moving flats."})
    submit(browser, "Save the note")
    wait_for_text(browser, "Your note is saved.")
    browser.find_element(By.LINK_TEXT, "Check-in: how was it for each of you?").click()
    wait_for(browser, ".check-in-form")
    check_page(browser)
    set_value(browser, "line", "x" * 301)
    submit(browser, "Save the check-in")
    wait_for(browser, "#line-error")
    check_page(browser)
    browser.find_element(By.ID, "item-heard-4").click()
    browser.find_element(By.ID, "item-pace-3").click()
    fill(browser, {"line": "Good to laugh together."})
    submit(browser, "Save the check-in")
    wait_for_text(browser, "The check-in is saved.")
    assert "Your answers" in main_text(browser)

    browser.find_element(By.LINK_TEXT, "Wiremu is with me: let them answer on this device").click()
    wait_for_text(browser, "Wiremu's check-in, with them on this device")
    browser.find_element(By.ID, "item-heard-5").click()
    browser.find_element(By.ID, "item-honest-4").click()
    submit(browser, "Save the check-in")
    wait_for_text(browser, "Wiremu's answers")
    check_page(browser)

    browser.find_element(By.LINK_TEXT, "Back to the conversation").click()
    browser.find_element(By.PARTIAL_LINK_TEXT, "journey").click()
    wait_for(browser, "figure.mutuality")
    chart = browser.find_element(By.CSS_SELECTOR, "figure.mutuality").text
    assert "Wiremu: 1 check-in, average 4.5" in chart and "You: 1 check-in, average 3.5" in chart
    check_page(browser)
    sign_out(browser)

    # In the portal: Jordan checks in on a conversation Sam wrote, and sees both trends.
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    browser.get(demo_server + "/caseload")
    browser.find_element(By.LINK_TEXT, "Jordan").click()
    browser.find_element(By.LINK_TEXT, "Write a note").click()
    wait_for(browser, "#sharedNote")
    browser.find_element(By.ID, "mode-in_person").click()
    fill(browser, {"minutes": "50", "sharedNote": "A walk by the river; we planned the college call."})
    submit(browser, "Save the note")
    wait_for_text(browser, "Your note is saved.")
    sign_out(browser)

    sign_in_as(browser, demo_server, "peer@demo.alongside.test", "Jordan Reyes")
    menu(browser, "My journey")
    wait_for_text(browser, "How our conversations feel")
    browser.find_elements(By.LINK_TEXT, "How was it? Check in")[0].click()
    wait_for(browser, ".check-in-form")
    assert "Your check-in" in main_text(browser)
    browser.find_element(By.ID, "item-learned-5").click()
    submit(browser, "Save the check-in")
    wait_for_text(browser, "Your answers")
    check_page(browser)
    browser.find_element(By.LINK_TEXT, "Back to the note").click()
    menu(browser, "My journey")
    wait_for(browser, "figure.mutuality")
    chart = browser.find_element(By.CSS_SELECTOR, "figure.mutuality").text
    assert "You:" in chart and "Sam Okafor:" in chart
    check_page(browser)
    sign_out(browser)


def test_a_coordinator_sets_the_crisis_lines_and_sees_counts_but_never_content(browser, demo_server):
    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    menu(browser, "Service settings")
    wait_for(browser, "#crisisLines")
    original = browser.find_element(By.ID, "crisisLines").get_attribute("value")
    assert "Samaritans" in original
    set_value(browser, "crisisLines", "\n".join(f"Line {n}: 0800 000 00{n}" for n in range(1, 8)))
    set_value(browser, "dangerPolicy", "")
    submit(browser, "Save the settings")
    wait_for(browser, "#crisisLines-error")
    main = main_text(browser)
    assert "Keep this to 6 lines" in main and "Write the policy for imminent danger" in main
    check_page(browser)
    set_value(browser, "crisisLines", original)
    set_value(browser, "dangerPolicy", "Call 999 first, then your supervisor on 01632 960 999.")
    submit(browser, "Save the settings")
    wait_for_text(browser, "Settings saved.")
    assert browser.find_element(By.ID, "dangerPolicy").get_attribute("value").startswith("Call 999 first")

    menu(browser, "Relationships")
    wait_for_text(browser, "Plans, check-ins and concerns across the service")
    counts = browser.find_element(By.CSS_SELECTOR, ".service-counts").text
    assert "Open concern conversations" in counts and "agreed by the peer" in counts
    check_page(browser)
    sign_out(browser)
