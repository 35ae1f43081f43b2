"""Nothing typed is ever lost: a note kept on the device as it is written, and a note sent after
the session ended, saved with one tap after signing in again."""
import time

import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD, Server, add_peer, check_page, fill, sign_in_as, submit, wait_for, wait_for_text

WORDS = "We sat by the river and she told me about the new flat."


def main_text(browser):
    return browser.find_element(By.TAG_NAME, "main").text


@pytest.fixture
def short_sessions():
    # Sessions end after one idle minute here, so a test can outlast one.
    server = Server(demo=True, ALONGSIDE_SESSION_IDLE_MINUTES=1, ALONGSIDE_LOGIN_MAX_FAILURES_ADDRESS=1000)
    yield server.base
    server.stop()


def test_a_note_written_as_the_session_ends_is_saved_after_signing_in_again(browser, short_sessions):
    sign_in_as(browser, short_sessions, "ana.sousa@demo.alongside.test", "Ana Sousa")
    add_peer(browser, "Whetu")
    wait_for_text(browser, "No conversations noted yet.")
    browser.find_element(By.LINK_TEXT, "Write a note").click()
    wait_for(browser, "#sharedNote")
    browser.find_element(By.ID, "mode-phone").click()
    fill(browser, {"minutes": "40", "sharedNote": WORDS})
    time.sleep(65)  # the worker is called away; their session ends
    submit(browser, "Save the note")
    wait_for_text(browser, "Nothing you typed is lost")
    check_page(browser)
    fill(browser, {"email": "ana.sousa@demo.alongside.test", "password": DEMO_PASSWORD})
    submit(browser, "Sign in")
    wait_for_text(browser, "Save what you typed")
    assert WORDS in main_text(browser)
    check_page(browser)
    submit(browser, "Save what you typed")
    wait_for_text(browser, "Your note is saved.")
    assert WORDS in main_text(browser)
    check_page(browser)


def test_a_long_form_keeps_a_draft_on_the_device_until_it_is_saved(browser, demo_server):
    sign_in_as(browser, demo_server, "ana.sousa@demo.alongside.test", "Ana Sousa")
    add_peer(browser, "Ngaio")
    wait_for_text(browser, "No conversations noted yet.")
    browser.find_element(By.LINK_TEXT, "Write a note").click()
    wait_for(browser, "#sharedNote")
    form_url = browser.current_url
    browser.find_element(By.ID, "mode-phone").click()
    fill(browser, {"minutes": "35", "sharedNote": WORDS})
    time.sleep(1)  # the draft is kept a moment after typing stops

    # Away and back, as after a dropped connection or a closed tab.
    browser.get(demo_server + "/caseload")
    wait_for_text(browser, "Ngaio")
    browser.get(form_url)
    wait_for(browser, ".draft-notice")
    assert browser.find_element(By.ID, "sharedNote").get_attribute("value") == WORDS
    assert browser.find_element(By.ID, "mode-phone").is_selected()
    check_page(browser)
    submit(browser, "Save the note")
    wait_for_text(browser, "Your note is saved.")

    # Saved, so a new note starts empty.
    browser.get(form_url)
    wait_for(browser, "#sharedNote")
    assert browser.find_element(By.ID, "sharedNote").get_attribute("value") == ""
    assert not browser.find_elements(By.CSS_SELECTOR, ".draft-notice")
