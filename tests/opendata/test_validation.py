"""The open data passes the validators a re-user or GovData would run.

- Frictionless: ``datapackage.json`` and every file in it, against the Table Schemas it
  declares (types, required values, enums, patterns, primary keys, bytes and hashes).
- pySHACL: the DCAT-AP.de catalogue, Turtle and JSON-LD, against the official DCAT-AP.de
  3.0 shapes of GovData and the DCAT-AP 3.0.0 shapes of SEMIC they extend.
"""

import json

import pytest
from frictionless import validate

from tests.test_unpublished_absent import PUBLIC, Portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    return Portal()


def download_package(client, folder, language=""):
    """The data package as a re-user gets it: datapackage.json and its files, one folder."""
    response = client.get(f"{language}/daten/datapackage.json")
    assert response.status_code == 200
    (folder / "datapackage.json").write_bytes(response.content)
    package = json.loads(response.content)
    for resource in package["resources"]:
        file = client.get(f"{language}/daten/{resource['path']}")
        assert file.status_code == 200, resource["path"]
        (folder / resource["path"]).write_bytes(file.content)
    return package


def errors_of(report) -> list:
    return report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("language", ["", "/en"])
def test_data_package_and_every_file_pass_frictionless(portal, client, tmp_path, language):
    package = download_package(client, tmp_path, language)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, errors_of(report)
    validated = {task.name for task in report.tasks}
    assert validated == {resource["name"] for resource in package["resources"]}
    assert len(validated) == 2 * 7  # seven datasets, CSV and JSON each
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    # Exactly the public ones (one of each in the Portal), checked row by row, both formats.
    for dataset in ("projekte", "organisationen", "personen", "veranstaltungen"):
        assert rows[f"{dataset}-csv"] == rows[f"{dataset}-json"] == 1, rows
    assert rows["bedarfe-und-angebote-csv"] == rows["bedarfe-und-angebote-json"] > 14
    # Not green because the files are empty: the public content is in them.
    people = (tmp_path / "personen.csv").read_text(encoding="utf-8")
    assert PUBLIC["person"] in people
    assert PUBLIC["project"] in (tmp_path / "projekte.json").read_text(encoding="utf-8")
    assert PUBLIC["event"] in (tmp_path / "veranstaltungen.csv").read_text(encoding="utf-8")


def test_each_file_passes_frictionless_on_its_own_schema(portal, client, tmp_path):
    """As a re-user who downloads one file and its schema only."""
    package = download_package(client, tmp_path)
    for resource in package["resources"]:
        descriptor = {key: resource[key] for key in ("name", "path", "format", "schema")}
        report = validate(descriptor, basepath=str(tmp_path))
        assert report.valid, (resource["name"], errors_of(report))
