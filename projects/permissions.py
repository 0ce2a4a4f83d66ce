"""Who may see and change a project. Every project view goes through these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.public import has_staff_powers
from projects.lifecycle import CHANGES, PROJECT
from projects.models import Project, ProjectMembership
from zukunftsplattform.lifecycle import MODERATOR
from zukunftsplattform.moderation import AUTHOR
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


def is_moderator_account(user) -> bool:
    """Staff with the moderation permission; the services' check (a request's second factor
    is checked by ``is_moderator`` before a view or the admin calls them)."""
    return bool(
        user.is_authenticated and user.is_staff and user.has_perm("projects.moderate_project")
    )


def lifecycle_roles(user, project) -> set[str]:
    """The roles of ``projects.lifecycle.PROJECT`` the user has: team role, moderator."""
    roles = set()
    role = role_of(user, project)
    if role:
        roles.add(role)
    if is_moderator_account(user):
        roles.add(MODERATOR)
    return roles


def change_roles(user, project) -> set[str]:
    """The roles of the change moderation (``CHANGES``): the team are its authors."""
    return {
        AUTHOR if role in PROJECT.roles - {MODERATOR} else role
        for role in lifecycle_roles(user, project)
    }


def can_view(user, project) -> bool:
    return project.is_public or role_of(user, project) is not None or is_moderator(user)


def can_edit(user, project) -> bool:
    """Team members edit where the lifecycle has an "edit" step for them (not archived,
    rejected or submitted), and not while changes wait for the moderation."""
    role = role_of(user, project)
    if role is None or not PROJECT.allows("edit", project.status, role):
        return False
    return CHANGES.allows("edit", project.revision_state, AUTHOR)


def is_under_review(project) -> bool:
    """A submission, or a published project's submitted changes, waits for moderation: the
    moderation has a decision to take."""
    return PROJECT.allows("publish", project.status, MODERATOR) or CHANGES.allows(
        "approve", project.revision_state, MODERATOR
    )


def team_steps(project, role) -> set[str]:
    """The steps a team ``role`` may take next, from both tables (for pages): "edit" only
    where ``can_edit`` allows it, and a published project's steps of its changes."""
    steps = set(PROJECT.available(project.status, role))
    changes = set(CHANGES.available(project.revision_state, AUTHOR))
    if "edit" not in changes:
        steps.discard("edit")
    if project.is_public:
        steps |= changes
    return steps


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
