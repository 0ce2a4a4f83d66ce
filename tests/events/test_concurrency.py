"""Many people at once for few seats: the last seat goes to exactly one of them.

Each thread has its own database connection (as separate web processes would), so the
event's row lock is really contended; ``transactional_db`` lets the threads see each
other's commits.
"""

import threading

import pytest
from django.core import mail
from django.db import connection

from events import services
from events.models import Registration
from tests.events.factories import EventFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_like_a_fresh_installation"),
]

PEOPLE = 16
SEATS = 5


def run_at_once(actions):
    barrier = threading.Barrier(len(actions))
    errors = []

    def run(action):
        try:
            barrier.wait(timeout=30)
            action()
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def assert_seats_and_waitlist_in_order(event):
    # In the order in which the event's lock was won ...
    registrations = list(event.registrations.order_by("placed_at", "pk"))
    assert len(registrations) == PEOPLE
    # ... the first SEATS got a seat, the rest the waitlist places 1..n, without gaps or doubles.
    assert [r.status for r in registrations] == ["confirmed"] * SEATS + ["waitlisted"] * (
        PEOPLE - SEATS
    )
    waiting = registrations[SEATS:]
    assert [r.waitlist_number for r in waiting] == list(range(1, PEOPLE - SEATS + 1))
    assert [r.waitlist_position() for r in waiting] == list(range(1, PEOPLE - SEATS + 1))


def test_parallel_user_registrations_never_overbook():
    event = EventFactory(capacity=SEATS)
    users = UserFactory.create_batch(PEOPLE)
    run_at_once([lambda u=u: services.register_user(event=event, user=u) for u in users])
    assert_seats_and_waitlist_in_order(event)
    # Everyone heard back: a confirmation or their waitlist place.
    assert len(mail.outbox) == PEOPLE


def test_parallel_guest_confirmations_never_overbook():
    event = EventFactory(capacity=SEATS)
    requests = [
        services.register_guest(event=event, name=f"Gast {n}", email=f"gast{n}@example.org")
        for n in range(PEOPLE)
    ]
    run_at_once([lambda r=r: services.confirm_guest(registration=r) for r in requests])
    assert_seats_and_waitlist_in_order(event)


def test_parallel_cancellations_promote_each_waiting_person_once():
    event = EventFactory(capacity=SEATS)
    holders = [services.register_user(event=event, user=UserFactory()) for _ in range(SEATS)]
    waiting = [services.register_user(event=event, user=UserFactory()) for _ in range(SEATS + 2)]
    run_at_once([lambda r=r: services.cancel_registration(registration=r) for r in holders])
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["confirmed"] * SEATS + ["waitlisted"] * 2
    assert event.registrations.confirmed().count() == SEATS


def test_the_same_guest_address_sent_twice_at_once_gives_one_request():
    event = EventFactory(capacity=SEATS)
    run_at_once(
        [
            lambda: services.register_guest(
                event=event, name="Doppelt", email="doppelt@example.org"
            )
            for _ in range(4)
        ]
    )
    assert event.registrations.count() == 1
