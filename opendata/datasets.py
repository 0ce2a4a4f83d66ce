"""The datasets the portal publishes as open data: one entry each, in page order.

A dataset is its fields (``opendata.fields``), a function giving its records (plain dicts,
published content only) and what the catalogue says of it. Each is offered as
``<slug>.csv`` and ``<slug>.json``; ``datapackage.json`` and the DCAT-AP.de catalogue
list them all.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import get_language

from api import public as records
from api.public import schemas
from network.public import needs_and_offers_counts
from opendata.fields import Field, fields_from_json_schema
from taxonomy.public import Region

#: The whole of Saxony in the ``area`` column of the statistics.
SAXONY = "sachsen"


@dataclass(frozen=True)
class Dataset:
    slug: str  # the files' name: <slug>.csv, <slug>.json
    title_de: str
    title_en: str
    description_de: str
    description_en: str
    fields: Callable[[], list[Field]]
    records: Callable[[], list[dict]]
    themes: tuple[str, ...]  # codes of the EU data-theme vocabulary
    keywords_de: tuple[str, ...]
    keywords_en: tuple[str, ...]
    primary_key: tuple[str, ...] = ("slug",)

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" else self.title_de

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_de


def _count(name: str, de: str, en: str) -> Field:
    return Field(name, "integer", de, en, required=True, minimum=0)


STATISTICS_FIELDS = [
    Field(
        "area",
        "string",
        f"Das Gebiet: „{SAXONY}“ für ganz Sachsen, sonst der Landkreis oder die kreisfreie "
        "Stadt (Kürzel).",
        f'The area: "{SAXONY}" for all of Saxony, otherwise the district or independent city '
        "(short name).",
        required=True,
        enum=(SAXONY, *Region.values),
    ),
    Field(
        "area_name",
        "string",
        "Name des Gebiets.",
        "Name of the area (German).",
        required=True,
    ),
    Field(
        "category",
        "string",
        "Die Unterstützungsart (Kürzel aus dem Vokabular der Plattform).",
        "The kind of support (short name from the platform's vocabulary).",
        required=True,
    ),
    Field(
        "category_name_de",
        "string",
        "Name der Unterstützungsart auf Deutsch.",
        "Name of the kind of support in German.",
        required=True,
    ),
    Field(
        "category_name_en",
        "string",
        "Name der Unterstützungsart auf Englisch.",
        "Name of the kind of support in English.",
        required=True,
    ),
    _count(
        "needed_by_projects",
        "Anzahl veröffentlichter Projekte im Gebiet, die diese Unterstützung suchen.",
        "Number of published projects in the area that look for this support.",
    ),
    _count(
        "offered_by_organisations",
        "Anzahl sichtbarer Organisationen im Gebiet, die diese Unterstützung anbieten.",
        "Number of visible organisations in the area that offer this support.",
    ),
    _count(
        "offered_by_people",
        "Anzahl der Personen mit öffentlichem Profil im Gebiet, die diese Unterstützung anbieten.",
        "Number of people with a public profile in the area who offer this support.",
    ),
    _count(
        "offered_by",
        "Anbietende insgesamt (Organisationen und Personen).",
        "Everyone who offers it (organisations and people).",
    ),
    Field(
        "unmet",
        "boolean",
        "Wahr, wenn Projekte im Gebiet diese Unterstützung suchen und niemand dort sie anbietet.",
        "True when projects in the area look for this support and nobody there offers it.",
        required=True,
    ),
]


def statistics_records() -> list[dict]:
    """The needs & offers figures for Saxony and for each of its 13 areas."""
    records = []
    areas = [("", SAXONY, "Sachsen"), *((value, value, label) for value, label in Region.choices)]
    for region, area, area_name in areas:
        for row in needs_and_offers_counts(region):
            category = row["category"]
            records.append(
                {
                    "area": area,
                    "area_name": str(area_name),
                    "category": category.slug,
                    "category_name_de": category.name_de,
                    "category_name_en": category.name_en or category.name_de,
                    "needed_by_projects": row["needed_by"],
                    "offered_by_organisations": row["organisations"],
                    "offered_by_people": row["people"],
                    "offered_by": row["offered_by"],
                    "unmet": row["unmet"],
                }
            )
    return records


STATISTICS = Dataset(
    slug="bedarfe-und-angebote",
    title_de="Bedarfe und Angebote",
    title_en="Needs and offers",
    description_de=(
        "Wie viele veröffentlichte Projekte je Unterstützungsart Hilfe suchen und wie viele "
        "Organisationen und Personen sie anbieten, für ganz Sachsen und für jeden der 13 "
        "Landkreise und kreisfreien Städte – die Zahlen der Übersicht „Bedarfe und Angebote“."
    ),
    description_en=(
        "How many published projects look for each kind of support and how many "
        "organisations and people offer it, for all of Saxony and for each of its 13 "
        'districts and independent cities – the figures of the "Needs and offers" overview.'
    ),
    fields=lambda: STATISTICS_FIELDS,
    records=statistics_records,
    themes=("SOCI", "REGI"),
    keywords_de=("Soziale Innovation", "Bedarfe", "Angebote", "Statistik"),
    keywords_en=("social innovation", "needs", "offers", "statistics"),
    primary_key=("area", "category"),
)


def _entity(slug: str, schema, build: Callable[[], list], **texts) -> Dataset:
    """A dataset of the API's records of one entity: its fields are the schema's."""
    return Dataset(
        slug=slug,
        fields=lambda: fields_from_json_schema(schema.model_json_schema()),
        records=lambda: [record.model_dump(mode="json") for record in build()],
        **texts,
    )


PROJECTS = _entity(
    "projekte",
    schemas.Project,
    records.project_records,
    title_de="Projekte",
    title_en="Projects",
    description_de=(
        "Die veröffentlichten Projekte sozialer Innovation in Sachsen: Herausforderung, "
        "Ansatz, Wirkung, Region, Themen, was sie brauchen und was sie anbieten."
    ),
    description_en=(
        "The published social innovation projects in Saxony: challenge, approach, impact, "
        "region, topics, what they need and what they offer."
    ),
    themes=("SOCI",),
    keywords_de=("Soziale Innovation", "Projekte", "Sachsen"),
    keywords_en=("social innovation", "projects", "Saxony"),
)
ORGANISATIONS = _entity(
    "organisationen",
    schemas.Organisation,
    records.organisation_records,
    title_de="Organisationen",
    title_en="Organisations",
    description_de=(
        "Die Organisationen im Netzwerk der Plattform (Vereine, Sozialunternehmen, "
        "Hochschulen, Verwaltung …) mit ihren Themen und Angeboten."
    ),
    description_en=(
        "The organisations in the platform's network (associations, social enterprises, "
        "universities, public bodies …) with their topics and offers."
    ),
    themes=("SOCI",),
    keywords_de=("Soziale Innovation", "Organisationen", "Netzwerk"),
    keywords_en=("social innovation", "organisations", "network"),
)
PEOPLE = _entity(
    "personen",
    schemas.Person,
    records.person_records,
    title_de="Personen",
    title_en="People",
    description_de=(
        "Personen, die einem öffentlichen Profil zugestimmt haben (Expertinnen und "
        "Experten, Mentorinnen und Mentoren, Sprechende), mit genau dem, was ihr Profil "
        "öffentlich zeigt – nie E-Mail-Adressen."
    ),
    description_en=(
        "People who agreed to a public profile (experts, mentors, speakers), with exactly "
        "what their profile shows publicly – never e-mail addresses."
    ),
    themes=("SOCI",),
    keywords_de=("Soziale Innovation", "Expertise", "Netzwerk"),
    keywords_en=("social innovation", "expertise", "network"),
)
EVENTS = _entity(
    "veranstaltungen",
    schemas.Event,
    records.event_records,
    title_de="Veranstaltungen",
    title_en="Events",
    description_de=(
        "Veröffentlichte und abgesagte Veranstaltungen mit Ort, Zeit, Barrierefreiheit, "
        "Programm und Dokumentation."
    ),
    description_en=(
        "Published and cancelled events with place, time, accessibility, agenda and documentation."
    ),
    themes=("SOCI", "EDUC"),
    keywords_de=("Soziale Innovation", "Veranstaltungen", "Dialogreihe"),
    keywords_en=("social innovation", "events", "dialogue series"),
)
SERIES = _entity(
    "veranstaltungsreihen",
    schemas.Series,
    records.series_records,
    title_de="Veranstaltungsreihen",
    title_en="Event series",
    description_de="Die Veranstaltungsreihen, etwa die Dialogreihe, mit ihren Veranstaltungen.",
    description_en="The event series, such as the dialogue series, with their events.",
    themes=("SOCI", "EDUC"),
    keywords_de=("Soziale Innovation", "Veranstaltungsreihe"),
    keywords_en=("social innovation", "event series"),
)
VOCABULARY = Dataset(
    slug="vokabular",
    title_de="Vokabular",
    title_en="Vocabulary",
    description_de=(
        "Die Begriffe, auf die die anderen Datensätze mit Kurznamen verweisen: Themen, "
        "Zielgruppen, Unterstützungsarten, Regionen und Nachhaltigkeitsziele, auf Deutsch "
        "und Englisch."
    ),
    description_en=(
        "The terms the other datasets refer to by short name: topics, target groups, kinds "
        "of support, regions and Sustainable Development Goals, in German and English."
    ),
    fields=lambda: fields_from_json_schema(schemas.VocabularyTerm.model_json_schema()),
    records=lambda: [r.model_dump(mode="json") for r in records.all_vocabulary_records()],
    themes=("SOCI",),
    keywords_de=("Vokabular", "Themen", "Regionen"),
    keywords_en=("vocabulary", "topics", "regions"),
    primary_key=("kind", "slug"),
)

DATASETS: list[Dataset] = [
    PROJECTS,
    ORGANISATIONS,
    PEOPLE,
    EVENTS,
    SERIES,
    STATISTICS,
    VOCABULARY,
]


def get_dataset(slug: str) -> Dataset | None:
    return next((dataset for dataset in DATASETS if dataset.slug == slug), None)
