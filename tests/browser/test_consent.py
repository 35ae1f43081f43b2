"""The peer decides who beyond their worker reads what, sees who looked, and a clinician refers."""
from selenium.webdriver.common.by import By

from conftest import menu, check_page, fill, sign_in_as, sign_out, submit, wait_for, wait_for_text


def main_text(browser):
    return browser.find_element(By.TAG_NAME, "main").text


def test_a_peer_shares_their_safety_plan_with_a_clinician_and_revokes_it(browser, demo_server):
    # The worker reads Jordan's journey, so there is a look for Jordan to see.
    sign_in_as(browser, demo_server, "peerworker@demo.alongside.test", "Sam Okafor")
    menu(browser, "Caseload")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Jordan").click()
    wait_for_text(browser, "Write a note")
    sign_out(browser)

    sign_in_as(browser, demo_server, "peer@demo.alongside.test", "Jordan Reyes")
    menu(browser, "Sharing")
    wait_for_text(browser, "Who can read your record")
    check_page(browser)
    submit(browser, "Share this")
    wait_for(browser, "#audience-error")
    check_page(browser)
    browser.find_element(By.ID, "audience-clinician").click()
    browser.find_element(By.CSS_SELECTOR, "#clinician option:nth-child(2)").click()
    browser.find_element(By.ID, "categories-safetyPlan").click()
    fill(browser, {"purpose": "So my GP knows my plan in a crisis"})
    submit(browser, "Share this")
    wait_for_text(browser, "Alex Chen can read your wellness and safety plan.")
    check_page(browser)

    browser.find_element(By.LINK_TEXT, "See who has looked at your record").click()
    wait_for_text(browser, "Who has looked at your record")
    assert "Sam Okafor, your peer worker, read where your journey is and its dates on" in main_text(browser)
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "clinician@demo.alongside.test", "Alex Chen")
    menu(browser, "Shared with me")
    wait_for_text(browser, "Shared with you")
    check_page(browser)
    browser.find_element(By.LINK_TEXT, "Jordan").click()
    wait_for_text(browser, "What Jordan shares with you")
    text = main_text(browser)
    assert "Wellness and safety plan" in text
    assert "Shown under the consent Jordan gave in the portal" in text
    assert "Shared notes" not in text, "only the safety plan was shared"
    shared_url = browser.current_url
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "peer@demo.alongside.test", "Jordan Reyes")
    menu(browser, "Sharing")
    browser.find_element(By.XPATH, "//button[normalize-space()='Revoke']").click()
    wait_for_text(browser, "Revoked. From now on they can't read it.")
    assert "Revoked on" in main_text(browser)
    browser.find_element(By.LINK_TEXT, "See who has looked at your record").click()
    wait_for_text(browser, "Alex Chen, a partner clinician, read your wellness and safety plan on")
    sign_out(browser)

    sign_in_as(browser, demo_server, "clinician@demo.alongside.test", "Alex Chen")
    browser.get(shared_url)
    wait_for_text(browser, "We couldn't find that page")
    assert "Wellness and safety plan" not in main_text(browser)
    sign_out(browser)


def test_a_clinician_refers_someone_and_a_coordinator_accepts(browser, demo_server):
    sign_in_as(browser, demo_server, "clinician@demo.alongside.test", "Alex Chen")
    browser.get(demo_server + "/referrals/new")
    wait_for_text(browser, "Refer someone to the peer service")
    submit(browser, "Send the referral")
    wait_for(browser, "#name-error")
    check_page(browser)
    fill(browser, {"name": "Rawiri", "howToReach": "021 555 0101", "reason": "Would like someone who has been there."})
    submit(browser, "Send the referral")
    wait_for_text(browser, "Sent. A coordinator will answer it here.")
    check_page(browser)
    sign_out(browser)

    sign_in_as(browser, demo_server, "coordinator@demo.alongside.test", "Morgan Ellis")
    menu(browser, "Referrals")
    wait_for_text(browser, "Rawiri, from Alex Chen")
    check_page(browser)
    browser.find_element(By.CSS_SELECTOR, "select[name=worker] option:nth-child(2)").click()
    submit(browser, "Accept")
    wait_for_text(browser, "Accepted. The peer worker has them on their caseload now.")
    check_page(browser)
    menu(browser, "Who read what")
    wait_for_text(browser, "Who read which record")
    check_page(browser)
    sign_out(browser)


def test_a_peer_corrects_their_profile_and_downloads_everything_held_about_them(browser, demo_server):
    import base64
    import io
    import json
    import zipfile

    sign_in_as(browser, demo_server, "peer@demo.alongside.test", "Jordan Reyes")
    menu(browser, "About you")
    wait_for(browser, "#pronouns")
    check_page(browser)
    fill(browser, {"pronouns": "they/them"})
    submit(browser, "Save my changes")
    wait_for_text(browser, "Saved. Your peer worker is told it changed.")
    assert "Earlier wording" in main_text(browser)
    check_page(browser)

    menu(browser, "Sharing")
    link = browser.find_element(By.LINK_TEXT, "Download everything we hold about you")
    assert link.get_attribute("href").endswith("/my/export")
    # The browser fetches the archive as the link would, with the peer's own session.
    encoded = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('/my/export').then(r => r.arrayBuffer()).then(buffer => {
            let text = '';
            new Uint8Array(buffer).forEach(b => text += String.fromCharCode(b));
            done(btoa(text));
        });
    """)
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(encoded)))
    assert sorted(archive.namelist()) == ["record.html", "record.json"]
    record = json.loads(archive.read("record.json"))
    assert record["profile"]["pronouns"] == "they/them"
    notes = [note["sharedNote"] for relationship in record["relationships"] for note in relationship["conversations"]]
    assert notes and all(isinstance(note, str) for note in notes)
    assert any(note for note in notes), "their shared notes are in the archive"
    assert "Everything" in archive.read("record.html").decode()
    sign_out(browser)
