"""Every change to reports: receiving a notice, the moderation's steps, retention.

A notice arrives (``receive_report``): the reporter gets an acknowledgement if they gave
an address, the editorial team a mail with the admin link. The moderation takes it into
review and decides (``decide_report``): "no action" or "restrict" – restricting takes the
content off the public pages through the owning app's service. The reporter is told the
decision; when content is restricted, its owners get a statement of reasons (Art. 17 DSA).
Each step is an activity record on the report. Decided reports are deleted
``NOTICES_KEEP_DAYS`` after the decision (``delete_expired_reports``).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.public import audit
from notices.lifecycle import DECISIONS, REPORT
from notices.models import Report
from notices.targets import target_of, target_of_model
from zukunftsplattform import mail
from zukunftsplattform.lifecycle import MODERATOR, TransitionError
from zukunftsplattform.mail import absolute_url


def _admin_url(report: Report) -> str:
    return absolute_url(reverse("admin:notices_report_change", args=[report.pk]))


@transaction.atomic
def receive_report(
    *,
    content,
    reason: str,
    description: str,
    good_faith: bool,
    reporter=None,
    reporter_name: str = "",
    reporter_email: str = "",
    language: str = "de",
) -> Report:
    """Store a notice about ``content`` (a public project, organisation, person or event).

    Side effects, after commit: an acknowledgement to the reporter (the given address,
    else the account's), a mail to the editorial team with the report's admin page.
    """
    target = target_of(content)
    if target is None:
        raise ValueError(f"{type(content).__name__} cannot be reported")
    report = Report.objects.create(
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        content_title=target.title(content)[:300],
        content_path=content.get_absolute_url()[:500],
        reason=reason,
        description=description,
        good_faith=good_faith,
        reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
        reporter_name=reporter_name,
        reporter_email=reporter_email,
        language=language,
    )
    mail.send(
        "notices/email/received",
        to=[report.reporter_address],
        context={"report": report, "content_url": absolute_url(report.content_path)},
        language=report.language,
        reply_to=[settings.STAFF_NOTIFICATION_EMAIL],
        after_commit=True,
    )
    mail.send(
        "notices/email/new_report",
        to=[settings.STAFF_NOTIFICATION_EMAIL],
        context={
            "report": report,
            "content_url": absolute_url(report.content_path),
            "admin_url": _admin_url(report),
        },
        language="de",
        after_commit=True,
    )
    return report


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def review_report(*, report: Report, moderator) -> Report:
    """Take a new report into review (so colleagues see someone is on it). An activity
    record; nobody is mailed."""
    stored = _locked(report)
    step = REPORT.step("review", stored.state, roles=MODERATOR)
    stored.state = step.target
    stored.save(update_fields=["state"])
    audit.record(
        "report.review",
        stored,
        actor=moderator,
        changes={"state": {"before": step.source, "after": step.target}},
    )
    report.refresh_from_db()
    return stored


def content_of(report: Report):
    """The reported object if it still exists (whether public or not), else None."""
    model = report.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=report.object_id).first()


def is_public(report: Report) -> bool:
    """Whether the reported content is on the public pages now."""
    model = report.content_type.model_class()
    target = target_of_model(model) if model else None
    return bool(target and target.public().filter(pk=report.object_id).exists())


@transaction.atomic
def decide_report(
    *, report: Report, moderator, action: str, statement: str, ground: str = ""
) -> Report:
    """Decide the report: ``action`` is ``dismiss`` (no action) or ``restrict``.

    ``statement``: the reasons, which the reporter (and, when restricted, the owners) read.
    ``ground`` (restrict only): unlawful content or incompatible with the terms of use.
    Restricting takes the content off the public pages through its app's service
    (``targets``); content that is no longer public cannot be restricted.
    Side effects: an activity record; after commit, the decision to the reporter and the
    statement of reasons to the owners of restricted content.
    """
    stored = _locked(report)
    step = REPORT.step(action, stored.state, roles=MODERATOR, message=statement)
    content = None
    if action == "restrict":
        if ground not in Report.Ground.values:
            raise TransitionError(_("Please name the ground of the restriction."))
        content = content_of(stored)
        if content is None or not is_public(stored):
            raise TransitionError(
                _("This content is no longer public, so there is nothing to restrict.")
            )
        target = target_of(content)
        assert target is not None
        target.restrict(content, moderator=moderator, statement=statement)
    else:
        ground = ""
    stored.state = step.target
    stored.decision = DECISIONS[action]
    stored.ground = ground
    stored.statement = statement
    stored.decided_at = timezone.now()
    stored.save(update_fields=["state", "decision", "ground", "statement", "decided_at"])
    audit.record(
        f"report.{action}",
        stored,
        actor=moderator,
        changes={"state": {"before": step.source, "after": step.target}},
        message=statement,
        reason=ground,
    )
    _tell_reporter(stored)
    if content is not None:
        _tell_owners(stored, content)
    report.refresh_from_db()
    return stored


def _tell_reporter(report: Report) -> None:
    mail.send(
        "notices/email/decided",
        to=[report.reporter_address],
        context={
            "report": report,
            "contact_url": absolute_url(reverse("pages:content", args=["kontakt"])),
        },
        language=report.language,
        reply_to=[settings.STAFF_NOTIFICATION_EMAIL],
        after_commit=True,
    )


def _tell_owners(report: Report, content) -> None:
    """The statement of reasons (Art. 17 DSA) to each owner, in their language."""
    target = target_of(content)
    assert target is not None
    for address, language in target.owners(content):
        mail.send(
            "notices/email/statement_of_reasons",
            to=[address],
            context={
                "report": report,
                "kind": target.label,
                "content_url": absolute_url(report.content_path),
                "contact_url": absolute_url(reverse("pages:content", args=["kontakt"])),
            },
            language=language,
            reply_to=[settings.STAFF_NOTIFICATION_EMAIL],
            after_commit=True,
        )


@transaction.atomic
def forget_reporter(*, user) -> int:
    """The account goes: its reports stay for the moderation, without the link to it and
    without the contact given. Returns how many reports were changed."""
    return Report.objects.filter(reporter=user).update(
        reporter=None, reporter_name="", reporter_email=""
    )


def delete_expired_reports(*, now=None) -> int:
    """Delete reports decided more than ``NOTICES_KEEP_DAYS`` ago (their activity records,
    which hold no contact, stay). Returns how many were deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NOTICES_KEEP_DAYS)
    deleted, _by_model = Report.objects.filter(
        state=Report.State.DECIDED, decided_at__lt=cutoff
    ).delete()
    return deleted
