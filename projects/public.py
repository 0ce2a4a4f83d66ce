"""What other parts of the portal may ask of projects (never the models' internals)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from projects.forms import ProjectFilterForm
from projects.models import CallRound, FundingProgramme, Project, Transition
from projects.services import archive_project
from taxonomy.public import Region, SupportCategory, TargetGroup, Topic
from zukunftsplattform.german import german_sort_key
from zukunftsplattform.months import per_month
from zukunftsplattform.search import search

#: The stages of a project (codes), in order.
PROJECT_STAGES = [value for value, _label in Project.Stage.choices]


def stage_names() -> list[tuple[str, str]]:
    """(code, name in the active language) of each stage, in order."""
    return [(value, str(label)) for value, label in Project.Stage.choices]


def project_filter_form(data) -> ProjectFilterForm:
    """The project list's filter form (``form.filter(queryset)``), e.g. for the read API."""
    return ProjectFilterForm(data)


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


def published_project_by_slug(slug: str):
    """The published project at this address, or ``None`` (drafts are not there)."""
    return Project.objects.published().only("pk", "slug", "title").filter(slug=slug).first()


#: History steps the public saw happen (first publication, approved changes, best
#: practice); everything else in a project's history is for its team and the moderation.
PUBLIC_STEPS = {
    ("submitted", "published"): "published",
    ("changes_requested", "published"): "published",
    ("changes_submitted", "published"): "changes_published",
    ("published", "best_practice"): "best_practice",
}


def public_updates(project_ids, *, since) -> list[dict]:
    """What the public saw change on these published projects since ``since``, oldest
    first: ``{"project", "what", "at"}`` with ``what`` one of ``published``,
    ``changes_published``, ``best_practice``. Never a message or who took the step.
    One query."""
    steps = (
        Transition.objects.filter(
            project__in=published_projects().prefetch_related(None).filter(pk__in=project_ids),
            created_at__gte=since,
            to_status__in={to for _from, to in PUBLIC_STEPS},
        )
        .select_related("project")
        .only("from_status", "to_status", "created_at", "project__slug", "project__title")
        .order_by("created_at", "pk")
    )
    return [
        {"project": step.project, "what": PUBLIC_STEPS[key], "at": step.created_at}
        for step in steps
        if (key := (step.from_status, step.to_status)) in PUBLIC_STEPS
    ]


def categories_of_member(user) -> dict[str, set[int]]:
    """The support categories the user's projects need and offer (any status: the
    person's own statement), as ``{"needs": {pk…}, "offers": {pk…}}``; two queries."""
    mine = Project.objects.filter(memberships__user=user).values("pk")
    return {
        "needs": set(
            SupportCategory.objects.filter(needing_projects__in=mine).values_list("pk", flat=True)
        ),
        "offers": set(
            SupportCategory.objects.filter(offering_projects__in=mine).values_list("pk", flat=True)
        ),
    }


def project_ids_of_member(user):
    """The pks of the projects the user is in (a subquery)."""
    return Project.objects.filter(memberships__user=user).values("pk")


# --- Counts for the ministry's dashboard (insights) ------------------------------------------


def project_counts_per_month(*, start, end) -> dict[str, dict]:
    """Per month ({first day: count}) between the days ``start`` and ``end``: projects
    submitted for review (first or again), first published, and marked best practice.
    Each project counts once a month per column. Three queries."""
    steps = Transition.objects.all()
    return {
        "submitted": per_month(
            steps.filter(to_status=Transition.Step.SUBMITTED),
            "created_at",
            start=start,
            end=end,
            count="project",
        ),
        "published": per_month(
            Project.objects.exclude(published_at=None), "published_at", start=start, end=end
        ),
        "best_practice": per_month(
            steps.filter(to_status=Transition.Step.BEST_PRACTICE),
            "created_at",
            start=start,
            end=end,
            count="project",
        ),
    }


def project_breakdowns(*, start, end) -> dict[str, list[tuple[str, int]]]:
    """Projects public now and first published between the days ``start`` and ``end``,
    counted by region, stage, topic, target group, funding programme and call round:
    (label, count) in the vocabulary's order, zeros included; a project with several
    topics or target groups counts under each. Seven queries."""
    projects = Project.objects.published().filter(
        published_at__date__gte=start, published_at__date__lte=end
    )
    ids = projects.values("pk")
    region_counts = dict(
        projects.order_by().values("region").annotate(n=Count("pk")).values_list("region", "n")
    )
    stage_counts = dict(
        projects.order_by().values("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    without = projects.order_by().aggregate(
        programme=Count("pk", filter=Q(funding_programme=None)),
        call_round=Count("pk", filter=Q(call_round=None)),
    )

    def terms(queryset):
        counted = queryset.annotate(n=Count("projects", filter=Q(projects__in=ids), distinct=True))
        return [(str(term), term.n) for term in counted]

    return {
        "region": [
            *((str(label), region_counts.get(value, 0)) for value, label in Region.choices),
            (str(_("Not stated")), region_counts.get("", 0)),
        ],
        "stage": [
            (str(label), stage_counts.get(value, 0)) for value, label in Project.Stage.choices
        ],
        "topic": terms(Topic.objects.all()),
        "target_group": terms(TargetGroup.objects.all()),
        "funding_programme": [
            *terms(FundingProgramme.objects.all()),
            (str(_("No funding programme")), without["programme"]),
        ],
        "call_round": [
            *terms(CallRound.objects.select_related("programme")),
            (str(_("No call round")), without["call_round"]),
        ],
    }
