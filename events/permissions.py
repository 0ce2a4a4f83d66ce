"""Who may see what of an event. Every event view goes through these."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.public import has_staff_powers
from events.lifecycle import PARTICIPANT, REGISTRATION
from events.models import Event, Registration, Series
from zukunftsplattform.slugs import ensure_current_slug, get_by_slug


def is_event_manager(user) -> bool:
    """Staff who manage events (the Moderation group has this permission)."""
    return has_staff_powers(user) and user.has_perm("events.change_event")


def can_view(user, event: Event) -> bool:
    return event.is_public or is_event_manager(user)


def get_event_for_user(request, slug, queryset=None) -> Event:
    """The event for this request, or 404 for a draft unless the user manages events.

    An address the event had before redirects to its current one (``SlugMoved``).
    """
    event = get_by_slug(queryset if queryset is not None else Event.objects.all(), slug)
    if not can_view(request.user, event):
        raise Http404
    ensure_current_slug(event, slug)
    return event


def get_series(slug) -> Series:
    """A series (always public), also by an address it had before (``SlugMoved``)."""
    series = get_by_slug(Series.objects.all(), slug)
    ensure_current_slug(series, slug)
    return series


def get_registration_for_token(token: str) -> Registration:
    """A registration is reached by its secret link only; a wrong or old link is a 404."""
    if not token or len(token) > 64:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("event", "event__series").filter(
            anonymised_at__isnull=True
        ),
        token=token,
    )


def can_see_online_link(registration: Registration) -> bool:
    return (
        registration.status == Registration.Status.CONFIRMED
        and not registration.event.is_cancelled
        and bool(registration.event.online_url)
    )


def participant_steps(registration: Registration, now=None) -> list[str]:
    """What the participant may do with their registration now, from the table: confirm
    their email, cancel (until the event ends)."""
    steps = REGISTRATION.available(registration.status, PARTICIPANT)
    if registration.event.has_ended(now):
        steps = [step for step in steps if step != "cancel"]
    return steps


def can_cancel(registration: Registration, now=None) -> bool:
    return "cancel" in participant_steps(registration, now)


def can_confirm(registration: Registration) -> bool:
    return REGISTRATION.allows("confirm_email", registration.status, PARTICIPANT)
