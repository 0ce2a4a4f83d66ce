"""The open data passes the validators a re-user or GovData would run.

- Frictionless: ``datapackage.json`` and every file in it, against the Table Schemas it
  declares (types, required values, enums, patterns, primary keys, bytes and hashes).
- pySHACL: the DCAT-AP.de catalogue, Turtle and JSON-LD, against the official DCAT-AP.de
  3.0 shapes of GovData and the DCAT-AP 3.0.0 shapes of SEMIC they extend.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pyshacl
import pytest
from frictionless import validate
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF

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


# The official shapes are not part of this repository: like every file fetched from
# another project, they live beside it, in the steering repository's shared/ folder
# (which CI gets a copy of), or wherever DCAT_AP_DE_SHAPES points:
#   govdata/  GovData's DCAT-AP.de 3.0 shapes (validator/resources/v3.0/shapes/*.ttl of
#             GovDataOfficial/DCAT-AP.de-SHACL-Validation) and its LICENSE
#   semic/    SEMIC's DCAT-AP 3.0.0 shapes (releases/3.0.0/shacl/dcat-ap-SHACL.ttl of
#             SEMICeu/DCAT-AP) and its licence note
SHAPES = Path(
    os.environ.get("DCAT_AP_DE_SHAPES")
    or Path(__file__).resolve().parents[3] / "shared" / "dcat-ap-de-shacl"
)
GOVDATA_SHAPES = [
    "dcat-ap-SHACL-DE.ttl",
    "dcat-ap-de-deprecated.ttl",
    "dcat-ap-spec-german-additions.ttl",
    "dcat-ap-de-controlledvocabularies.ttl",
]
VOCABULARIES = Path(__file__).with_name("vocabularies.ttl")


@pytest.fixture(scope="module")
def shapes():
    if not (SHAPES / "semic" / "dcat-ap-SHACL.ttl").exists():
        pytest.skip(f"the official DCAT-AP.de shapes are not in {SHAPES} (see above)")
    graph = Graph()
    graph.parse(SHAPES / "semic" / "dcat-ap-SHACL.ttl")
    for name in GOVDATA_SHAPES:
        graph.parse(SHAPES / "govdata" / name)
    return graph


# rdflib's own JSON-LD parser still builds a ConjunctiveGraph inside.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    ("path", "rdf_format"), [("katalog.ttl", "turtle"), ("katalog.jsonld", "json-ld")]
)
def test_catalogue_conforms_to_the_official_dcat_ap_de_shapes(
    portal, client, shapes, path, rdf_format
):
    response = client.get(f"/daten/{path}")
    assert response.status_code == 200
    data = Graph().parse(data=response.content, format=rdf_format)
    # Loaded beside the data, as the official validator does with its owl:imports.
    conforms, _graph, text = pyshacl.validate(
        data + Graph().parse(VOCABULARIES),
        shacl_graph=shapes,
        advanced=True,
    )
    assert conforms, text  # no violation, and no warning either
    datasets = set(data.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 7
    for dataset in datasets:
        downloads = {
            str(url)
            for distribution in data.objects(dataset, DCAT.distribution)
            for url in data.objects(distribution, DCAT.downloadURL)
        }
        assert {url.rsplit(".", 1)[1] for url in downloads} == {"csv", "json"}
        assert all(url.startswith("http") for url in downloads)
        for url in downloads:  # each of them is there
            assert client.get(urlsplit(url).path).status_code == 200, url


def test_the_shapes_catch_a_dataset_without_publisher(portal, client, shapes):
    """So that the test above is not green because the shapes check nothing."""
    data = Graph().parse(data=client.get("/daten/katalog.ttl").content, format="turtle")
    data.remove((None, DCTERMS.publisher, None))
    conforms, _graph, text = pyshacl.validate(
        data + Graph().parse(VOCABULARIES), shacl_graph=shapes, advanced=True
    )
    assert not conforms
    assert "MUSS einen dcterms:publisher haben" in text
