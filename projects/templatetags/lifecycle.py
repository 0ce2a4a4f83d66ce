"""What the lifecycle tables offer a team member next, for pages (``projects.lifecycle``)."""

from django import template

from projects.permissions import team_steps as _team_steps

register = template.Library()


@register.filter
def team_steps(membership) -> set[str]:
    """The steps (``edit``, ``submit``, ``withdraw``) the member's role has for the project."""
    return _team_steps(membership.project, membership.role)
