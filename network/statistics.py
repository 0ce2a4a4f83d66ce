"""The ministry's view of needs and offers: per category, who needs it and who offers it."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode

from network.models import Organisation, Person
from projects.public import published_projects
from taxonomy.public import Region, SupportCategory

# The chart's coordinate system (px): labels left, bars from BAR_X, numbers after the bars.
BAR_X = 250
BAR_MAX_WIDTH = 360
ROW_HEIGHT = 48


def _url(name: str, **params) -> str:
    base = reverse(name)
    params = {key: value for key, value in params.items() if value}
    return f"{base}?{urlencode(params)}" if params else base


def needs_and_offers_table(region: str = "") -> dict:
    """Rows per support category for ``region`` (all of Saxony when empty).

    Counts only what the public sees: published projects, visible organisations and people
    with consent. Three queries, one per counted kind, however many categories there are.
    """
    projects = published_projects().order_by()
    organisations = Organisation.objects.public()
    people = Person.objects.public()
    if region:
        projects = projects.filter(region=region)
        organisations = organisations.filter(region=region)
        people = people.filter(region=region)

    categories = SupportCategory.objects.annotate(
        n=Count(
            "needing_projects",
            filter=Q(needing_projects__in=projects.values("pk")),
            distinct=True,
        )
    ).order_by("position", "name_de")
    offering_organisations = dict(
        SupportCategory.objects.filter(offering_organisations__in=organisations.values("pk"))
        .annotate(n=Count("offering_organisations", distinct=True))
        .values_list("pk", "n")
    )
    offering_people = dict(
        SupportCategory.objects.filter(offering_people__in=people.values("pk"))
        .annotate(n=Count("offering_people", distinct=True))
        .values_list("pk", "n")
    )

    rows: list[dict[str, Any]] = []
    for category in categories:
        organisations_count = offering_organisations.get(category.pk, 0)
        people_count = offering_people.get(category.pk, 0)
        rows.append(
            {
                "category": category,
                "needed_by": category.n,
                "organisations": organisations_count,
                "people": people_count,
                "offered_by": organisations_count + people_count,
                "unmet": category.n > 0 and organisations_count + people_count == 0,
                "projects_url": _url("projects:list", bedarf=category.slug, region=region),
                "organisations_url": _url(
                    "network:organisations", angebot=category.slug, region=region
                ),
                "people_url": _url("network:people", angebot=category.slug, region=region),
            }
        )
    largest = max([1, *(max(r["needed_by"], r["offered_by"]) for r in rows)])
    for index, row in enumerate(rows):
        row["y"] = index * ROW_HEIGHT
        row["need_width"] = round(BAR_MAX_WIDTH * row["needed_by"] / largest)
        row["offer_width"] = round(BAR_MAX_WIDTH * row["offered_by"] / largest)
        row["need_label_x"] = BAR_X + row["need_width"] + 6
        row["offer_label_x"] = BAR_X + row["offer_width"] + 6
    return {
        "rows": rows,
        "unmet": [row for row in rows if row["unmet"]],
        "chart_height": len(rows) * ROW_HEIGHT + 8,
        "region_label": Region(region).label if region else "",
    }


def unmet_needs_by_region() -> list[dict]:
    """Per region: the categories projects there need that nobody there offers.

    Nobody = no visible organisation and no public person in that region. Three queries.
    """
    needed: dict[tuple[str, int], int] = {}
    for row in (
        published_projects()
        .order_by()
        .filter(needs__isnull=False)
        .values("region", "needs")
        .annotate(n=Count("pk", distinct=True))
    ):
        needed[(row["region"], row["needs"])] = row["n"]
    offered: set[tuple[str, int]] = set()
    for queryset in (Organisation.objects.public(), Person.objects.public()):
        offered |= set(
            queryset.order_by().filter(offers__isnull=False).values_list("region", "offers")
        )
    categories = {c.pk: c for c in SupportCategory.objects.all()}
    regions = []
    for region, label in Region.choices:
        gaps: list[dict[str, Any]] = [
            {
                "category": categories[category_pk],
                "projects": count,
                "projects_url": _url(
                    "projects:list", bedarf=categories[category_pk].slug, region=region
                ),
            }
            for (needed_region, category_pk), count in needed.items()
            if needed_region == region and (region, category_pk) not in offered
        ]
        gaps.sort(key=lambda gap: (-gap["projects"], gap["category"].position))
        regions.append({"region": region, "label": label, "gaps": gaps})
    return regions
