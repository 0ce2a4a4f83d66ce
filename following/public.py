"""What other parts of the portal may ask of following.

Other apps show the follow button by including ``following/includes/follow.html`` with
``target`` (a public project, organisation or event series) in their detail templates.
"""

from following.models import Follow
from zukunftsplattform.months import per_month


def follows_per_month(*, start, end) -> dict:
    """{first day of month: follows started then} between the days ``start`` and ``end``,
    of follows that still exist (an unfollow removes the row). One query."""
    return per_month(Follow.objects.all(), "created_at", start=start, end=end)
