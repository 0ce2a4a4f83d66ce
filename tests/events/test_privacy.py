"""Personal data: the user's export, account deletion, and anonymising guests after the event."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts import personal_data
from events import services
from events.models import Registration
from tests.events.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_registrations_are_in_the_users_data_export():
    user = UserFactory()
    event = EventFactory(title="Exportforum")
    services.register_user(event=event, user=user, dietary_needs="glutenfrei", photo_consent=True)
    RegistrationFactory(event=event)  # somebody else's
    data = personal_data.collect(user)["event_registrations"]
    assert len(data) == 1
    assert data[0]["event"] == "Exportforum"
    assert data[0]["dietary_needs"] == "glutenfrei"
    assert data[0]["photo_consent"] is True
    assert data[0]["status"] == "confirmed"


def test_deleting_an_account_frees_its_seat_and_anonymises_its_registrations(
    client, mail_on_commit
):
    event = EventFactory(capacity=1)
    past = EventFactory(past=True)
    user = UserFactory(email="geht@example.org")
    seat = services.register_user(event=event, user=user, accessibility_needs="Rampe")
    old = RegistrationFactory(event=past, user=user, name=user.display_name, email=user.email)
    waiting = services.register_user(event=event, user=UserFactory(email="wartet@example.org"))
    mail.outbox.clear()
    with mail_on_commit():
        user.delete()
    seat.refresh_from_db()
    old.refresh_from_db()
    waiting.refresh_from_db()
    for registration in (seat, old):
        assert registration.user is None
        assert (registration.name, registration.email, registration.accessibility_needs) == (
            "",
            "",
            "",
        )
        assert registration.anonymised_at is not None
    assert seat.status == Registration.Status.CANCELLED
    assert old.status == Registration.Status.CONFIRMED  # the record of the past stays
    assert waiting.status == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [["wartet@example.org"]]  # nobody writes to the leaver
    assert client.get(f"/veranstaltungen/anmeldung/{seat.token}/").status_code == 404


def test_deleting_accounts_of_two_participants_of_the_same_past_event():
    past = EventFactory(past=True)
    users = UserFactory.create_batch(2)
    for user in users:
        RegistrationFactory(event=past, user=user, email=user.email)
    for user in users:
        user.delete()
    assert past.registrations.filter(anonymised_at__isnull=False).count() == 2


def test_guests_are_anonymised_the_set_number_of_days_after_the_event(settings):
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 30
    now = timezone.now()
    long_ago = EventFactory(start=now - timedelta(days=32), end=now - timedelta(days=31))
    recent = EventFactory(start=now - timedelta(days=10), end=now - timedelta(days=9))
    old_guest = RegistrationFactory(event=long_ago, attended=True, dietary_needs="vegan")
    old_user = RegistrationFactory(event=long_ago, user=UserFactory())
    recent_guest = RegistrationFactory(event=recent)
    stale = services.register_guest(
        event=EventFactory(),
        name="Nie bestätigt",
        email="nie@example.org",
        now=now - timedelta(days=3),
    )
    call_command("anonymise_registrations")
    old_guest.refresh_from_db()
    old_user.refresh_from_db()
    recent_guest.refresh_from_db()
    stale.refresh_from_db()
    assert (old_guest.name, old_guest.email, old_guest.dietary_needs) == ("", "", "")
    assert old_guest.attended is True and old_guest.status == "confirmed"  # statistics stay
    assert old_user.email and recent_guest.email  # users keep theirs; recent guests too
    assert stale.status == Registration.Status.EXPIRED and stale.email == ""
    # Idempotent.
    assert services.anonymise_registrations() == 0


def test_account_holders_needs_are_deleted_after_the_event_like_guests(settings):
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 30
    now = timezone.now()
    long_ago = EventFactory(start=now - timedelta(days=32), end=now - timedelta(days=31))
    recent = EventFactory(start=now - timedelta(days=10), end=now - timedelta(days=9))
    old = RegistrationFactory(
        event=long_ago,
        user=UserFactory(),
        accessibility_needs="Rollstuhlplatz",
        dietary_needs="vegan",
    )
    soon = RegistrationFactory(event=recent, user=UserFactory(), dietary_needs="vegetarisch")
    call_command("anonymise_registrations")
    old.refresh_from_db()
    soon.refresh_from_db()
    assert (old.accessibility_needs, old.dietary_needs) == ("", "")
    assert old.user is not None and old.email  # the registration itself stays theirs
    assert soon.dietary_needs == "vegetarisch"  # not yet
    assert services.anonymise_registrations() == 0
