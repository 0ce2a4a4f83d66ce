"""What the app keeps for ``make bench``: X-Query-Count for its query pass
(zukunftsplattform.middleware.count_queries) and the seeder's bulk update of search columns."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from projects.services import search_document_of
from tests.projects.factories import ProjectFactory
from zukunftsplattform.search import bulk_update_search_columns, update_search_columns

ROOT = Path(__file__).resolve().parent.parent
COUNTER = "zukunftsplattform.middleware.count_queries"


@pytest.fixture
def counted(settings):
    settings.MIDDLEWARE = [COUNTER, *settings.MIDDLEWARE]


@pytest.mark.django_db
def test_query_count_header_is_the_number_of_queries_the_response_cost(client, counted):
    ProjectFactory.create_batch(3, published=True)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/projekte/")
    assert response.status_code == 200
    assert int(response.headers["X-Query-Count"]) == len(queries) > 0


@pytest.mark.django_db
def test_query_count_header_counts_each_response_on_its_own(client, counted):
    first = client.get("/healthz")
    second = client.get("/healthz")
    assert first.headers["X-Query-Count"] == second.headers["X-Query-Count"] == "1"


def test_query_count_header_only_when_the_bench_asks_for_it():
    settings_of = (
        "from django.conf import settings; import django; django.setup(); "
        "print(settings.MIDDLEWARE[0])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",  # never connects
    }
    first = {
        flag: subprocess.run(
            [sys.executable, "-c", settings_of],
            cwd=ROOT,
            env={**env, "BENCH_COUNT_QUERIES": flag},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]
        for flag in ["1", "0"]
    }
    assert first["1"] == COUNTER
    assert first["0"] != COUNTER


@pytest.mark.django_db
def test_bulk_search_update_stores_what_the_per_row_update_stores():
    projects = [
        ProjectFactory(published=True, title="Lastenrad für Oelsnitz", place="Oelsnitz"),
        ProjectFactory(published=True, title="Kiezküche Grünau", summary="Kochen für alle"),
    ]
    documents = {p.pk: search_document_of(p, topics=[], target_groups=[]) for p in projects}

    def columns():
        return list(Project.objects.order_by("pk").values_list("search_vector", "search_text"))

    for pk, document in documents.items():
        update_search_columns(Project, pk, document=document)
    one_by_one = columns()
    Project.objects.update(search_vector=None, search_text="")
    bulk_update_search_columns(Project, {})  # nothing to do: no statement
    bulk_update_search_columns(Project, documents)

    assert columns() == one_by_one
    assert "lastenrad" in str(one_by_one[0][0])
