"""What the public sees: lists, search, feeds, sitemap, home – and what it never sees."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from taxonomy.models import SupportCategory, TargetGroup, Topic
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATES = [
    Project.Status.DRAFT,
    Project.Status.SUBMITTED,
    Project.Status.CHANGES_REQUESTED,
    Project.Status.REJECTED,
    Project.Status.ARCHIVED,
]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_unpublished_projects_never_reach_the_public(client, state):
    hidden = ProjectFactory(status=state, title="Geheimprojekt Quartierskantine")
    visible = ProjectFactory(published=True, title="Offenes Quartierscafé")
    surfaces = {
        "list": "/projekte/",
        "search": "/projekte/?q=Quartierskantine",
        "typo search": "/projekte/?q=Quartierskantne",
        "best practice": "/gute-praxis/",
        "home": "/",
        "rss": "/feeds/projekte/rss/",
        "atom": "/feeds/projekte/atom/",
        "sitemap": "/sitemap.xml",
    }
    for name, path in surfaces.items():
        body = client.get(path).content.decode()
        assert "Geheimprojekt" not in body and hidden.slug not in body, name
    assert visible.title in client.get("/projekte/").content.decode()
    assert client.get(f"/projekte/{hidden.slug}/").status_code == 404


def test_list_filters_by_topic_region_stage_needs_offers_and_best_practice(client):
    care = Topic.objects.get(slug="pflege")
    rooms = SupportCategory.objects.get(slug="raeume")
    match = ProjectFactory(
        published=True, title="Treffer", region="leipzig", stage="umsetzung", topics=[care]
    )
    match.needs.set([rooms])
    match.offers.set([rooms])
    Project.objects.filter(pk=match.pk).update(is_best_practice=True)
    ProjectFactory(published=True, title="Anderes", region="dresden", stage="idee")
    for query in [
        "thema=pflege",
        "region=leipzig",
        "phase=umsetzung",
        "bedarf=raeume",
        "angebot=raeume",
        "gute_praxis=on",
    ]:
        html = client.get(f"/projekte/?{query}").content.decode()
        assert "Treffer" in html and "Anderes" not in html, query
        assert "1 Projekt gefunden" in html


def test_invalid_filter_values_are_explained_not_fatal(client):
    ProjectFactory(published=True, title="Bleibt sichtbar")
    response = client.get(
        "/projekte/?thema=gibt-es-nicht&region=mars&phase=x&seite=abc&q=" + "x" * 500
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html  # says what was wrong ...
    assert "Bleibt sichtbar" in html  # ... and ignores only the invalid filters


def test_search_finds_inflected_words_and_typos_best_match_first(client):
    ProjectFactory(published=True, title="Lesen mit Kindern", summary="Vorlesen in der Bibliothek.")
    ProjectFactory(published=True, title="Nachbarschaft lebt", summary="Ein Treff im Quartier.")
    ProjectFactory(
        published=True,
        title="Gärten für alle",
        summary="Gemeinsam gärtnern, auch mit Kindern und Eltern.",
    )
    ProjectFactory(published=True, title="Ganz anderes Thema", summary="Radwege.")
    html = client.get("/projekte/?q=Kinder").content.decode()
    assert (
        "Lesen mit Kindern" in html
        and "Gärten für alle" in html
        and "Ganz anderes Thema" not in html
    )
    assert html.index("Lesen mit Kindern") < html.index("Gärten für alle")  # title beats summary
    html = client.get("/projekte/?q=Nachbarschft").content.decode()
    assert "Nachbarschaft lebt" in html and "Radwege" not in html


def test_search_uses_the_index_not_a_scan(db):
    from django.db import connection

    ProjectFactory.create_batch(3, published=True)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM projects_project WHERE search_vector @@ websearch_to_tsquery('german', 'Kinder')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute(
            "EXPLAIN SELECT id FROM projects_project WHERE 'Nachbarschft' <% search_text"
        )
        trigram_plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "project_search_idx" in plan
    assert "project_trigram_idx" in trigram_plan


def test_htmx_request_gets_only_the_results_and_the_announcement(client):
    ProjectFactory(published=True, title="Teilbares Ergebnis")
    response = client.get("/projekte/?q=Ergebnis", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert 'data-hx-swap-oob="innerHTML"' in html and "1 Projekt gefunden" in html


def test_filter_form_works_as_plain_get_form_with_shareable_urls(client):
    html = client.get("/projekte/?thema=pflege").content.decode()
    # Without JavaScript the answer opens at the results.
    assert '<form class="list-filters" method="get" action="/projekte/#results"' in html
    assert 'data-hx-push-url="true"' in html
    assert '<option value="pflege" selected>' in html


def test_pagination_keeps_filters(client):
    ProjectFactory.create_batch(25, published=True, region="chemnitz")
    html = client.get("/projekte/?region=chemnitz").content.decode()
    assert 'href="?region=chemnitz&amp;seite=2"' in html
    html = client.get("/projekte/?region=chemnitz&seite=2").content.decode()
    assert "Seite 2 von 2" in html


def test_list_runs_a_constant_number_of_queries(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    care = Topic.objects.get(slug="pflege")
    ProjectFactory(published=True, topics=[care])
    with django_assert_max_num_queries(7) as one:
        client.get("/projekte/?q=Projekt")
    ProjectFactory.create_batch(19, published=True, topics=[care])
    with django_assert_num_queries(len(one)):
        client.get("/projekte/?q=Projekt")


def test_detail_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    few = ProjectFactory(published=True, topics=list(Topic.objects.all()[:1]))
    few.needs.set(SupportCategory.objects.all()[:1])
    many = ProjectFactory(published=True, topics=list(Topic.objects.all()))
    many.needs.set(SupportCategory.objects.all())
    many.offers.set(SupportCategory.objects.all())
    ProjectFactory.create_batch(3, published=True).__len__()
    for other in Project.objects.exclude(pk__in=[few.pk, many.pk]):
        other.offers.set(SupportCategory.objects.all())
    with CaptureQueriesContext(connection) as one:
        client.get(f"/projekte/{few.slug}/")
    with django_assert_num_queries(len(one)):
        client.get(f"/projekte/{many.slug}/")


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_detail_stays_within_the_query_budget_for_visitors_and_the_team(
    client, owner, django_assert_num_queries
):
    """Issue 7: at most 10 queries per page, however many helpers, partners and events."""
    from tests.events.factories import AgendaItemFactory, EventFactory
    from tests.network.factories import OrganisationFactory, PersonFactory

    needs = list(SupportCategory.objects.all()[:3])
    project = ProjectFactory(published=True, owner=owner, topics=list(Topic.objects.all()[:2]))
    project.needs.set(needs)
    project.target_groups.set(TargetGroup.objects.all()[:2])
    AgendaItemFactory(event=EventFactory(), presented_projects=[project])

    def add_helpers(count):
        for index in range(count):
            project.partner_organisations.add(OrganisationFactory(offers=needs[index % 3 :]))
            PersonFactory(offers=needs[: 1 + index % 3], consent=True)
            ProjectFactory(published=True).offers.set(needs)

    add_helpers(2)
    path = f"/projekte/{project.slug}/"
    visitor = _queries(client, path)
    client.force_login(owner)
    member = _queries(client, path)
    add_helpers(10)
    client.logout()
    assert visitor <= 10 and member <= 10
    with django_assert_num_queries(visitor):
        assert client.get(path).status_code == 200
    client.force_login(owner)
    with django_assert_num_queries(member):
        assert client.get(path).status_code == 200
    html = client.get(path).content.decode()
    assert "Projekt bearbeiten" in html
    partners = sorted(o.name for o in project.partner_organisations.all())
    assert f'<dt>Partnerorganisationen</dt><dd lang="de">{", ".join(partners)}</dd>' in html
    helpers = html[html.index('id="who-can-help"') :]
    helpers = helpers[: helpers.index("</section>")]
    assert helpers.count('href="/netzwerk/organisationen/') == 6
    assert helpers.count('href="/netzwerk/personen/') == 6
    assert helpers.count('href="/projekte/') == 6


def test_detail_carries_opengraph_and_schema_org(client):
    import json
    import re

    project = ProjectFactory(
        published=True,
        title="Bürgerbus <Erzgebirge>",
        summary="Fahrten & mehr",
        website="https://buergerbus.example/",
    )
    html = client.get(f"/projekte/{project.slug}/").content.decode()
    assert '<meta property="og:title" lang="de" content="Bürgerbus &lt;Erzgebirge&gt;">' in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Project" and data["name"] == "Bürgerbus <Erzgebirge>"
    assert "<Erzgebirge>" not in block  # escaped inside the script block
    assert data["areaServed"]["name"] == "Dresden"
    assert data["sameAs"] == "https://buergerbus.example/"


def test_feed_and_sitemap_list_published_projects(client):
    project = ProjectFactory(published=True, title="Im Feed")
    assert "Im Feed" in client.get("/feeds/projekte/rss/").content.decode()
    assert "Im Feed" in client.get("/feeds/projekte/atom/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert (
        f"/projekte/{project.slug}/</loc>" in sitemap
        and f"/en/projekte/{project.slug}/</loc>" in sitemap
    )


def test_home_shows_newest_and_best_practice(client):
    newest = ProjectFactory(published=True, title="Ganz neu")
    best = ProjectFactory(published=True, title="Vorbildlich")
    Project.objects.filter(pk=best.pk).update(is_best_practice=True)
    html = client.get("/").content.decode()
    assert newest.title in html and best.title in html
    assert html.count("Vorbildlich") == 1  # under best practice, not again under the newest
