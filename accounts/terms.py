"""The terms of use: the version in force, who accepted which, and new versions.

Staff write a version in the admin and put it in force (``publish_terms``); from then on
every signed-in person who has not accepted it is asked to (``middleware.terms_acceptance``)
before anything else of the signed-in area. Sign-up records the acceptance of the version
the person was shown (``accounts.forms.SignupDetailsForm``).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.default_terms import ensure_terms
from accounts.models import TermsAcceptance, TermsOfUse
from zukunftsplattform import versioned_text

logger = logging.getLogger("zukunftsplattform.audit")

#: Fields of a version that staff write (and the activity records show).
TEXT_FIELDS = versioned_text.TEXT_FIELDS


def current_terms() -> TermsOfUse | None:
    """The version in force: the latest published one (none before the first)."""
    return versioned_text.in_force(TermsOfUse.objects.all())


def needs_to_accept(user) -> TermsOfUse | None:
    """The version in force if ``user`` has not accepted it yet, else ``None``."""
    terms = current_terms()
    if terms is None or not user.is_authenticated:
        return None
    if TermsAcceptance.objects.filter(user=user, terms=terms).exists():
        return None
    return terms


def accept_terms(*, user, terms: TermsOfUse) -> TermsAcceptance:
    """Record that ``user`` accepted ``terms`` now (once per version)."""
    if terms.published_at is None:
        raise ValidationError(_("This version of the terms of use is not in force."))
    acceptance, created = TermsAcceptance.objects.get_or_create(user=user, terms=terms)
    if created:
        logger.info(
            "terms accepted",
            extra={"action": "terms.accept", "actor": user.pk, "version": terms.version},
        )
    return acceptance


def ensure_terms_in_force() -> TermsOfUse:
    """Version 1 in force if there is no version yet (demo data, tests: as migrated)."""
    return ensure_terms(TermsOfUse)


def accept_current_terms(user) -> None:
    """Record the acceptance of the version in force (demo accounts, test factories)."""
    terms = current_terms()
    if terms is not None:
        accept_terms(user=user, terms=terms)


@transaction.atomic
def save_terms(*, terms: TermsOfUse, by) -> TermsOfUse:
    """Save a draft version (a new one gets the next number); published ones never change."""
    stored = versioned_text.save_draft(terms, by=by)
    audit.record(
        "terms.update" if stored else "terms.create",
        terms,
        actor=by,
        changes=audit.changes(
            audit.snapshot(stored, TEXT_FIELDS) if stored else {},
            audit.snapshot(terms, TEXT_FIELDS),
        ),
    )
    return terms


@transaction.atomic
def publish_terms(*, terms: TermsOfUse, by) -> TermsOfUse:
    """Put a draft version in force. Everyone signed in is asked to accept it on their
    next page view; until then only public pages, the terms, their data and logging out."""
    terms = versioned_text.put_in_force(terms)
    audit.record(
        "terms.publish", terms, actor=by, version=terms.version, log_message="terms published"
    )
    return terms


def written_by(user) -> list[dict]:
    """The versions the user (staff) wrote, for the data export."""
    return [
        {"version": terms.version, "created_at": terms.created_at.isoformat()}
        for terms in TermsOfUse.objects.filter(created_by=user).order_by("created_at")
    ]


def acceptances_of(user) -> list[dict]:
    """The user's acceptances for the data export, oldest first."""
    return [
        {"version": acceptance.terms.version, "accepted_at": acceptance.accepted_at.isoformat()}
        for acceptance in TermsAcceptance.objects.filter(user=user)
        .select_related("terms")
        .order_by("accepted_at", "pk")
    ]
