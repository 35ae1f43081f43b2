"""Setting up Alongside on an empty database, on a phone-sized screen."""
from selenium.webdriver.common.by import By

import subprocess

from conftest import BINARY, Server, check_page, fill, http_status, submit, wait_for, wait_for_text


def test_setup_on_an_empty_database(browser, fresh_server):
    browser.get(fresh_server + "/")
    wait_for(browser, "#organisation")
    assert browser.current_url.endswith("/setup")
    check_page(browser)

    fill(browser, {"organisation": "Riverside Peers", "name": "Ana Lee", "email": "ana.example.org",
                   "password": "short", "confirmation": "short"})
    submit(browser, "Create organisation")
    wait_for(browser, ".error-summary")
    assert browser.find_element(By.CSS_SELECTOR, ".error-summary").get_attribute("role") == "alert"
    assert "Enter an email address like name@example.org." in browser.find_element(By.ID, "email-error").text
    assert "Use at least 12 characters" in browser.find_element(By.ID, "password-error").text
    assert browser.find_element(By.ID, "organisation").get_attribute("value") == "Riverside Peers"
    assert browser.find_element(By.ID, "name").get_attribute("value") == "Ana Lee"
    assert browser.find_element(By.ID, "password").get_attribute("value") == ""
    assert browser.find_element(By.ID, "confirmation").get_attribute("value") == ""
    check_page(browser)

    fill(browser, {"email": "ana@example.org", "password": "quiet morning walks",
                   "confirmation": "quiet morning walks"})
    submit(browser, "Create organisation")
    wait_for_text(browser, "Hello, Ana Lee")
    assert browser.current_url.endswith("/home")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Hello, Ana Lee"
    check_page(browser)

    browser.get(fresh_server + "/setup")
    wait_for_text(browser, "We couldn't find that page")
    check_page(browser)
    assert http_status(fresh_server + "/setup") == 404



def test_the_demo_is_never_added_beside_a_real_service_unless_asked(browser):
    server = Server()
    try:
        browser.get(server.base + "/setup")
        wait_for(browser, "#organisation")
        fill(browser, {"organisation": "Harbour Peers", "name": "Rua Kerr", "email": "rua@example.org",
                       "password": "quiet morning walks", "confirmation": "quiet morning walks"})
        submit(browser, "Create organisation")
        wait_for_text(browser, "Hello, Rua Kerr")
        refused = subprocess.run([BINARY, "demo"], env=server.env, capture_output=True, text=True, timeout=120)
        assert refused.returncode != 0
        assert "holds a real service" in refused.stdout + refused.stderr
        asked = subprocess.run([BINARY, "demo", "--beside-real-data"], env=server.env, capture_output=True, text=True, timeout=120)
        assert asked.returncode == 0, asked.stdout + asked.stderr
    finally:
        server.stop()


def test_setup_explains_a_folder_that_holds_only_the_demo(browser):
    server = Server(demo=True)
    try:
        browser.get(server.base + "/setup")
        wait_for_text(browser, "This folder holds the demo")
        assert http_status(server.base + "/setup") == 409
        check_page(browser)
    finally:
        server.stop()
