"""The reports a signed-in person made: their part of the data export, and what happens
to the reports when the account goes (they stay for the moderation, unlinked)."""

from django.utils.translation import ngettext

from notices.models import Report
from notices.services import forget_reporter


def _iso(value):
    return value.isoformat() if value else None


def reports_of(user) -> list[dict]:
    return [
        {
            "content": report.content_title,
            "address": report.content_path,
            "reason": report.reason,
            "description": report.description,
            "good_faith": report.good_faith,
            "name": report.reporter_name,
            "email": report.reporter_email,
            "language": report.language,
            "state": report.state,
            "decision": report.decision,
            "ground": report.ground,
            "statement": report.statement,
            "received_at": _iso(report.created_at),
            "decided_at": _iso(report.decided_at),
        }
        for report in Report.objects.of_reporter(user).order_by("created_at", "pk")
    ]


def deletion_note(user) -> list[str]:
    count = Report.objects.of_reporter(user).count()
    if not count:
        return []
    return [
        ngettext(
            "Your report stays with the moderation, without your name, address or account.",
            "Your %(count)d reports stay with the moderation, without your name, address or "
            "account.",
            count,
        )
        % {"count": count}
    ]


def forget_reporter_of_deleted_user(sender, instance, **kwargs):
    forget_reporter(user=instance)
