"""The one public representation of each entity: what the read API answers, what the open
data downloads hold (JSON: lists of these records; CSV: these fields flattened) and what
their Table Schemas describe.

Only what the public pages show. Every field says in German and in English what it holds
(``description``: both, for generic tools; ``x-description-de``/``x-description-en`` in
the JSON Schema: each language alone, for our docs page and the data package). A record
refers to other records and to the vocabulary by ``slug``; ``/api/v1/vocabulary/…``
resolves vocabulary slugs into names.

Keep the fields stable: consumers and the data package rely on them. Additions are fine.
"""

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from events.public import EVENT_FORMATS, EVENT_STATES
from network.public import ORGANISATION_KINDS, PERSON_KINDS
from projects.public import PROJECT_STAGES
from taxonomy.public import SDG, Region

REGIONS = [value for value, _label in Region.choices]
SDG_NUMBERS = [value for value, _label in SDG.choices]
VOCABULARY_KINDS = ["topics", "target-groups", "support-categories", "regions", "sdgs"]


def described(de: str, en: str, *, enum: list | None = None, **extra: Any) -> Any:
    """A field with its description in both languages (and its allowed values, if any)."""
    schema_extra: dict[str, Any] = {"x-description-de": de, "x-description-en": en}
    if enum is not None:
        schema_extra["enum"] = enum
    return Field(description=f"{de} / {en}", json_schema_extra=schema_extra, **extra)


def _slug(de: str, en: str) -> Any:
    return described(de, en, pattern=r"^[-a-z0-9]+$", min_length=1)


def _slugs(de: str, en: str) -> Any:
    return described(de, en)


# --- Shared pieces ------------------------------------------------------------------


class Image(Schema):
    """An image the page shows, with its text alternative and credit line."""

    url: str = described("Adresse der Bilddatei.", "Address of the image file.")
    alt: str = described(
        "Beschreibung des Bildes (Alternativtext).", "Description of the image (alt text)."
    )
    credit: str = described("Bildnachweis (leer: keiner).", "Image credit (empty: none).")


# --- Vocabulary ---------------------------------------------------------------------


class VocabularyTerm(Schema):
    """One entry of the shared vocabulary: a topic, target group, support category (what
    is needed and offered), region (district of Saxony) or Sustainable Development Goal."""

    kind: str = described(
        "Art des Begriffs.", "Kind of term.", enum=VOCABULARY_KINDS, examples=["topics"]
    )
    slug: str = _slug(
        "Kurzname; so verweisen Datensätze auf den Begriff (bei SDGs die Nummer).",
        "Short name; records refer to the term by it (for SDGs the number).",
    )
    name_de: str = described("Name auf Deutsch.", "Name in German.")
    name_en: str = described("Name auf Englisch.", "Name in English.")
    description_de: str = described(
        "Erläuterung auf Deutsch (nur bei Unterstützungsarten, sonst leer).",
        "Explanation in German (support categories only, otherwise empty).",
    )
    description_en: str = described(
        "Erläuterung auf Englisch (nur bei Unterstützungsarten, sonst leer).",
        "Explanation in English (support categories only, otherwise empty).",
    )
    position: int = described("Reihenfolge in Listen.", "Order in lists.")


# --- Projects -----------------------------------------------------------------------


class Project(Schema):
    """A published innovation project."""

    slug: str = _slug("Kurzname in der Adresse.", "Short name in the address.")
    url: str = described("Seite des Projekts im Portal.", "The project's page on the portal.")
    title: str = described("Titel.", "Title.")
    summary: str = described("Kurzbeschreibung.", "Short summary.")
    challenge: str = described(
        "Herausforderung, die das Projekt angeht (Markdown).",
        "The challenge the project addresses (Markdown).",
    )
    approach: str = described("Lösungsansatz (Markdown).", "Approach (Markdown).")
    impact_reached: str = described(
        "Bisher erreichte Zielgruppen.", "Target groups reached so far."
    )
    impact_outcomes: str = described("Bisherige Wirkung (Markdown).", "Outcomes so far (Markdown).")
    evidence_links: list[str] = described(
        "Belege der Wirkung (Berichte, Evaluationen, Presse): Adressen.",
        "Evidence of impact (reports, evaluations, press): addresses.",
    )
    stage: str = described(
        "Phase: idee, erprobung, umsetzung, verbreitung.",
        "Stage: idea, trial, implementation, spreading.",
        enum=PROJECT_STAGES,
    )
    topics: list[str] = _slugs(
        "Themen (Kurznamen, siehe Vokabular „topics“).",
        "Topics (slugs, see vocabulary “topics”).",
    )
    target_groups: list[str] = _slugs(
        "Zielgruppen (Kurznamen, siehe Vokabular „target-groups“).",
        "Target groups (slugs, see vocabulary “target-groups”).",
    )
    sdgs: list[int] = described(
        "Ziele für nachhaltige Entwicklung (Nummern 1–17, siehe Vokabular „sdgs“).",
        "Sustainable Development Goals (numbers 1–17, see vocabulary “sdgs”).",
    )
    region: str | None = described(
        "Region: Landkreis oder kreisfreie Stadt in Sachsen (siehe Vokabular „regions“).",
        "Region: district or independent city in Saxony (see vocabulary “regions”).",
        enum=[*REGIONS, None],
    )
    place: str = described("Ort.", "Place.")
    carrying_organisation: str | None = described(
        "Trägerorganisation (Kurzname einer Organisation; leer: keine öffentliche).",
        "Carrying organisation (slug of an organisation; empty: none that is public).",
    )
    partner_organisations: list[str] = _slugs(
        "Partnerorganisationen (Kurznamen).", "Partner organisations (slugs)."
    )
    funding_programme: str = described("Förderprogramm.", "Funding programme.")
    call_round: str = described("Förderaufruf bzw. Förderrunde.", "Call round.")
    website: str = described("Website des Projekts.", "The project's website.")
    contact_phone: str = described("Telefon für Kontakt.", "Contact phone.")
    logo: Image | None = described("Logo.", "Logo.")
    cover: Image | None = described("Titelbild.", "Cover image.")
    needs: list[str] = _slugs(
        "Was das Projekt braucht (Kurznamen, siehe Vokabular „support-categories“).",
        "What the project needs (slugs, see vocabulary “support-categories”).",
    )
    needs_note: str = described("Mehr zum Bedarf.", "More about the needs.")
    offers: list[str] = _slugs(
        "Was das Projekt anderen anbietet (Kurznamen, siehe „support-categories“).",
        "What the project offers others (slugs, see “support-categories”).",
    )
    offers_note: str = described("Mehr zum Angebot.", "More about the offers.")
    is_best_practice: bool = described(
        "Von der Redaktion als gute Praxis ausgezeichnet.", "Marked as best practice by staff."
    )
    story_what_worked: str = described(
        "Gute Praxis: was funktioniert hat (Markdown).", "Best practice: what worked (Markdown)."
    )
    story_lessons: str = described(
        "Gute Praxis: was sie gelernt haben (Markdown).",
        "Best practice: what they learned (Markdown).",
    )
    story_transfer: str = described(
        "Gute Praxis: wie es sich übertragen lässt (Markdown).",
        "Best practice: how to transfer it (Markdown).",
    )
    published_at: datetime | None = described(
        "Zuerst veröffentlicht (Ortszeit Sachsen).", "First published (local time in Saxony)."
    )


# --- Network ------------------------------------------------------------------------


class Organisation(Schema):
    """An organisation in the network directory."""

    slug: str = _slug("Kurzname in der Adresse.", "Short name in the address.")
    url: str = described(
        "Seite der Organisation im Portal.", "The organisation's page on the portal."
    )
    name: str = described("Name.", "Name.")
    kind: str = described(
        "Art der Organisation (z. B. verein, sozialunternehmen, hochschule).",
        "Kind of organisation (e.g. association, social enterprise, university).",
        enum=ORGANISATION_KINDS,
    )
    description: str = described("Beschreibung (Markdown).", "Description (Markdown).")
    region: str | None = described(
        "Region in Sachsen (siehe Vokabular „regions“).",
        "Region in Saxony (see vocabulary “regions”).",
        enum=[*REGIONS, None],
    )
    place: str = described("Ort.", "Place.")
    topics: list[str] = _slugs("Themen (Kurznamen).", "Topics (slugs).")
    offers: list[str] = _slugs(
        "Unterstützung, die sie anbietet (Kurznamen, siehe „support-categories“).",
        "Support it offers (slugs, see “support-categories”).",
    )
    logo: Image | None = described("Logo.", "Logo.")
    website: str = described("Website.", "Website.")
    is_platform_partner: bool = described("Partner der Plattform.", "Partner of the platform.")


class Person(Schema):
    """A person with a public profile (speaker, expert, mentor, contact). Only people who
    have consented to a public profile appear; never an e-mail address."""

    slug: str = _slug("Kurzname in der Adresse.", "Short name in the address.")
    url: str = described("Profil im Portal.", "Profile on the portal.")
    name: str = described("Name.", "Name.")
    kind: str | None = described(
        "Rolle im Netzwerk: speaker, expert, mentor, contact.",
        "Role in the network: speaker, expert, mentor, contact.",
        enum=[*PERSON_KINDS, None],
    )
    role: str = described("Funktion.", "Role.")
    affiliation: str = described("Zugehörigkeit (Organisation, Einrichtung).", "Affiliation.")
    organisation: str | None = described(
        "Organisation im Verzeichnis (Kurzname; leer: keine öffentliche).",
        "Organisation in the directory (slug; empty: none that is public).",
    )
    bio: str = described("Kurzbiografie (Markdown).", "Short biography (Markdown).")
    photo: Image | None = described("Foto.", "Photo.")
    topics: list[str] = _slugs("Fachgebiete (Kurznamen der Themen).", "Expertise (topic slugs).")
    offers: list[str] = _slugs(
        "Unterstützung, die die Person anbietet (Kurznamen).", "Support offered (slugs)."
    )
    region: str | None = described("Region in Sachsen.", "Region in Saxony.", enum=[*REGIONS, None])


# --- Events -------------------------------------------------------------------------


class Series(Schema):
    """An event series, such as the dialogue series "Sozial. Innovativ. Sächsisch."."""

    slug: str = _slug("Kurzname in der Adresse.", "Short name in the address.")
    url: str = described("Seite der Reihe im Portal.", "The series' page on the portal.")
    title: str = described("Titel.", "Title.")
    summary: str = described("Kurzbeschreibung.", "Short summary.")
    description: str = described("Beschreibung (Markdown).", "Description (Markdown).")
    events: list[str] = _slugs(
        "Veröffentlichte Veranstaltungen der Reihe (Kurznamen), neueste zuerst.",
        "Published events of the series (slugs), newest first.",
    )


class AgendaItem(Schema):
    """One item of an event's agenda."""

    starts_at: datetime = described("Beginn.", "Start.")
    ends_at: datetime | None = described("Ende.", "End.")
    title: str = described("Titel.", "Title.")
    description: str = described("Beschreibung.", "Description.")
    speakers: list[str] = _slugs(
        "Sprecher*innen (Kurznamen von Personen mit öffentlichem Profil).",
        "Speakers (slugs of people with a public profile).",
    )
    presented_projects: list[str] = _slugs(
        "Vorgestellte Projekte (Kurznamen).", "Presented projects (slugs)."
    )


class Document(Schema):
    """A file the event page offers, e.g. presentation slides (PDF)."""

    title: str = described("Titel.", "Title.")
    url: str = described("Adresse der Datei.", "Address of the file.")


class Event(Schema):
    """A published (or cancelled) event. The online link is never public."""

    slug: str = _slug("Kurzname in der Adresse.", "Short name in the address.")
    url: str = described("Seite der Veranstaltung im Portal.", "The event's page on the portal.")
    ical_url: str = described("Kalenderdatei (iCalendar).", "Calendar file (iCalendar).")
    title: str = described("Titel.", "Title.")
    series: str | None = described("Veranstaltungsreihe (Kurzname).", "Event series (slug).")
    status: str = described(
        "published: findet statt; cancelled: abgesagt.",
        "published: takes place; cancelled: called off.",
        enum=EVENT_STATES,
    )
    summary: str = described("Kurzbeschreibung.", "Short summary.")
    description: str = described("Beschreibung (Markdown).", "Description (Markdown).")
    image: Image | None = described("Bild.", "Picture.")
    start: datetime = described("Beginn (Ortszeit Sachsen).", "Start (local time in Saxony).")
    end: datetime = described("Ende (Ortszeit Sachsen).", "End (local time in Saxony).")
    format: str = described(
        "Format: vor-ort, online, hybrid.", "Format: on site, online, hybrid.", enum=EVENT_FORMATS
    )
    venue_name: str = described("Veranstaltungsort.", "Venue.")
    street_address: str = described("Straße und Hausnummer.", "Street and number.")
    postal_code: str = described("Postleitzahl.", "Postal code.")
    locality: str = described("Ort.", "Town or city.")
    region: str | None = described("Region in Sachsen.", "Region in Saxony.", enum=[*REGIONS, None])
    step_free_access: bool = described("Stufenloser Zugang.", "Step-free access.")
    hearing_loop: bool = described("Induktionsschleife.", "Hearing loop.")
    sign_language: bool = described("Gebärdensprachdolmetschung.", "Sign-language interpretation.")
    quiet_room: bool = described("Ruheraum.", "Quiet room.")
    accessibility_notes: str = described("Mehr zur Barrierefreiheit.", "More about accessibility.")
    capacity: int | None = described(
        "Anzahl der Plätze (leer: unbegrenzt).", "Number of seats (empty: no limit)."
    )
    seats_left: int | None = described(
        "Freie Plätze (leer: unbegrenzt).", "Seats left (empty: no limit)."
    )
    registration_opens_at: datetime | None = described(
        "Anmeldung ab (leer: sofort).", "Registration opens (empty: at once)."
    )
    registration_closes_at: datetime = described(
        "Anmeldeschluss (spätestens der Beginn).", "Registration closes (at the latest: start)."
    )
    cancellation_reason: str = described("Grund der Absage.", "Reason for cancellation.")
    agenda: list[AgendaItem] = described("Programm.", "Agenda.")
    documentation_summary: str = described(
        "Dokumentation: Zusammenfassung (Markdown).", "Documentation: summary (Markdown)."
    )
    documentation_results: str = described(
        "Dokumentation: Ergebnisse (Markdown).", "Documentation: results (Markdown)."
    )
    resulting_projects: list[str] = _slugs(
        "Projekte, die daraus entstanden sind (Kurznamen).",
        "Projects that came out of it (slugs).",
    )
    slides: list[Document] = described("Präsentationen (PDF).", "Slides (PDF).")
    published_at: datetime | None = described("Veröffentlicht.", "Published.")
