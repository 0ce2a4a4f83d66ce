"""Every state change of contact through the platform.

- :func:`send_request`: a signed-in person writes to a project team, an organisation's
  members or a person; each recipient gets a mail in their language (with a report link),
  the sender's address goes along as Reply-To only when they agreed.
- :func:`take_step`: a recipient marks the request answered, declined or open again.
- :func:`report_request`, :func:`block_sender`, :func:`unblock_sender`,
  :func:`dismiss_report`: abuse, reported by recipients and decided by staff.
- :func:`set_contact_allowed`: a person or organisation switches contact off or on.
- :func:`delete_expired_requests`: the retention period; :func:`forget_user`: before an
  account is deleted.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.public import audit
from contact import conf
from contact.lifecycle import RECIPIENT, REQUEST
from contact.models import BlockedSender, ContactOptOut, ContactReport, ContactRequest
from contact.tokens import make_report_token
from zukunftsplattform.mail import absolute_url, send
from zukunftsplattform.ratelimit import hit

logger = logging.getLogger("zukunftsplattform.audit")

PROJECT, ORGANISATION, PERSON = "project", "organisation", "person"


class ContactRefused(Exception):
    """The request cannot be sent; ``str()`` says why, in words for the sender."""


@dataclass
class Addressee:
    """Who receives a request to ``obj`` (a project, an organisation or a person)."""

    kind: str
    obj: object
    users: list = field(default_factory=list)
    email: str = ""  # a person without account
    language: str = "de"

    @property
    def reachable(self) -> bool:
        return bool(self.users or self.email)

    @property
    def name(self) -> str:
        return str(getattr(self.obj, "title", None) or getattr(self.obj, "name", ""))


def kind_of(obj) -> str:
    return {"project": PROJECT, "organisation": ORGANISATION, "person": PERSON}[
        obj._meta.model_name
    ]


def is_switched_off(obj) -> bool:
    kind = kind_of(obj)
    if kind == PROJECT:
        return False
    return ContactOptOut.objects.filter(**{kind: obj}).exists()


def addressee(obj) -> Addressee:
    """The recipients of a request to ``obj`` right now (nobody when contact is off)."""
    kind = kind_of(obj)
    found = Addressee(kind=kind, obj=obj)
    if is_switched_off(obj):
        return found
    if kind == PROJECT:
        found.users = [m.user for m in obj.memberships.select_related("user").order_by("pk")]
    elif kind == ORGANISATION:
        found.users = list(obj.members.order_by("pk"))
    elif obj.user_id:
        found.users = [obj.user]
    else:
        found.email, found.language = obj.email, obj.language
    found.users = [user for user in found.users if user.is_active and user.email]
    return found


def is_blocked(user) -> bool:
    return BlockedSender.objects.filter(user=user).exists()


def refusal(sender, target: Addressee) -> str:
    """Why ``sender`` cannot write to ``target`` ("" when they can)."""
    if is_blocked(sender):
        return str(_("You can no longer send messages through the platform."))
    if not target.reachable:
        return str(_("%(name)s cannot be contacted through the platform.") % {"name": target.name})
    if sender in target.users:
        return str(_("You would be writing to yourself: you receive messages to %(name)s.")) % {
            "name": target.name
        }
    return ""


@transaction.atomic
def send_request(
    *, sender, obj, subject: str, message: str, about=None, about_kind="", share_email=False
) -> ContactRequest:
    """Send a request to ``obj``; raise ContactRefused when it may not be sent.

    Counts against the sender's and the addressee's daily limits. Side effects: one mail to
    each recipient after commit, in their language, with their own report link.
    """
    target = addressee(obj)
    reason = refusal(sender, target)
    if reason:
        raise ContactRefused(reason)
    if not hit(f"contact:sender:{sender.pk}", conf.sender_limit(), conf.DAY):
        raise ContactRefused(_("You have sent many messages today. Please try again tomorrow."))
    if not hit(f"contact:to:{target.kind}:{obj.pk}", conf.recipient_limit(), conf.DAY):
        raise ContactRefused(
            _("%(name)s has received many messages today. Please try again tomorrow.")
            % {"name": target.name}
        )
    request = ContactRequest.objects.create(
        sender=sender,
        **{target.kind: obj},
        recipient_email=target.email,
        about=about,
        about_kind=about_kind if about else "",
        subject=subject,
        message=message,
        share_email=share_email,
    )
    request.recipients.set(target.users)
    deliveries = [(user.email, user.language, True) for user in target.users]
    if target.email:
        deliveries.append((target.email, target.language, False))
    for address, language, has_account in deliveries:
        send(
            "contact/email/request",
            to=[address],
            language=language,
            reply_to=[sender.email] if share_email else [],
            context={
                "request": request,
                "addressee": target.name,
                "kind": target.kind,
                "sender_name": sender.display_name or _("A member of the platform"),
                "has_account": has_account,
                "requests_url": absolute_url("/konto/anfragen/"),
                "report_url": absolute_url(
                    f"/kontakt-aufnehmen/melden/{make_report_token(request, address)}/"
                ),
                "retention_days": conf.retention_days(),
            },
            after_commit=True,
        )
    logger.info(
        "contact request sent",
        extra={"action": "contact.send", "contact_request": request.pk, "kind": target.kind},
    )
    return request


@transaction.atomic
def take_step(*, request: ContactRequest, user, action: str) -> ContactRequest:
    """A recipient marks the request ``answer``ed, ``decline``d or ``reopen``s it.

    Raises PermissionDenied for anyone else and TransitionError for a step the table
    does not have from the current state. Nobody is mailed.
    """
    request = ContactRequest.objects.select_for_update().get(pk=request.pk)
    roles = {RECIPIENT} if request.recipients.filter(pk=user.pk).exists() else set()
    step = REQUEST.step(action, request.status, roles=roles)
    request.status = step.target
    request.status_changed_at = timezone.now()
    request.save(update_fields=["status", "status_changed_at"])
    return request


@transaction.atomic
def report_request(*, request: ContactRequest, address: str, reason: str = "") -> ContactReport:
    """The recipient at ``address`` reports the message; staff see it in the admin."""
    report = ContactReport.objects.create(request=request, reason=reason)
    audit.record("contact.report", report, reason_given=bool(reason))
    return report


@transaction.atomic
def block_sender(*, user, actor, reason: str = "") -> BlockedSender:
    """Staff block an account from sending; its open reports are resolved. Idempotent."""
    block, created = BlockedSender.objects.get_or_create(user=user, defaults={"reason": reason})
    now = timezone.now()
    ContactReport.objects.filter(request__sender=user, resolved_at__isnull=True).update(
        resolved_at=now, resolution=ContactReport.Resolution.BLOCKED
    )
    if created:
        audit.record("contact.block_sender", user, actor=actor, message=reason)
    return block


@transaction.atomic
def unblock_sender(*, block: BlockedSender, actor) -> None:
    audit.record("contact.unblock_sender", block.user, actor=actor)
    block.delete()


@transaction.atomic
def dismiss_report(*, report: ContactReport, actor) -> None:
    """Staff find nothing wrong with a reported message."""
    if report.resolved_at:
        return
    report.resolved_at = timezone.now()
    report.resolution = ContactReport.Resolution.DISMISSED
    report.save(update_fields=["resolved_at", "resolution"])
    audit.record("contact.dismiss_report", report, actor=actor)


@transaction.atomic
def set_contact_allowed(*, obj, allowed: bool) -> bool:
    """Switch contact through the platform on or off for a person or an organisation.

    Returns whether anything changed. Who may do it is the caller's check
    (``permissions.may_switch``); no moderation.
    """
    kind = kind_of(obj)
    if allowed:
        deleted, _rows = ContactOptOut.objects.filter(**{kind: obj}).delete()
        return bool(deleted)
    _optout, created = ContactOptOut.objects.get_or_create(**{kind: obj})
    return created


@transaction.atomic
def delete_expired_requests(*, now=None) -> int:
    """Delete messages older than the retention period, with their reports.

    A message with a report staff have not decided yet stays until they decide. Returns
    how many were deleted. Idempotent.
    """
    now = now or timezone.now()
    due = ContactRequest.objects.filter(created_at__lt=now - conf.retention()).exclude(
        reports__resolved_at__isnull=True, reports__isnull=False
    )
    count = due.count()
    if count:
        due.delete()
        logger.info(
            "contact requests deleted", extra={"action": "contact.retention", "count": count}
        )
    return count


@transaction.atomic
def forget_user(*, user) -> None:
    """Before an account is deleted: its sent messages go (with the account, by cascade);
    messages only it received go too, those to a team stay with the rest of the team."""
    only_theirs = (
        ContactRequest.objects.annotate(received_by=Count("recipients"))
        .filter(received_by=1, recipient_email="")
        .filter(recipients=user)
        .values_list("pk", flat=True)
    )
    ContactRequest.objects.filter(pk__in=list(only_theirs)).delete()
