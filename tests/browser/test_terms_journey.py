"""Sign up with the terms of use; a new version asks again before the account goes on."""

import re

import pytest
from django.core import mail

from accounts import terms as terms_services
from accounts.models import TermsAcceptance, TermsOfUse
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.factories import UserFactory, verified

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Ein-sehr-gutes-Passwort-2026"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def new_version() -> TermsOfUse:
    """Staff write a new version and put it in force (as the admin's action does)."""
    admin = UserFactory(is_staff=True, is_superuser=True)
    draft = terms_services.save_terms(
        terms=TermsOfUse(
            title_de="Nutzungsbedingungen, Fassung 2",
            title_en="Terms of use, version 2",
            body_de="Neu: **keine Werbung** in Projektprofilen.",
            body_en="New: **no advertising** in project profiles.",
        ),
        by=admin,
    )
    return terms_services.publish_terms(terms=draft, by=admin)


def log_in(page, email):
    page.goto("/konto/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_sign_up_needs_the_box_and_a_new_version_asks_again(page, viewport):
    page.set_viewport_size(viewport)
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Nutzungsbedingungen").click()
    page.wait_for_url("**/nutzungsbedingungen/")
    assert "Version 1" in page.content()
    assert_accessible(page, context="terms of use")

    page.goto("/konto/signup/")
    page.get_by_label("E-Mail-Adresse").fill("tara@example.org")
    page.get_by_label("Anzeigename").fill("Tara Terms")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(PASSWORD)
    page.get_by_role("button", name="Registrieren").click()
    page.wait_for_selector("#error-summary")
    assert "Bitte akzeptieren Sie die Nutzungsbedingungen" in page.content()
    assert page.get_by_label("Anzeigename").input_value() == "Tara Terms"
    assert_accessible(page, context="sign-up without the box")
    page.locator("#error-summary a", has_text="Nutzungsbedingungen").click()
    assert page.evaluate("document.activeElement.id") == "id_accept_terms"
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(PASSWORD)
    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").check()
    page.get_by_role("button", name="Registrieren").click()
    page.wait_for_url("**/konto/confirm-email/")
    assert TermsAcceptance.objects.filter(user__email="tara@example.org", terms__version=1)

    confirm = re.search(r"https?://[^/\s]+(/konto/confirm-email/[^\s]+/)", mail.outbox[-1].body)
    page.goto(confirm.group(1))
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/konto/login/?bestaetigt=1")
    log_in(page, "tara@example.org")
    page.wait_for_url("**/konto/")

    new_version()
    page.goto("/konto/")
    page.wait_for_url("**/konto/nutzungsbedingungen/?next=*")
    assert "Nutzungsbedingungen, Fassung 2" in page.content()
    assert_accessible(page, context="new terms interstitial")
    page.goto("/projekte/")  # public pages stay open
    assert page.url.endswith("/projekte/")
    page.goto("/konto/")
    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").check()
    page.get_by_role("button", name="Akzeptieren und weiter").click()
    page.wait_for_url("**/konto/")
    assert "Sie haben die Nutzungsbedingungen akzeptiert." in page.content()
    assert_accessible(page, context="account after accepting")


def test_new_terms_without_javascript(page_without_js):
    page = page_without_js
    verified(UserFactory(email="ohne-js@example.org", password=PASSWORD))
    new_version()
    log_in(page, "ohne-js@example.org")
    page.wait_for_url("**/konto/nutzungsbedingungen/?next=*")
    assert_accessible_without_js(page, context="interstitial without JS")
    page.get_by_role("button", name="Akzeptieren und weiter").click()  # box not ticked
    page.wait_for_selector("#error-summary")
    assert_accessible_without_js(page, context="interstitial error without JS")
    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").check()
    page.get_by_role("button", name="Akzeptieren und weiter").click()
    page.wait_for_url("**/konto/")
    assert_accessible_without_js(page, context="account after accepting without JS")
