"""Who can help whom, from the one shared vocabulary of needs and offers.

Best matches first: more overlapping support categories, then the same region, then more
shared topics, then the name. Only public profiles take part: published projects, visible
organisations, and people with consent to the text in force.

Each result carries ``match_overlap`` and ``matching_categories`` (the categories that
matched, in the vocabulary's order). Each list is one query, plus one for the profile's
own categories unless the caller prefetched them (``project.needs``,
``organisation.offers``, ``person.offers``); :func:`helpers_for_project` answers the three
lists of a project page in one query.

Why it stays cheap as the directory grows (docs/performance.md): with a ``limit``, the
candidates are first counted on the small offers/needs table alone, and only those whose
overlap can still reach the first ``limit`` places (rank by overlap ≤ limit, ties
included) are loaded and ordered by region, topics and name. Without a limit every
candidate is ranked.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Lookup,
    OuterRef,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Rank, RowNumber

from network.models import Organisation, Person
from projects.public import published_projects
from taxonomy.public import Topic

# Best first; then by name (``_name_field``) and pk.
_ORDER = ["-match_overlap", "-match_same_region", "-match_shared_topics"]


class _AnyOf(Lookup):
    """``column = ANY(ARRAY(subquery))``.

    With ``IN (subquery)`` PostgreSQL cannot tell how few rows a window filter leaves and
    reads the whole table; with an array it fetches those few by primary key.
    """

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def _links(model, field_name: str):
    """The table behind a many-to-many field, and the names of its two columns."""
    field = model._meta.get_field(field_name)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


def _same_region(region: str):
    if not region:
        return Value(0, output_field=IntegerField())
    return Case(When(region=region, then=Value(1)), default=Value(0), output_field=IntegerField())


def _name_field(model) -> str:
    return "name" if model in (Organisation, Person) else "title"


def _ranked(queryset, *, categories, category_field: str, topics, region: str, limit):
    """Candidates of ``queryset`` with any of ``categories``, best first, annotated.

    ``categories`` is a list of SupportCategory, ``topics`` a queryset of topic pks.
    With ``limit``, only the candidates that can be among the first ``limit`` are ranked;
    slice the result to ``limit``.
    """
    model = queryset.model
    links, owner, category = _links(model, category_field)
    matching_links = links.objects.filter(**{f"{category}__in": [c.pk for c in categories]})
    if limit is None:
        candidates = queryset.filter(Exists(matching_links.filter(**{owner: OuterRef("pk")})))
    else:
        contenders = (
            matching_links.filter(**{f"{owner}__in": queryset.values("pk")})
            .values(owner)
            .annotate(overlap=Count("*"))
            .annotate(rank=Window(Rank(), order_by=F("overlap").desc()))
            .filter(rank__lte=limit)
            .values(owner)
        )
        candidates = queryset.filter(_AnyOf(F("pk"), ArraySubquery(contenders)))
    topic_links, topic_owner, topic = _links(model, "topics")
    shared_topics = (
        topic_links.objects.filter(**{topic_owner: OuterRef("pk"), f"{topic}__in": topics})
        .order_by()
        .values(topic_owner)
        .annotate(count=Count("*"))
        .values("count")
    )
    return candidates.annotate(
        match_category_ids=ArraySubquery(
            matching_links.filter(**{owner: OuterRef("pk")}).order_by().values(category)
        ),
        match_overlap=Func(
            F("match_category_ids"), function="cardinality", output_field=IntegerField()
        ),
        match_same_region=_same_region(region),
        match_shared_topics=Coalesce(Subquery(shared_topics), 0),
    ).order_by(*_ORDER, _name_field(model), "pk")


def _with_matching_categories(matches, categories) -> list:
    for match in matches:
        ids = set(match.match_category_ids)
        match.matching_categories = [c for c in categories if c.pk in ids]
    return matches


def _evaluate(queryset, categories, limit) -> list:
    return _with_matching_categories(list(queryset[:limit]), categories)


# --- Who can help a project (their offers meet its needs) ------------------------------


# The project page lists helpers by name with the categories they cover: no card data.
def _helpers(project, needs, *, limit) -> dict:
    """The three querysets of :func:`helpers_for_project`, unevaluated."""
    common = {
        "categories": needs,
        "category_field": "offers",
        "topics": Topic.objects.filter(projects=project.pk).values("pk"),
        "region": project.region,
        "limit": limit,
    }
    return {
        "organisations": _ranked(
            Organisation.objects.public().only("pk", "slug", "name", "region"), **common
        ),
        "people": _ranked(Person.objects.public().only("pk", "slug", "name", "region"), **common),
        "projects": _ranked(
            published_projects()
            .exclude(pk=project.pk)
            .prefetch_related(None)
            .only("pk", "slug", "title", "region"),
            **common,
        ),
    }


def _helpers_of_kind(project, key: str, limit) -> list:
    needs = list(project.needs.all())
    if not needs:
        return []
    return _evaluate(_helpers(project, needs, limit=limit)[key], needs, limit)


def organisations_for_project(project, *, limit: int | None = None) -> list:
    return _helpers_of_kind(project, "organisations", limit)


def people_for_project(project, *, limit: int | None = None) -> list:
    return _helpers_of_kind(project, "people", limit)


def projects_for_project(project, *, limit: int | None = None) -> list:
    return _helpers_of_kind(project, "projects", limit)


def helpers_for_project(project, *, limit: int) -> dict[str, list]:
    """The first ``limit`` organisations, people and other projects, in one query.

    Each is an instance with only ``pk``, ``slug``, its name (``title`` for projects),
    ``match_overlap`` and ``matching_categories``: what the project page shows.
    """
    needs = list(project.needs.all())
    helpers: dict[str, list] = {key: [] for key in ["organisations", "people", "projects"]}
    if not needs:
        return helpers
    parts, models = [], {}
    for key, queryset in _helpers(project, needs, limit=limit).items():
        models[key] = queryset.model
        name_field = _name_field(queryset.model)
        # The branches of a UNION come back in no guaranteed order: number each one's rows.
        position = Window(RowNumber(), order_by=[*_ORDER, name_field, "pk"])
        parts.append(
            queryset.annotate(
                helper_list=Value(key, output_field=CharField()),
                helper_name=F(name_field),
                helper_position=position,
            ).values_list(
                "helper_list", "helper_position", "pk", "slug", "helper_name", "match_category_ids"
            )[:limit]
        )
    rows = parts[0].union(*parts[1:], all=True).order_by("helper_list", "helper_position")
    for key, _position, pk, slug, name, category_ids in rows:
        model = models[key]
        helper = model(pk=pk, slug=slug, **{_name_field(model): name})
        helper.match_category_ids = category_ids
        helper.match_overlap = len(category_ids)
        helpers[key].append(helper)
    for matches in helpers.values():
        _with_matching_categories(matches, needs)
    return helpers


# --- Where an organisation or a person can help (projects whose needs they meet) ------


# Profile pages list these projects by title and region: no card data.
def _projects_needing(profile, *, topics, limit) -> list:
    offers = list(profile.offers.all())
    if not offers:
        return []
    queryset = _ranked(
        published_projects().prefetch_related(None).only("pk", "slug", "title", "region"),
        categories=offers,
        category_field="needs",
        topics=topics,
        region=profile.region,
        limit=limit,
    )
    return _evaluate(queryset, offers, limit)


def projects_for_organisation(organisation, *, limit: int | None = None) -> list:
    topics = Topic.objects.filter(organisations=organisation.pk).values("pk")
    return _projects_needing(organisation, topics=topics, limit=limit)


def projects_for_person(person, *, limit: int | None = None) -> list:
    topics = Topic.objects.filter(people=person.pk).values("pk")
    return _projects_needing(person, topics=topics, limit=limit)


# --- New projects for someone who follows the network (the weekly digest) ---------------


def new_projects_matching(
    *, categories, category_field: str, since, exclude, region: str = "", limit: int
) -> list:
    """Projects first published since ``since`` whose ``category_field`` ("needs" or
    "offers") meets any of ``categories`` (SupportCategory), best first, leaving out the
    pks in ``exclude`` (a list or subquery). Each has ``matching_categories``."""
    categories = list(categories)
    if not categories:
        return []
    queryset = _ranked(
        published_projects()
        .prefetch_related(None)
        .filter(published_at__gte=since)
        .exclude(pk__in=exclude)
        .only("pk", "slug", "title", "region", "summary"),
        categories=categories,
        category_field=category_field,
        topics=Topic.objects.none().values("pk"),
        region=region,
        limit=limit,
    )
    return _evaluate(queryset, categories, limit)
