"""The open data page: found from the footer and the needs overview, says what each file
holds and under which licence, in German and English."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opendata.datasets import DATASETS
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_footer_and_needs_overview_link_to_the_open_data(client):
    assert 'href="/daten/"' in client.get("/").content.decode()
    needs = client.get("/netzwerk/bedarfe-und-angebote/").content.decode()
    assert 'href="/daten/#bedarfe-und-angebote"' in needs
    assert 'href="/en/daten/"' in client.get("/en/").content.decode()


def test_page_describes_every_dataset_its_columns_and_the_licence(client):
    page = client.get("/daten/").content.decode()
    assert "<h1" in page and "Offene Daten" in page
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page
    assert "Warum diese Lizenz und nicht CC BY 4.0?" in page
    for dataset in DATASETS:
        assert f'id="{dataset.slug}"' in page
        assert f'href="/daten/{dataset.slug}.csv"' in page
        assert f'href="/daten/{dataset.slug}.json"' in page
        for field in dataset.fields():
            assert f"<code>{field.name}</code>" in page, (dataset.slug, field.name)
    assert "Anzahl veröffentlichter Projekte im Gebiet" in page  # a column's meaning
    assert 'href="/daten/datapackage.json"' in page
    assert 'href="/daten/katalog.ttl"' in page and 'href="/daten/katalog.jsonld"' in page


def test_page_in_english(client):
    page = client.get("/en/daten/").content.decode()
    assert "Open data" in page and "Why this licence and not CC BY 4.0?" in page
    assert "Number of published projects in the area" in page
    assert 'href="/en/daten/projekte.csv"' in page
    assert "Columns of “Projects”" in page


def test_file_queries_do_not_grow_with_the_rows(client):
    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    ProjectFactory(published=True)
    few = {path: queries(path) for path in ("/daten/projekte.csv", "/daten/projekte.json")}
    for _ in range(5):
        ProjectFactory(published=True)
    many = {path: queries(path) for path in few}
    assert many == few


def test_page_queries_are_few(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/daten/")
    assert len(re.findall(r"<table", response.content.decode())) == len(DATASETS)
