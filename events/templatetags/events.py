from django import template

from events import formatting, permissions

register = template.Library()


@register.filter
def when(event) -> str:
    """The event's date and time range in the active language, in Europe/Berlin."""
    return formatting.format_range(event.start, event.end)


@register.filter
def participant_steps(registration) -> list[str]:
    """The steps the table offers the participant now (``events.lifecycle.REGISTRATION``)."""
    return permissions.participant_steps(registration)


@register.filter
def event_date(value) -> str:
    return formatting.format_date(value)


@register.filter
def event_time(value) -> str:
    return formatting.format_time(value)


@register.filter
def profile_url(obj) -> str:
    """The public page of a person or project."""
    return obj.get_absolute_url()
