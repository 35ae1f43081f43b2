"""Real servers and a real browser for the browser tests.

Each server is a real `alongside serve` process on a free loopback port with its own SQLite
data folder; the browser is headless Chromium at a 360 px wide phone size.
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("ALONGSIDE_BIN", os.path.join(ROOT, ".build", "debug", "alongside"))
DEMO_PASSWORD = "demo password 2026"
PHONE_WIDTH = 360


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_binary(start, patience=120):
    """Starts the app binary, waiting while someone else's `swift build` is replacing it."""
    deadline = time.monotonic() + patience
    while True:
        try:
            return start()
        except OSError:  # missing for a moment, or "text file busy" while the linker writes it
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


class Server:
    """One `alongside serve` process with a data folder of its own."""

    def __init__(self, demo=False, **settings):
        self.data = tempfile.mkdtemp(prefix="alongside-browser-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, ALONGSIDE_DATA_DIR=self.data, ALONGSIDE_PORT=str(self.port),
                        ALONGSIDE_BCRYPT_COST="4", ALONGSIDE_DEMO_PASSWORD=DEMO_PASSWORD, LOG_LEVEL="notice",
                        **{k: str(v) for k, v in settings.items()})
        if demo:
            demo_run = run_binary(lambda: subprocess.run([BINARY, "demo"], env=self.env, capture_output=True,
                                                         timeout=120))
            if demo_run.returncode != 0:
                shutil.rmtree(self.data, ignore_errors=True)
                raise RuntimeError(f"alongside demo failed ({demo_run.returncode}):\n"
                                   + (demo_run.stdout + demo_run.stderr).decode(errors="replace")[-4000:])
        self.log = open(os.path.join(self.data, "serve.log"), "w")
        self.process = run_binary(lambda: subprocess.Popen([BINARY, "serve"], env=self.env, stdout=self.log,
                                                           stderr=subprocess.STDOUT))
        self.wait_until_ready()

    def wait_until_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        with open(os.path.join(self.data, "serve.log")) as log:
            raise RuntimeError("alongside serve did not become ready:\n" + log.read()[-4000:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        shutil.rmtree(self.data, ignore_errors=True)


@pytest.fixture
def fresh_server():
    server = Server()
    yield server.base
    server.stop()


@pytest.fixture(scope="session")
def demo_server():
    # Plenty of tests sign in from 127.0.0.1; only the limit for one email from one address is exercised here.
    server = Server(demo=True, ALONGSIDE_LOGIN_MAX_FAILURES_ADDRESS=1000)
    yield server.base
    server.stop()


def chromium(width, phone=True):
    """Headless Chromium at a width: a phone's (emulated) or a desk's."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},800", "--lang=en-GB"):
        options.add_argument(argument)
    if phone:
        # Headless Chromium widens a window narrower than 500 px to 500 px, so also emulate the
        # phone's viewport; check_page asserts the page really is 360 px wide.
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": 780, "pixelRatio": 2}})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(0)
    return driver


@pytest.fixture
def browser():
    driver = chromium(PHONE_WIDTH)
    yield driver
    driver.quit()


def wait_for(driver, css, timeout=10):
    return WebDriverWait(driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def wait_for_text(driver, text, timeout=10):
    # Read the text in one script call, so a page being replaced can't leave a stale element behind.
    WebDriverWait(driver, timeout).until(
        lambda d: text in (d.execute_script("return document.body ? document.body.innerText : ''") or ""))


def check_accessibility(driver):
    """Runs axe-core on the current page and fails on any serious or critical violation."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in bad)
    assert not bad, f"accessibility violations on {driver.current_url}:\n{details}"


def check_page(driver):
    """No serious or critical accessibility violations, and nothing wider than a small phone."""
    check_accessibility(driver)
    assert driver.execute_script("return window.innerWidth") == PHONE_WIDTH
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{driver.current_url} scrolls sideways at {PHONE_WIDTH}px (content is {width}px wide)"


def fill(driver, values):
    for name, value in values.items():
        field = driver.find_element(By.ID, name)
        field.clear()
        field.send_keys(value)


def submit(driver, label):
    """Presses a form's button and waits until the next page has replaced this one."""
    driver.execute_script("window.alongsidePreviousPage = true")
    driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']").click()
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState === 'complete' && !window.alongsidePreviousPage"))


def login(driver, base, email, password=DEMO_PASSWORD):
    driver.get(base + "/login")
    wait_for(driver, "#email")
    fill(driver, {"email": email, "password": password})
    submit(driver, "Sign in")


def http_status(url):
    """The status code a plain GET of url answers with (without following a browser)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def open_menu(driver):
    """On a phone the navigation sits behind the header's Menu button; at a desk it is always open."""
    menu = driver.find_element(By.CSS_SELECTOR, "details.site-menu")
    summary = menu.find_element(By.TAG_NAME, "summary")
    if summary.is_displayed() and menu.get_attribute("open") is None:
        summary.click()
    return menu.find_element(By.CSS_SELECTOR, "nav[aria-label='Main']")


def menu(driver, label, partial=False):
    """Follows a link in the main navigation, opening the menu first where it is closed."""
    nav = open_menu(driver)
    nav.find_element(By.PARTIAL_LINK_TEXT if partial else By.LINK_TEXT, label).click()


def sign_out(driver):
    open_menu(driver)
    submit(driver, "Sign out")
    wait_for_text(driver, "You've signed out.")


def sign_in_as(driver, base, email, name, password=DEMO_PASSWORD):
    """Signs in and waits for the person's home page."""
    login(driver, base, email, password)
    wait_for_text(driver, f"Hello, {name}")


def add_peer(driver, name):
    """From any signed-in page, adds a peer with the worker the form suggests."""
    menu(driver, "Add a peer")
    wait_for(driver, "#preferredName")
    fill(driver, {"preferredName": name})
    submit(driver, "Add peer and start the relationship")


def move_stage(driver, to, by):
    """Chooses the stage and who moved it on the relationship page, and saves."""
    driver.find_element(By.ID, f"to-{to}").click()
    driver.find_element(By.ID, f"initiatedBy-{by}").click()
    submit(driver, "Save the move")
