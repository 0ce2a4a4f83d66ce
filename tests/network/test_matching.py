"""Who can help whom: best matches first, only public profiles, a fixed number of queries."""

import pytest

from network import matching, public
from taxonomy.models import Region
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(categories, topics):
    """A Görlitz project that needs funding, rooms and mentoring, on care and ageing."""
    project = ProjectFactory(
        published=True,
        title="Pflege-Lotsen",
        region=Region.GOERLITZ,
        topics=[topics["pflege"], topics["alter"]],
    )
    project.needs.set([categories["finanzierung"], categories["raeume"], categories["mentoring"]])
    return project


def test_organisations_are_ordered_by_overlap_then_region_then_topics(project, categories, topics):
    c, t = categories, topics
    # One need covered, same region, two shared topics.
    near = OrganisationFactory(
        name="A Nah",
        region=Region.GOERLITZ,
        offers=[c["raeume"]],
        topics=[t["pflege"], t["alter"]],
    )
    # Two needs covered, elsewhere, no topic: more overlap beats region.
    broad = OrganisationFactory(
        name="B Breit", region=Region.LEIPZIG, offers=[c["raeume"], c["finanzierung"]]
    )
    # Three needs covered: best.
    best = OrganisationFactory(
        name="C Alles",
        region=Region.DRESDEN,
        offers=[c["raeume"], c["finanzierung"], c["mentoring"], c["beratung"]],
    )
    # One need, elsewhere, one shared topic.
    topical = OrganisationFactory(
        name="D Thema", region=Region.LEIPZIG, offers=[c["raeume"]], topics=[t["pflege"]]
    )
    # One need, same region, no topic.
    regional = OrganisationFactory(name="E Region", region=Region.GOERLITZ, offers=[c["mentoring"]])
    # One need, elsewhere, no topic; ties broken by name.
    plain = OrganisationFactory(name="F Einfach", region=Region.LEIPZIG, offers=[c["mentoring"]])
    # Offers nothing the project needs, or is hidden: never listed.
    OrganisationFactory(name="G Falsch", region=Region.GOERLITZ, offers=[c["beratung"]])
    OrganisationFactory(
        name="H Verborgen", region=Region.GOERLITZ, offers=[c["raeume"]], is_published=False
    )

    result = list(public.organisations_that_can_help(project))

    assert result == [best, broad, near, regional, topical, plain]
    assert [o.match_overlap for o in result] == [3, 2, 1, 1, 1, 1]
    assert [c.slug for c in result[0].matching_categories] == [
        "finanzierung",
        "raeume",
        "mentoring",
    ]
    assert [c.slug for c in result[2].matching_categories] == ["raeume"]


def test_people_who_can_help_are_only_those_with_consent_in_the_same_order(
    project, categories, topics
):
    c = categories
    two = PersonFactory(
        name="Zora Zwei", region=Region.LEIPZIG, offers=[c["raeume"], c["mentoring"]], consent=True
    )
    local = PersonFactory(
        name="Anna Lokal", region=Region.GOERLITZ, offers=[c["mentoring"]], consent=True
    )
    far = PersonFactory(name="Bea Fern", region=Region.LEIPZIG, offers=[c["raeume"]], consent=True)
    PersonFactory(name="Ohne Einwilligung", region=Region.GOERLITZ, offers=[c["raeume"]])

    assert list(public.people_that_can_help(project)) == [two, local, far]


def test_other_projects_that_can_help_exclude_the_project_and_unpublished_ones(project, categories):
    helper = ProjectFactory(published=True, title="Raumbörse", region=Region.GOERLITZ)
    helper.offers.set([categories["raeume"]])
    draft = ProjectFactory(title="Entwurf")
    draft.offers.set([categories["raeume"]])
    project.offers.set([categories["raeume"]])  # offering what it needs itself does not count

    assert list(public.projects_that_can_help(project)) == [helper]


def test_where_an_organisation_can_help_lists_projects_whose_needs_it_meets(
    project, categories, topics
):
    organisation = OrganisationFactory(
        region=Region.GOERLITZ, offers=[c for k, c in categories.items() if k in {"raeume"}]
    )
    elsewhere = ProjectFactory(published=True, title="Anderswo", region=Region.LEIPZIG)
    elsewhere.needs.set([categories["raeume"]])
    unmet = ProjectFactory(published=True, title="Andere Bedarfe")
    unmet.needs.set([categories["digitales"]])
    hidden = ProjectFactory(title="Entwurf mit Raumbedarf", region=Region.GOERLITZ)
    hidden.needs.set([categories["raeume"]])

    assert list(matching.projects_for_organisation(organisation)) == [project, elsewhere]


def test_where_a_person_can_help_lists_projects_whose_needs_they_meet(project, categories):
    person = PersonFactory(
        region=Region.GOERLITZ, offers=[categories["mentoring"], categories["raeume"]]
    )
    one = ProjectFactory(published=True, title="Nur Mentoring", region=Region.GOERLITZ)
    one.needs.set([categories["mentoring"]])
    result = list(matching.projects_for_person(person))
    assert result == [project, one]
    assert [c.slug for c in result[0].matching_categories] == ["raeume", "mentoring"]


def test_the_first_n_are_the_first_n_of_the_whole_ranking(project, categories, topics):
    # Ties at every level, and hidden or unconsented profiles that cover more than anyone:
    # asking for the first n must give exactly the first n of the full order.
    c, t = categories, topics
    needs = [c["finanzierung"], c["raeume"], c["mentoring"]]
    OrganisationFactory(name="Verborgen", offers=needs, is_published=False)
    PersonFactory(name="Ohne Einwilligung", offers=needs)
    for index, region in enumerate([Region.GOERLITZ, Region.LEIPZIG] * 3):
        OrganisationFactory(
            name=f"Organisation {index % 3}",
            region=region,
            offers=needs[: 1 + index % 3],
            topics=[t["pflege"]] if index % 2 else [],
        )
        PersonFactory(
            name=f"Person {index % 2}", region=region, offers=needs[index % 3 :], consent=True
        )
        other = ProjectFactory(published=True, title=f"Projekt {index % 2}", region=region)
        other.offers.set(needs[index % 2 :])
    profile = OrganisationFactory(region=Region.LEIPZIG, offers=needs, topics=[t["pflege"]])
    for index, region in enumerate([Region.LEIPZIG, Region.DRESDEN] * 3):
        ProjectFactory(published=True, title=f"Bedarf {index % 2}", region=region).needs.set(
            needs[index % 3 :]
        )

    lists = [
        public.organisations_that_can_help,
        public.people_that_can_help,
        public.projects_that_can_help,
        lambda _project, **kw: matching.projects_for_organisation(profile, **kw),
    ]
    for matches in lists:
        everyone = matches(project)
        assert len(everyone) >= 6
        for limit in range(1, len(everyone) + 2):
            first = matches(project, limit=limit)
            assert first == everyone[:limit]
            assert [m.match_overlap for m in first] == [m.match_overlap for m in everyone[:limit]]


def test_who_can_help_answers_the_three_lists_in_one_query(
    project, categories, django_assert_num_queries
):
    offers = [categories["raeume"], categories["mentoring"]]
    for index in range(4):
        OrganisationFactory(offers=offers[: 1 + index % 2])
        PersonFactory(offers=offers[index % 2 :], consent=True)
        ProjectFactory(published=True).offers.set(offers)
    project = type(project).objects.prefetch_related("needs").get(pk=project.pk)

    with django_assert_num_queries(1):
        helpers = public.who_can_help(project, limit=3)

    def names(matches):
        return [(m.pk, str(m), [c.slug for c in m.matching_categories]) for m in matches]

    assert names(helpers["organisations"]) == names(
        public.organisations_that_can_help(project, limit=3)
    )
    assert names(helpers["people"]) == names(public.people_that_can_help(project, limit=3))
    assert names(helpers["projects"]) == names(public.projects_that_can_help(project, limit=3))
    assert all(len(matches) == 3 for matches in helpers.values())
    assert helpers["people"][0].get_absolute_url().startswith("/netzwerk/personen/")


def _evaluate_organisation_matches(project):
    return [
        (o.name, [c.name for c in o.matching_categories])
        for o in public.organisations_that_can_help(project)
    ]


def _evaluate_people_matches(project):
    return [
        (p.name, [c.name for c in p.matching_categories])
        for p in public.people_that_can_help(project)
    ]


def _evaluate_project_matches(organisation):
    # What the profile pages show of a project: title, region, the needs met.
    return [
        (p.title, p.get_region_display(), [c.name for c in p.matching_categories])
        for p in matching.projects_for_organisation(organisation)
    ]


def test_matching_needs_a_fixed_number_of_queries(project, categories, django_assert_num_queries):
    offers = [categories["raeume"], categories["mentoring"]]
    OrganisationFactory(offers=offers)
    PersonFactory(offers=offers, consent=True)
    helper = OrganisationFactory(offers=offers)
    needing = ProjectFactory(published=True, title="Bedarf")
    needing.needs.set(offers)
    # Each list is the profile's categories (not prefetched here) and the matches with the
    # categories they cover (2 queries); the lists show names, no card data.
    with django_assert_num_queries(2):
        assert len(_evaluate_organisation_matches(project)) == 2
    with django_assert_num_queries(2):
        assert len(_evaluate_people_matches(project)) == 1
    with django_assert_num_queries(2):
        assert len(_evaluate_project_matches(helper)) == 2

    for index in range(8):
        OrganisationFactory(offers=offers)
        PersonFactory(offers=offers, consent=True)
        needing = ProjectFactory(published=True, title=f"Bedarf {index}")
        needing.needs.set(offers)
    with django_assert_num_queries(2):
        assert len(_evaluate_organisation_matches(project)) == 10
    with django_assert_num_queries(2):
        assert len(_evaluate_people_matches(project)) == 9
    with django_assert_num_queries(2):
        assert len(_evaluate_project_matches(helper)) == 10


def test_a_project_that_needs_nothing_is_offered_no_helpers(categories):
    project = ProjectFactory(published=True, title="Selbstversorgt")
    OrganisationFactory(offers=[categories["raeume"]])
    PersonFactory(offers=[categories["raeume"]], consent=True)
    assert public.who_can_help(project, limit=3) == {
        "organisations": [],
        "people": [],
        "projects": [],
    }
    assert matching.organisations_for_project(project) == []
