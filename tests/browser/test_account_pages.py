"""Every account page a signed-in person can open, in German and English: axe-core finds
nothing, no console error, CSP violation or foreign request; the key forms also in their
error state."""

import pytest
from allauth.account.models import EmailAddress

from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory
from tests.site_inventory import ACCOUNT_PAGES

PASSWORD = "richtig-gutes-Passwort-1"


@pytest.fixture
def person(db):
    user = UserFactory(email="konto@example.org", display_name="Kim Konto")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(page):
    page.goto("/konto/login/")
    page.get_by_label("E-Mail-Adresse").fill("konto@example.org")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/")


def test_every_account_page_is_accessible_in_both_languages(page, person):
    log_in(page)
    checked = 0
    for prefix in ["", "/en"]:
        for path in ACCOUNT_PAGES:
            response = page.goto(prefix + path)
            assert response.status == 200, path
            assert_accessible(page, context=prefix + path)
            checked += 1
    print(f"\naccount pages: {checked} checked")


def test_account_forms_in_their_error_state_are_accessible(page, person):
    log_in(page)
    page.goto("/konto/password/change/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector(".kern-error, #error-summary")
    assert_accessible(page, context="password change with errors")

    page.goto("/konto/email/")
    page.get_by_label("E-Mail-Adresse").fill("kein-gueltiger-wert")
    page.locator("main form").filter(has=page.get_by_label("E-Mail-Adresse")).locator(
        "button[type=submit]"
    ).first.click()
    page.wait_for_load_state()
    assert_accessible(page, context="email form with errors")

    page.goto("/konto/password/reset/")
    assert_accessible(page, context="password reset")
    page.goto("/konto/logout/")
    assert_accessible(page, context="logout confirmation")
