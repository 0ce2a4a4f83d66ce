"""Staff create a person → the person confirms by email link → profile public →
the person withdraws → the profile is gone."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.base import ContentFile
from PIL import Image

from accounts.moderation import MODERATION_GROUP
from network.default_consent import ensure_consent_text
from network.models import ConsentRecord, ConsentText, Person
from taxonomy.models import SupportCategory, TargetGroup, Topic
from taxonomy.vocabulary import ensure_vocabulary
from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory, unused_totp_code

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "richtig-gutes-Passwort-1"


def webp(colour: str) -> ContentFile:
    """A real (re-encoded) logo, as the organisation form hands it to the services."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), colour).save(buffer, format="WEBP")
    return ContentFile(buffer.getvalue(), name=f"{colour}.webp")


def totp(secret, used=set()):  # noqa: B006 - remembers codes across calls on purpose
    return unused_totp_code(secret, used)


@pytest.fixture
def moderator(db):
    from accounts.moderation import sync_moderation_group

    # Transactional tests empty every table: put back what migrations seeded.
    ensure_vocabulary(Topic, TargetGroup, SupportCategory)
    ensure_consent_text(ConsentText)
    sync_moderation_group()
    user = UserFactory(email="mo@example.org", display_name="Mo Moderation", is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def staff_log_in(page, secret, next_path):
    page.goto(next_path)
    page.get_by_label("E-Mail-Adresse").fill("mo@example.org")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/2fa/authenticate/**")
    page.get_by_label("Code").fill(totp(secret))
    page.locator("form").filter(has=page.get_by_label("Code")).get_by_role("button").first.click()
    page.wait_for_url(f"**{next_path}")


def link_in(message, pattern) -> str:
    return re.search(rf"https?://[^/\s]+({pattern})", message.body).group(1)


def test_consent_journey_from_staff_entry_to_withdrawal(page, browser, live_server, moderator):
    _, secret = moderator

    # Staff enter a speaker in the admin; the profile stays hidden.
    staff_log_in(page, secret, "/admin/network/person/add/")
    assert_accessible(page, context="admin: add person")
    page.locator("#id_name").fill("Wiebke Wunderlich")
    page.locator("#id_role").fill("Expertin für Dorfläden")
    page.locator("#id_email").fill("wiebke@example.org")
    assert page.locator("#id_ask_for_consent").is_checked()
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/network/person/")
    assert "Verborgen: Bestätigung steht aus" in page.content()
    assert_accessible(page, context="admin: people")
    person = Person.objects.get(name="Wiebke Wunderlich")
    # Its admin page ends with what was done: created, consent requested, by whom.
    page.goto(f"/admin/network/person/{person.pk}/change/")
    activity = page.locator("table.activity-history")
    assert "Person angelegt" in activity.inner_text()
    assert "Einwilligung per E-Mail angefragt" in activity.inner_text()
    assert_accessible(page, context="admin: person with its activity records")

    visitor_context = browser.new_context(base_url=live_server.url, locale="de-DE")
    visitor = visitor_context.new_page()
    assert visitor.goto(f"/netzwerk/personen/{person.slug}/").status == 404

    # The person opens the link from the email, reads and agrees.
    request = mail.outbox[-1]
    assert request.to == ["wiebke@example.org"]
    confirm = link_in(request, r"/netzwerk/einwilligung/[^\s]+/(?!widerrufen)")
    page.context.clear_cookies()
    page.goto(confirm)
    assert_accessible(page, context="consent confirmation")
    assert "Einwilligung: Ihr Profil im Netzwerk" in page.content()
    page.get_by_role("button", name="Ich stimme zu – mein Profil veröffentlichen").click()
    page.wait_for_url(f"**/netzwerk/personen/{person.slug}/")
    assert "Vielen Dank! Ihr Profil ist jetzt öffentlich." in page.content()
    assert_accessible(page, context="public profile")
    record = ConsentRecord.objects.get(person=person)
    assert record.how == ConsentRecord.How.EMAIL_LINK and record.text.version == 1

    # Everyone can find the profile now.
    visitor.goto("/netzwerk/personen/?q=Wunderlich")
    assert visitor.get_by_role("link", name="Wiebke Wunderlich").is_visible()

    # The person withdraws through the link in the receipt: gone everywhere at once.
    receipt = mail.outbox[-1]
    assert "jetzt öffentlich" in receipt.subject
    page.goto(link_in(receipt, r"/netzwerk/einwilligung/[^\s]+/widerrufen/"))
    assert_accessible(page, context="withdraw")
    page.get_by_role("button", name="Einwilligung widerrufen und Profil verbergen").click()
    page.wait_for_load_state()
    assert "Ihr Profil ist nicht mehr öffentlich." in page.content()
    assert_accessible(page, context="withdrawn")

    assert visitor.goto(f"/netzwerk/personen/{person.slug}/").status == 404
    visitor.goto("/netzwerk/personen/?q=Wunderlich")
    assert "0 Personen gefunden" in visitor.content()
    assert "Wunderlich" not in visitor.goto("/sitemap.xml").text()
    visitor_context.close()


def test_moderation_pages_for_the_directory_are_accessible(page, moderator):
    from network import services
    from tests.network.factories import OrganisationFactory

    staff, secret = moderator
    member = UserFactory()
    organisation = OrganisationFactory(name="Dorfbewegung", members=[member])
    OrganisationFactory(name="Dorfbewegung Sachsen")
    data = {"name": "Dorfbewegung", "kind": "netzwerk", "logo_alt": "Ein Dorf"}
    services.propose_organisation_change(
        organisation=organisation, data={**data, "logo": webp("teal")}, by=member
    )
    services.approve_organisation_change(organisation=organisation, by=staff)
    services.propose_organisation_change(
        organisation=organisation,
        data={**data, "place": "Döbeln", "description": "Neu", "logo": webp("orange")},
        by=member,
    )
    staff_log_in(page, secret, "/admin/network/organisation/")
    assert_accessible(page, context="admin: organisations")
    page.get_by_role("link", name="Änderungen prüfen").click()
    page.wait_for_url("**/review/")
    assert "Döbeln" in page.content()
    # The logo row shows the public logo beside the proposed one, both loaded.
    images = page.locator("table.moderation-diff img")
    assert images.count() == 2
    assert all(images.nth(i).evaluate("img => img.naturalWidth > 0") for i in range(2))
    assert_accessible(page, context="admin: review changes")
    page.get_by_label("Änderungen freigeben").check()
    page.get_by_role("button", name="Entscheidung senden").click()
    page.wait_for_url(f"**/admin/network/organisation/{organisation.pk}/change/")
    organisation.refresh_from_db()
    assert organisation.place == "Döbeln" and not organisation.has_pending_changes
    page.goto("/admin/network/organisation/")
    page.locator("input.action-select").first.check()
    page.locator("input.action-select").nth(1).check()
    page.locator("select[name=action]").select_option("merge_selected")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    assert "Doppelte Organisationen zusammenführen" in page.content()
    assert_accessible(page, context="admin: merge")
