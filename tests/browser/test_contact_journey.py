"""A visitor finds a project → signs in → writes through the platform → the team gets the
mail (the sender's address only when agreed) → sees it in the account → marks it answered
→ the sender sees the state. axe on every page and state, on a phone and a desktop."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from contact.models import ContactReport, ContactRequest
from taxonomy.models import SupportCategory
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.factories import UserFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "richtig-gutes-Passwort-1"


@pytest.fixture
def world(db):
    owner = UserFactory(email="olga@example.org", display_name="Olga Owner")
    sender = UserFactory(email="sven@example.org", display_name="Sven Sender")
    for user in (owner, sender):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    project = ProjectFactory(owner=owner, published=True, title="Repair-Café Pirna")
    project.needs.set([SupportCategory.objects.get(slug="raeume")])
    return owner, sender, project


def log_in(page, email):
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()


def log_out(page):
    page.goto("/konto/logout/")
    page.locator("main form button.kern-btn--primary[type=submit]").click()
    page.wait_for_load_state()


def report_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/kontakt-aufnehmen/melden/\S+/)", message.body).group(1)


@pytest.mark.parametrize("width", [390, 1280])
def test_contact_journey(page, world, width):
    owner, sender, project = world
    page.set_viewport_size({"width": width, "height": 900})

    # A visitor on the project page: no address, a button that asks to sign in first.
    page.goto(project.get_absolute_url())
    assert page.locator("a[href^='mailto:']").count() == 0
    page.get_by_role("link", name="Kontakt aufnehmen").click()
    page.wait_for_url("**/konto/login/?next=/kontakt-aufnehmen/projekt/**")
    log_in(page, sender.email)
    page.wait_for_url(f"**/kontakt-aufnehmen/projekt/{project.slug}/")
    assert "180 Tage" in page.content()
    assert_accessible(page, context=f"contact form {width}")

    # Sent empty: the summary names the fields and keeps what was typed.
    page.get_by_label("Ihre Nachricht").fill("Wir haben einen Saal frei.")
    page.get_by_role("button", name="Nachricht senden").click()
    page.wait_for_selector("#error-summary")
    assert page.get_by_label("Ihre Nachricht").input_value() == "Wir haben einen Saal frei."
    assert_accessible(page, context=f"contact form with errors {width}")

    page.get_by_label("Betreff").fill("Räume für Ihr Repair-Café")
    page.get_by_label("Um welchen Bedarf").select_option(label="Bedarf: Räume")
    assert not page.get_by_label("Meine E-Mail-Adresse weitergeben").is_checked()
    page.get_by_role("button", name="Nachricht senden").click()
    page.wait_for_url("**/konto/anfragen/*/")
    assert "wurde an Repair-Café Pirna gesendet" in page.content()
    assert page.locator("#request-status").inner_text().strip() == "Offen"
    assert_accessible(page, context=f"sent request {width}")

    (relayed,) = mail.outbox
    assert relayed.to == ["olga@example.org"] and relayed.reply_to == []
    assert "sven@example.org" not in relayed.body and "Räume" in relayed.body
    log_out(page)

    # The team member finds it in the account and marks it answered.
    page.goto("/konto/anfragen/")
    log_in(page, owner.email)
    page.wait_for_url("**/konto/anfragen/")
    assert_accessible(page, context=f"my messages (recipient) {width}")
    page.get_by_role("link", name="Räume für Ihr Repair-Café").click()
    page.wait_for_url("**/konto/anfragen/*/")  # the request itself, loaded
    assert "Räume für Ihr Repair-Café" in page.content()
    assert "sven@example.org" not in page.content()
    assert_accessible(page, context=f"received request {width}")
    page.get_by_role("button", name="Als beantwortet markieren").click()
    page.wait_for_selector("text=Als beantwortet markiert.")
    assert page.locator("#request-status").inner_text().strip() == "Beantwortet"
    assert_accessible(page, context=f"answered request {width}")
    page.goto("/konto/anfragen/einstellungen/")
    assert_accessible(page, context=f"contact settings {width}")
    log_out(page)

    # The sender sees the state, and writes again, this time sharing the address.
    page.goto("/konto/anfragen/")
    log_in(page, sender.email)
    page.wait_for_url("**/konto/anfragen/")
    assert "Beantwortet" in page.locator("#sent ~ ul").first.inner_text()
    assert_accessible(page, context=f"my messages (sender) {width}")
    page.goto(f"/kontakt-aufnehmen/projekt/{project.slug}/")
    page.get_by_label("Betreff").fill("Noch eine Frage")
    page.get_by_label("Ihre Nachricht").fill("Wann passt es Ihnen?")
    page.get_by_label("Meine E-Mail-Adresse weitergeben").check()
    page.get_by_role("button", name="Nachricht senden").click()
    page.wait_for_url("**/konto/anfragen/*/")
    assert mail.outbox[-1].reply_to == ["sven@example.org"]
    log_out(page)

    # The report link in the mail works without an account.
    page.goto(report_path(mail.outbox[-1]))
    assert_accessible(page, context=f"report a message {width}")
    page.get_by_label("Was stimmt mit dieser Nachricht nicht?").fill("Zu aufdringlich")
    page.get_by_role("button", name="Nachricht melden").click()
    page.wait_for_selector("text=Vielen Dank")
    assert_accessible(page, context=f"message reported {width}")
    assert ContactReport.objects.get().request.subject == "Noch eine Frage"


def test_contact_works_without_javascript(page_without_js, world):
    page = page_without_js
    owner, sender, project = world
    page.goto(f"/konto/login/?next=/kontakt-aufnehmen/projekt/{project.slug}/")
    log_in(page, sender.email)
    page.wait_for_url(f"**/kontakt-aufnehmen/projekt/{project.slug}/")
    page.get_by_label("Betreff").fill("Ohne Skript")
    page.get_by_label("Ihre Nachricht").fill("Geht auch so.")
    page.get_by_role("button", name="Nachricht senden").click()
    page.wait_for_url("**/konto/anfragen/*/")
    assert_accessible_without_js(page, context="sent request without JS")
    log_out(page)
    page.goto("/konto/anfragen/")
    log_in(page, owner.email)
    page.wait_for_url("**/konto/anfragen/")
    page.get_by_role("link", name="Ohne Skript").click()
    page.get_by_role("button", name="Ablehnen").click()
    page.wait_for_selector("text=Als abgelehnt markiert.")
    assert_accessible_without_js(page, context="declined request without JS")
    assert ContactRequest.objects.get().status == "declined"
