"""Registration rules: seats, waitlist, guests' double opt-in, cancellation, window, status."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Event, Registration
from tests.events.factories import EventFactory, RegistrationFactory, UserFactory, fill

pytestmark = pytest.mark.django_db


def register(event, user=None, **kwargs):
    return services.register_user(event=event, user=user or UserFactory(), **kwargs)


def guest(event, email="gast@example.org", **kwargs):
    return services.register_guest(event=event, name="Gabi Gast", email=email, **kwargs)


# --- Signed-in users -------------------------------------------------------------------------


def test_register_user_confirms_a_free_seat_with_the_account_data(mail_on_commit):
    event = EventFactory(capacity=2)
    user = UserFactory(display_name="Uta Nutzerin", language="en")
    with mail_on_commit():
        registration = register(
            event,
            user,
            accessibility_needs="Rollstuhlplatz",
            dietary_needs="vegan",
            photo_consent=True,
        )
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.name, registration.email, registration.language) == (
        "Uta Nutzerin",
        user.email,
        "en",
    )
    assert registration.accessibility_needs == "Rollstuhlplatz"
    assert registration.photo_consent is True
    assert registration.confirmed_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].subject.endswith(f"Registration confirmed: {event.title}")


def test_register_user_twice_is_refused():
    event = EventFactory()
    user = UserFactory()
    register(event, user)
    with pytest.raises(services.RegistrationError) as error:
        register(event, user)
    assert error.value.code == "exists"
    assert event.registrations.count() == 1


def test_register_user_when_full_joins_the_waitlist_in_order(mail_on_commit):
    event = EventFactory(capacity=1)
    register(event)
    with mail_on_commit():
        second = register(event)
        third = register(event)
    assert second.status == third.status == Registration.Status.WAITLISTED
    assert (second.waitlist_position(), third.waitlist_position()) == (1, 2)
    assert "position 2" in mail.outbox[-1].body or "Position 2" in mail.outbox[-1].body
    assert event.registrations.confirmed().count() == 1


def test_register_user_without_capacity_limit_always_confirms():
    event = EventFactory(capacity=None)
    fill(event, 50)
    assert register(event).status == Registration.Status.CONFIRMED


# --- Window and status -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"status": Event.Status.DRAFT}, "draft"),
        ({"status": Event.Status.CANCELLED}, "cancelled"),
        ({"registration_opens_at_days": 2}, "not_yet"),
        ({"registration_closes_at_days": -1}, "closed"),
    ],
)
def test_registration_is_refused_outside_window_or_status(changes, code):
    event = EventFactory()
    now = timezone.now()
    if "status" in changes:
        event.status = changes["status"]
    if "registration_opens_at_days" in changes:
        event.registration_opens_at = now + timedelta(days=changes["registration_opens_at_days"])
    if "registration_closes_at_days" in changes:
        event.registration_closes_at = now + timedelta(days=changes["registration_closes_at_days"])
    event.save()
    for attempt in (lambda: register(event), lambda: guest(event)):
        with pytest.raises(services.RegistrationError) as error:
            attempt()
        assert error.value.code == code
    assert event.registrations.count() == 0


def test_registration_closes_when_the_event_starts_without_a_closing_time():
    event = EventFactory()
    with pytest.raises(services.RegistrationError) as error:
        register(event, now=event.start + timedelta(minutes=1))
    assert error.value.code == "closed"


def test_registration_window_boundaries():
    now = timezone.now()
    event = EventFactory(
        registration_opens_at=now + timedelta(days=1),
        registration_closes_at=now + timedelta(days=2),
    )
    assert event.registration_state(now + timedelta(days=1)) == "open"
    assert event.registration_state(now + timedelta(days=1) - timedelta(seconds=1)) == "not_yet"
    assert event.registration_state(now + timedelta(days=2) - timedelta(seconds=1)) == "open"
    assert event.registration_state(now + timedelta(days=2)) == "closed"


# --- Guests: double opt-in ----------------------------------------------------------------------


def test_guest_request_takes_no_seat_until_confirmed(mail_on_commit):
    event = EventFactory(capacity=1)
    with mail_on_commit():
        pending = guest(event, language="de")
    assert pending.status == Registration.Status.PENDING
    assert event.registrations.confirmed().count() == 0
    assert len(mail.outbox) == 1
    assert f"/veranstaltungen/anmeldung/{pending.token}/bestaetigen/" in mail.outbox[0].body
    # Someone else takes the only seat meanwhile; the guest lands on the waitlist.
    register(event)
    with mail_on_commit():
        confirmed = services.confirm_guest(registration=pending)
    assert confirmed.status == Registration.Status.WAITLISTED
    assert confirmed.waitlist_position() == 1


def test_confirm_guest_is_idempotent(mail_on_commit):
    event = EventFactory()
    pending = guest(event)
    with mail_on_commit():
        services.confirm_guest(registration=pending)
        again = services.confirm_guest(registration=pending)
    assert again.status == Registration.Status.CONFIRMED
    assert len(mail.outbox) == 1  # one confirmation, not two


def test_guest_confirmation_expires(settings):
    settings.EVENTS_GUEST_CONFIRMATION_HOURS = 24
    event = EventFactory()
    pending = guest(event, now=timezone.now() - timedelta(hours=25))
    assert services.confirm_guest(registration=pending).status == Registration.Status.EXPIRED
    pending.refresh_from_db()
    assert pending.status == Registration.Status.EXPIRED
    assert pending.event.registrations.confirmed().count() == 0
    # The address may register again.
    assert guest(event).status == Registration.Status.PENDING


def test_guest_cannot_confirm_after_the_event_was_cancelled():
    event = EventFactory()
    pending = guest(event)
    services.cancel_event(event=event, reason="Sturmwarnung")
    pending.refresh_from_db()
    assert pending.status == Registration.Status.EXPIRED
    assert services.confirm_guest(registration=pending).status == Registration.Status.EXPIRED


def test_guest_registering_an_already_registered_address_gets_a_mail_not_a_second_entry(
    mail_on_commit,
):
    event = EventFactory()
    first = guest(event, email="doppelt@example.org")
    services.confirm_guest(registration=first)
    with mail_on_commit():
        again = guest(event, email="Doppelt@Example.org".lower())
    assert again.pk == first.pk
    assert event.registrations.count() == 1
    assert mail.outbox[-1].to == ["doppelt@example.org"]
    assert f"/veranstaltungen/anmeldung/{first.token}/" in mail.outbox[-1].body


# --- Cancellation and the waitlist -------------------------------------------------------------


def test_cancelling_a_seat_promotes_the_first_on_the_waitlist_and_mails_them(mail_on_commit):
    event = EventFactory(capacity=1)
    holder = register(event)
    first = register(event, UserFactory(email="erste@example.org"))
    second = register(event, UserFactory(email="zweite@example.org"))
    mail.outbox.clear()
    with mail_on_commit():
        services.cancel_registration(registration=holder)
    first.refresh_from_db()
    second.refresh_from_db()
    holder.refresh_from_db()
    assert holder.status == Registration.Status.CANCELLED
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITLISTED
    assert second.waitlist_position() == 1
    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {holder.email, "erste@example.org"}
    assert "Ein Platz ist für Sie frei geworden" in recipients["erste@example.org"].subject
    assert any(a[2] == "text/calendar" for a in recipients["erste@example.org"].attachments)


def test_cancelling_a_waitlist_place_promotes_nobody():
    event = EventFactory(capacity=1)
    register(event)
    waiting = register(event)
    later = register(event)
    services.cancel_registration(registration=waiting)
    later.refresh_from_db()
    assert later.status == Registration.Status.WAITLISTED
    assert later.waitlist_position() == 1


def test_cancel_registration_is_idempotent(mail_on_commit):
    registration = register(EventFactory())
    with mail_on_commit():
        services.cancel_registration(registration=registration)
        services.cancel_registration(registration=registration)
    assert len(mail.outbox) == 1


def test_cancel_after_the_event_is_refused():
    event = EventFactory()
    registration = register(event)
    with pytest.raises(services.RegistrationError):
        services.cancel_registration(registration=registration, now=event.end + timedelta(hours=1))


def test_no_promotion_once_the_event_has_started():
    event = EventFactory(capacity=1)
    holder = register(event)
    waiting = register(event)
    services.cancel_registration(registration=holder, now=event.start + timedelta(minutes=5))
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED


def test_raising_the_capacity_promotes_the_waitlist(mail_on_commit):
    event = EventFactory(capacity=1)
    register(event)
    waiting = [register(event) for _ in range(3)]
    event.capacity = 3
    with mail_on_commit():
        services.save_event(event=event)
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert len(mail.outbox) == 2


def test_lowering_the_capacity_below_the_seats_taken_promotes_nobody():
    event = EventFactory(capacity=2)
    fill(event, 2)
    waiting = register(event)
    event.capacity = 1
    services.save_event(event=event)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED
    assert event.registrations.confirmed().count() == 2  # nobody loses a seat either


def test_a_user_whose_address_a_guest_registered_is_refused():
    event = EventFactory()
    services.confirm_guest(registration=guest(event, email="doppelt@example.org"))
    with pytest.raises(services.RegistrationError, match=r"E-Mail-Adresse ist .* bereits"):
        register(event, user=UserFactory(email="doppelt@example.org"))
    assert event.registrations.count() == 1


# --- Event cancelled ---------------------------------------------------------------------------


def test_cancel_event_tells_everyone_holding_or_waiting_for_a_seat(mail_on_commit):
    event = EventFactory(capacity=1)
    confirmed = register(event)
    waiting = register(event)
    cancelled = register(event)
    services.cancel_registration(registration=cancelled)
    mail.outbox.clear()
    with mail_on_commit():
        services.cancel_event(event=event, reason="Der Saal ist gesperrt.")
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.email, waiting.email])
    assert all("Der Saal ist gesperrt." in m.body for m in mail.outbox)
    assert all(event.online_url not in m.body or not event.online_url for m in mail.outbox)


def test_cancel_event_twice_sends_nothing_new(mail_on_commit):
    event = EventFactory()
    register(event)
    services.cancel_event(event=event)
    with mail_on_commit():
        services.cancel_event(event=event)
    assert mail.outbox == []


# --- Reminders ----------------------------------------------------------------------------------


def test_reminders_go_out_once_the_day_before_to_confirmed_participants_only(mail_on_commit):
    soon = EventFactory(start=timezone.now() + timedelta(hours=20))
    later = EventFactory(start=timezone.now() + timedelta(days=5))
    confirmed = RegistrationFactory(event=soon)
    RegistrationFactory(event=soon, status=Registration.Status.WAITLISTED, waitlist_number=1)
    RegistrationFactory(event=soon, status=Registration.Status.CANCELLED)
    RegistrationFactory(event=later)
    cancelled_event = EventFactory(start=timezone.now() + timedelta(hours=3), cancelled=True)
    RegistrationFactory(event=cancelled_event)
    with mail_on_commit():
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert mail.outbox[0].subject.endswith(f"Erinnerung: {soon.title}")


def test_send_event_reminders_command(mail_on_commit):
    from django.core.management import call_command

    event = EventFactory(start=timezone.now() + timedelta(hours=2))
    RegistrationFactory(event=event)
    with mail_on_commit():
        call_command("send_event_reminders")
    assert len(mail.outbox) == 1


# --- Waitlist positions ---------------------------------------------------------------------------


def test_waitlist_positions_close_up_after_promotion():
    event = EventFactory(capacity=1)
    holder = register(event)
    waiting = [register(event) for _ in range(3)]
    services.cancel_registration(registration=holder)
    positions = [Registration.objects.get(pk=r.pk).waitlist_position() for r in waiting]
    assert positions == [None, 1, 2]
