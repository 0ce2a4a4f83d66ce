"""What other parts of the portal may ask of projects (never the models' internals)."""

from projects.models import Project
from zukunftsplattform.search import search


def published_projects():
    """Everything the public may see, ready for cards."""
    return Project.objects.published().for_cards()


def search_projects(query: str):
    return search(published_projects(), query)


def newest_projects(limit: int = 6):
    return list(published_projects().order_by("-published_at", "-pk")[:limit])


def best_practice_projects(limit: int | None = None):
    projects = Project.objects.best_practice().for_cards().order_by("-published_at", "-pk")
    return list(projects[:limit]) if limit else projects


def projects_of_organisation(organisation):
    """Published projects the organisation carries or partners in."""
    from django.db.models import Q

    return (
        published_projects()
        .filter(Q(carrying_organisation=organisation) | Q(partner_organisations=organisation))
        .distinct()
        .order_by("title")
    )
