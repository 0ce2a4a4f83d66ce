"""Scheduled work on registrations: reminders, and removing personal data no longer needed."""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events import conf
from events.lifecycle import REGISTRATION
from events.models import Event, Registration, new_token
from events.services.registrations import cancel_registration, expire_requests, mail_after_commit
from zukunftsplattform.lifecycle import SYSTEM

logger = logging.getLogger("zukunftsplattform.audit")


def send_reminders(*, now=None) -> int:
    """Remind confirmed participants of published events starting within the lead time.

    Idempotent: each registration is reminded once (``reminder_sent_at``); concurrent
    runs skip rows another run holds. Returns how many were sent.
    """
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event")
            .filter(
                status__in=REGISTRATION.sources("remind"),
                reminder_sent_at__isnull=True,
                event__status=Event.Status.PUBLISHED,
                event__start__gt=now,
                event__start__lte=now + conf.reminder_lead_time(),
            )
        )
        for registration in due:
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            step = REGISTRATION.step("remind", registration.status, roles=SYSTEM)
            mail_after_commit(registration, step.mails)
            sent += 1
    return sent


def _anonymise(registration: Registration, now) -> None:
    registration.user = None
    registration.name = ""
    registration.email = ""
    registration.accessibility_needs = ""
    registration.dietary_needs = ""
    registration.photo_consent = False
    registration.token = new_token()
    registration.anonymised_at = now
    registration.save(
        update_fields=[
            "user",
            "name",
            "email",
            "accessibility_needs",
            "dietary_needs",
            "photo_consent",
            "token",
            "anonymised_at",
        ]
    )


@transaction.atomic
def anonymise_registrations(*, now=None) -> int:
    """Remove personal data the portal no longer needs; returns how many were anonymised.

    - Guests' registrations, once the event ended ``EVENTS_ANONYMISE_AFTER_DAYS`` ago.
    - Guest requests never confirmed within ``EVENTS_GUEST_CONFIRMATION_HOURS``: they
      expire and are anonymised at once.
    - Account holders' accessibility and dietary needs, at the same time as guests' data.
    Status and attendance stay for the statistics. Idempotent.
    """
    now = now or timezone.now()
    expire_requests(
        Registration.objects.filter(created_at__lt=now - conf.guest_confirmation_period())
    )
    due = Registration.objects.select_for_update(skip_locked=True, of=("self",)).filter(
        Q(event__end__lt=now - conf.anonymise_after()) | Q(status=Registration.Status.EXPIRED),
        anonymised_at__isnull=True,
        user__isnull=True,
    )
    count = 0
    for registration in due:
        _anonymise(registration, now)
        count += 1
    # Account holders keep their registration (it is theirs, in "Meine Anmeldungen"), but
    # their accessibility and dietary needs go after the event like guests' data.
    count += (
        Registration.objects.filter(event__end__lt=now - conf.anonymise_after(), user__isnull=False)
        .exclude(accessibility_needs="", dietary_needs="")
        .update(accessibility_needs="", dietary_needs="")
    )
    if count:
        logger.info(
            "registrations anonymised", extra={"action": "registration.anonymise", "count": count}
        )
    return count


@transaction.atomic
def anonymise_user_registrations(*, user, now=None) -> int:
    """Before an account is deleted: free its seats and anonymise its registrations.

    Side effects: seats of upcoming events are given to the waitlist (those people are
    emailed); the leaving user gets no mail.
    """
    now = now or timezone.now()
    registrations = list(
        Registration.objects.filter(user=user).select_related("event").order_by("pk")
    )
    for registration in registrations:
        if registration.is_active and not registration.event.has_ended(now):
            cancel_registration(registration=registration, notify=False, now=now)
            registration.refresh_from_db()
        _anonymise(registration, now)
    return len(registrations)
