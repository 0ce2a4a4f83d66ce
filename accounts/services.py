import logging

from django.contrib.auth import logout
from django.db import transaction

logger = logging.getLogger("zukunftsplattform.audit")


@transaction.atomic
def delete_account(*, request, user) -> None:
    """Delete the user and everything that hangs on them; end this session.

    Email addresses, second factors and sessions' owner vanish with the user (cascade);
    other sessions of the user stop working because their user no longer exists.
    """
    user_id = user.pk
    logout(request)
    user.delete()
    logger.info("account deleted", extra={"action": "account.delete", "actor": user_id})
