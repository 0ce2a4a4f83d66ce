"""What every step leaves behind: the project's history, and the mails to the team and to
the moderators (each item, or the daily summary)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.public import User, audit
from projects.models import Project, ProjectMembership, Transition
from zukunftsplattform import mail
from zukunftsplattform.mail import absolute_url

#: The daily moderation summary goes out with the first scheduler run from this hour on.
DIGEST_FROM_HOUR = 7


def record(project, *, actor, from_status, to_status, message="", changes=None) -> Transition:
    """The step in the project's history, and its activity record and log line."""
    transition = Transition.objects.create(
        project=project, actor=actor, from_status=from_status, to_status=to_status, message=message
    )
    audit.record(
        f"project.{to_status or 'created'}",
        project,
        actor=actor,
        changes=changes,
        log_message="project transition",
        **{"from": from_status, "to": to_status, "message": message},
    )
    return transition


def notify_team(project: Project, *, event: str, message: str = "", members=None) -> None:
    """Email every team member (or just ``members``) in their language, after commit."""
    if members is None:
        members = list(project.memberships.select_related("user"))
    for membership in members:
        user = membership.user
        mail.send(
            "projects/email/status",
            to=[user.email],
            context={
                "project": project,
                "user": user,
                "event": event,
                "message": message,
                "mine_url": absolute_url(reverse("projects:mine")),
                "public_url": absolute_url(project.get_absolute_url()),
            },
            language=user.language or "de",
            after_commit=True,
        )


def moderators():
    """Active staff allowed to moderate projects (by group or directly; not superusers as
    such: administrators join the Moderation group if they want the mail)."""
    permissions = Permission.objects.filter(
        codename="moderate_project", content_type__app_label="projects"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__in=permissions) | Q(user_permissions__in=permissions))
        .distinct()
        .order_by("pk")
    )


def _queue_url(project: Project | None = None) -> str:
    if project is None:
        return absolute_url(reverse("admin:projects_moderationqueueentry_changelist"))
    return absolute_url(reverse("admin:projects_project_moderate", args=[project.pk]))


def _notify_moderators(project: Project, *, kind: str) -> None:
    """Tell moderators who want each item that ``project`` waits for them (after commit).

    ``kind``: "submitted", "resubmitted" or "changes_submitted". Moderators on the daily
    summary hear about it from ``send_moderation_digest``.
    """
    for user in moderators().filter(moderation_emails=User.ModerationEmails.EACH):
        mail.send(
            "projects/email/moderation_waiting",
            to=[user.email],
            context={
                "user": user,
                "project": project,
                "kind": kind,
                "decide_url": _queue_url(project),
                "queue_url": _queue_url(),
            },
            language=user.language or "de",
            after_commit=True,
        )


def send_moderation_digest(*, now=None) -> int:
    """Send the day's summary of the moderation queue to moderators who chose it.

    At most one a calendar day (Europe/Berlin) per moderator, from ``DIGEST_FROM_HOUR``
    on, and only when something waits; safe to run every hour. Returns the number sent.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    if timezone.localtime(now).hour < DIGEST_FROM_HOUR:
        return 0
    waiting = list(Project.objects.awaiting_review())
    if not waiting:
        return 0
    items = [{"project": project, "decide_url": _queue_url(project)} for project in waiting]
    sent = 0
    for user in moderators().filter(moderation_emails=User.ModerationEmails.DAILY):
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=user.pk)
            last = user.moderation_digest_sent_at
            if last and timezone.localdate(last) >= today:
                continue
            user.moderation_digest_sent_at = now
            user.save(update_fields=["moderation_digest_sent_at"])
            mail.send(
                "projects/email/moderation_digest",
                to=[user.email],
                context={
                    "user": user,
                    "items": items,
                    "count": len(waiting),
                    "queue_url": _queue_url(),
                },
                language=user.language or "de",
                after_commit=True,
            )
            sent += 1
    return sent


def notify_new_owner(*, project: Project, membership: ProjectMembership) -> None:
    """Tell a member that they took over the project because its owner left the platform."""
    notify_team(project, event="ownership_passed", members=[membership])


def recorded_and_told(project: Project, step, *, actor, message: str) -> None:
    """What every step does once taken: the history line, and the mails its row names."""
    record(
        project,
        actor=actor,
        from_status=step.recorded_from,
        to_status=step.recorded_as,
        message=message,
    )
    if step.mails:
        notify_team(project, event=step.mails, message=message)
    if step.tells_moderators:
        _notify_moderators(project, kind=step.tells_moderators)
