"""Who may see and change a project. Every project view goes through these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.public import has_staff_powers
from projects.models import Project, ProjectMembership
from zukunftsplattform.slugs import ensure_current_slug, get_by_slug


def is_moderator(user) -> bool:
    return has_staff_powers(user) and user.has_perm("projects.moderate_project")


def role_of(user, project) -> str | None:
    """The user's role in the project's team, or None."""
    if not user.is_authenticated:
        return None
    # Use the prefetched team when the caller loaded it.
    for membership in project.memberships.all():
        if membership.user_id == user.pk:
            return membership.role
    return None


def can_view(user, project) -> bool:
    return project.is_public or role_of(user, project) is not None or is_moderator(user)


def can_edit(user, project) -> bool:
    """Team members edit until the project is archived or rejected, and not while under review."""
    if role_of(user, project) is None:
        return False
    if project.status in {
        Project.Status.ARCHIVED,
        Project.Status.REJECTED,
        Project.Status.SUBMITTED,
    }:
        return False
    return project.revision_state != Project.RevisionState.SUBMITTED


def is_under_review(project) -> bool:
    """A submission, or a published project's submitted changes, waits for moderation."""
    return (
        project.status == Project.Status.SUBMITTED
        or project.revision_state == Project.RevisionState.SUBMITTED
    )


def can_withdraw(user, project) -> bool:
    """Any team member may take back what waits for moderation (editors submit too)."""
    return role_of(user, project) is not None and is_under_review(project)


def can_preview(user, project) -> bool:
    """The team and the moderation see the version that waits (or is being edited)."""
    return role_of(user, project) is not None or is_moderator(user)


def can_manage_team(user, project) -> bool:
    return role_of(user, project) == ProjectMembership.Role.OWNER


def get_project_for_user(request, slug, *, action: str = "view", queryset=None) -> Project:
    """Load a project for ``action`` (view, edit, team) or answer 404/403.

    404 when the user may not even know the project exists (not public and not theirs);
    403 when they can see it but not do this (e.g. an editor managing the team).
    ``queryset`` lets a view load everything it shows at once; it must prefetch
    ``memberships``. An address the project had before redirects to its current one
    (``SlugMoved``), but only for someone who may see it.
    """
    if queryset is None:
        queryset = Project.objects.prefetch_related("memberships")
    project = get_by_slug(queryset, slug)
    user = request.user
    if not can_view(user, project):
        raise Http404
    ensure_current_slug(project, slug)
    allowed = {
        "view": lambda: True,
        "edit": lambda: can_edit(user, project),
        "team": lambda: can_manage_team(user, project),
        "submit": lambda: can_edit(user, project),
        "withdraw": lambda: can_withdraw(user, project),
        "preview": lambda: can_preview(user, project),
    }[action]()
    if not allowed:
        raise PermissionDenied
    return project
