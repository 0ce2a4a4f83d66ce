"""A person adds their organisation → the moderation publishes it (admin, second factor) →
the public finds it → its administrator invites a colleague, who accepts → someone asks to
join and is accepted. Every step by clicking, axe on each page and state, on a phone and
on a desktop; and the same without JavaScript."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail

from network.models import Organisation, OrganisationMembership
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.factories import UserFactory, in_moderation, unused_totp_code, verified

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "richtig-gutes-Passwort-1"
NAME = "Tafel Zittau"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
USED_CODES: set[str] = set()


def _link(pattern: str, message=None) -> str:
    body = (message or mail.outbox[-1]).body
    return re.search(rf"https?://[^/\s]+({pattern})", body).group(1)


def _everywhere(page, context):
    """axe on a phone and on a desktop."""
    for size, label in [(PHONE, "390 px"), (DESKTOP, "1280 px")]:
        page.set_viewport_size(size)
        assert_accessible(page, context=f"{context}, {label}")


def log_in(page, email, next_path):
    page.goto(f"/konto/login/?next={next_path}")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()


def log_out(page):
    page.locator("header").get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()


@pytest.fixture
def people(db):
    founder = verified(UserFactory(email="frieda@example.org", display_name="Frieda Gründerin"))
    colleague = verified(UserFactory(email="karl@example.org", display_name="Karl Kollege"))
    applicant = verified(UserFactory(email="ada@example.org", display_name="Ada Anfrage"))
    moderator = in_moderation(
        verified(UserFactory(email="mo@example.org", display_name="Mo Moderation", is_staff=True))
    )
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    return founder, colleague, applicant, moderator, secret


def test_organisation_journey(page, people):
    founder, colleague, applicant, moderator, secret = people

    # From the account: "Meine Organisationen" → add one.
    log_in(page, founder.email, "/konto/")
    page.wait_for_url("**/konto/")
    page.get_by_role("link", name="Organisation eintragen").click()
    page.wait_for_url("**/netzwerk/organisationen/neu/")
    _everywhere(page, "add an organisation")
    page.get_by_role("textbox", name="Beschreibung – optional").fill("Wir retten Lebensmittel.")
    page.get_by_role("button", name="An die Moderation senden").click()
    page.wait_for_selector("#error-summary")
    assert (
        page.get_by_role("textbox", name="Beschreibung – optional").input_value()
        == "Wir retten Lebensmittel."
    )
    _everywhere(page, "add an organisation, with errors")
    page.get_by_label("Name", exact=True).fill(NAME)
    page.get_by_label("Ort").fill("Zittau")
    page.get_by_role("button", name="An die Moderation senden").click()
    page.wait_for_url("**/netzwerk/organisationen/tafel-zittau/")
    assert "wartet auf die Moderation" in page.content()
    _everywhere(page, "the waiting organisation's preview")
    review_path = _link(r"/admin/network/organisation/\d+/review/")
    log_out(page)

    # The moderation follows the mail's link, passes the second factor and publishes.
    page.goto(review_path)
    page.wait_for_url("**/konto/login/**")
    page.get_by_label("E-Mail-Adresse").fill(moderator.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/2fa/authenticate/**")
    page.get_by_label("Code").fill(unused_totp_code(secret, USED_CODES))
    page.locator("form").filter(has=page.get_by_label("Code")).get_by_role("button").first.click()
    page.wait_for_url(f"**{review_path}")
    assert "Frieda Gründerin" in page.content()
    _everywhere(page, "review of the proposal")
    page.get_by_label("Organisation veröffentlichen (sie kommt ins Verzeichnis)").check()
    page.get_by_role("button", name="Entscheidung senden").click()
    page.wait_for_url("**/admin/network/organisation/**")
    assert_accessible(page, context="organisation after the decision")
    assert mail.outbox[-1].to == [founder.email]
    log_out(page)

    # The public finds it in the directory.
    page.goto("/netzwerk/organisationen/")
    page.get_by_role("link", name=NAME).first.click()
    page.wait_for_url("**/netzwerk/organisationen/tafel-zittau/")
    assert "wartet auf die Moderation" not in page.content()

    # Its administrator invites a colleague from the account.
    log_in(page, founder.email, "/konto/")
    page.wait_for_url("**/konto/")
    _everywhere(page, "account with my organisations")
    page.get_by_role("link", name=f"Mitglieder von {NAME}").click()
    page.wait_for_url("**/mitglieder/")
    _everywhere(page, "members page")
    page.get_by_label("E-Mail-Adresse der Person, die Sie einladen möchten").fill("karl@")
    page.get_by_role("button", name="Einladung senden").click()
    page.wait_for_selector("#error-summary")
    _everywhere(page, "members page, invitation with errors")
    page.get_by_label("E-Mail-Adresse der Person, die Sie einladen möchten").fill(colleague.email)
    page.get_by_role("button", name="Einladung senden").click()
    page.wait_for_url("**/mitglieder/")
    assert colleague.email in page.content()
    _everywhere(page, "members page with an open invitation")
    invitation_path = _link(r"/netzwerk/organisationen/einladung/[^/\s]+/")
    log_out(page)

    # The colleague opens the link, logs in and joins.
    page.goto(invitation_path)
    _everywhere(page, "invitation, logged out")
    page.get_by_role("link", name="Anmelden").last.click()
    page.get_by_label("E-Mail-Adresse").fill(colleague.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url(f"**{invitation_path}")
    _everywhere(page, "invitation, logged in")
    page.get_by_role("button", name="Der Organisation beitreten").click()
    page.wait_for_url("**/mitglieder/")
    assert f"Willkommen bei „{NAME}“" in page.content()
    _everywhere(page, "members page of a member")
    organisation = Organisation.objects.get(name=NAME)
    assert organisation.memberships.get(user=colleague).role == "member"
    log_out(page)

    # Someone asks to join from the organisation's page; the administrator accepts.
    log_in(page, applicant.email, organisation.get_absolute_url())
    page.wait_for_url(f"**{organisation.get_absolute_url()}")
    page.get_by_role("link", name="Mitglied werden").click()
    page.wait_for_url("**/beitreten/")
    _everywhere(page, "ask to join")
    page.get_by_label("Nachricht an die Administrator*innen (freiwillig)").fill("Ich fahre aus.")
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_url(f"**{organisation.get_absolute_url()}")
    assert "Ihre Anfrage ist an die Administrator*innen" in page.content()
    members_path = _link(r"/netzwerk/organisationen/tafel-zittau/mitglieder/")
    log_out(page)
    log_in(page, founder.email, members_path)
    page.wait_for_url(f"**{members_path}")
    assert "Ich fahre aus." in page.content()
    _everywhere(page, "members page with a request to join")
    page.get_by_role("button", name="Ada Anfrage aufnehmen").click()
    page.wait_for_url(f"**{members_path}")
    assert "Ada Anfrage ist jetzt Mitglied" in page.content()
    _everywhere(page, "members page after accepting")
    assert organisation.memberships.get(user=applicant).role == "member"
    assert mail.outbox[-1].to == [applicant.email]

    # The last administrator cannot simply leave: the page says why.
    page.get_by_role("link", name="Organisation verlassen").click()
    page.get_by_role("button", name="Organisation verlassen").click()
    page.wait_for_selector("#error-summary")
    assert "Sie sind die letzte Person" in page.content()
    _everywhere(page, "leaving as the last administrator")


def test_organisation_pages_work_without_javascript(page_without_js, people):
    page = page_without_js
    founder, _colleague, applicant, _moderator, _secret = people
    log_in(page, founder.email, "/netzwerk/organisationen/")
    page.wait_for_url("**/netzwerk/organisationen/")
    page.get_by_role("link", name="Organisation eintragen").click()
    page.get_by_role("button", name="An die Moderation senden").click()
    assert "#error-summary" and page.locator("#error-summary").count() == 1
    assert_accessible_without_js(page, context="add an organisation with errors, no JS")
    page.get_by_label("Name", exact=True).fill(NAME)
    page.get_by_role("button", name="An die Moderation senden").click()
    page.wait_for_url("**/netzwerk/organisationen/tafel-zittau/")
    organisation = Organisation.objects.get(name=NAME)
    # Published for this test through the service (the journey above clicks the admin).
    from network import services

    services.publish_organisation(organisation=organisation, by=None)
    page.get_by_role("link", name="Mitglieder").first.click()
    page.get_by_label("E-Mail-Adresse der Person, die Sie einladen möchten").fill("k@example.org")
    page.get_by_role("button", name="Einladung senden").click()
    page.wait_for_url("**/mitglieder/")
    assert_accessible_without_js(page, context="members page, no JS")
    log_out(page)

    log_in(page, applicant.email, organisation.get_absolute_url())
    page.wait_for_url(f"**{organisation.get_absolute_url()}")
    page.get_by_role("link", name="Mitglied werden").click()
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_url(f"**{organisation.get_absolute_url()}")
    assert_accessible_without_js(page, context="after asking to join, no JS")
    log_out(page)
    log_in(page, founder.email, f"/netzwerk/organisationen/{organisation.slug}/mitglieder/")
    page.wait_for_url("**/mitglieder/")
    page.get_by_role("button", name="Ada Anfrage aufnehmen").click()
    page.wait_for_url("**/mitglieder/")
    assert OrganisationMembership.objects.filter(organisation=organisation, user=applicant).exists()
    assert_accessible_without_js(page, context="members page after accepting, no JS")
