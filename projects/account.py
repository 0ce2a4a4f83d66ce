"""The projects' part of the account home (registered in ``ProjectsConfig.ready``)."""

from projects.models import ProjectMembership


def my_projects_section(request) -> dict:
    """The signed-in person's projects with their status, newest change first."""
    memberships = (
        ProjectMembership.objects.filter(user=request.user)
        .select_related("project")
        .only(
            "role",
            "project__slug",
            "project__title",
            "project__status",
            "project__revision_state",
            "project__updated_at",
        )
        .order_by("-project__updated_at", "-pk")
    )
    return {"template": "projects/account_section.html", "context": {"memberships": memberships}}
