"""Every change to a project goes through these functions.

Lifecycle: draft → submitted → published, or → changes requested (with the moderator's
message) → resubmitted, or → rejected (with a reason); published → archived. A published
project's edits wait in ``revision`` until a moderator approves them; the public keeps
seeing the approved fields. Each step is recorded as a ``Transition`` and the team is
told by email in each member's language.
"""

import functools
import secrets
from datetime import timedelta
from typing import Any, cast

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.public import User, audit
from projects.lifecycle import CHANGES, PROJECT
from projects.models import Invitation, Project, ProjectMembership, Transition, organisations
from projects.permissions import change_roles, lifecycle_roles
from zukunftsplattform import lifecycle, mail, moderation
from zukunftsplattform.mail import absolute_url
from zukunftsplattform.markdown import render_markdown
from zukunftsplattform.search import search_document, update_search_columns
from zukunftsplattform.slugs import unique_slug

Step = Transition.Step

# Fields of the profile the team edits (also what a revision holds and the diff shows).
PROFILE_FIELDS = [
    "title", "summary", "challenge", "approach", "impact_reached", "impact_outcomes", "evidence_links",
    "stage", "topics", "target_groups", "sdgs", "region", "place", "carrying_organisation",
    "partner_organisations", "funding_programme", "call_round", "website", "contact_email",
    "contact_phone", "logo", "logo_alt", "cover", "cover_alt", "needs", "needs_note", "offers",
    "offers_note",
]  # fmt: skip
M2M_FIELDS = {"topics", "target_groups", "partner_organisations", "needs", "offers"}
IMAGE_FIELDS = {"logo", "cover"}
MARKDOWN_FIELDS = {
    "challenge": "challenge_html",
    "approach": "approach_html",
    "impact_outcomes": "impact_outcomes_html",
}
STORY_FIELDS = {
    "story_what_worked": "story_what_worked_html",
    "story_lessons": "story_lessons_html",
    "story_transfer": "story_transfer_html",
}
INVITATION_VALIDITY = timedelta(days=14)
#: The daily moderation summary goes out with the first scheduler run from this hour on.
DIGEST_FROM_HOUR = 7


# The table's refusal: a step that is not allowed from the project's current state.
TransitionError = lifecycle.TransitionError


# --- Creating and editing -------------------------------------------------------------


def _render_fields(project: Project) -> None:
    for source, target in {**MARKDOWN_FIELDS, **STORY_FIELDS}.items():
        setattr(project, target, render_markdown(getattr(project, source)))


def search_document_of(project: Project, *, topics, target_groups) -> dict[str, str]:
    """What the public sees, weighted: title (A); topics, target groups, region, place (B);
    summary (C); the long texts, the best-practice story and the English names (D).
    ``topics`` and ``target_groups``: (German, English) name pairs."""
    terms = [*topics, *target_groups]
    return search_document(
        a=[project.title],
        b=[
            *(de for de, _en in terms),
            project.get_region_display() if project.region else "",
            project.place,
        ],
        c=[project.summary],
        d=[
            project.challenge,
            project.approach,
            project.impact_reached,
            project.impact_outcomes,
            project.story_what_worked,
            project.story_lessons,
            project.story_transfer,
            *(en for _de, en in terms),
        ],
    )


def refresh_search(project: Project) -> None:
    """Index the project for search (``search_document_of``)."""
    document = search_document_of(
        project,
        topics=project.topics.values_list("name_de", "name_en"),
        target_groups=project.target_groups.values_list("name_de", "name_en"),
    )
    update_search_columns(Project, project.pk, document=document)


def _apply(project: Project, data: dict) -> None:
    """Write profile values (form cleaned_data shape) onto the project and save it."""
    for field in PROFILE_FIELDS:
        if field in data and field not in M2M_FIELDS:
            value = data[field]
            if field in IMAGE_FIELDS and not value:
                continue  # no new upload keeps the current image
            if field in IMAGE_FIELDS and isinstance(value, dict):
                getattr(project, field).name = value["main"]
                if field == "cover":
                    project.cover_card.name = value["card"]
                continue
            setattr(project, field, value)
    _render_fields(project)
    project.save()
    for field in M2M_FIELDS:
        if field in data:
            getattr(project, field).set(data[field])
    refresh_search(project)


def _store_images(data: dict) -> dict:
    """Save uploaded renditions to storage; keep their names (for a revision's JSON)."""
    stored = dict(data)
    for field in IMAGE_FIELDS:
        renditions = data.get(field)
        if (
            isinstance(renditions, dict)
            and "main" in renditions
            and not isinstance(renditions["main"], str)
        ):
            stored[field] = {
                key: default_storage.save(f"projects/{field}s/{content.name}", content)
                for key, content in renditions.items()
            }
    return stored


@transaction.atomic
def create_project(*, owner, data: dict) -> Project:
    """Create a draft with ``owner`` as its owner. Side effects: stores uploaded images."""
    data = _store_images(data)
    project = Project(
        slug=unique_slug(Project, data["title"], fallback="projekt"), status=Project.Status.DRAFT
    )
    _apply(project, data)
    ProjectMembership.objects.create(project=project, user=owner, role=ProjectMembership.Role.OWNER)
    _record(project, actor=owner, from_status="", to_status=Project.Status.DRAFT)
    return project


class ProjectChanges(moderation.Moderated):
    """A published project's edits go through the change moderation (``CHANGES``)."""

    def roles_of(self, user, project):
        return change_roles(user, project)

    def apply(self, project, values):
        _apply(project, values)

    def prepare(self, project, step, *, by, message, now):
        if step.action == "submit":
            project.submitted_at = now
            return ["submitted_at", "updated_at"]
        if lifecycle.MODERATOR in step.roles:
            project.moderator_message = message  # a decision: its message, or none
            return ["moderator_message", "updated_at"]
        return ["updated_at"]

    def done(self, project, step, *, by, author, message, before):
        if step.action == "edit":
            return  # editing a draft of changes is no step in the history
        _recorded_and_told(project, step, actor=by, message=message)


CHANGE_MODERATION = ProjectChanges(
    model=Project,
    fields=tuple(PROFILE_FIELDS),
    lifecycle=CHANGES,
    renditions=(("cover", (("card", "cover_card"),)),),
)


def _public_files(project: Project, fields) -> set[str]:
    return {
        name
        for field in fields
        for name in CHANGE_MODERATION.public_files(project, field).values()
        if name
    }


@transaction.atomic
def update_project(*, project: Project, user, data: dict) -> Project:
    """Save the team's edit. For a published project the edit waits in ``revision``.

    Side effects: stores uploaded images; an image it replaces is deleted after commit.
    """
    data = _store_images(data)
    if project.status in PROJECT.public:
        PROJECT.step("edit", project.status, roles=lifecycle_roles(user, project))
        moderation.edit_change(CHANGE_MODERATION, project, data=data, by=user)
        project.refresh_from_db()
        return project
    PROJECT.step("edit", project.status, roles=lifecycle_roles(user, project))
    replaced = [field for field in IMAGE_FIELDS if data.get(field)]
    before = _public_files(project, replaced)
    _apply(project, data)
    moderation.delete_files_after_commit(Project, before - _public_files(project, IMAGE_FIELDS))
    return project


def working_copy(project: Project) -> dict:
    """The values the team is editing: the pending revision over the approved fields."""
    return CHANGE_MODERATION.working_copy(project)


def show_revision(project: Project) -> Project:
    """Put the pending revision onto this instance, in memory only, for a preview of the
    project as it will look once approved. Never save the instance afterwards.

    The many-to-many fields are served from the prefetch cache, so the detail template
    reads the proposed topics, needs etc. without knowing it is a preview.
    """
    if not project.revision:
        return project
    data = CHANGE_MODERATION.deserialise(project.revision)
    cache = getattr(project, "_prefetched_objects_cache", None)
    if cache is None:
        cache = project._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    for field, value in data.items():
        if field in M2M_FIELDS:
            related = cast(Any, Project._meta.get_field(field).related_model)
            queryset = related.objects.filter(pk__in=[obj.pk for obj in value])
            queryset._result_cache, queryset._prefetch_done = list(value), True
            cache[field] = queryset
        elif field in IMAGE_FIELDS:
            if isinstance(value, dict):
                getattr(project, field).name = value["main"]
                if field == "cover":
                    project.cover_card.name = value.get("card", "")
        else:
            setattr(project, field, value)
    if "partner_organisations" in data:
        public = set(
            organisations()
            .public()
            .filter(pk__in=[o.pk for o in data["partner_organisations"]])
            .values_list("name", flat=True)
        )
        project.partner_names = sorted(public)  # type: ignore[attr-defined]  # as the detail query annotates it
    _render_fields(project)
    return project


def revision_diff(project: Project) -> list[dict]:
    """Per changed field: label, approved value and proposed value, for the moderator."""
    return CHANGE_MODERATION.diff(project)


# --- Lifecycle -----------------------------------------------------------------------


def _locked(project: Project) -> Project:
    """The project's row, locked until the transaction ends: one decision at a time."""
    return Project.objects.select_for_update().get(pk=project.pk)


def _refreshes_caller(service):
    """Lifecycle steps lock and reload the row; afterwards the caller's instance is fresh too."""

    @functools.wraps(service)
    def wrapper(*, project, **kwargs):
        result = service(project=project, **kwargs)
        project.refresh_from_db()
        return result

    return wrapper


def _record(project, *, actor, from_status, to_status, message="", changes=None) -> Transition:
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


def _notify_team(project: Project, *, event: str, message: str = "", members=None) -> None:
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
    _notify_team(project, event="ownership_passed", members=[membership])


def _step(project: Project, action: str, *, user, refused: str, message="", target=None):
    """The row of ``PROJECT`` for this step from the project's status, or refuse it."""
    try:
        return PROJECT.step(
            action,
            project.status,
            roles=lifecycle_roles(user, project),
            target=target,
            message=message,
        )
    except TransitionError:
        raise TransitionError(refused) from None


def _change_step(service, project: Project, *, refused: str = "", **kwargs) -> None:
    """Run a step of the change moderation on a published project's pending changes."""
    try:
        service(CHANGE_MODERATION, project, **kwargs)
    except TransitionError:
        if not refused:
            raise
        raise TransitionError(refused) from None
    project.refresh_from_db()


def _take(project: Project, step: lifecycle.Step, *, actor, message="", fields=()) -> Project:
    """Move the (locked) project along ``step``: save, record, and mail as the row says."""
    project.status = step.target
    project.save(update_fields=["status", *fields, "updated_at"])
    _recorded_and_told(project, step, actor=actor, message=message)
    return project


def _recorded_and_told(project: Project, step, *, actor, message: str) -> None:
    """What every step does once taken: the history line, and the mails its row names."""
    _record(
        project,
        actor=actor,
        from_status=step.recorded_from,
        to_status=step.recorded_as,
        message=message,
    )
    if step.mails:
        _notify_team(project, event=step.mails, message=message)
    if step.tells_moderators:
        _notify_moderators(project, kind=step.tells_moderators)


@_refreshes_caller
@transaction.atomic
def submit_project(*, project: Project, user) -> Project:
    """Send the project (or a published project's changes) to moderation."""
    project = _locked(project)
    if project.status in PROJECT.public:
        _change_step(
            moderation.submit_change,
            project,
            by=user,
            refused=_("There are no changes to submit."),
        )
        return project
    step = _step(
        project,
        "submit",
        user=user,
        refused=_("This project cannot be submitted in its current state."),
    )
    project.submitted_at = timezone.now()
    return _take(project, step, actor=user, fields=["submitted_at"])


@_refreshes_caller
@transaction.atomic
def withdraw_submission(*, project: Project, user) -> Project:
    """Take back what waits for moderation. A submission goes back to the state it was
    submitted from (draft, or changes requested); submitted changes of a published project
    become a draft of changes again, kept for editing. Recorded in the history."""
    project = _locked(project)
    if project.has_submitted_changes:
        _change_step(moderation.withdraw_change, project, by=user)
        return project
    submitted_from = (
        project.transitions.filter(to_status=Project.Status.SUBMITTED)
        .values_list("from_status", flat=True)
        .first()
    )
    step = _step(
        project,
        "withdraw",
        user=user,
        target=(
            Project.Status.CHANGES_REQUESTED
            if submitted_from == Project.Status.CHANGES_REQUESTED
            else Project.Status.DRAFT
        ),
        refused=_("Nothing of this project waits for the moderation."),
    )
    return _take(project, step, actor=user)


@_refreshes_caller
@transaction.atomic
def publish_project(*, project: Project, moderator) -> Project:
    """Publish a submission, or apply a published project's submitted changes."""
    project = _locked(project)
    if project.has_submitted_changes:
        _change_step(moderation.approve_change, project, by=moderator)
        return project
    step = _step(
        project,
        "publish",
        user=moderator,
        refused=_("Only submitted projects can be published."),
    )
    project.published_at = project.published_at or timezone.now()
    project.moderator_message = ""
    return _take(project, step, actor=moderator, fields=["published_at", "moderator_message"])


@_refreshes_caller
@transaction.atomic
def request_changes(*, project: Project, moderator, message: str) -> Project:
    """Send a submission (or submitted changes) back to the team with a message."""
    if not message.strip():
        raise TransitionError(_("Please tell the team what to change."))
    project = _locked(project)
    if project.has_submitted_changes:
        _change_step(moderation.request_change, project, by=moderator, message=message)
        return project
    step = _step(
        project,
        "request_changes",
        user=moderator,
        message=message,
        refused=_("Changes can only be requested for something submitted."),
    )
    project.moderator_message = message
    return _take(project, step, actor=moderator, message=message, fields=["moderator_message"])


@_refreshes_caller
@transaction.atomic
def reject_project(*, project: Project, moderator, reason: str) -> Project:
    """Reject a submission with a reason; for submitted changes, discard the changes
    (their images are deleted after commit)."""
    if not reason.strip():
        raise TransitionError(_("Please give a reason."))
    project = _locked(project)
    if project.has_submitted_changes:
        _change_step(moderation.reject_change, project, by=moderator, message=reason)
        return project
    step = _step(
        project,
        "reject",
        user=moderator,
        message=reason,
        refused=_("Only submitted projects can be rejected."),
    )
    project.moderator_message = reason
    return _take(project, step, actor=moderator, message=reason, fields=["moderator_message"])


@_refreshes_caller
@transaction.atomic
def archive_project(*, project: Project, moderator, message: str = "") -> Project:
    """Take a published project off the public pages; the team keeps it."""
    project = _locked(project)
    step = _step(
        project,
        "archive",
        user=moderator,
        refused=_("Only published projects can be archived."),
    )
    return _take(project, step, actor=moderator, message=message)


@transaction.atomic
def set_best_practice(*, project: Project, moderator, story: dict | None) -> Project:
    """Mark as best practice with its story (what worked, lessons, transfer), or unmark."""
    step = _step(
        project,
        "best_practice" if story is not None else "not_best_practice",
        user=moderator,
        refused=_("Only published projects can be best practice."),
    )
    recorded = ["is_best_practice", *STORY_FIELDS]
    before = audit.snapshot(Project.objects.get(pk=project.pk), recorded)
    project.is_best_practice = story is not None
    for field in STORY_FIELDS:
        setattr(
            project,
            field,
            (story or {}).get(field, "") if story is not None else getattr(project, field),
        )
    _render_fields(project)
    project.save()
    refresh_search(project)  # the story is searchable
    _record(
        project,
        actor=moderator,
        from_status=step.recorded_from,
        to_status=step.recorded_as,
        changes=audit.changes(before, audit.snapshot(project, recorded)),
    )
    return project


# --- Team ----------------------------------------------------------------------------


def verified_addresses(user) -> set[str]:
    """The user's confirmed email addresses, lower-cased (an invitation is bound to one)."""
    if not user.is_authenticated:
        return set()
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def open_invitations():
    """Invitations that can still be accepted: not used, not expired."""
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__gte=timezone.now())


def invitation_is_for(invitation: Invitation, user) -> bool:
    """Whether ``user`` may accept: the invited address is one they confirmed.

    A forwarded link alone is not enough (anyone holding it could otherwise join).
    """
    return invitation.email.lower() in verified_addresses(user)


@transaction.atomic
def invite_member(*, project: Project, inviter, email: str) -> Invitation:
    """Invite someone by email to edit the project; the link expires after 14 days.

    Inviting an address again replaces its open invitation (the older link stops working).
    """
    email = email.strip().lower()
    if project.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("This person is already in the team."))
    project.invitations.filter(email__iexact=email, accepted_at__isnull=True).delete()
    invitation = Invitation.objects.create(
        project=project,
        email=email,
        token=secrets.token_urlsafe(32),
        invited_by=inviter,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    accept_url = absolute_url(
        reverse("projects:accept_invitation", kwargs={"token": invitation.token})
    )
    mail.send(
        "projects/email/invitation",
        to=[email],
        context={
            "project": project,
            "inviter": inviter,
            "accept_url": accept_url,
            "invitation": invitation,
        },
        language=translation.get_language() or "de",
        after_commit=True,
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> ProjectMembership:
    """Join the team as editor. The invitation works once, before it expires, and only for
    a user who confirmed the invited address. Other open invitations of the project to the
    user's addresses are used up with it, so none stays listed as open."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.expires_at < timezone.now():
        raise ValidationError(_("This invitation has expired or was already used."))
    if not invitation_is_for(invitation, user):
        raise ValidationError(
            _(
                "This invitation was sent to another email address. Log in with the account "
                "of that address, or ask the project owner to invite your address."
            )
        )
    membership, _created = ProjectMembership.objects.get_or_create(
        project=invitation.project, user=user, defaults={"role": ProjectMembership.Role.EDITOR}
    )
    now = timezone.now()
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    Invitation.objects.filter(
        project=invitation.project,
        email__in=verified_addresses(user),
        accepted_at__isnull=True,
    ).update(accepted_at=now)
    return membership


@transaction.atomic
def revoke_invitation(*, project: Project, invitation: Invitation) -> None:
    """Withdraw an open invitation: its link stops working and the address is forgotten."""
    if invitation.project_id != project.pk or invitation.accepted_at:
        raise ValidationError(_("This invitation cannot be withdrawn."))
    invitation.delete()


@transaction.atomic
def remove_member(*, project: Project, membership: ProjectMembership) -> None:
    """Remove an editor. The owner cannot be removed: hand over ownership first."""
    if membership.role == ProjectMembership.Role.OWNER:
        raise ValidationError(_("The owner cannot be removed. Hand over ownership first."))
    membership.delete()


@transaction.atomic
def transfer_ownership(
    *, project: Project, new_owner_membership: ProjectMembership, by=None
) -> None:
    """Make an editor the owner; the previous owner stays in the team as editor.

    ``by``: who hands over (the owner on the team page; the leaving owner when their
    account is deleted). Side effect: an activity record naming both accounts by number
    only, so it keeps no name of someone who leaves.
    """
    current = (
        project.memberships.select_for_update().filter(role=ProjectMembership.Role.OWNER).first()
    )
    if current is not None and current.pk == new_owner_membership.pk:
        return
    if current is not None:
        current.role = ProjectMembership.Role.EDITOR
        current.save(update_fields=["role"])
    new_owner_membership.role = ProjectMembership.Role.OWNER
    new_owner_membership.save(update_fields=["role"])
    audit.record(
        "project.ownership",
        project,
        actor=by,
        new_owner=new_owner_membership.user_id,
        previous_owner=current.user_id if current is not None else None,
        log_message="project ownership handed over",
    )


def ownership_successors(user) -> list[tuple]:
    """For each project ``user`` owns: (project, the member who takes over or None).

    The longest-serving other member takes over; the account deletion page shows this
    beforehand and ``keep_an_owner`` does it.
    """
    owned = ProjectMembership.objects.filter(
        user=user, role=ProjectMembership.Role.OWNER
    ).select_related("project")
    result = []
    for membership in owned.order_by("project__title"):
        successor = (
            ProjectMembership.objects.filter(project_id=membership.project_id)
            .exclude(user=user)
            .select_related("user")
            .order_by("created_at", "pk")
            .first()
        )
        result.append((membership.project, successor))
    return result


@transaction.atomic
def pass_on_ownership(*, leaving) -> None:
    """Before ``leaving``'s account is deleted: each project they own goes to the
    longest-serving other member, who is told by email; a project without other members
    keeps no owner (moderators still manage it)."""
    for project, successor in ownership_successors(leaving):
        if successor:
            transfer_ownership(project=project, new_owner_membership=successor, by=leaving)
            notify_new_owner(project=project, membership=successor)
        ProjectMembership.objects.filter(project=project, user=leaving).delete()


# --- When an account is deleted -------------------------------------------------------


def addressed_to(user) -> Q:
    """Invitations to any of the user's email addresses (they are sent by address)."""
    query = Q(email__iexact=user.email)
    for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        query |= Q(email__iexact=address)
    return query


@transaction.atomic
def forget_accepted_invitations(*, user) -> None:
    """An accepted invitation only records which address joined; it goes with the account.

    Open invitations stay: they are the team's offer, and they expire on their own.
    """
    Invitation.objects.filter(addressed_to(user), accepted_at__isnull=False).delete()


@transaction.atomic
def forget_contact_address(*, user) -> None:
    """A project whose contact address is the leaving person's own loses it (in the
    approved profile and in pending changes): it would point at someone who is gone."""
    addresses = {user.email.lower()}
    addresses |= {
        a.lower() for a in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    for project in Project.objects.filter(memberships__user=user):
        fields = []
        if project.contact_email.lower() in addresses:
            project.contact_email = ""
            fields.append("contact_email")
        if str(project.revision.get("contact_email", "")).lower() in addresses:
            project.revision["contact_email"] = ""
            fields.append("revision")
        if fields:
            project.save(update_fields=fields)
