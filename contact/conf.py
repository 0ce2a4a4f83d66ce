"""The contact app's limits and periods, each overridable by a Django setting of that name.

Read through functions so tests (and an operator's settings) can change them at runtime.
"""

from datetime import timedelta

from django.conf import settings

# Defaults; the settings' names are CONTACT_<NAME>.
DEFAULTS = {
    # Messages (and their reports) are deleted this many days after they were sent.
    "RETENTION_DAYS": 180,
    # One account sends at most this many messages per day ...
    "SENDER_LIMIT_PER_DAY": 10,
    # ... and one project, organisation or person receives at most this many per day.
    "RECIPIENT_LIMIT_PER_DAY": 20,
}
DAY = 24 * 60 * 60


def _value(name: str) -> int:
    return int(getattr(settings, f"CONTACT_{name}", DEFAULTS[name]))


def retention_days() -> int:
    return _value("RETENTION_DAYS")


def retention() -> timedelta:
    return timedelta(days=retention_days())


def sender_limit() -> int:
    return _value("SENDER_LIMIT_PER_DAY")


def recipient_limit() -> int:
    return _value("RECIPIENT_LIMIT_PER_DAY")
