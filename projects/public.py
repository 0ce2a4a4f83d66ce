"""What other parts of the portal may ask of projects (never the models' internals)."""

from projects.models import Project
from projects.services import archive_project
from zukunftsplattform.german import german_sort_key
from zukunftsplattform.search import search


def published_projects():
    """Everything the public may see, ready for cards."""
    return Project.objects.published().for_cards()


def projects_in_brief():
    """Published projects with only what a mention shows (e.g. on an event's page)."""
    return Project.objects.published().only(
        "pk", "slug", "title", "summary", "is_best_practice", "status"
    )


def search_projects(query: str):
    return search(published_projects(), query)


def newest_projects(limit: int = 6, *, exclude=()):
    """The newest published projects, leaving out ``exclude`` (e.g. those shown above)."""
    projects = published_projects().exclude(pk__in=[project.pk for project in exclude])
    return list(projects.order_by("-published_at", "-pk")[:limit])


def best_practice_projects(limit: int | None = None):
    projects = Project.objects.best_practice().for_cards().order_by("-published_at", "-pk")
    return list(projects[:limit]) if limit else projects


def projects_of_organisation(organisation):
    """Published projects the organisation carries or partners in, by title: a list of
    names (no card data).

    A union of the two, not one query with ``OR`` across a join: that reads every
    published project (27 ms on the bench data, 0.1 ms as a union).
    """
    projects = (
        Project.objects.published()
        .only("pk", "slug", "title")
        .annotate(title_order=german_sort_key("title"))
    )
    carried = projects.filter(carrying_organisation=organisation)
    partnered = projects.filter(partner_organisations=organisation)
    return carried.union(partnered).order_by("title_order", "pk")


def restrict_project(project, *, moderator, statement: str) -> None:
    """Take a published project off the public pages after a notice (Digital Services Act):
    it is archived, the team keeps it. The caller writes the team's statement of reasons,
    so the lifecycle's own "archived" mail is not sent."""
    archive_project(project=project, moderator=moderator, message=statement, tell_team=False)


def team_accounts(project) -> list:
    """The accounts of the project's team (owner and editors), for a mail to them."""
    return [membership.user for membership in project.memberships.select_related("user")]
