"""What other apps may use of accounts: the user model, whether a session may use staff
powers (second factor passed), a person's confirmed addresses (``verified_addresses``), the audit line for a refused request, the activity records
of staff actions (``audit.record()``, ``audit.snapshot()``, ``audit.changes()``), the
admin base that shows them (``ActivityHistoryAdmin``) and, for demo data, the terms of use
in force and their acceptance (``ensure_terms_in_force``, ``accept_current_terms``). Places to add to the account pages,
the data export and the activity labels are in ``accounts/extensions.py``."""

from accounts import audit
from accounts.addresses import verified_addresses
from accounts.admin import ActivityHistoryAdmin
from accounts.audit import permission_denied
from accounts.middleware import has_staff_powers
from accounts.models import User
from accounts.terms import accept_current_terms, ensure_terms_in_force

__all__ = [
    "ActivityHistoryAdmin",
    "User",
    "accept_current_terms",
    "audit",
    "ensure_terms_in_force",
    "has_staff_powers",
    "permission_denied",
    "verified_addresses",
]
