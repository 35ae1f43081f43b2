"""A service that bills for notes: the payer's elements, the worker's signature, a supervisor's sign-off."""
from selenium.webdriver.common.by import By

from conftest import menu, add_peer, check_page, fill, sign_in_as, sign_out, submit, wait_for, wait_for_text


def set_billing(browser, base, standard, sign_off):
    sign_in_as(browser, base, "coordinator@demo.alongside.test", "Morgan Ellis")
    menu(browser, "Service settings")
    wait_for(browser, "#quietDays")
    browser.find_element(By.ID, f"documentationStandard-{standard}").click()
    box = browser.find_element(By.ID, "supervisorSignOff")
    if box.is_selected() != sign_off:
        box.click()
    submit(browser, "Save the settings")
    wait_for_text(browser, "Settings saved.")
    check_page(browser)
    sign_out(browser)


def test_a_billing_record_is_completed_signed_and_signed_off(browser, demo_server):
    set_billing(browser, demo_server, "us-medicaid-peer-support", True)
    try:
        sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
        add_peer(browser, "Ari")
        browser.find_element(By.LINK_TEXT, "Write a note").click()
        wait_for(browser, "#sharedNote")
        browser.find_element(By.ID, "mode-in_person").click()
        fill(browser, {"minutes": "50", "place": "Community garden", "sharedNote": "We planted the beans Ari brought."})
        submit(browser, "Save the note")
        wait_for_text(browser, "Incomplete. Missing: Service code")
        browser.find_element(By.LINK_TEXT, "Fill in the billing record").click()
        wait_for(browser, "#serviceCode")
        check_page(browser)
        browser.find_element(By.ID, "sign").click()
        submit(browser, "Save the billing record")
        wait_for(browser, "#credential-error")
        check_page(browser)
        fill(browser, {
            "serviceCode": "H0038", "intervention": "Gardening together, talking about the week.",
            "purpose": "Ari's goal of spending more time outdoors.", "response": "Ari said it was the best part of the week.",
            "nextSteps": "Meet at the garden next Tuesday.", "credential": "Certified Peer Specialist"})
        submit(browser, "Save the billing record")
        wait_for_text(browser, "Complete, waiting for a supervisor to sign it off.")
        check_page(browser)
        sign_out(browser)

        sign_in_as(browser, demo_server, "supervisor@demo.alongside.test", "Priya Natarajan")
        menu(browser, "Supervision")
        wait_for_text(browser, "Billing records to sign off")
        browser.find_elements(By.XPATH, "//h3[normalize-space()='Billing records to sign off']/following-sibling::ul[1]//a")[0].click()
        wait_for_text(browser, "H0038")
        assert "We planted the beans" not in browser.find_element(By.TAG_NAME, "main").text
        check_page(browser)
        submit(browser, "Sign off this record")
        wait_for_text(browser, "The billing record is signed off.")
        sign_out(browser)
    finally:
        set_billing(browser, demo_server, "none", False)
