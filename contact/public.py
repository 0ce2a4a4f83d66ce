"""What other parts of the portal may ask of contact through the platform."""

from contact.models import ContactRequest
from contact.services import addressee, is_switched_off
from zukunftsplattform.months import per_month

__all__ = ["can_be_contacted", "contact_requests_per_month", "is_switched_off"]


def can_be_contacted(obj) -> bool:
    """Whether a message to this project, organisation or person would reach someone."""
    return addressee(obj).reachable


def contact_requests_per_month(*, start, end) -> dict:
    """{first day of month: messages sent through the platform then} between the days
    ``start`` and ``end``. Messages are deleted after ``CONTACT_RETENTION_DAYS``, so months
    further back count only what is kept. One query."""
    return per_month(ContactRequest.objects.all(), "created_at", start=start, end=end)
