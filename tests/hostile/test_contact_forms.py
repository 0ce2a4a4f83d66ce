"""The forms of contact through the platform: hostile values are refused with a summary and
kept, or stored exactly as typed; fields nobody may set have no effect."""

import pytest

from contact.models import ContactOptOut, ContactReport, ContactRequest
from contact.tokens import make_report_token
from tests.contact.factories import ContactRequestFactory
from tests.factories import UserFactory
from tests.hostile.corpus import FILTER_VALUES, SLUGGISH, assert_harmless, post_corpus_together
from tests.network.factories import PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

CHOICE_VALUES = {
    key: FILTER_VALUES[key]
    for key in ["nul", "10k-ascii", "emoji", "sql-or", "script", "whitespace", "unknown-slug"]
} | {"huge-number": "9" * 40, "need-of-another": "need:999999"}  # fmt: skip


@pytest.fixture(autouse=True)
def _no_daily_limits(settings):
    settings.CONTACT_SENDER_LIMIT_PER_DAY = 10_000
    settings.CONTACT_RECIPIENT_LIMIT_PER_DAY = 10_000


@pytest.fixture
def project(db):
    project = ProjectFactory(published=True, title="Offenes Projekt")
    project.needs.create(slug="raeume-hostil", name_de="Räume", name_en="Rooms")
    return project


def test_contact_form_refuses_or_stores_hostile_values(client, project):
    client.force_login(UserFactory())
    url = f"/kontakt-aufnehmen/projekt/{project.slug}/"

    def stored(name):
        return getattr(ContactRequest.objects.latest("pk"), name)

    base = {"subject": "Eine Frage", "message": "Wir helfen gern."}
    post_corpus_together(client, url, base=base, fields=["subject", "message"], stored=stored)
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        response = client.post(url, {**base, "about": value, "share_email": value})
        label = f"about/share_email={key}"
        assert response.status_code in {200, 302}, label
        assert_harmless(response, label)
    # Whatever arrived names no category but the project's own.
    assert (
        not ContactRequest.objects.exclude(about=None)
        .exclude(about__in=project.needs.all())
        .exists()
    )


def test_contact_form_ignores_fields_nobody_may_set(client, project):
    sender = UserFactory()
    stranger = UserFactory()
    client.force_login(sender)
    client.post(
        f"/kontakt-aufnehmen/projekt/{project.slug}/",
        {
            "subject": "Frage",
            "message": "Text",
            "status": "answered",
            "sender": stranger.pk,
            "recipients": stranger.pk,
            "recipient_email": "abgefangen@example.org",
            "project": ProjectFactory(published=True).pk,
        },
    )
    sent = ContactRequest.objects.get()
    assert sent.status == "open" and sent.sender == sender and sent.project == project
    assert stranger not in sent.recipients.all() and sent.recipient_email == ""


def test_report_form_refuses_or_stores_hostile_values(client, project):
    owner = project.memberships.get().user
    request = ContactRequestFactory(project=project, recipients=[owner])
    url = f"/kontakt-aufnehmen/melden/{make_report_token(request, owner.email)}/"

    def stored(name):
        return getattr(ContactReport.objects.latest("pk"), name)

    # The thank-you page answers 200, not a redirect: compare what was stored instead.
    from tests.hostile.corpus import HOSTILE_TEXT

    for key, value in HOSTILE_TEXT.items():
        before = ContactReport.objects.count()
        response = client.post(
            url, {"reason": value}, REMOTE_ADDR=f"10.9.{len(key)}.{before % 250}"
        )
        label = f"reason={key}"
        assert response.status_code in {200, 429}, label
        assert_harmless(response, label)
        if ContactReport.objects.count() > before:
            assert stored("reason") == value.strip(), label
        elif response.status_code == 200:
            assert "error-summary" in response.content.decode(), label


def test_step_and_settings_buttons_refuse_hostile_values(client, project):
    owner = project.memberships.get().user
    request = ContactRequestFactory(project=project, recipients=[owner])
    client.force_login(owner)
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        response = client.post(f"/konto/anfragen/{request.pk}/status/", {"action": value})
        assert response.status_code == 302, key
    request.refresh_from_db()
    assert request.status == "open"
    person = PersonFactory(user=owner, consent=True)
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        response = client.post("/konto/anfragen/einstellungen/", {"person": value})
        assert response.status_code == 302, key
        assert_harmless(response, key)
    # A checkbox reads any value as ticked or not; nothing else was touched.
    assert ContactOptOut.objects.filter(organisation__isnull=False).count() == 0
    client.post("/konto/anfragen/einstellungen/", {"person": "on"})
    assert not ContactOptOut.objects.filter(person=person).exists()
