"""The DCAT-AP.de catalogue of the open data (Turtle and JSON-LD), for GovData to harvest.

One ``dcat:Catalog``; per dataset a ``dcat:Dataset``, per file a ``dcat:Distribution``
with its download address. Every address is absolute (``SITE_URL``). Licence and
vocabularies as DCAT-AP.de 3.0 asks: the dcat-ap.de licence URI, EU data themes,
languages, file types, frequency and access right, Saxony as the area covered (the
state key 14 of the dcat-ap.de political geocoding and its NUTS code).
"""

from datetime import date

from django.conf import settings
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from opendata.datasets import DATASETS, Dataset
from opendata.files import FORMATS, File, cached_file, dataset_file
from opendata.licence import LICENCE
from zukunftsplattform.mail import absolute_url

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(EU + "data-theme/")
LANGUAGE = Namespace(EU + "language/")
FILE_TYPE = Namespace(EU + "file-type/")
FREQUENCY = Namespace(EU + "frequency/")
ACCESS_RIGHT = Namespace(EU + "access-right/")
AVAILABILITY = Namespace(EU + "planned-availability/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")

SAXONY = URIRef("http://dcat-ap.de/def/politicalGeocoding/stateKey/14")
SAXONY_NUTS = URIRef("http://data.europa.eu/nuts/code/DED")
STATE_LEVEL = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/state")
CONTRIBUTOR = URIRef("http://dcat-ap.de/def/contributors/freistaatSachsen")
PUBLISHER = URIRef("https://www.sms.sachsen.de/")
PUBLISHER_NAME = (
    "Sächsisches Staatsministerium für Soziales, Gesundheit und Gesellschaftlichen Zusammenhalt"
)
PUBLISHER_NAME_EN = "Saxon State Ministry for Social Affairs, Health and Social Cohesion"
#: The day the portal first offered its open data.
ISSUED = date(2026, 12, 2)

FILE_TYPES = {"csv": FILE_TYPE.CSV, "json": FILE_TYPE.JSON}
MEDIA_TYPES = {
    "csv": URIRef("https://www.iana.org/assignments/media-types/text/csv"),
    "json": URIRef("https://www.iana.org/assignments/media-types/application/json"),
}


def _page() -> str:
    """The open data page in German: the landing page of everything in the catalogue."""
    return absolute_url(reverse("opendata:index"))


def catalogue_uri() -> URIRef:
    return URIRef(_page() + "#katalog")


def dataset_uri(dataset: Dataset) -> URIRef:
    return URIRef(f"{_page()}#{dataset.slug}")


def _texts(graph: Graph, subject, predicate, de: str, en: str) -> None:
    graph.add((subject, predicate, Literal(de, lang="de")))
    graph.add((subject, predicate, Literal(en, lang="en")))


def _when(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime if hasattr(value, "hour") else XSD.date)


def catalogue_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in [
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("dcatde", DCATDE),
        ("dcatap", DCATAP),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("skos", SKOS),
    ]:
        graph.bind(prefix, namespace)

    publisher = PUBLISHER
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(PUBLISHER_NAME, lang="de")))
    graph.add((publisher, FOAF.name, Literal(PUBLISHER_NAME_EN, lang="en")))
    graph.add((publisher, DCTERMS.type, PUBLISHER_TYPE.RegionalAuthority))

    contact = URIRef(_page() + "#kontakt")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal("Redaktion der Zukunftsplattform", lang="de")))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}")))
    graph.add(
        (contact, VCARD.hasURL, URIRef(absolute_url(reverse("pages:content", args=["kontakt"]))))
    )

    licence = URIRef(LICENCE.uri)
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licence, SKOS.prefLabel, Literal(LICENCE.title, lang="de")))

    for code in (SAXONY, SAXONY_NUTS):
        graph.add((code, RDF.type, DCTERMS.Location))

    catalogue = catalogue_uri()
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    _texts(
        graph,
        catalogue,
        DCTERMS.title,
        "Offene Daten der Zukunftsplattform für soziale Innovationen",
        "Open data of the Future Platform for Social Innovation",
    )
    _texts(
        graph,
        catalogue,
        DCTERMS.description,
        "Soziale Innovationen in Sachsen: veröffentlichte Projekte, Organisationen, "
        "Personen mit öffentlichem Profil, Veranstaltungen und die Zahlen zu Bedarfen und "
        "Angeboten.",
        "Social innovation in Saxony: published projects, organisations, people with a "
        "public profile, events and the figures on needs and offers.",
    )
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, URIRef(_page())))
    graph.add((catalogue, DCTERMS.language, LANGUAGE.DEU))
    graph.add((catalogue, DCTERMS.language, LANGUAGE.ENG))
    graph.add((catalogue, DCTERMS.license, licence))
    graph.add((catalogue, DCTERMS.spatial, SAXONY))
    graph.add((catalogue, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))
    graph.add((catalogue, DCTERMS.issued, _when(ISSUED)))

    newest = None
    for dataset in DATASETS:
        modified = _add_dataset(graph, dataset, publisher=publisher, contact=contact)
        graph.add((catalogue, DCAT.dataset, dataset_uri(dataset)))
        newest = modified if newest is None else max(newest, modified)
    if newest is not None:
        graph.add((catalogue, DCTERMS.modified, _when(newest)))
    return graph


def _add_dataset(graph: Graph, dataset: Dataset, *, publisher, contact):
    """The dataset and its distributions; returns when its newest file last changed."""
    node = dataset_uri(dataset)
    graph.add((node, RDF.type, DCAT.Dataset))
    _texts(graph, node, DCTERMS.title, dataset.title_de, dataset.title_en)
    _texts(graph, node, DCTERMS.description, dataset.description_de, dataset.description_en)
    graph.add((node, DCTERMS.identifier, Literal(str(node))))
    for keyword in dataset.keywords_de:
        graph.add((node, DCAT.keyword, Literal(keyword, lang="de")))
    for keyword in dataset.keywords_en:
        graph.add((node, DCAT.keyword, Literal(keyword, lang="en")))
    for theme in dataset.themes:
        graph.add((node, DCAT.theme, THEME[theme]))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCATDE.contributorID, CONTRIBUTOR))
    graph.add((node, DCTERMS.language, LANGUAGE.DEU))
    graph.add((node, DCTERMS.spatial, SAXONY))
    graph.add((node, DCTERMS.spatial, SAXONY_NUTS))
    graph.add((node, DCATDE.politicalGeocodingLevelURI, STATE_LEVEL))
    graph.add((node, DCTERMS.accrualPeriodicity, FREQUENCY.UPDATE_CONT))
    graph.add((node, DCTERMS.accessRights, ACCESS_RIGHT.PUBLIC))
    graph.add((node, DCAT.landingPage, URIRef(f"{_page()}#{dataset.slug}")))
    graph.add((node, DCTERMS.issued, _when(ISSUED)))

    newest = None
    for fmt in FORMATS:
        file = dataset_file(dataset, fmt)
        newest = file.modified if newest is None else max(newest, file.modified)
        url = URIRef(absolute_url(reverse("opendata:file", args=[dataset.slug, fmt])))
        distribution = URIRef(f"{url}#distribution")
        graph.add((node, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        _texts(
            graph,
            distribution,
            DCTERMS.title,
            f"{dataset.title_de} ({fmt.upper()})",
            f"{dataset.title_en} ({fmt.upper()})",
        )
        graph.add((distribution, DCAT.accessURL, URIRef(_page())))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCTERMS.format, FILE_TYPES[fmt]))
        graph.add((distribution, DCAT.mediaType, MEDIA_TYPES[fmt]))
        graph.add((distribution, DCTERMS.license, URIRef(LICENCE.uri)))
        graph.add((distribution, DCATDE.licenseAttributionByText, Literal(LICENCE.attribution)))
        size = Literal(len(file.body), datatype=XSD.nonNegativeInteger)
        graph.add((distribution, DCAT.byteSize, size))
        graph.add((distribution, DCTERMS.modified, _when(file.modified)))
        graph.add((distribution, DCTERMS.issued, _when(ISSUED)))
        graph.add((distribution, DCATAP.availability, AVAILABILITY.AVAILABLE))
    graph.add((node, DCTERMS.modified, _when(newest)))
    return newest


CATALOGUE_FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
}


def catalogue_file(fmt: str) -> File:
    """``katalog.<fmt>`` as it is now (rendered at most once per content generation)."""
    rdf_format, content_type = CATALOGUE_FORMATS[fmt]
    return cached_file(
        f"katalog.{fmt}",
        content_type,
        lambda: catalogue_graph().serialize(format=rdf_format).encode(),
    )
