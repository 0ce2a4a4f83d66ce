"""Who may do what with follows: 404 for what one may not know exists."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from following.models import Follow
from following.targets import KIND_IN_URL, public_target


def get_public_target(kind_in_url: str, slug: str):
    """The public project, organisation or series to follow, or 404 (drafts, hidden
    organisations and unknown kinds do not exist for the follow button)."""
    target = public_target(KIND_IN_URL.get(kind_in_url, ""), slug)
    if target is None:
        raise Http404
    return target


def get_follow_for_user(request, pk: int) -> Follow:
    """One of the signed-in person's own follows; someone else's is a 404."""
    return get_object_or_404(Follow, pk=pk, user=request.user)
