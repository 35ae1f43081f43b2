"""Admins invite people and change roles; others meet a clear 403."""
from selenium.webdriver.common.by import By

from conftest import menu, check_page, fill, sign_in_as, sign_out, submit, wait_for, wait_for_text


def test_an_invited_person_accepts_their_link_once(browser, demo_server):
    sign_in_as(browser, demo_server, "admin@demo.alongside.test", "Kai Thompson")
    menu(browser, "Accounts")
    wait_for_text(browser, "Everyone with an account")
    check_page(browser)
    browser.find_element(By.LINK_TEXT, "Invite someone").click()
    wait_for(browser, "#role-peerworker")
    check_page(browser)
    fill(browser, {"name": "Mere Tane", "email": "mere.tane@example.org"})
    browser.find_element(By.ID, "role-peerworker").click()
    submit(browser, "Create invite link")
    wait_for_text(browser, "Invite link ready")
    check_page(browser)
    link = browser.find_element(By.ID, "invite-link").get_attribute("value")
    assert "/invite/" in link
    sign_out(browser)

    browser.get(link)
    wait_for(browser, "#password")
    assert browser.find_element(By.ID, "name").get_attribute("value") == "Mere Tane"
    check_page(browser)
    fill(browser, {"password": "harakeke in the wind", "confirmation": "harakeke in the rain"})
    submit(browser, "Create my account")
    wait_for(browser, "#confirmation-error")
    check_page(browser)
    fill(browser, {"password": "harakeke in the wind", "confirmation": "harakeke in the wind"})
    submit(browser, "Create my account")
    wait_for_text(browser, "Hello, Mere Tane")
    assert browser.current_url.endswith("/home")
    assert "Everyone you walk alongside" in browser.find_element(By.TAG_NAME, "main").text
    sign_out(browser)

    browser.get(link)
    wait_for_text(browser, "This invite link has already been used")
    assert browser.find_element(By.TAG_NAME, "h1").text == "This link can't be used"
    check_page(browser)


def test_an_admin_changes_someones_roles(browser, demo_server):
    sign_in_as(browser, demo_server, "admin@demo.alongside.test", "Kai Thompson")
    browser.get(demo_server + "/admin/accounts")
    browser.find_element(By.LINK_TEXT, "Tama Wiremu").click()
    wait_for(browser, "#role-supervisor")
    check_page(browser)
    assert not browser.find_element(By.ID, "role-supervisor").is_selected()
    browser.find_element(By.ID, "role-supervisor").click()
    submit(browser, "Save roles")
    wait_for_text(browser, "Roles saved.")
    assert browser.find_element(By.ID, "role-supervisor").is_selected()
    assert browser.find_element(By.ID, "role-peerworker").is_selected()
    check_page(browser)
    # The change is stored, not just echoed back: a fresh load of the page still shows it.
    browser.get(browser.current_url.split("?")[0].split("#")[0])
    wait_for(browser, "#role-supervisor")
    assert browser.find_element(By.ID, "role-supervisor").is_selected()
    assert browser.find_element(By.ID, "role-peerworker").is_selected()


def test_a_peer_worker_meets_a_clear_403_on_admin_pages(browser, demo_server):
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    browser.get(demo_server + "/admin/accounts")
    wait_for_text(browser, "You can't open this page")
    assert browser.find_element(By.TAG_NAME, "h1").text == "You can't open this page"
    assert browser.find_element(By.CSS_SELECTOR, ".reference code").text
    check_page(browser)


def test_changing_your_own_password(browser, demo_server):
    sign_in_as(browser, demo_server, "clinician@demo.alongside.test", "Alex Chen")
    menu(browser, "Password")
    wait_for(browser, "#current")
    check_page(browser)
    fill(browser, {"current": "demo password 2026", "password": "1qaz2wsx3edc", "confirmation": "1qaz2wsx3edc"})
    submit(browser, "Change password")
    wait_for(browser, "#password-error")
    assert "most common passwords" in browser.find_element(By.ID, "password-error").text
    fill(browser, {"current": "demo password 2026", "password": "lighthouse at low tide",
                   "confirmation": "lighthouse at low tide"})
    submit(browser, "Change password")
    wait_for_text(browser, "Your password has been changed.")
    check_page(browser)
    # The demo server is shared: Alex's password goes back to the demo one for the tests after this.
    fill(browser, {"current": "lighthouse at low tide", "password": "demo password 2026", "confirmation": "demo password 2026"})
    submit(browser, "Change password")
    wait_for_text(browser, "Your password has been changed.")


def test_an_admin_reads_the_audit_trail(browser, demo_server):
    sign_in_as(browser, demo_server, "admin@demo.alongside.test", "Kai Thompson")
    menu(browser, "Audit trail")
    wait_for_text(browser, "Audit trail, page 1")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "signed in" in main and "Kai Thompson" in main
    check_page(browser)
