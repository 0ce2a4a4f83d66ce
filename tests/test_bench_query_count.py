"""``make bench``'s query pass reads X-Query-Count (zukunftsplattform.middleware.count_queries)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.projects.factories import ProjectFactory

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
