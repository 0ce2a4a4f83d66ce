"""Audit log: logins, permission denials and every staff or moderation action.

Each action on an object is written twice by ``record()``: as an ``ActivityLog`` row that
the object's admin page shows (who, when, what, before and after) and as a JSON log line
(time, actor, action) for operations. Logins and denials concern no object: log lines only.
Never passwords, tokens or secret links.
"""

import json
import logging
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import FileField
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import ActivityLog, User

logger = logging.getLogger("zukunftsplattform.audit")


def snapshot(obj, fields) -> dict:
    """The values of ``fields`` as JSON: related objects by name, files by storage name.

    Taken before and after a change, from the database row (not from a form's instance).
    """
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(str(o) for o in getattr(obj, name).all()) if obj.pk else []
        elif field.is_relation:
            related = getattr(obj, name)
            values[name] = str(related) if related is not None else None
        elif isinstance(field, FileField):
            values[name] = getattr(obj, name).name or ""
        else:
            values[name] = field.value_from_object(obj)
    return _json(values)


def changes(before: dict, after: dict, *, private=()) -> dict:
    """Field → ``{"before", "after"}`` for each value that differs.

    ``private`` fields (contact addresses, links to accounts) are recorded as changed
    without their values, so a record never keeps personal data the object itself drops.
    """
    result = {}
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        result[name] = {"changed": True} if name in private else {"before": old, "after": new}
    return result


def record(action: str, obj, *, actor=None, changes=None, log_message: str = "", **details):
    """Record one action on ``obj``: an ``ActivityLog`` row and the JSON log line.

    ``action`` is a dotted name (``organisation.update``); ``changes`` comes from
    ``changes()``; ``details`` (a message, counts, from/to) go into both. The log line
    names the object under its model name (``"organisation": 7``) as it always did.
    Returns the row.
    """
    actor_pk = getattr(actor, "pk", None)
    entry = ActivityLog.objects.create(
        actor_id=actor_pk,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        data=_json({**({"changes": changes} if changes else {}), **details}),
    )
    # Messages to a team or a member stay in the database record; the log line carries
    # keys only (and no name a LogRecord reserves).
    logged = {key: value for key, value in details.items() if key not in _NOT_LOGGED}
    logger.info(
        log_message or action,
        extra={obj._meta.model_name: obj.pk, **logged, "action": action, "actor": actor_pk},
    )
    return entry


# What the admin shows for an action name and for coded values in the details (statuses);
# each app registers its own in ``AppConfig.ready()``, so accounts imports none of them.
_action_labels: dict = {}
_value_labels: dict = {}
_detail_labels = {
    "message": _("Message"),
    "reason": _("Reason"),
    "from": _("From"),
    "to": _("To"),
    "count": _("Number"),
    "how": _("How"),
    "notified": _("People told"),
    "asked": _("People asked"),
    "attended": _("Attended"),
    "text_name": _("Consent text"),
    "merged_names": _("Merged organisations"),
    "new_owner": _("New owner"),
    "previous_owner": _("Previous owner"),
}


def register_labels(*, actions: dict, values: dict | None = None) -> None:
    """Labels for action names (``"organisation.update"``) and for coded detail values."""
    _action_labels.update(actions)
    _value_labels.update(values or {})


def activity_of(obj, *, limit: int = 200) -> list:
    """The object's records, newest first, with their actors (one query), each with
    ``label`` (the action), ``rows`` (field, before, after) and ``details`` for display."""
    model = type(obj)
    entries = list(
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("actor")[:limit]
    )
    # Accounts named in the details (by number, see _ACCOUNT_KEYS): one query for all.
    account_ids = {
        entry.data[key] for entry in entries for key in _ACCOUNT_KEYS if entry.data.get(key)
    }
    accounts = {user.pk: user for user in User.objects.filter(pk__in=account_ids)}
    # What the admin page shows of each entry, set on the instances it renders.
    for entry in cast(list[Any], entries):
        entry.label = _action_labels.get(entry.action, entry.action)
        for key in _ACCOUNT_KEYS:
            if entry.data.get(key):
                account = accounts.get(entry.data[key])
                entry.data[key] = str(account) if account else str(_("deleted account"))
        entry.rows = [
            {
                "label": _field_label(model, name),
                "hidden": "changed" in change,
                "before": _shown(model, name, change.get("before")),
                "after": _shown(model, name, change.get("after")),
            }
            for name, change in (entry.data.get("changes") or {}).items()
        ]
        entry.details = [
            (_detail_labels.get(name, name), _detail_value(value))
            for name, value in entry.data.items()
            if name not in _NOT_SHOWN and value not in ("", None, [])
        ]
    return entries


def _detail_value(value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, str):
        return _value_labels.get(value, value)
    return value


def _field_label(model, name) -> str:
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field that no longer exists: its name
        return name


def _shown(model, name, value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    try:
        choices = dict(model._meta.get_field(name).flatchoices)
    except FieldDoesNotExist:
        choices = {}
    return choices.get(value, value)


# Details that name an account by its number, never by name: a record keeps no name of
# someone who deletes their account, and the page shows the name while the account exists.
_ACCOUNT_KEYS = ("new_owner", "previous_owner")
# Keys of objects named again in words (``text_name``, ``merged_names``).
_NOT_SHOWN = {"changes", "text", "merged"}
_NOT_LOGGED = {"message", "reason", "msg", "args", "name", "changes"}


def _json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def logged_in(sender, request, user, **kwargs):
    logger.info("login succeeded", extra={"action": "login.success", "actor": user.pk})


def login_failed(sender, credentials, request=None, **kwargs):
    # Only the (email) identifier, never the password; allauth passes it as "email" or "login".
    identifier = (
        credentials.get("email") or credentials.get("login") or credentials.get("username") or ""
    )
    logger.warning(
        "login failed", extra={"action": "login.failure", "identifier": str(identifier)[:254]}
    )


def logged_out(sender, request, user, **kwargs):
    logger.info("logout", extra={"action": "logout", "actor": getattr(user, "pk", None)})


def permission_denied(request) -> None:
    user = getattr(request, "user", None)
    logger.warning(
        "permission denied",
        extra={
            "action": "permission.denied",
            "actor": user.pk if user is not None and user.is_authenticated else None,
            "path": request.path,
            "method": request.method,
        },
    )
