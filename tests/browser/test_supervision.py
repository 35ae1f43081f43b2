"""Supervision: a coordinator arranges it, a supervisor reads what their supervisees bring."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import menu, check_page, sign_in_as, sign_out, submit, wait_for, wait_for_text


def test_a_supervisor_reads_a_reflection_brought_to_supervision(browser, demo_server):
    sign_in_as(browser, demo_server, "supervisor@demo.alongside.test", "Priya Natarajan")
    menu(browser, "Supervision")
    wait_for_text(browser, "Sam Okafor")
    check_page(browser)
    browser.find_elements(By.PARTIAL_LINK_TEXT, "Conversation with")[0].click()
    wait_for_text(browser, "Sam Okafor's reflection")
    assert "Their reflection" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser)
    sign_out(browser)


def test_a_coordinator_links_a_supervisor_to_a_peer_worker(browser, demo_server):
    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    menu(browser, "Supervision links")
    wait_for_text(browser, "Who supervises whom")
    submit(browser, "Save the link")
    wait_for(browser, "#supervisor-error")
    check_page(browser)
    Select(browser.find_element(By.ID, "supervisor")).select_by_visible_text("Lee Fairweather")
    Select(browser.find_element(By.ID, "worker")).select_by_visible_text("Ana Sousa")
    submit(browser, "Save the link")
    wait_for_text(browser, "Lee Fairweather supervises Ana Sousa")
    check_page(browser)
    sign_out(browser)
