"""Mails to participants: in their language, plain text and HTML, with the right links."""

from datetime import UTC, datetime

import icalendar
import pytest
from django.conf import settings
from django.core import mail

from events import services
from events.models import Event
from tests.events.factories import EventFactory, UserFactory, berlin

pytestmark = pytest.mark.django_db


def online_event(**kwargs):
    return EventFactory(
        format=Event.Format.HYBRID,
        online_url="https://konferenz.example/raum-42",
        start=berlin(2027, 6, 10, 14, 0),
        end=berlin(2027, 6, 10, 17, 0),
        **kwargs,
    )


def html_part(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def test_confirmation_in_german_with_ics_online_link_and_cancel_link(mail_on_commit):
    event = online_event(title="Sommerforum")
    with mail_on_commit():
        registration = services.register_user(event=event, user=UserFactory(language="de"))
    [message] = mail.outbox
    assert message.subject == "[Zukunftsplattform] Anmeldung bestätigt: Sommerforum"
    assert "Donnerstag, 10. Juni 2027, 14:00–17:00 Uhr" in message.body
    assert "https://konferenz.example/raum-42" in message.body
    assert f"{settings.SITE_URL}/veranstaltungen/anmeldung/{registration.token}/" in message.body
    assert "Anmeldung bestätigt" in message.subject
    html = html_part(message)
    assert '<html lang="de">' in html
    assert f'href="{settings.SITE_URL}/veranstaltungen/anmeldung/{registration.token}/"' in html
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == (f"{event.slug}.ics", "text/calendar")
    [component] = icalendar.Calendar.from_ical(content).events
    assert component.start == datetime(2027, 6, 10, 12, 0, tzinfo=UTC)
    assert "https://konferenz.example/raum-42" in str(component["description"])


def test_confirmation_in_english(mail_on_commit):
    event = online_event(title="Summer forum")
    with mail_on_commit():
        registration = services.register_user(event=event, user=UserFactory(language="en"))
    [message] = mail.outbox
    assert message.subject == "[Zukunftsplattform] Registration confirmed: Summer forum"
    assert "Thursday, 10 June 2027, 14:00–17:00" in message.body
    assert f"/en/veranstaltungen/anmeldung/{registration.token}/" in message.body
    assert '<html lang="en">' in html_part(message)


@pytest.mark.parametrize(
    ("language", "subject", "position"),
    [
        ("de", "Sie stehen auf der Warteliste", "Position 1"),
        ("en", "You are on the waitlist", "position 1"),
    ],
)
def test_waitlist_mail_tells_the_position_and_not_the_online_link(
    mail_on_commit, language, subject, position
):
    event = online_event(capacity=1)
    services.register_user(event=event, user=UserFactory())
    with mail_on_commit():
        services.register_user(event=event, user=UserFactory(language=language))
    message = mail.outbox[-1]
    assert subject in message.subject
    assert position in message.body
    assert "konferenz.example" not in message.body
    assert message.attachments == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_guest_confirmation_request_in_both_languages(mail_on_commit, language):
    event = EventFactory(title="Forum")
    with mail_on_commit():
        registration = services.register_guest(
            event=event, name="Gabi", email="gabi@example.org", language=language
        )
    [message] = mail.outbox
    prefix = "/en" if language == "en" else ""
    assert f"{prefix}/veranstaltungen/anmeldung/{registration.token}/bestaetigen/" in message.body
    assert ("Bitte bestätigen" if language == "de" else "Please confirm") in message.subject
    assert "48" in message.body
    assert message.attachments == []


def test_every_mail_about_an_active_registration_carries_the_cancel_link(mail_on_commit):
    event = EventFactory(capacity=1)
    with mail_on_commit():
        first = services.register_user(event=event, user=UserFactory())
        second = services.register_user(event=event, user=UserFactory())
        services.cancel_registration(registration=first)
    by_recipient = {}
    for message in mail.outbox:
        by_recipient.setdefault(message.to[0], []).append(message)
    for registration in (first, second):
        for message in by_recipient[registration.email]:
            if "storniert" in message.subject:
                continue
            assert f"/veranstaltungen/anmeldung/{registration.token}/" in message.body


def test_event_cancelled_mail_in_each_participants_language(mail_on_commit):
    event = online_event(capacity=5)
    services.register_user(event=event, user=UserFactory(language="de", email="de@example.org"))
    services.register_user(event=event, user=UserFactory(language="en", email="en@example.org"))
    with mail_on_commit():
        services.cancel_event(event=event, reason="Hochwasser")
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["de@example.org"].startswith("[Zukunftsplattform] Veranstaltung abgesagt")
    assert subjects["en@example.org"].startswith("[Zukunftsplattform] Event cancelled")
    assert all("Hochwasser" in m.body and "konferenz.example" not in m.body for m in mail.outbox)
