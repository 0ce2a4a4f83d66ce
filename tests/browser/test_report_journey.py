"""A visitor reports a project (on a phone) → acknowledgement → the moderation restricts it
in the admin (second factor) → it is gone for the public → the reporter gets the decision
and the team the statement of reasons. And the same report without JavaScript."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.core import mail

from accounts.moderation import MODERATION_GROUP
from notices.models import Report
from projects.models import Project
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.factories import UserFactory, unused_totp_code
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "richtig-gutes-Passwort-1"
TITLE = "Nachbarschaftsküche Löbtau"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
USED_CODES: set[str] = set()


@pytest.fixture
def people(db):
    from accounts.moderation import sync_moderation_group

    sync_moderation_group()
    owner = UserFactory(email="ina@example.org", display_name="Ina Innovatorin", language="de")
    moderator = UserFactory(email="mo@example.org", display_name="Mo Moderation", is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATION_GROUP))
    for user in (owner, moderator):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    project = ProjectFactory(owner=owner, published=True, title=TITLE, region="dresden")
    return project, secret


def report_it(page, *, check):
    """From the home page to the report form, an empty try, then the report."""
    page.goto("/")
    page.locator("main").get_by_role("link", name=TITLE).first.click()
    page.get_by_role("link", name="Inhalt melden").click()
    page.wait_for_url("**/melden/projekt/**")
    check(page, context="report form")
    page.get_by_label("Ihre E-Mail-Adresse (freiwillig, für unsere Antwort)").fill(
        "rita@example.org"
    )
    page.get_by_role("button", name="Meldung senden").click()
    page.wait_for_selector("#error-summary")
    check(page, context="report form with errors")
    assert page.get_by_label(
        "Ihre E-Mail-Adresse (freiwillig, für unsere Antwort)"
    ).input_value() == ("rita@example.org")
    page.get_by_label("Personenbezogene Daten ohne Erlaubnis veröffentlicht").check()
    page.get_by_label("Warum ist der Inhalt rechtswidrig").fill(
        "Im Abschnitt Kontakt steht die private Handynummer meiner Nachbarin."
    )
    page.get_by_label("Ich bestätige in gutem Glauben").check()
    page.get_by_role("button", name="Meldung senden").click()
    page.wait_for_url(f"**/projekte/{Project.objects.get(title=TITLE).slug}/")
    assert "Ihre Meldung ist bei der Moderation angekommen" in page.content()
    check(page, context="project page after reporting")


def test_report_journey(page, people):
    project, secret = people
    page.set_viewport_size(PHONE)
    report_it(page, check=assert_accessible)
    [acknowledgement] = [m for m in mail.outbox if m.to == ["rita@example.org"]]
    assert "Wir haben Ihre Meldung erhalten" in acknowledgement.subject

    # The moderation, on a laptop, signs in with the second factor and restricts it.
    page.context.clear_cookies()
    page.set_viewport_size(LAPTOP)
    page.goto("/admin/notices/report/")
    page.get_by_label("E-Mail-Adresse").fill("mo@example.org")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/2fa/authenticate/**")
    page.get_by_label("Code").fill(unused_totp_code(secret, USED_CODES))
    page.locator("form").filter(has=page.get_by_label("Code")).get_by_role("button").first.click()
    page.wait_for_url("**/admin/notices/report/**")
    assert_accessible(page, context="report queue")
    page.get_by_role("link", name="Neu", exact=True).click()
    page.wait_for_url("**state__exact=new**")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/admin/notices/report/*/change/**")  # loaded, not just begun
    assert "rita@example.org" in page.content()  # the moderation sees the contact
    assert_accessible(page, context="report")
    page.get_by_role("link", name="Entscheiden", exact=True).click()
    assert_accessible(page, context="decision page")
    page.get_by_label("Sperren: Den Inhalt von den öffentlichen Seiten nehmen").check()
    page.get_by_role("button", name="Entscheidung senden").click()
    page.wait_for_selector(".errornote")
    assert_accessible(page, context="decision page with errors")
    page.get_by_label("Rechtswidriger Inhalt").check()
    page.get_by_label("Begründung").fill(
        "Die Seite nennt die private Handynummer einer Person ohne deren Einwilligung."
    )
    page.get_by_role("button", name="Entscheidung senden").click()
    page.wait_for_url("**/admin/notices/report/*/change/")
    assert "Meldung entschieden: Inhalt gesperrt" in page.content()  # the activity record
    assert_accessible(page, context="decided report")

    # Gone for the public.
    page.context.clear_cookies()
    response = page.goto(project.get_absolute_url())
    assert response.status == 404
    page.goto("/projekte/")
    assert page.get_by_role("link", name=TITLE).count() == 0
    assert Report.objects.get().decision == Report.Decision.RESTRICT

    decision = [m for m in mail.outbox if m.to == ["rita@example.org"]][-1]
    assert "Unsere Entscheidung zu Ihrer Meldung" in decision.subject
    assert "private Handynummer einer Person" in decision.body
    [statement] = [m for m in mail.outbox if m.to == ["ina@example.org"]]
    assert "Begründung nach Art. 17" in statement.body
    assert "So widersprechen Sie" in statement.body
    assert "rita@example.org" not in statement.body


def test_reporting_without_javascript(page_without_js, people):
    report_it(page_without_js, check=assert_accessible_without_js)
    assert Report.objects.get().reporter_email == "rita@example.org"
