"""Sign up → confirm email → log in → enable TOTP → log out → log in with a code."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.factories import unused_totp_code

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Ein-sehr-gutes-Passwort-2026"


def confirmation_path() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/konto/confirm-email/[^\s]+/)", body).group(1)


def sign_up_and_confirm(page, email, assert_page):
    page.goto("/konto/signup/")
    assert_page(page, context="signup")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Anzeigename").fill("Jana Journey")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(PASSWORD)
    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").check()
    page.get_by_role("button", name="Registrieren").click()
    page.wait_for_url("**/konto/confirm-email/")
    assert_page(page, context="verification sent")
    page.goto(confirmation_path())
    assert_page(page, context="confirm email")
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/konto/login/?bestaetigt=1")


def log_in(page, email, assert_page):
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()


def test_account_journey_with_totp(page):
    email = "jana@example.org"
    sign_up_and_confirm(page, email, assert_accessible)
    assert_accessible(page, context="login")
    log_in(page, email, assert_accessible)
    page.wait_for_url("**/konto/")
    assert "Jana Journey" in page.content()
    assert_accessible(page, context="account overview")

    page.goto("/konto/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:
        page.get_by_label("Passwort", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Bestätigen").click()
        page.wait_for_url("**/konto/2fa/totp/activate/")
    assert_accessible(page, context="activate totp")
    secret = page.locator("#authenticator_secret").input_value()
    used_codes = set()
    page.get_by_label("Authentifizierungscode").fill(unused_totp_code(secret, used_codes))
    page.get_by_role("button", name="Aktivieren").click()
    page.wait_for_url(lambda url: "/konto/2fa/" in url and "/totp/activate/" not in url)
    assert_accessible(page, context="after activation")

    page.locator("header").get_by_role("button", name="Abmelden").click()
    page.wait_for_url(re.compile(r".*/$"))
    assert_accessible(page, context="logged out")

    page.goto("/konto/login/")
    log_in(page, email, assert_accessible)
    page.wait_for_url("**/konto/2fa/authenticate/")
    assert_accessible(page, context="second factor")
    page.get_by_label("Code").fill(unused_totp_code(secret, used_codes))
    page.locator("form").filter(has=page.get_by_label("Code")).get_by_role("button").first.click()
    page.wait_for_url("**/konto/")
    assert "Jana Journey" in page.content()


def test_account_journey_without_javascript(page_without_js):
    page = page_without_js
    email = "ohne-js@example.org"
    sign_up_and_confirm(page, email, assert_accessible_without_js)
    log_in(page, email, assert_accessible_without_js)
    page.wait_for_url("**/konto/")
    assert "Jana Journey" in page.content()
    assert_accessible_without_js(page, context="account overview without JS")


def test_public_pages_are_accessible_in_both_languages(page):
    for path in [
        "/",
        "/en/",
        "/impressum/",
        "/barrierefreiheit/",
        "/en/kontakt/",
        "/gibt-es-nicht/",
        "/konto/login/",
        "/en/konto/signup/",
    ]:
        page.goto(path)
        assert_accessible(page, context=path)


def test_feedback_form_errors_are_accessible_and_focused(page):
    page.goto("/barrierefreiheit/")
    page.get_by_role("button", name="Nachricht senden").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert_accessible(page, context="feedback errors")
    page.locator("#error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_message"


def add_virtual_authenticator(page):
    """Chromium's virtual authenticator: a platform passkey that verifies the user at once."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def test_account_journey_with_a_passkey(page):
    """Log in with the password, add a passkey from the account pages, log out, log in
    with the passkey button alone."""
    from tests.factories import UserFactory, verified

    verified(UserFactory(email="passkey@example.org", display_name="Pia Passkey"))
    add_virtual_authenticator(page)
    page.goto("/")
    page.locator("header").get_by_role("link", name="Anmelden").click()
    page.get_by_label("E-Mail-Adresse").fill("passkey@example.org")
    page.get_by_label("Passwort", exact=True).fill("richtig-gutes-Passwort-1")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/")

    page.get_by_role("navigation", name="Mein Konto").get_by_role("link", name="Passkeys").click()
    page.wait_for_url("**/konto/2fa/webauthn/")
    assert_accessible(page, context="passkeys, none yet")
    page.locator("main").get_by_role("link", name="Hinzufügen").click()
    if "/reauthenticate/" in page.url:
        page.get_by_label("Passwort", exact=True).fill("richtig-gutes-Passwort-1")
        page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/konto/2fa/webauthn/add/")
    assert_accessible(page, context="add a passkey")
    page.get_by_label("Name").fill("Mein Laptop")
    page.get_by_label("Passwortlos").check()
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert_accessible(page, context="after adding a passkey")
    page.goto("/konto/2fa/webauthn/")
    assert "Mein Laptop" in page.locator("main").inner_text()

    page.locator("header").get_by_role("button", name="Abmelden").click()
    page.wait_for_url(re.compile(r".*/$"))
    page.locator("header").get_by_role("link", name="Anmelden").click()
    page.wait_for_url("**/konto/login/")
    assert_accessible(page, context="login with the passkey button")
    page.get_by_role("button", name="Mit einem Passkey anmelden").click()
    page.wait_for_url("**/konto/")
    assert "Pia Passkey" in page.locator("main").inner_text()
    assert_accessible(page, context="account home after a passkey login")
