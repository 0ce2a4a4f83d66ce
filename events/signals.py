"""Reactions to other apps' events, connected in ``EventsConfig.ready()``."""

from events.models import AgendaItem, Registration
from events.public import events_for_person, events_for_project
from events.services import anonymise_user_registrations


def anonymise_registrations_of_deleted_user(sender, instance, **kwargs):
    """An account is being deleted: free its seats and anonymise its registrations."""
    anonymise_user_registrations(user=instance)


def personal_data(user) -> list[dict]:
    """The user's registrations for the data export (accounts.personal_data)."""
    return [
        {
            "event": registration.event.title,
            "event_start": registration.event.start.isoformat(),
            "status": registration.status,
            "waitlist_position": registration.waitlist_position(),
            "name": registration.name,
            "email": registration.email,
            "language": registration.language,
            "accessibility_needs": registration.accessibility_needs,
            "dietary_needs": registration.dietary_needs,
            "photo_consent": registration.photo_consent,
            "attended": registration.attended,
            "registered_at": registration.created_at.isoformat(),
            "placed_at": registration.placed_at.isoformat() if registration.placed_at else None,
            "confirmed_at": registration.confirmed_at.isoformat()
            if registration.confirmed_at
            else None,
            "cancelled_at": registration.cancelled_at.isoformat()
            if registration.cancelled_at
            else None,
            "reminder_sent_at": registration.reminder_sent_at.isoformat()
            if registration.reminder_sent_at
            else None,
        }
        for registration in Registration.objects.filter(user=user)
        .select_related("event")
        .order_by("created_at", "pk")
    ]


def speaker_data(user) -> list[dict]:
    """Agenda items where the user's network profile is listed as a speaker."""
    return [
        {"event": item.event.title, "item": item.title, "starts_at": item.starts_at.isoformat()}
        for item in AgendaItem.objects.filter(speakers__user=user)
        .select_related("event")
        .order_by("starts_at", "pk")
    ]


def project_detail_section(request, project):
    """The "events" section on a project page (projects.extensions)."""
    events = list(events_for_project(project))
    if not events:
        return None
    return {"template": "events/includes/event_links.html", "context": {"events": events}}


def person_detail_section(request, person):
    """The "events" section on a public person page (network.extensions)."""
    events = list(events_for_person(person))
    if not events:
        return None
    return {"template": "events/includes/event_links.html", "context": {"events": events}}
