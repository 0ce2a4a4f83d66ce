"""The open data files: what they hold, how they are cached, and conditional requests."""

import csv
import io
import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from taxonomy.models import Region, SupportCategory
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

STATISTICS = "/daten/bedarfe-und-angebote"


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


@pytest.fixture
def needs():
    """Two published projects in Dresden need rooms; one draft does too (not counted); a
    visible organisation in Leipzig offers rooms, a hidden one in Dresden does too."""
    rooms = SupportCategory.objects.get(slug="raeume")
    for _ in range(2):
        ProjectFactory(published=True, region=Region.DRESDEN).needs.set([rooms])
    ProjectFactory(region=Region.DRESDEN).needs.set([rooms])
    OrganisationFactory(region=Region.LEIPZIG, offers=[rooms])
    OrganisationFactory(region=Region.DRESDEN, offers=[rooms], is_published=False)
    PersonFactory(region=Region.DRESDEN, offers=[rooms])  # no consent: not counted
    return rooms


def test_statistics_csv_counts_only_published_content_per_area(client, needs):
    response = client.get(f"{STATISTICS}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    table = {(row["area"], row["category"]): row for row in rows(response)}
    saxony, dresden, leipzig = (
        table[(area, "raeume")] for area in ("sachsen", "dresden", "leipzig")
    )
    assert (saxony["needed_by_projects"], saxony["offered_by_organisations"]) == ("2", "1")
    assert saxony["unmet"] == "false" and saxony["area_name"] == "Sachsen"
    assert (dresden["needed_by_projects"], dresden["offered_by"], dresden["unmet"]) == (
        "2",
        "0",
        "true",
    )
    assert (leipzig["needed_by_projects"], leipzig["offered_by_organisations"]) == ("0", "1")
    assert dresden["area_name"] == "Dresden" and dresden["category_name_de"] == needs.name_de
    # Every category for Saxony and each of its 13 areas.
    assert len(table) == 14 * SupportCategory.objects.count()


def test_statistics_json_holds_the_same_records_as_the_csv(client, needs):
    records = json.loads(client.get(f"{STATISTICS}.json").content)
    dresden = next(r for r in records if r["area"] == "dresden" and r["category"] == "raeume")
    assert dresden["needed_by_projects"] == 2 and dresden["unmet"] is True
    csv_rows = rows(client.get(f"{STATISTICS}.csv"))
    assert [(r["area"], r["category"]) for r in records] == [
        (r["area"], r["category"]) for r in csv_rows
    ]


@pytest.mark.parametrize(
    "path",
    [
        f"{STATISTICS}.csv",
        f"{STATISTICS}.json",
        "/daten/datapackage.json",
        "/daten/katalog.ttl",
        "/daten/katalog.jsonld",
    ],
)
def test_files_answer_conditional_requests(client, path):
    first = client.get(path)
    assert first.status_code == 200 and first.content
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"older"'}).status_code == 200
    assert client.head(path).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_change_gives_a_new_file_and_etag_while_the_cache_keeps_it(
    client, settings, seeded_like_a_fresh_installation
):
    """Transactional: the content generation moves when a change commits."""
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "od"},
    }
    caches["fragments"].clear()
    rooms = SupportCategory.objects.get(slug="raeume")
    ProjectFactory(published=True, region=Region.DRESDEN).needs.set([rooms])
    first = client.get(f"{STATISTICS}.csv")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"{STATISTICS}.csv")
    assert again["ETag"] == first["ETag"]
    assert len(queries) == 1  # the content generation; the file comes from the cache
    ProjectFactory(published=True, region=Region.LEIPZIG).needs.set([rooms])
    changed = client.get(f"{STATISTICS}.csv", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    leipzig = next(r for r in rows(changed) if (r["area"], r["category"]) == ("leipzig", "raeume"))
    assert leipzig["needed_by_projects"] == "1"
    caches["fragments"].clear()


def test_a_change_elsewhere_keeps_a_files_date(client, needs):
    first = client.get(f"{STATISTICS}.csv")
    ProjectFactory(title="Ein Projekt ohne Bedarfe")  # a draft: the figures stay as they were
    again = client.get(f"{STATISTICS}.csv", headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304
    assert again["Last-Modified"] == first["Last-Modified"]


def test_unknown_files_do_not_exist(client):
    for path in ["/daten/projekte-alt.csv", f"{STATISTICS}.xlsx", "/daten/katalog.rdf"]:
        assert client.get(path).status_code == 404, path


def test_files_refuse_writes(client):
    assert client.post(f"{STATISTICS}.csv").status_code == 405


def test_last_modified_is_an_http_date(client):
    response = client.get(f"{STATISTICS}.csv")
    assert response["Last-Modified"].endswith("GMT")
    assert http_date(0).endswith("GMT")
