"""Who may do what with reports: anyone may report public content; deciding, and seeing
who reported, takes ``notices.decide_report`` in a session that passed a second factor."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.public import has_staff_powers
from notices.targets import TARGETS

DECIDE_PERMISSION = "notices.decide_report"


def get_reportable_or_404(kind: str, slug: str):
    """The public object a notice is about; 404 for anything the public cannot see."""
    target = TARGETS.get(kind)
    if target is None:
        raise Http404
    return target, get_object_or_404(target.public(), slug=slug)


def can_decide(request) -> bool:
    return has_staff_powers(request.user) and request.user.has_perm(DECIDE_PERMISSION)


def can_see_reporter(request) -> bool:
    """The reporter's name and address are for the moderation only."""
    return can_decide(request)
