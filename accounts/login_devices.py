"""Known login devices: somebody else's wrong passwords cannot lock you out of your browser.

allauth refuses a login after five failures per account in five minutes, from anywhere. That
stops guessing, but it also lets anyone keep a chosen account locked by five wrong
passwords every five minutes. Following OWASP's "device cookies", a browser in which the
account has logged in before carries a signed cookie naming the account (as a keyed hash of
the address, not the address) and a random device id. A login attempt that presents a valid
cookie for the account it tries counts its failures against that device, not the account:
the lock-out another person causes stops only browsers that have not logged in before, and a
stolen cookie still allows no more than five guesses per five minutes. The per-address
limits apply to every attempt as before.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

SALT = "accounts.login-device"
MAX_AGE = 60 * 60 * 24 * 365


def _account_tag(email: str) -> str:
    return salted_hmac(SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:24]


def known_device(request, email: str) -> str | None:
    """The device id when the request's cookie says this browser logged in to ``email``."""
    value = request.COOKIES.get(settings.LOGIN_DEVICE_COOKIE_NAME)
    if not value or not email:
        return None
    try:
        data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != _account_tag(email):
        return None
    device = data.get("d")
    return device if isinstance(device, str) else None


def remember_device(request, response, email: str) -> None:
    """After a successful login: mark this browser as known for the account."""
    device = known_device(request, email) or secrets.token_urlsafe(16)
    response.set_cookie(
        settings.LOGIN_DEVICE_COOKIE_NAME,
        signing.dumps({"a": _account_tag(email), "d": device}, salt=SALT),
        max_age=MAX_AGE,
        secure=not settings.DEBUG,
        httponly=True,
        samesite="Strict",
    )
