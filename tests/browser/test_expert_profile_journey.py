"""An expert adds themselves: from the directory through the login to the form, consent,
the moderation decides in the admin (with a second factor), the profile is public, the
person withdraws in the account – gone everywhere. With and without JavaScript, phone and
desktop widths, axe on every page and state."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from network.models import ConsentRecord, Person
from tests.browser.conftest import _make_page, assert_accessible, assert_accessible_without_js
from tests.browser.test_network_consent_journey import moderator, staff_log_in  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "richtig-gutes-Passwort-1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def expert(email="emma@example.org"):
    user = UserFactory(email=email, display_name="Emma Expertin")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(page, email):
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()


def fill_profile(page):
    page.get_by_label("Mentor*in").check()
    page.locator("#id_name").fill("Emma Expertin")
    page.locator("#id_role").fill("Mentorin für Sozialunternehmen")
    page.locator("#id_bio").fill("Ich begleite Gründungen im ländlichen Raum.")


def test_expert_profile_journey_to_publication_and_withdrawal(
    page,
    browser,
    live_server,
    moderator,  # noqa: F811 - the fixture imported above
):
    _, secret = moderator
    user = expert()
    page.set_viewport_size(PHONE)

    # From the people directory, through the login, to the form.
    page.goto("/netzwerk/personen/")
    page.get_by_role("link", name="Expertenprofil anlegen").click()
    page.wait_for_url("**/konto/login/?next=/netzwerk/expertenprofil-anlegen/")
    log_in(page, user.email)
    page.wait_for_url("**/netzwerk/expertenprofil-anlegen/")
    assert page.locator("#consent-title").is_visible()  # the text in force, on the page
    assert_accessible(page, context="expert form (phone)")

    # Without consent: refused, with the summary linking to the checkbox.
    fill_profile(page)
    page.get_by_role("button", name="Mein Profil an die Redaktion senden").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.is_visible() and "Bitte stimmen Sie dem Einwilligungstext zu" in (
        summary.inner_text()
    )
    assert page.locator("#id_role").input_value() == "Mentorin für Sozialunternehmen"
    assert_accessible(page, context="expert form with errors (phone)")
    page.set_viewport_size(DESKTOP)
    assert_accessible(page, context="expert form with errors (desktop)")

    page.get_by_label("Ich habe den Einwilligungstext gelesen").check()
    page.get_by_role("button", name="Mein Profil an die Redaktion senden").click()
    page.wait_for_url("**/konto/")
    assert "Ihr Profil wartet auf die Redaktion" in page.content()
    assert_accessible(page, context="account: profile waits (desktop)")
    person = Person.objects.get(user=user)
    assert ConsentRecord.objects.get(person=person).how == ConsentRecord.How.ACCOUNT
    assert any("/review/" in m.body for m in mail.outbox)

    visitor_context = browser.new_context(base_url=live_server.url, locale="de-DE")
    visitor = visitor_context.new_page()
    assert visitor.goto(person.get_absolute_url()).status == 404

    # The moderation decides in the admin, after the second factor.
    moderation_context, staff = _make_page(browser, live_server, javascript=True)
    staff_log_in(staff, secret, "/admin/network/person/?moderation_status__exact=proposed")
    assert_accessible(staff, context="admin: proposed people")
    staff.get_by_role("link", name="Über das Profil entscheiden").click()
    staff.wait_for_url("**/review/")
    assert "Ich begleite Gründungen im ländlichen Raum." in staff.content()
    assert_accessible(staff, context="admin: decide on a profile")
    staff.get_by_label("Profil veröffentlichen").check()
    staff.get_by_role("button", name="Entscheidung senden").click()
    staff.wait_for_url("**/admin/network/person/?moderation_status__exact=proposed")
    assert "die Person wurde benachrichtigt" in staff.content()
    assert_accessible(staff, context="admin: after the decision")
    moderation_context.close()
    assert "jetzt öffentlich" in mail.outbox[-1].subject

    # Public now, on a phone too.
    visitor.set_viewport_size(PHONE)
    visitor.goto("/netzwerk/personen/?q=Expertin")
    visitor.get_by_role("link", name="Emma Expertin").click()
    visitor.wait_for_url(f"**{person.get_absolute_url()}")
    assert "Mentor*in" in visitor.content()

    # The person withdraws in the account: gone from every public place at once.
    page.goto("/konto/")
    page.get_by_role("button", name="Einwilligung widerrufen und Profil verbergen").click()
    page.wait_for_url("**/konto/")
    assert "Ihr Profil ist nicht mehr öffentlich." in page.content()
    assert_accessible(page, context="account: withdrawn")
    assert visitor.goto(person.get_absolute_url()).status == 404
    visitor.goto("/netzwerk/personen/?q=Expertin")
    assert "0 Personen gefunden" in visitor.content()
    assert person.slug not in visitor.goto("/sitemap.xml").text()
    visitor_context.close()


def test_expert_profile_can_be_created_without_javascript(page_without_js):
    page = page_without_js
    user = expert("ohne-js-expertin@example.org")
    page.goto("/konto/login/?next=/konto/")
    log_in(page, user.email)
    page.wait_for_url("**/konto/")
    page.get_by_role("link", name="Expertenprofil anlegen").click()
    page.wait_for_url("**/netzwerk/expertenprofil-anlegen/")
    assert_accessible_without_js(page, context="expert form without JS")
    page.get_by_role("button", name="Mein Profil an die Redaktion senden").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert_accessible_without_js(page, context="expert form with errors without JS")
    fill_profile(page)
    page.get_by_label("Ich habe den Einwilligungstext gelesen").check()
    page.get_by_role("button", name="Mein Profil an die Redaktion senden").click()
    page.wait_for_url("**/konto/")
    assert "Ihr Profil wartet auf die Redaktion" in page.content()
    assert Person.objects.get(user=user).moderation_status == Person.Moderation.PROPOSED
