"""Which personal data the portal keeps about a user, gathered from every app.

Each app registers a function in its ``AppConfig.ready()`` that returns the user's
data as JSON-ready values, so the export knows every app without importing it.
"""

import io
import json
import zipfile
from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder

from accounts.models import ActivityLog

_providers: dict[str, Callable] = {}
_file_providers: list[Callable] = []


def register(section: str, provider: Callable) -> None:
    _providers[section] = provider


def register_files(provider: Callable) -> None:
    """``provider(user)`` returns storage names of uploaded files about the user (photos,
    project images); the ZIP download holds them beside the JSON."""
    if provider not in _file_providers:
        _file_providers.append(provider)


def files(user) -> list[str]:
    """Storage names of the user's files, each once, in a stable order."""
    return sorted({name for provider in _file_providers for name in provider(user) if name})


def as_zip(user) -> bytes:
    """The export as a ZIP: ``daten.json`` and the files under ``dateien/``.

    A file missing from storage is left out and named in ``fehlende-dateien.txt``.
    """
    buffer = io.BytesIO()
    missing = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "daten.json",
            json.dumps(collect(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        )
        for name in files(user):
            try:
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(f"dateien/{name}", handle.read())
            except (FileNotFoundError, OSError):
                missing.append(name)
        if missing:
            archive.writestr("fehlende-dateien.txt", "\n".join(missing) + "\n")
    return buffer.getvalue()


def collect(user) -> dict:
    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "moderation_emails": user.moderation_emails,
            "moderation_digest_sent_at": user.moderation_digest_sent_at.isoformat()
            if user.moderation_digest_sent_at
            else None,
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
        # What they did that the portal records on the objects (accounts.audit): staff
        # actions, moderation decisions, steps of their own projects.
        "activity": [
            {
                "at": entry.at.isoformat(),
                "action": entry.action,
                "kind": f"{entry.content_type.app_label}.{entry.content_type.model}",
                "object_id": entry.object_id,
                "object": entry.object_repr,
                "details": entry.data,
            }
            for entry in ActivityLog.objects.filter(actor=user)
            .select_related("content_type")
            .order_by("at", "pk")
        ],
    }
    for section, provider in sorted(_providers.items()):
        data[section] = provider(user)
    return data
