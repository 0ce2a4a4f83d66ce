"""The login page's "Sign in with a passkey" button asks the server for a passkey challenge
(it pointed at a form the page never rendered)."""

from tests.browser.conftest import assert_accessible


def test_passkey_button_on_the_login_page_starts_a_passkey_login(page):
    page.goto("/konto/login/")
    assert_accessible(page, context="login")
    assert page.locator("form#mfa_login").count() == 1
    with page.expect_request(lambda request: "/konto/2fa/webauthn/login/" in request.url) as ask:
        page.get_by_role("button", name="Mit einem Passkey anmelden").click()
    assert ask.value.method == "GET"
    assert ask.value.headers["accept"] == "application/json"
