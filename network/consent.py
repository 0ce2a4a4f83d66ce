"""Signed links for consent: one to confirm (expires), one to withdraw (never expires).

The confirmation link carries the person and the email address it was sent to, so a link
sent to an old address stops working once staff change the address. The withdrawal link
must keep working as long as the person can find an email from us, so it has no age limit.
"""

from datetime import timedelta

from django.core import signing

from network.models import Person

CONFIRM_SALT = "network.consent.confirm"
WITHDRAW_SALT = "network.consent.withdraw"
CONFIRM_MAX_AGE = timedelta(days=30)


class InvalidLink(Exception):
    """The link is broken, forged, expired or no longer meant for this person."""


def make_confirm_token(person) -> str:
    return signing.dumps({"p": person.pk, "e": person.email.lower()}, salt=CONFIRM_SALT)


def make_withdraw_token(person) -> str:
    return signing.dumps({"p": person.pk}, salt=WITHDRAW_SALT)


def read_confirm_token(token: str):
    """Return the person the confirmation link belongs to, or raise InvalidLink."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        raise InvalidLink from None
    person = Person.objects.filter(pk=data.get("p")).first()
    if person is None or person.email.lower() != data.get("e"):
        raise InvalidLink
    return person


def read_withdraw_token(token: str):
    """Return the person the withdrawal link belongs to, or raise InvalidLink."""
    try:
        data = signing.loads(token, salt=WITHDRAW_SALT)
    except signing.BadSignature:
        raise InvalidLink from None
    person = Person.objects.filter(pk=data.get("p")).first()
    if person is None:
        raise InvalidLink
    return person
