"""Calendar months in Saxony's time zone, for figures counted per month (the dashboard)."""

from datetime import date

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth


def month_of(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def months_between(start: date, end: date) -> list[date]:
    """The first days of every month from ``start``'s to ``end``'s, both included."""
    months, month = [], month_of(start)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def per_month(queryset: QuerySet, field: str, *, start: date, end: date, count: str = "pk"):
    """{first day of month: number of distinct ``count``} of the rows whose ``field`` (a
    date-time) falls between ``start`` and ``end`` (days, both included), in local time.
    One query."""
    rows = (
        queryset.filter(**{f"{field}__date__gte": start, f"{field}__date__lte": end})
        .order_by()
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count(count, distinct=True))
        .values_list("month", "n")
    )
    return {month.date(): n for month, n in rows}
