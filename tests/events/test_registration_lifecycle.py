"""The registration table (``events.lifecycle.REGISTRATION``) is what the code follows.

For every status and every step a participant, staff or the portal take on an existing
registration: where the table has the step, the service takes it, the registration lands
in the step's target and the step's mail goes out; everywhere else nothing changes and
nothing is sent. Pages and the admin offer exactly the steps the table has.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import conf, services
from events.lifecycle import (
    ACTIVE,
    EVENT,
    EVENT_MANAGER,
    NEW,
    PARTICIPANT,
    REGISTRATION,
)
from events.models import Event, Registration
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import log_in_with_second_factor
from zukunftsplattform.lifecycle import SYSTEM, TransitionError

pytestmark = pytest.mark.django_db

R = Registration.Status
EVENT_DRAFT = Event.Status.DRAFT
STATES = [state for state in REGISTRATION.states if state != NEW]
# The services that take a step of an existing registration, with the role they take it as.
SERVICES = {
    "cancel": (PARTICIPANT, lambda r, staff: services.cancel_registration(registration=r)),
    "cancel_by_staff": (
        EVENT_MANAGER,
        lambda r, staff: services.cancel_registration(registration=r, by=staff),
    ),
    "confirm_email": (PARTICIPANT, lambda r, staff: services.confirm_guest(registration=r)),
    "promote": (SYSTEM, lambda r, staff: services.promote_waitlist(event=r.event)),
}
# Reminders have their own test below; the other steps follow from another step (a
# registration, an expired request, a cancelled event) and are tested with it.
ELSEWHERE = {"remind", "register", "expire", "event_cancelled"}


def test_every_step_of_the_table_has_a_service():
    actions = {name.removesuffix("_by_staff") for name in SERVICES}
    assert set(REGISTRATION.actions) == actions | ELSEWHERE


def test_active_statuses_of_the_model_are_those_the_table_can_cancel():
    # The model's unique constraints (one active registration per address) use these.
    assert set(Registration.ACTIVE_STATUSES) == ACTIVE


@pytest.mark.parametrize("name", list(SERVICES))
@pytest.mark.parametrize("state", STATES)
def test_registration_services_take_exactly_the_steps_of_the_table(
    state, name, moderator, django_capture_on_commit_callbacks
):
    role, service = SERVICES[name]
    action = name.removesuffix("_by_staff")
    event = EventFactory(capacity=None)  # a seat for everyone on the waitlist
    registration = RegistrationFactory(event=event, status=state, waitlist_number=1)
    steps = REGISTRATION.steps_from(state, action)
    with django_capture_on_commit_callbacks(execute=True):
        service(registration, moderator)
    registration.refresh_from_db()
    if REGISTRATION.allows(action, state, role):
        [step] = [s for s in steps if s.target == registration.status]
        assert step.mails and len(mail.outbox) == 1
    else:
        assert registration.status == state
        assert mail.outbox == []


@pytest.mark.parametrize("state", STATES)
def test_reminders_go_to_exactly_the_states_the_table_reminds(
    state, django_capture_on_commit_callbacks
):
    start = timezone.now() + conf.reminder_lead_time() / 2
    event = EventFactory(start=start, end=start + timedelta(hours=3))
    registration = RegistrationFactory(event=event, status=state)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_reminders()
    registration.refresh_from_db()
    assert registration.status == state
    assert sent == len(REGISTRATION.steps_from(state, "remind"))
    assert len(mail.outbox) == sent


def test_a_step_the_table_does_not_have_is_refused_with_a_clear_error():
    with pytest.raises(TransitionError) as refused:
        REGISTRATION.step("promote", R.CANCELLED, roles=SYSTEM)
    assert str(R.CANCELLED.label) in refused.value.messages[0]


def test_confirming_a_cancelled_registration_by_its_link_changes_nothing(client):
    registration = RegistrationFactory(status=R.CANCELLED)
    response = client.post(f"/veranstaltungen/anmeldung/{registration.token}/bestaetigen/")
    assert response.status_code == 302
    assert response["Location"] == registration.get_absolute_url()
    registration.refresh_from_db()
    assert registration.status == R.CANCELLED


@pytest.mark.parametrize("state", STATES)
def test_registration_page_offers_the_participants_steps_of_the_table(client, state):
    registration = RegistrationFactory(status=state, waitlist_number=1)
    page = client.get(registration.get_absolute_url()).content.decode()
    offered = REGISTRATION.available(state, PARTICIPANT)
    assert ("Meine Anmeldung stornieren" in page) == ("cancel" in offered)
    assert ("Anmeldung bestätigen" in page) == ("confirm_email" in offered)


@pytest.mark.parametrize("state", STATES)
def test_registration_admin_filtered_to_a_status_offers_only_the_tables_steps(
    client, moderator, state
):
    log_in_with_second_factor(client, moderator)
    RegistrationFactory(status=state)
    page = client.get(f"/admin/events/registration/?status__exact={state}").content.decode()
    assert ('value="cancel_registrations"' in page) == REGISTRATION.allows(
        "cancel", state, EVENT_MANAGER
    )
    assert 'value="export_csv"' in page  # not a step: always offered


@pytest.mark.parametrize("state", list(EVENT.states))
def test_event_admin_filtered_to_a_status_offers_only_the_tables_steps(client, moderator, state):
    log_in_with_second_factor(client, moderator)
    EventFactory(status=state)
    page = client.get(f"/admin/events/event/?status__exact={state}").content.decode()
    for action in ["publish", "cancel"]:
        assert (f'value="{action}"' in page) == EVENT.allows(action, state, EVENT_MANAGER)


def test_staff_cancelling_an_already_cancelled_registration_sends_nothing(
    client, moderator, django_capture_on_commit_callbacks
):
    log_in_with_second_factor(client, moderator)
    registration = RegistrationFactory(status=R.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/events/registration/",
            {"action": "cancel_registrations", "_selected_action": [registration.pk]},
            follow=True,
        )
    assert "0 Anmeldungen storniert" in response.content.decode()
    assert mail.outbox == []


# What each status tells the participant (the template compares with the table's states).
STATUS_TEXT = {
    R.CONFIRMED: "Sie sind angemeldet. Ihr Platz ist bestätigt.",
    R.WAITLISTED: "Warteliste",
    R.PENDING: "Bitte bestätigen Sie Ihre E-Mail-Adresse",
    R.CANCELLED: "Diese Anmeldung ist storniert.",
    R.EXPIRED: "Diese Anmeldung ist verfallen",
}


@pytest.mark.parametrize("state", STATES)
def test_registration_page_tells_each_status_and_only_that_one(client, state):
    registration = RegistrationFactory(status=state, waitlist_number=1)
    page = client.get(registration.get_absolute_url()).content.decode()
    for other, text in STATUS_TEXT.items():
        if other != R.WAITLISTED:
            assert (text in page) == (other == state), other
    assert ("Kalenderdatei" in page or ".ics" in page) == (state == R.CONFIRMED)


@pytest.mark.parametrize("state", list(EVENT.states))
def test_event_page_marks_only_drafts_as_drafts(client, moderator, state):
    log_in_with_second_factor(client, moderator)
    event = EventFactory(status=state)
    page = client.get(event.get_absolute_url()).content.decode()
    assert ("Entwurf: Nur das Veranstaltungsteam" in page) == (state == EVENT_DRAFT)
