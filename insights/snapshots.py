"""The monthly snapshots of needs and offers: taking one, and reading them back."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from insights.models import NeedsSnapshot
from network.public import needs_and_offers_by_region
from zukunftsplattform.months import month_of


@transaction.atomic
def take_snapshot(*, now=None) -> int:
    """Count needs and offers per region and category now (as the public overview does)
    and keep them as this month's snapshot, replacing one taken earlier this month. Returns
    the number of rows. Idempotent within a month; one write query."""
    now = now or timezone.now()
    month = month_of(timezone.localdate(now))
    rows = [
        NeedsSnapshot(
            month=month,
            region=region,
            category=row["category"],
            needed_by=row["needed_by"],
            organisations=row["organisations"],
            people=row["people"],
            taken_at=now,
        )
        for region, table in needs_and_offers_by_region().items()
        for row in table
    ]
    NeedsSnapshot.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["month", "region", "category"],
        update_fields=["needed_by", "organisations", "people", "taken_at"],
    )
    return len(rows)


def ensure_current_snapshot(*, now=None) -> None:
    """Take this month's snapshot unless there is one (the dashboard's first use, before
    the scheduler has run)."""
    month = month_of(timezone.localdate(now or timezone.now()))
    if not NeedsSnapshot.objects.filter(month=month).exists():
        take_snapshot(now=now)


def snapshots_between(start: date, end: date):
    """Snapshot rows of the months from ``start``'s to ``end``'s."""
    return NeedsSnapshot.objects.filter(month__gte=month_of(start), month__lte=end)
