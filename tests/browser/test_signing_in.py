"""Signing in and out, wrong passwords and throttling."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import check_page, login, open_menu, sign_in_as, sign_out, wait_for


def test_a_peer_worker_signs_in_and_sees_only_what_they_may_use(browser, demo_server):
    browser.get(demo_server + "/login")
    wait_for(browser, "#email")
    check_page(browser)
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    assert browser.current_url.endswith("/home")
    navigation = open_menu(browser).text
    assert "Home" in navigation and "Password" in navigation
    assert "Accounts" not in navigation and "Audit trail" not in navigation
    check_page(browser)


def test_a_wrong_password_says_so_and_keeps_the_email(browser, demo_server):
    login(browser, demo_server, "supervisor@demo.alongside.test", "not my password at all")
    wait_for(browser, ".form-message")
    message = browser.find_element(By.CSS_SELECTOR, ".form-message")
    assert message.text == "That email and password don't match an account. Check both and try again."
    assert message.get_attribute("role") == "alert"
    assert browser.find_element(By.ID, "email").get_attribute("value") == "supervisor@demo.alongside.test"
    assert browser.find_element(By.ID, "password").get_attribute("value") == ""
    check_page(browser)


def test_repeated_failures_pause_signing_in(browser, demo_server):
    # Five tries go ahead at once; after them each try from here waits twice as long as the one
    # before (1 s, 2 s, 4 s, ...), so quick guessing meets a pause within a few more tries.
    tries = 0
    message = ""
    while tries < 16 and "paused" not in message:
        login(browser, demo_server, "evaluator@demo.alongside.test", "a wrong guess here")
        wait_for(browser, ".form-message")
        message = browser.find_element(By.CSS_SELECTOR, ".form-message").text
        tries += 1
    assert tries > 5, "the first five tries are checked"
    assert message.startswith("There have been too many sign-in attempts, so signing in is paused for"), message
    assert browser.find_element(By.ID, "email").get_attribute("value") == "evaluator@demo.alongside.test"
    assert "/login" in browser.current_url
    check_page(browser)


def test_signing_out_ends_the_session(browser, demo_server):
    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    sign_out(browser)
    assert "/login" in browser.current_url
    assert "You've signed out. See you next time." in browser.find_element(By.TAG_NAME, "body").text
    check_page(browser)
    browser.get(demo_server + "/home")
    wait_for(browser, "#email")
    assert "/login" in browser.current_url
    assert "Hello," not in browser.find_element(By.TAG_NAME, "body").text


def test_the_skip_link_comes_first_for_keyboard_users(browser, demo_server):
    browser.get(demo_server + "/login")
    wait_for(browser, "#email")
    check_page(browser)
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.text == "Skip to main content"
    assert focused.get_attribute("href").endswith("#main")
    focused.send_keys(Keys.ENTER)
    WebDriverWait(browser, 5).until(lambda d: d.switch_to.active_element.get_attribute("id") == "main")
