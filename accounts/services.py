import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("zukunftsplattform.audit")

#: Functions ``(user) -> list[str]`` that other apps register (in ``ready()``): what
#: deleting the account means beyond the account itself, e.g. who takes over a project.
#: The deletion page lists the sentences before the person confirms.
_deletion_notes: list = []


def register_deletion_note(note) -> None:
    if note not in _deletion_notes:
        _deletion_notes.append(note)


def deletion_notes(user) -> list[str]:
    return [sentence for note in _deletion_notes for sentence in note(user)]


@transaction.atomic
def delete_account(*, request, user) -> None:
    """Delete the user and everything that hangs on them; end every session of theirs.

    Email addresses and second factors vanish with the user (cascade); the other apps
    remove or anonymise their part on ``pre_delete``. Sessions on other devices are
    deleted too: they would stop working anyway, but they still hold the address.
    """
    user_id = user.pk
    logout(request)
    _delete_sessions_of(user_id)
    user.delete()
    logger.info("account deleted", extra={"action": "account.delete", "actor": user_id})


def _delete_sessions_of(user_id) -> None:
    """Delete the stored sessions that belong to the user (database-backed sessions)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):  # cache or cookie sessions cannot be listed
        return  # pragma: no cover - settings keep Django's database sessions
    sessions = store.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for session in sessions.iterator():
        if store().decode(session.session_data).get(SESSION_KEY) == str(user_id):
            store(session.session_key).delete()


def set_moderation_emails(*, user, choice: str) -> None:
    """Staff choose an email per waiting item or one summary a day."""
    user.moderation_emails = choice
    user.save(update_fields=["moderation_emails"])
    logger.info(
        "moderation emails set",
        extra={"action": "account.moderation_emails", "actor": user.pk, "to": choice},
    )
