"""The events app's adjustable periods, each overridable by a Django setting of that name.

Read through functions so tests (and an operator's settings) can change them at runtime.
"""

from datetime import timedelta

from django.conf import settings

# Defaults; the settings' names are EVENTS_<NAME>.
DEFAULTS = {
    # A guest who does not confirm their email within this time loses the request.
    "GUEST_CONFIRMATION_HOURS": 48,
    # Guests' registrations are anonymised this many days after the event ended.
    "ANONYMISE_AFTER_DAYS": 30,
    # The reminder goes out once the event starts within this many hours.
    "REMINDER_HOURS_BEFORE": 24,
}


def _value(name: str) -> int:
    return int(getattr(settings, f"EVENTS_{name}", DEFAULTS[name]))


def guest_confirmation_period() -> timedelta:
    return timedelta(hours=_value("GUEST_CONFIRMATION_HOURS"))


def anonymise_after() -> timedelta:
    return timedelta(days=_value("ANONYMISE_AFTER_DAYS"))


def reminder_lead_time() -> timedelta:
    return timedelta(hours=_value("REMINDER_HOURS_BEFORE"))
