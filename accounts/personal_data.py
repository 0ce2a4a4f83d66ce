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
    from django.contrib.admin.models import LogEntry

    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "groups": sorted(group.name for group in user.groups.all()),
            "permissions": sorted(
                f"{p.content_type.app_label}.{p.codename}"
                for p in user.user_permissions.select_related("content_type")
            ),
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
        # Staff only: what they changed in the admin (Django's own log).
        "admin_actions": [
            {
                "at": entry.action_time.isoformat(),
                "kind": f"{entry.content_type.app_label}.{entry.content_type.model}"
                if entry.content_type_id
                else None,
                "object_id": entry.object_id,
                "object": entry.object_repr,
                "action": entry.action_flag,
                "change": entry.change_message,
            }
            for entry in LogEntry.objects.filter(user=user)
            .select_related("content_type")
            .order_by("action_time", "pk")
        ],
    }
    for section, provider in sorted(_providers.items()):
        data[section] = provider(user)
    return data
