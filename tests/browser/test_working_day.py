"""A working day: each role lands on its work, a phone's header is one line, the relationship page
puts the note first, search finds a peer, and times are typed and read in local time across a
daylight-saving change. At a phone's width and a desk's, with axe on every screen."""
import datetime
import zoneinfo

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import (PHONE_WIDTH, Server, add_peer, check_accessibility, check_page, chromium, fill, menu, open_menu,
                      sign_in_as, sign_out, submit, wait_for, wait_for_text)

DESK_WIDTH = 1280

LANDINGS = [
    ("peerworker@demo.alongside.test", "Sam Okafor", ["Today, ", "Later this week", "Everyone you walk alongside"]),
    ("coordinator@demo.alongside.test", "Morgan Ellis", ["Relationships by stage", "Waiting to be handed over"]),
    ("supervisor@demo.alongside.test", "Priya Natarajan", ["The peer workers you supervise"]),
    ("admin@demo.alongside.test", "Kai Thompson", ["Accounts at a glance"]),
    ("peer@demo.alongside.test", "Jordan Reyes", ["Your safety plan", "Your moving-towards plan"]),
]


@pytest.fixture
def desk():
    driver = chromium(DESK_WIDTH, phone=False)
    yield driver
    driver.quit()


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


@pytest.mark.parametrize("email,name,expected", LANDINGS)
def test_each_role_lands_on_its_work_on_a_phone_and_at_a_desk(browser, desk, demo_server, email, name, expected):
    for driver, check in ((browser, check_page), (desk, check_accessibility)):
        sign_in_as(driver, demo_server, email, name)
        for words in expected:
            assert words in main_text(driver), f"{email} lands on {words!r}"
        check(driver)
        sign_out(driver)


def test_a_peer_worker_writes_a_note_from_today_in_one_tap(browser, demo_server):
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    browser.find_elements(By.PARTIAL_LINK_TEXT, "Write a note")[0].click()
    wait_for(browser, "#sharedNote")
    check_page(browser)


def test_someone_with_two_roles_switches_in_one_tap_and_it_is_remembered(browser, demo_server):
    sign_in_as(browser, demo_server, "lee.fairweather@demo.alongside.test", "Lee Fairweather")
    assert "Show my work as" in main_text(browser)
    check_page(browser)
    submit(browser, "Supervisor")
    wait_for_text(browser, "The peer workers you supervise")
    pressed = browser.find_element(By.CSS_SELECTOR, "button.role-choice.current")
    assert pressed.text == "Supervisor" and pressed.get_attribute("aria-pressed") == "true"
    check_page(browser)
    sign_out(browser)
    sign_in_as(browser, demo_server, "lee.fairweather@demo.alongside.test", "Lee Fairweather")
    assert "The peer workers you supervise" in main_text(browser), "the choice is remembered"
    submit(browser, "Peer worker")
    wait_for_text(browser, "Everyone you walk alongside")


def test_a_phones_header_is_one_line_with_a_menu_and_a_desk_shows_it_all(browser, desk, demo_server):
    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    header = browser.find_element(By.CSS_SELECTOR, ".site-header")
    assert header.size["height"] < 70, f"the header takes {header.size['height']}px at {PHONE_WIDTH}px"
    assert not browser.find_element(By.CSS_SELECTOR, "nav a[href='/admin/settings']").is_displayed()
    nav = open_menu(browser)
    assert nav.find_element(By.LINK_TEXT, "Service settings").is_displayed()
    check_page(browser)
    menu(browser, "Relationships")
    wait_for_text(browser, "Relationships across the service")

    sign_in_as(desk, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    assert desk.find_element(By.LINK_TEXT, "Service settings").is_displayed(), "at a desk the navigation is open"
    assert not desk.find_element(By.CSS_SELECTOR, ".site-menu > summary").is_displayed()
    check_accessibility(desk)


def test_the_relationship_page_puts_the_note_first_and_shows_ending_fields_only_when_ending(browser, demo_server):
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    add_peer(browser, "Kahu Rangi")
    wait_for_text(browser, "Kahu Rangi is added, and your relationship has begun")
    note = browser.find_element(By.LINK_TEXT, "Write a note")
    bottom = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return r.bottom;", note)
    assert bottom <= browser.execute_script("return window.innerHeight"), "write a note is on the first screen"
    ending = browser.find_element(By.CSS_SELECTOR, ".stage-form .ending")
    assert not ending.is_displayed(), "ending fields wait until ending is chosen"
    browser.find_element(By.ID, "to-ended").click()
    assert ending.is_displayed()
    check_page(browser)
    browser.find_element(By.ID, "to-working_partnership").click()
    assert not ending.is_displayed()


def test_older_conversations_come_twenty_at_a_time(browser, demo_server):
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    browser.get(demo_server + "/caseload")
    for link in [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "table a[href*='/relationships/']")]:
        browser.get(link)
        if browser.find_elements(By.PARTIAL_LINK_TEXT, "older"):
            break
    else:
        pytest.fail("no relationship in the demo has more than 20 conversations")
    assert len(browser.find_elements(By.CSS_SELECTOR, "ul.conversations li")) == 20
    summary = browser.find_element(By.CSS_SELECTOR, "#conversations + ul + .pager").text
    total = int(summary.split(" of ")[1].split(".")[0])
    older = browser.find_element(By.CSS_SELECTOR, ".pager a[href*='shown=40']")
    browser.get(older.get_attribute("href"))
    wait_for(browser, "ul.conversations")
    assert len(browser.find_elements(By.CSS_SELECTOR, "ul.conversations li")) == min(40, total)
    check_page(browser)


def test_search_finds_a_peer_whatever_the_accents(browser, desk, demo_server):
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    add_peer(browser, "Tūī Ngāwhika")
    wait_for_text(browser, "is added")
    nav = open_menu(browser)
    field = nav.find_element(By.ID, "header-q")
    field.send_keys("ngawhika")
    submit(browser, "Find")
    wait_for_text(browser, "1 found.")
    assert browser.find_element(By.LINK_TEXT, "Tūī Ngāwhika").is_displayed()
    check_page(browser)
    browser.get(demo_server + "/search?q=" + "x" * 10_000)
    wait_for(browser, "#q-error")
    assert "up to 100 characters" in browser.find_element(By.ID, "q-error").text
    check_page(browser)
    browser.get(demo_server + "/search?q=%3Cb%3Ebold%3C%2Fb%3E")
    wait_for_text(browser, "Nobody found by that name.")
    assert browser.find_element(By.ID, "q").get_attribute("value") == "<b>bold</b>", "shown as typed, never as markup"

    sign_in_as(desk, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    desk.find_element(By.ID, "header-q").send_keys("TUI")
    submit(desk, "Find")
    wait_for_text(desk, "with Sam Okafor")
    check_accessibility(desk)


def clock_changes(zone_name, after):
    """The next nights a zone's clocks go forward and back after a time: for each, the local
    wall-clock time just before the change and just after it (02:00 and 03:00 going forward)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    changes = {}
    moment = after.astimezone(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
    previous = moment.astimezone(zone).utcoffset()
    while len(changes) < 2:
        moment += datetime.timedelta(hours=1)
        offset = moment.astimezone(zone).utcoffset()
        if offset != previous:
            wall = moment.replace(tzinfo=None)
            kind = "forward" if offset > previous else "back"
            changes.setdefault(kind, (wall + previous, wall + offset))
            previous = offset
    return changes["forward"], changes["back"]


def test_a_time_is_typed_and_read_in_the_services_zone_across_a_clock_change(browser):
    server = Server(demo=True)
    try:
        base = server.base
        sign_in_as(browser, base, "coordinator@demo.alongside.test", "Morgan Ellis")
        menu(browser, "Service settings")
        wait_for(browser, "#timeZone")
        Select(browser.find_element(By.ID, "timeZone")).select_by_value("Pacific/Auckland")
        check_page(browser)
        submit(browser, "Save the settings")
        wait_for_text(browser, "Settings saved.")
        sign_out(browser)

        sign_in_as(browser, base, "peerworker@demo.alongside.test", "Sam Okafor")
        add_peer(browser, "Moana Kerr")
        wait_for_text(browser, "is added")
        relationship = browser.current_url.split("?")[0]
        hint = browser.find_element(By.ID, "plannedFor-hint").get_attribute("textContent")
        assert "on Pacific/Auckland time" in hint, hint
        forward, back = clock_changes("Pacific/Auckland", datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1))
        skipped = forward[0] + datetime.timedelta(minutes=30)  # 02:30 on the night the clocks go from 02:00 to 03:00
        twice = back[1] + datetime.timedelta(minutes=30)  # 02:30 on the night they go from 03:00 back to 02:00
        for when, words in ((skipped, "didn't happen"), (twice, "happened twice")):
            browser.get(relationship)
            field = wait_for(browser, "#plannedFor")
            browser.execute_script("arguments[0].closest('details').open = true", field)
            browser.execute_script("arguments[0].value = arguments[1]", field, when.strftime("%Y-%m-%dT%H:%M"))
            fill(browser, {"plannedMinutes": "40", "plannedPlace": "The library"})
            browser.find_element(By.ID, "plannedMode-in_person").click()
            submit(browser, "Save the plan")
            wait_for(browser, "#plannedFor-error")
            message = browser.find_element(By.ID, "plannedFor-error").text
            assert words in message and "Pacific/Auckland" in message, message
            assert browser.find_element(By.ID, "plannedPlace").get_attribute("value") == "The library", "what was typed is kept"
            check_page(browser)
        real = forward[1] + datetime.timedelta(minutes=30)  # 03:30, which happens once
        field = browser.find_element(By.ID, "plannedFor")
        browser.execute_script("arguments[0].value = arguments[1]", field, real.strftime("%Y-%m-%dT%H:%M"))
        submit(browser, "Save the plan")
        wait_for_text(browser, "The plan is saved.")
        shown = f"{real.day} {real.strftime('%B')} {real.year} at {real.strftime('%H:%M')}"
        assert shown in browser.find_element(By.TAG_NAME, "main").text, f"{shown} is shown as it was typed"
        check_page(browser)
    finally:
        server.stop()


def test_a_person_chooses_their_own_time_zone(browser, demo_server):
    sign_in_as(browser, demo_server, "tama.wiremu@demo.alongside.test", "Tama Wiremu")
    menu(browser, "Preferences")
    wait_for(browser, "#timeZone")
    check_page(browser)
    Select(browser.find_element(By.ID, "timeZone")).select_by_value("Australia/Sydney")
    submit(browser, "Save preferences")
    wait_for_text(browser, "Australia/Sydney time")
    check_page(browser)
    Select(browser.find_element(By.ID, "timeZone")).select_by_value("")
    submit(browser, "Save preferences")
    wait_for_text(browser, "Saved.")
