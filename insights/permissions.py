"""Who may see the dashboard: staff with the permission (the Moderation group has it)."""

from functools import wraps

from django.core.exceptions import PermissionDenied


def can_view_dashboard(user) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("insights.view_dashboard"))


def dashboard_access(view):
    """403 for staff without the permission; the admin's own check (``admin_view``) sends
    everyone else to the admin login first."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_view_dashboard(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
