"""What other parts of the portal may ask of contact through the platform."""

from contact.services import addressee, is_switched_off

__all__ = ["can_be_contacted", "is_switched_off"]


def can_be_contacted(obj) -> bool:
    """Whether a message to this project, organisation or person would reach someone."""
    return addressee(obj).reachable
