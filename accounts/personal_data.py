"""Which personal data the portal keeps about a user, gathered from every app.

Each app registers a function in its ``AppConfig.ready()`` that returns the user's
data as JSON-ready values, so the export knows every app without importing it.
"""

from collections.abc import Callable

_providers: dict[str, Callable] = {}


def register(section: str, provider: Callable) -> None:
    _providers[section] = provider


def collect(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_staff": user.is_staff,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "second_factors": [
            {
                "type": authenticator.type,
                "created_at": authenticator.created_at.isoformat(),
                "last_used_at": authenticator.last_used_at.isoformat()
                if authenticator.last_used_at
                else None,
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }
    for section, provider in sorted(_providers.items()):
        data[section] = provider(user)
    return data
