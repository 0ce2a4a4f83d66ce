"""What other apps may use of accounts: the user model, whether a session may use staff
powers (second factor passed), a person's confirmed addresses (``verified_addresses``), the audit line for a refused request, the activity records
of staff actions (``audit.record()``, ``audit.snapshot()``, ``audit.changes()``) and the
admin base that shows them (``ActivityHistoryAdmin``). Places to add to the account pages,
the data export and the activity labels are in ``accounts/extensions.py``."""

from accounts import audit
from accounts.addresses import verified_addresses
from accounts.admin import ActivityHistoryAdmin
from accounts.audit import permission_denied
from accounts.middleware import has_staff_powers
from accounts.models import User

__all__ = [
    "ActivityHistoryAdmin",
    "User",
    "audit",
    "has_staff_powers",
    "permission_denied",
    "verified_addresses",
]
