"""Email outside the app, through a real SMTP server (aiosmtpd) that insists on STARTTLS and a
password: an escalation reaches the supervisor without the note's words, and a forgotten password
is reset by an emailed link that works once."""
import email
import email.policy
import re
import ssl
import subprocess
import tempfile
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from selenium.webdriver.common.by import By

from conftest import (Server, add_peer, check_accessibility, check_page, chromium, fill, free_port, menu, sign_in_as, sign_out,
                      submit, wait_for, wait_for_text)

USER, PASSWORD = "alongside", "relay secret 2026"


class Mailbox:
    """What the test SMTP server received, as parsed messages."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def wait_for(self, to, subject, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for recipients, message in self.messages:
                    if to in recipients and message["Subject"] == subject:
                        return message
            time.sleep(0.2)
        raise AssertionError(f"no message to {to} about {subject!r}; got {[(r, m['Subject']) for r, m in self.messages]}")


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok)


@pytest.fixture(scope="module")
def mail_server():
    folder = tempfile.mkdtemp(prefix="alongside-smtp-")
    cert, key = f"{folder}/cert.pem", f"{folder}/key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=authenticate, auth_require_tls=True)
    controller.start()
    server = Server(demo=True, ALONGSIDE_SMTP_HOST="localhost", ALONGSIDE_SMTP_PORT=port, ALONGSIDE_SMTP_SECURITY="starttls",
                    ALONGSIDE_SMTP_CA_FILE=cert, ALONGSIDE_SMTP_USERNAME=USER, ALONGSIDE_SMTP_PASSWORD=PASSWORD,
                    ALONGSIDE_SMTP_FROM="peers@demo.alongside.test", ALONGSIDE_MAIL_POLL_SECONDS=1)
    yield server.base, mailbox
    server.stop()
    controller.stop()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_an_escalation_reaches_the_supervisor_by_email_without_the_notes_words(browser, mail_server):
    base, mailbox = mail_server
    sign_in_as(browser, base, "peerworker@demo.alongside.test", "Sam Okafor")
    add_peer(browser, "Ngaio Rua")
    wait_for_text(browser, "Plans Ngaio Rua owns")
    browser.find_element(By.LINK_TEXT, "Record a concern conversation").click()
    wait_for(browser, "#noticed")
    fill(browser, {"noticed": "Ngaio said the nights are the worst.", "peerWants": "To stay at home.", "workerWillDo": "Call at ten."})
    browser.execute_script("document.getElementById('talkAgainOn').value = new Date(Date.now() + 86400000).toISOString().slice(0, 10)")
    submit(browser, "Save the agreement")
    wait_for_text(browser, "The agreement is saved.")
    browser.find_element(By.XPATH, "//summary[normalize-space()='Record an escalation']").click()
    browser.find_element(By.ID, "met").click()
    fill(browser, {"contacted": "Ambulance service, 999", "why": "Tablets taken an hour before."})
    submit(browser, "Record the escalation and tell my supervisor")
    wait_for_text(browser, "your supervisor has been told")

    message = mailbox.wait_for("supervisor@demo.alongside.test", "Alongside: a concern has been escalated to you")
    body = text_of(message)
    for secret in ("Tablets", "nights are the worst", "Ngaio", "Ambulance", "Sam Okafor"):
        assert secret not in body and secret not in message["Subject"], f"the email holds {secret!r}"
    link = re.search(r"http://\S+/concerns/[0-9a-f-]+", body).group(0)
    sign_out(browser)
    sign_in_as(browser, base, "supervisor@demo.alongside.test", "Priya Natarajan")
    browser.get(link)
    wait_for_text(browser, "Ambulance service, 999")
    check_page(browser)


@pytest.mark.parametrize("width,phone", [(360, True), (1280, False)])
def test_a_forgotten_password_is_reset_by_an_emailed_link_that_works_once(mail_server, width, phone):
    base, mailbox = mail_server
    driver = chromium(width, phone=phone)
    check = check_page if phone else check_accessibility
    address = "tama.wiremu@demo.alongside.test" if phone else "ana.sousa@demo.alongside.test"
    try:
        driver.get(base + "/login")
        wait_for(driver, "#email")
        driver.find_element(By.LINK_TEXT, "Forgotten your password?").click()
        wait_for(driver, "#email")
        check(driver)
        fill(driver, {"email": address})
        submit(driver, "Send me a link")
        wait_for_text(driver, "If that address has an account here")
        check(driver)
        message = mailbox.wait_for(address, "Alongside: choose a new password")
        link = re.search(r"http://\S+/password/reset/[A-Za-z0-9_-]+", text_of(message)).group(0)
        driver.get(link)
        wait_for(driver, "#password")
        check(driver)
        fill(driver, {"password": "kōwhai in the spring", "confirmation": "kōwhai in the spring"})
        submit(driver, "Save my new password")
        wait_for_text(driver, "Hello, ")
        assert driver.current_url.endswith("/home")
        driver.get(link)
        wait_for_text(driver, "This link has been used already")
        check(driver)
    finally:
        driver.quit()


def test_an_admin_sees_the_email_queue_and_the_settings_say_email_is_set_up(browser, mail_server):
    base, mailbox = mail_server
    sign_in_as(browser, base, "admin@demo.alongside.test", "Kai Thompson")
    menu(browser, "Email")
    wait_for_text(browser, "Email goes out through localhost")
    check_page(browser)
    browser.get(base + "/admin/settings")
    wait_for_text(browser, "Email goes out through localhost")
    check_page(browser)
