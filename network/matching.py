"""Who can help whom, from the one shared vocabulary of needs and offers.

Best matches first: more overlapping support categories, then the same region, then more
shared topics, then the name. Each function is one query for the matches plus one for the
categories that matched (``matching_categories`` on each result), however many there are.
Only public profiles take part: published projects, visible organisations, and people with
consent to the text in force.
"""

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When

from network.models import Organisation, Person
from projects.public import published_projects
from taxonomy.models import SupportCategory, Topic


def _same_region(region: str):
    if not region:
        return Value(0, output_field=IntegerField())
    return Case(When(region=region, then=Value(1)), default=Value(0), output_field=IntegerField())


def _ranked(queryset, *, categories, category_field: str, topics, region: str, name_field: str):
    """Annotate overlap, same region and shared topics; keep rows with any overlap."""
    return (
        queryset.annotate(
            match_overlap=Count(
                category_field, filter=Q(**{f"{category_field}__in": categories}), distinct=True
            ),
            match_same_region=_same_region(region),
            match_shared_topics=Count("topics", filter=Q(topics__in=topics), distinct=True),
        )
        .filter(match_overlap__gt=0)
        .order_by("-match_overlap", "-match_same_region", "-match_shared_topics", name_field, "pk")
        .prefetch_related(
            Prefetch(
                category_field,
                queryset=SupportCategory.objects.filter(pk__in=categories),
                to_attr="matching_categories",
            )
        )
    )


# --- Who can help a project (their offers meet its needs) ------------------------------


def _needs_of(project):
    return SupportCategory.objects.filter(needing_projects=project.pk).values("pk")


def _topics_of_project(project):
    return Topic.objects.filter(projects=project.pk).values("pk")


# The project page lists helpers by name with the categories they cover: no card data.
def organisations_for_project(project):
    return _ranked(
        Organisation.objects.public().only("pk", "slug", "name", "region"),
        categories=_needs_of(project),
        category_field="offers",
        topics=_topics_of_project(project),
        region=project.region,
        name_field="name",
    )


def people_for_project(project):
    return _ranked(
        Person.objects.public().only("pk", "slug", "name", "region"),
        categories=_needs_of(project),
        category_field="offers",
        topics=_topics_of_project(project),
        region=project.region,
        name_field="name",
    )


def projects_for_project(project):
    return _ranked(
        published_projects().exclude(pk=project.pk).prefetch_related(None),
        categories=_needs_of(project),
        category_field="offers",
        topics=_topics_of_project(project),
        region=project.region,
        name_field="title",
    )


# --- Where an organisation or a person can help (projects whose needs they meet) ------


def projects_for_organisation(organisation):
    return _ranked(
        published_projects(),
        categories=SupportCategory.objects.filter(offering_organisations=organisation.pk).values(
            "pk"
        ),
        category_field="needs",
        topics=Topic.objects.filter(organisations=organisation.pk).values("pk"),
        region=organisation.region,
        name_field="title",
    )


def projects_for_person(person):
    return _ranked(
        published_projects(),
        categories=SupportCategory.objects.filter(offering_people=person.pk).values("pk"),
        category_field="needs",
        topics=Topic.objects.filter(people=person.pk).values("pk"),
        region=person.region,
        name_field="title",
    )
