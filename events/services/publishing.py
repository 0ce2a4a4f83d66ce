"""Events: save (Markdown, search index), publish, cancel, following ``events.lifecycle``."""

from django.db import transaction
from django.utils import timezone

from accounts.public import audit
from events.lifecycle import EVENT, REGISTRATION
from events.models import Event
from events.services.registrations import expire_requests, mail_after_commit, promote_waitlist
from zukunftsplattform.markdown import render_markdown
from zukunftsplattform.search import search_document, update_search_columns

MARKDOWN_FIELDS = {
    "description": "description_html",
    "documentation_summary": "documentation_summary_html",
    "documentation_results": "documentation_results_html",
}


def search_document_of(event: Event, *, series_title: str) -> dict[str, str]:
    """What the public reads: title (A); series, venue, place, region (B); summary (C);
    description and documentation (D)."""
    return search_document(
        a=[event.title],
        b=[
            series_title,
            event.venue_name,
            event.locality,
            event.get_region_display() if event.region else "",
        ],
        c=[event.summary],
        d=[event.description, event.documentation_summary],
    )


def refresh_search(event: Event) -> None:
    """Index the event for search (``search_document_of``)."""
    series_title = event.series.title if event.series else ""
    update_search_columns(
        Event, event.pk, document=search_document_of(event, series_title=series_title)
    )


def _recorded_fields() -> list[str]:
    """What an event's activity record keeps before and after a change: its editable
    fields (the programme, documents and photos have their own pages)."""
    return [
        f.name
        for f in Event._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in {"search_vector", "search_text"}
    ]


@transaction.atomic
def save_event(*, event: Event, by=None) -> Event:
    """Render the Markdown fields, save, re-index for search.

    Side effects: if the event has more seats than confirmed participants (capacity
    raised), the waitlist moves up and those people are emailed; an activity record
    with before and after (the online link only as changed: it is for participants).
    """
    stored = Event.objects.filter(pk=event.pk).first() if event.pk else None
    before = audit.snapshot(stored, _recorded_fields()) if stored else {}
    for source, target in MARKDOWN_FIELDS.items():
        setattr(event, target, render_markdown(getattr(event, source)))
    event.save()
    refresh_search(event)
    audit.record(
        "event.update" if stored else "event.create",
        event,
        actor=by,
        changes=audit.changes(
            before, audit.snapshot(event, _recorded_fields()), private={"online_url"}
        ),
    )
    if event.pk and event.status == Event.Status.PUBLISHED:
        promote_waitlist(event=event)
    return event


def render_series(series) -> None:
    series.description_html = render_markdown(series.description)


@transaction.atomic
def publish_event(*, event: Event, by=None) -> Event:
    """Make a draft public. Cancelled events stay cancelled."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    for step in EVENT.steps_from(event.status, "publish"):
        event.status = step.target
        event.published_at = event.published_at or timezone.now()
        event.save(update_fields=["status", "published_at", "updated_at"])
        audit.record(
            "event.publish",
            event,
            actor=by,
            changes={"status": {"before": step.source, "after": event.status}},
            log_message="event published",
        )
    return event


@transaction.atomic
def unpublish_event(*, event: Event, by=None) -> Event:
    """Take a published event off the public pages: it is a draft again. Registrations
    keep their status; nobody is mailed. Other states: nothing happens."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    for step in EVENT.steps_from(event.status, "unpublish"):
        event.status = step.target
        event.save(update_fields=["status", "updated_at"])
        audit.record(
            "event.unpublish",
            event,
            actor=by,
            changes={"status": {"before": step.source, "after": event.status}},
            log_message="event unpublished",
        )
    return event


@transaction.atomic
def cancel_event(*, event: Event, reason: str = "", by=None) -> Event:
    """Cancel the event and tell everyone who holds or waits for a seat.

    Side effects: confirmed and waitlisted participants are emailed (with ``reason``);
    guests who never confirmed their email are not written to again, their requests
    expire. Registrations keep their status for the record.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    steps = EVENT.steps_from(event.status, "cancel")
    if not steps:
        return event
    [step] = steps
    status_before = event.status
    event.status = step.target
    event.cancelled_at = timezone.now()
    if reason:
        event.cancellation_reason = reason
    event.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
    expire_requests(event.registrations.all())
    to_tell = list(
        event.registrations.filter(
            status__in=REGISTRATION.sources("event_cancelled")
        ).select_related("event")
    )
    for registration in to_tell:
        [told] = REGISTRATION.steps_from(registration.status, "event_cancelled")
        mail_after_commit(registration, told.mails)
    audit.record(
        "event.cancel",
        event,
        actor=by,
        changes={"status": {"before": status_before, "after": event.status}},
        notified=len(to_tell),
        log_message="event cancelled",
    )
    return event
