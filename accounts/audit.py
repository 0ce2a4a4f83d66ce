"""Audit log: logins and permission denials, with time, actor and action – never secrets."""

import logging

logger = logging.getLogger("zukunftsplattform.audit")


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
