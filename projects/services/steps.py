"""The project lifecycle (``projects.lifecycle.PROJECT``): create and edit, submit, withdraw,
and the moderation's decisions. A published project's changes take the same services
through the change moderation (``changes``)."""

import dataclasses
import functools

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.public import audit
from projects.lifecycle import PROJECT
from projects.models import Project, ProjectMembership
from projects.permissions import lifecycle_roles
from projects.services.changes import CHANGE_MODERATION, public_files
from projects.services.history import record, recorded_and_told
from projects.services.profile import (
    IMAGE_FIELDS,
    STORY_FIELDS,
    apply_profile,
    refresh_search,
    render_fields,
    store_images,
)
from zukunftsplattform import lifecycle, moderation
from zukunftsplattform.slugs import unique_slug

# The table's refusal: a step that is not allowed from the project's current state.
TransitionError = lifecycle.TransitionError


@transaction.atomic
def create_project(*, owner, data: dict) -> Project:
    """Create a draft with ``owner`` as its owner. Side effects: stores uploaded images."""
    data = store_images(data)
    project = Project(
        slug=unique_slug(Project, data["title"], fallback="projekt"), status=Project.Status.DRAFT
    )
    apply_profile(project, data)
    ProjectMembership.objects.create(project=project, user=owner, role=ProjectMembership.Role.OWNER)
    record(project, actor=owner, from_status="", to_status=Project.Status.DRAFT)
    return project


@transaction.atomic
def update_project(*, project: Project, user, data: dict) -> Project:
    """Save the team's edit. For a published project the edit waits in ``revision``.

    Side effects: stores uploaded images; an image it replaces is deleted after commit.
    """
    data = store_images(data)
    if project.status in PROJECT.public:
        PROJECT.step("edit", project.status, roles=lifecycle_roles(user, project))
        moderation.edit_change(CHANGE_MODERATION, project, data=data, by=user)
        project.refresh_from_db()
        return project
    PROJECT.step("edit", project.status, roles=lifecycle_roles(user, project))
    replaced = [field for field in IMAGE_FIELDS if data.get(field)]
    before = public_files(project, replaced)
    apply_profile(project, data)
    moderation.delete_files_after_commit(Project, before - public_files(project, IMAGE_FIELDS))
    return project


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


def _change_step(service, project: Project, **kwargs) -> None:
    """Run a step of the change moderation on a published project's pending changes."""
    service(CHANGE_MODERATION, project, **kwargs)
    project.refresh_from_db()


def _take(project: Project, step: lifecycle.Step, *, actor, message="", fields=()) -> Project:
    """Move the (locked) project along ``step``: save, record, and mail as the row says."""
    project.status = step.target
    project.save(update_fields=["status", *fields, "updated_at"])
    recorded_and_told(project, step, actor=actor, message=message)
    return project


@_refreshes_caller
@transaction.atomic
def submit_project(*, project: Project, user) -> Project:
    """Send the project (or a published project's changes) to moderation."""
    project = _locked(project)
    if project.status in PROJECT.public:
        try:
            _change_step(moderation.submit_change, project, by=user)
        except TransitionError:
            raise TransitionError(_("There are no changes to submit.")) from None
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
def archive_project(
    *, project: Project, moderator, message: str = "", tell_team: bool = True
) -> Project:
    """Take a published project off the public pages; the team keeps it.

    ``tell_team=False``: no "archived" mail, for a caller that writes to the team itself
    (the statement of reasons after a notice, ``notices``).
    """
    project = _locked(project)
    step = _step(
        project,
        "archive",
        user=moderator,
        refused=_("Only published projects can be archived."),
    )
    if not tell_team:
        step = dataclasses.replace(step, mails="")
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
    render_fields(project)
    project.save()
    refresh_search(project)  # the story is searchable
    record(
        project,
        actor=moderator,
        from_status=step.recorded_from,
        to_status=step.recorded_as,
        changes=audit.changes(before, audit.snapshot(project, recorded)),
    )
    return project
