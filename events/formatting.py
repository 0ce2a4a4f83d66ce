"""How an event's time reads in German and English, always in Europe/Berlin."""

from django.utils import dateformat, timezone
from django.utils.translation import get_language

# Per language: date with weekday, time, and the joiner for a same-day range.
FORMATS = {
    "de": {"date": "l, j. F Y", "time": "H:i", "suffix": " Uhr"},
    "en": {"date": "l, j F Y", "time": "H:i", "suffix": ""},
}


def _formats() -> dict:
    return FORMATS.get((get_language() or "de")[:2], FORMATS["de"])


def format_date(value) -> str:
    return dateformat.format(timezone.localtime(value), _formats()["date"])


def format_time(value) -> str:
    return dateformat.format(timezone.localtime(value), _formats()["time"]) + _formats()["suffix"]


def format_range(start, end) -> str:
    """ "Donnerstag, 12. März 2026, 10:00–16:00 Uhr" or a range over several days."""
    f = _formats()
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() == end.date():
        times = f"{dateformat.format(start, f['time'])}–{dateformat.format(end, f['time'])}"
        return f"{dateformat.format(start, f['date'])}, {times}{f['suffix']}"
    return f"{format_date(start)}, {format_time(start)} – {format_date(end)}, {format_time(end)}"
