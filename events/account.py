"""The events' part of the account home (registered in ``EventsConfig.ready``)."""

from django.utils import timezone

from events.models import Registration


def my_registrations_section(request) -> dict:
    """The signed-in person's next registrations (at most three), soonest first."""
    upcoming = (
        Registration.objects.filter(user=request.user, event__end__gte=timezone.now())
        .exclude(status=Registration.Status.EXPIRED)
        .select_related("event")
        .order_by("event__start", "pk")
    )
    return {
        "template": "events/account_overview.html",
        "context": {"upcoming": upcoming[:3], "more": upcoming[3:4].exists()},
    }
