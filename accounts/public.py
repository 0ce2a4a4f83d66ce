"""What other apps may use of accounts: the user model, whether a session may use staff
powers (second factor passed), the activity record (``audit.record``, and
``ActivityHistoryAdmin`` for an object's admin page), and the audit line for a refused
request. Places to add to the account pages and the data export are in
``accounts/extensions.py``."""

from accounts import audit
from accounts.admin import ActivityHistoryAdmin
from accounts.audit import permission_denied
from accounts.middleware import has_staff_powers
from accounts.models import User

__all__ = ["ActivityHistoryAdmin", "User", "audit", "has_staff_powers", "permission_denied"]
