"""A staff member turns on a second factor and signs in with it; an emergency opening of a record
notifies the peer and lands in the coordinators' review queue; a worker chooses who reads their story."""
import base64
import hashlib
import hmac
import struct
import time

from selenium.webdriver.common.by import By

from conftest import menu, check_page, fill, login, sign_in_as, sign_out, submit, wait_for, wait_for_text


def totp(key, at=None):
    """RFC 6238, as an authenticator app computes it."""
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    counter = int((at if at is not None else time.time()) // 30)
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def main_text(browser):
    return browser.find_element(By.TAG_NAME, "main").text


def test_second_factor_and_an_emergency_opening_that_is_told_and_reviewed(browser, demo_server):
    email = "tama.wiremu@demo.alongside.test"
    sign_in_as(browser, demo_server, email, "Tama Wiremu")
    menu(browser, "Second factor")
    wait_for_text(browser, "With a second factor")
    check_page(browser)
    submit(browser, "Set up a second factor")
    wait_for(browser, "#totp-key")
    check_page(browser)
    key = browser.find_element(By.ID, "totp-key").text.replace(" ", "")
    fill(browser, {"code": totp(key)})
    submit(browser, "Turn it on")
    wait_for_text(browser, "Your second factor is on")
    recovery = [element.text for element in browser.find_elements(By.CSS_SELECTOR, "#recovery-codes code")]
    assert len(recovery) == 10
    check_page(browser)
    sign_out(browser)

    # The password alone now leads to the code; the code just used can't be used again.
    login(browser, demo_server, email)
    wait_for(browser, "#code")
    check_page(browser)
    fill(browser, {"code": totp(key, time.time() + 30)})
    submit(browser, "Sign in")
    wait_for_text(browser, "Hello, Tama Wiremu")

    # An emergency: Tama opens Jordan's record, with a reason and the second factor again.
    menu(browser, "Open a record in an emergency")
    wait_for(browser, "#find")
    fill(browser, {"find": "Jordan"})
    submit(browser, "Find the peer")
    wait_for(browser, "input[name=peer]")
    check_page(browser)
    browser.find_element(By.CSS_SELECTOR, "input[name=peer]").click()
    browser.find_element(By.ID, "reason-immediate-risk").click()
    fill(browser, {"words": "Jordan's sister called: Jordan may be at risk tonight.", "code": recovery[0]})
    submit(browser, "Open the record")
    wait_for_text(browser, "opened in an emergency")
    check_page(browser)

    # Tama turns the second factor off again (the demo is shared), with another recovery code.
    menu(browser, "Second factor")
    fill(browser, {"code": recovery[1]})
    submit(browser, "Turn it off")
    wait_for_text(browser, "Your second factor is off.")
    sign_out(browser)

    sign_in_as(browser, demo_server, "peer@demo.alongside.test", "Jordan Reyes")
    menu(browser, "Inbox", partial=True)
    wait_for_text(browser, "Tama Wiremu opened your record in an emergency")
    browser.get(demo_server + "/my/looked")
    wait_for_text(browser, "in an emergency, without your consent")
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    menu(browser, "Emergency openings")
    wait_for_text(browser, "Tama Wiremu opened Jordan's record")
    check_page(browser)
    section = browser.find_element(By.CSS_SELECTOR, "section.break-glass")
    section.find_element(By.CSS_SELECTOR, "input[value=justified]").click()
    section.find_element(By.CSS_SELECTOR, "textarea[name=note]").send_keys("Spoke with Tama and Jordan's sister: it was urgent.")
    submit(browser, "Save the review")
    wait_for_text(browser, "Reviewed. The review is kept with the opening.")
    check_page(browser)
    sign_out(browser)


def test_a_worker_chooses_who_reads_their_story(browser, demo_server):
    sign_in_as(browser, demo_server, "lee.fairweather@demo.alongside.test", "Lee Fairweather")
    menu(browser, "Your story")
    wait_for(browser, "#story")
    check_page(browser)
    fill(browser, {"story": "A peer group helped me back, years ago."})
    browser.find_element(By.ID, "storyTo-colleagues").click()
    submit(browser, "Save my choices")
    wait_for(browser, "#storyTo-error")
    check_page(browser)
    browser.find_element(By.ID, "statusTo-colleagues").click()
    submit(browser, "Save my choices")
    wait_for_text(browser, "Saved. Only the people you chose see it.")
    check_page(browser)
    sign_out(browser)


def test_a_coordinator_is_told_what_must_happen_before_an_erasure(browser, demo_server):
    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    menu(browser, "Relationships")
    wait_for(browser, "table, .cards, main")
    browser.find_elements(By.CSS_SELECTOR, "main a[href^='/relationships/']")[0].click()
    wait_for_text(browser, "at their request")
    browser.find_element(By.PARTIAL_LINK_TEXT, "at their request").click()
    wait_for_text(browser, "The act is written in the audit trail, never what was erased.")
    check_page(browser)
    sign_out(browser)
