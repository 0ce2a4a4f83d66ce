"""Owner invites → the invited person follows the mail link → signs up → confirms the
address → logs in → lands on the invitation → joins the team. Every step by clicking."""

import re

import pytest
from django.core import mail

from projects.models import ProjectMembership
from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory, unused_totp_code, verified
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "richtig-gutes-Passwort-1"
NEW_PASSWORD = "Ein-sehr-gutes-Passwort-2026"
INVITED = "neu.im.team@example.org"
TITLE = "Tauschbörse Plauen"


def _link(pattern: str) -> str:
    return re.search(rf"https?://[^/\s]+({pattern})", mail.outbox[-1].body).group(1)


def test_invited_newcomer_signs_up_and_lands_on_the_invitation(page):
    owner = verified(UserFactory(email="olga@example.org", display_name="Olga Owner"))
    project = ProjectFactory(owner=owner, title=TITLE)

    # The owner invites from "Meine Projekte" → Team.
    page.goto("/konto/login/?next=/projekte/meine/")
    page.get_by_label("E-Mail-Adresse").fill(owner.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/projekte/meine/")
    page.get_by_role("link", name="Team").click()
    page.wait_for_url(f"**/projekte/{project.slug}/team/")
    page.get_by_label("E-Mail-Adresse der Person, die Sie einladen möchten").fill(INVITED)
    page.get_by_role("button", name="Einladung senden").click()
    page.wait_for_url(f"**/projekte/{project.slug}/team/")
    assert INVITED in page.content()
    assert_accessible(page, context="team with an open invitation")
    invitation_path = _link(r"/projekte/einladung/[^/\s]+/")
    page.locator("header").get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()

    # The invited person opens the link from the mail and has no account yet.
    page.goto(invitation_path)
    assert TITLE in page.content()
    assert_accessible(page, context="invitation, logged out")
    page.get_by_role("link", name="Konto anlegen").click()
    page.wait_for_url("**/konto/signup/**")
    page.get_by_label("E-Mail-Adresse").fill(INVITED)
    page.get_by_label("Anzeigename").fill("Nele Neu")
    page.get_by_label("Passwort", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(NEW_PASSWORD)
    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").check()
    page.get_by_role("button", name="Registrieren").click()
    page.wait_for_url("**/konto/confirm-email/")

    # Confirming: the login page says so and does not offer to sign up again.
    page.goto(_link(r"/konto/confirm-email/[^\s]+/"))
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/konto/login/?bestaetigt=1")
    main = page.locator("main")
    assert "Ihre E-Mail-Adresse ist bestätigt" in main.inner_text()
    assert main.get_by_role("link", name="registrieren").count() == 0
    assert_accessible(page, context="login after confirming")

    page.get_by_label("E-Mail-Adresse").fill(INVITED)
    page.get_by_label("Passwort", exact=True).fill(NEW_PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url(f"**{invitation_path}")
    assert_accessible(page, context="invitation, logged in")
    page.get_by_role("button", name="Dem Team beitreten").click()
    page.wait_for_url(f"**/projekte/{project.slug}/bearbeiten/")
    assert f"Willkommen im Team von „{TITLE}“" in page.content()
    assert ProjectMembership.objects.get(project=project, user__email=INVITED).role == "editor"


def _log_in(page, email, next_path):
    page.goto(f"/konto/login/?next={next_path}")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url(f"**{next_path}")


def test_team_sees_what_it_submitted_and_withdraws_it(page):
    from projects import services

    owner = verified(UserFactory(email="olga@example.org"))
    project = ProjectFactory(owner=owner, title=TITLE)
    services.submit_project(project=project, user=owner)
    _log_in(page, owner.email, "/projekte/meine/")
    page.get_by_role("link", name="Eingereichte Fassung ansehen").click()
    page.wait_for_url(f"**/projekte/{project.slug}/vorschau/")
    assert TITLE in page.locator("h1").inner_text()
    assert_accessible(page, context="preview of the submission")
    page.get_by_role("button", name="Von der Moderation zurückziehen").click()
    page.wait_for_url("**/projekte/meine/")
    assert "Sie haben Ihre Einreichung zurückgezogen." in page.content()
    assert_accessible(page, context="my projects after withdrawing")
    project.refresh_from_db()
    assert project.status == "draft"


def test_staff_choose_their_moderation_emails(page):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    staff = verified(UserFactory(email="mo@example.org", is_staff=True))
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    # Staff settings count only in a session that passed the second factor.
    page.goto("/konto/login/?next=/konto/")
    page.get_by_label("E-Mail-Adresse").fill(staff.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/2fa/authenticate/**")
    page.get_by_label("Code").fill(unused_totp_code(secret, set()))
    page.locator("form").filter(has=page.get_by_label("Code")).get_by_role("button").first.click()
    page.wait_for_url("**/konto/")
    assert_accessible(page, context="account page with moderation emails")
    page.get_by_label("Eine Zusammenfassung am Tag").check()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/konto/")
    assert "Ihre Auswahl für E-Mails der Moderation wurde gespeichert." in page.content()
    staff.refresh_from_db()
    assert staff.moderation_emails == "daily"
