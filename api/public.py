"""The public records of the portal's content (``api.schemas``), built from what the apps'
``public.py`` publish: the read API answers them, the open data downloads are made of them.

Each entity has three functions:

- ``<entity>_queryset(queryset=None)``: published objects (or the given published
  queryset, e.g. a list page's filtered one) with exactly what a record needs loaded and
  prefetched: a constant number of queries however many rows;
- ``<entity>_record(obj)``: one record from an object of that queryset (no query);
- ``<entity>_records(queryset=None)``: all records (a list), e.g. for a download.

Records are built in German (addresses without ``/en/``), whatever language is active.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone, translation

from api import schemas
from events.public import all_series, published_events
from network.public import people_in_brief, people_with_consent, public_organisations
from projects.public import projects_in_brief, published_projects
from taxonomy.public import SDG, Region, SupportCategory, TargetGroup, Topic
from zukunftsplattform.mail import absolute_url

# Large columns no record shows (stored HTML, search data, pending changes).
_NEVER = ("search_vector", "search_text", "revision")


def _slugs_of(model):
    return model.objects.only("pk", "slug")


def _prefetch(lookup: str, queryset) -> Prefetch:
    return Prefetch(lookup, queryset=queryset)


def _public_organisation_slugs():
    return public_organisations().prefetch_related(None).only("pk", "slug")


def _url(obj) -> str:
    with translation.override("de"):
        return absolute_url(obj.get_absolute_url())


def _image(file, alt: str, credit: str) -> schemas.Image | None:
    if not file:
        return None
    return schemas.Image(url=absolute_url(file.url), alt=alt, credit=credit)


def _local(moment):
    return timezone.localtime(moment) if moment else None


def _slugs(related) -> list[str]:
    return [obj.slug for obj in related.all()]


def _records(queryset, prepare: Callable, build: Callable) -> list:
    return [build(obj) for obj in prepare(queryset)]


# --- Projects -----------------------------------------------------------------------


def project_queryset(queryset=None):
    """Published projects (or ``queryset`` of them) ready for :func:`project_record`:
    one query for the rows and one for each list (topics, target groups, needs, offers,
    partner and carrying organisations)."""
    queryset = published_projects() if queryset is None else queryset
    html = ("challenge_html", "approach_html", "impact_outcomes_html")
    stories = ("story_what_worked_html", "story_lessons_html", "story_transfer_html")
    return (
        queryset.defer(None)
        .defer(*_NEVER, *html, *stories, "moderator_message", "contact_email", "previous_slugs")
        .select_related("funding_programme", "call_round")
        .prefetch_related(None)
        .prefetch_related(
            _prefetch("topics", _slugs_of(Topic)),
            _prefetch("target_groups", _slugs_of(TargetGroup)),
            _prefetch("needs", _slugs_of(SupportCategory)),
            _prefetch("offers", _slugs_of(SupportCategory)),
            _prefetch("partner_organisations", _public_organisation_slugs()),
            _prefetch("carrying_organisation", _public_organisation_slugs()),
        )
    )


def project_record(project) -> schemas.Project:
    carrier = project.carrying_organisation
    return schemas.Project(
        slug=project.slug,
        url=_url(project),
        title=project.title,
        summary=project.summary,
        challenge=project.challenge,
        approach=project.approach,
        impact_reached=project.impact_reached,
        impact_outcomes=project.impact_outcomes,
        evidence_links=list(project.evidence_links),
        stage=project.stage,
        topics=_slugs(project.topics),
        target_groups=_slugs(project.target_groups),
        sdgs=sorted(project.sdgs),
        region=project.region or None,
        place=project.place,
        carrying_organisation=carrier.slug if carrier else None,
        partner_organisations=_slugs(project.partner_organisations),
        funding_programme=project.funding_programme.name if project.funding_programme else "",
        call_round=project.call_round.name if project.call_round else "",
        website=project.website,
        contact_phone=project.contact_phone,
        logo=_image(project.logo, project.logo_alt, project.logo_credit),
        cover=_image(project.cover, project.cover_alt, project.cover_credit),
        needs=_slugs(project.needs),
        needs_note=project.needs_note,
        offers=_slugs(project.offers),
        offers_note=project.offers_note,
        is_best_practice=project.is_best_practice,
        story_what_worked=project.story_what_worked if project.is_best_practice else "",
        story_lessons=project.story_lessons if project.is_best_practice else "",
        story_transfer=project.story_transfer if project.is_best_practice else "",
        published_at=_local(project.published_at),
    )


def project_records(queryset=None) -> list[schemas.Project]:
    return _records(queryset, project_queryset, project_record)


# --- Network ------------------------------------------------------------------------


def organisation_queryset(queryset=None):
    """Visible organisations (or ``queryset`` of them) ready for
    :func:`organisation_record`: one query for the rows, one each for topics and offers."""
    queryset = public_organisations() if queryset is None else queryset
    return (
        queryset.defer(None)
        .defer(*_NEVER, "description_html", "previous_slugs")
        .prefetch_related(None)
        .prefetch_related(
            _prefetch("topics", _slugs_of(Topic)),
            _prefetch("offers", _slugs_of(SupportCategory)),
        )
    )


def organisation_record(organisation) -> schemas.Organisation:
    return schemas.Organisation(
        slug=organisation.slug,
        url=_url(organisation),
        name=organisation.name,
        kind=organisation.kind,
        description=organisation.description,
        region=organisation.region or None,
        place=organisation.place,
        topics=_slugs(organisation.topics),
        offers=_slugs(organisation.offers),
        logo=_image(organisation.logo, organisation.logo_alt, organisation.logo_credit),
        website=organisation.website,
        is_platform_partner=organisation.is_platform_partner,
    )


def organisation_records(queryset=None) -> list[schemas.Organisation]:
    return _records(queryset, organisation_queryset, organisation_record)


def person_queryset(queryset=None):
    """People with a public profile (or ``queryset`` of them) ready for
    :func:`person_record`: only public fields are loaded (never the e-mail address); one
    query for the rows, one each for the organisation, topics and offers."""
    queryset = people_with_consent() if queryset is None else queryset
    fields = ["pk", "slug", "name", "kind", "role", "affiliation", "organisation", "bio"]
    fields += ["photo", "photo_alt", "photo_credit", "region"]
    return (
        queryset.defer(None)
        .only(*fields)
        .prefetch_related(None)
        .prefetch_related(
            _prefetch("organisation", _public_organisation_slugs()),
            _prefetch("topics", _slugs_of(Topic)),
            _prefetch("offers", _slugs_of(SupportCategory)),
        )
    )


def person_record(person) -> schemas.Person:
    organisation = person.organisation
    return schemas.Person(
        slug=person.slug,
        url=_url(person),
        name=person.name,
        kind=person.kind or None,
        role=person.role,
        affiliation=person.affiliation,
        organisation=organisation.slug if organisation else None,
        bio=person.bio,
        photo=_image(person.photo, person.photo_alt, person.photo_credit),
        topics=_slugs(person.topics),
        offers=_slugs(person.offers),
        region=person.region or None,
    )


def person_records(queryset=None) -> list[schemas.Person]:
    return _records(queryset, person_queryset, person_record)


# --- Events -------------------------------------------------------------------------


def event_queryset(queryset=None):
    """Published events (or ``queryset`` of them) ready for :func:`event_record`: one
    query for the rows (with series and free seats), and one each for the agenda, its
    speakers (public profiles only) and presented projects (published only), the projects
    that came out of it and the slides."""
    queryset = published_events() if queryset is None else queryset
    html = ("description_html", "documentation_summary_html", "documentation_results_html")
    projects = projects_in_brief().only("pk", "slug")
    return (
        queryset.defer(*_NEVER[:2], *html, "online_url", "previous_slugs")
        .prefetch_related(None)
        .prefetch_related(
            "agenda_items",
            _prefetch("agenda_items__speakers", people_in_brief().only("pk", "slug")),
            _prefetch("agenda_items__presented_projects", projects),
            _prefetch("resulting_projects", projects),
            "slides",
        )
    )


def _agenda_item(item) -> schemas.AgendaItem:
    return schemas.AgendaItem(
        starts_at=_local(item.starts_at),
        ends_at=_local(item.ends_at),
        title=item.title,
        description=item.description,
        speakers=_slugs(item.speakers),
        presented_projects=_slugs(item.presented_projects),
    )


def event_record(event) -> schemas.Event:
    with translation.override("de"):
        ical = absolute_url(event.get_absolute_url() + "termin.ics")
    return schemas.Event(
        slug=event.slug,
        url=_url(event),
        ical_url=ical,
        title=event.title,
        series=event.series.slug if event.series else None,
        status=event.status,
        summary=event.summary,
        description=event.description,
        image=_image(event.image, event.image_alt, event.image_credit),
        start=_local(event.start),
        end=_local(event.end),
        format=event.format,
        venue_name=event.venue_name,
        street_address=event.street_address,
        postal_code=event.postal_code,
        locality=event.locality,
        region=event.region or None,
        step_free_access=event.step_free_access,
        hearing_loop=event.hearing_loop,
        sign_language=event.sign_language,
        quiet_room=event.quiet_room,
        accessibility_notes=event.accessibility_notes,
        capacity=event.capacity,
        seats_left=event.seats_left,
        registration_opens_at=_local(event.registration_opens_at),
        registration_closes_at=_local(event.registration_deadline),
        cancellation_reason=event.cancellation_reason if event.is_cancelled else "",
        agenda=[_agenda_item(item) for item in event.agenda_items.all()],
        documentation_summary=event.documentation_summary,
        documentation_results=event.documentation_results,
        resulting_projects=_slugs(event.resulting_projects),
        slides=[
            schemas.Document(title=slides.title, url=absolute_url(slides.file.url))
            for slides in event.slides.all()
            if slides.file
        ],
        published_at=_local(event.published_at),
    )


def event_records(queryset=None) -> list[schemas.Event]:
    return _records(queryset, event_queryset, event_record)


def series_queryset(queryset=None):
    """Event series (or ``queryset`` of them) ready for :func:`series_record`: one query
    for the rows, one for their published events."""
    queryset = all_series() if queryset is None else queryset
    events = published_events().only("pk", "slug", "series_id").order_by("-start", "-pk")
    return (
        queryset.defer("description_html", "previous_slugs")
        .prefetch_related(None)
        .prefetch_related(_prefetch("events", events))
    )


def series_record(series) -> schemas.Series:
    return schemas.Series(
        slug=series.slug,
        url=_url(series),
        title=series.title,
        summary=series.summary,
        description=series.description,
        events=_slugs(series.events),
    )


def series_records(queryset=None) -> list[schemas.Series]:
    return _records(queryset, series_queryset, series_record)


# --- Vocabulary ---------------------------------------------------------------------


def _named(kind: str, value: Any, label: Any, position: int) -> schemas.VocabularyTerm:
    """A term from a list of choices; ``label`` (lazy) is read in German and English."""
    with translation.override("de"):
        name_de = str(label)
    with translation.override("en"):
        name_en = str(label)
    return schemas.VocabularyTerm(
        kind=kind,
        slug=str(value),
        name_de=name_de,
        name_en=name_en,
        description_de="",
        description_en="",
        position=position,
    )


def _term(kind: str, term) -> schemas.VocabularyTerm:
    return schemas.VocabularyTerm(
        kind=kind,
        slug=term.slug,
        name_de=term.name_de,
        name_en=term.name_en,
        description_de=getattr(term, "description_de", ""),
        description_en=getattr(term, "description_en", ""),
        position=term.position,
    )


_TERM_MODELS: dict[str, Any] = {
    "topics": Topic,
    "target-groups": TargetGroup,
    "support-categories": SupportCategory,
}


def _choices(kind: str) -> Iterable[schemas.VocabularyTerm]:
    # Region names are proper names (German in both languages); SDG titles translate.
    choices = Region.choices if kind == "regions" else SDG.choices
    for position, (value, label) in enumerate(choices):
        yield _named(kind, value, label, position)


def vocabulary_records(kind: str) -> list[schemas.VocabularyTerm]:
    """The terms of one kind (``schemas.VOCABULARY_KINDS``) in their order; one query for
    topics, target groups and support categories, none for regions and SDGs."""
    if kind in _TERM_MODELS:
        return [_term(kind, term) for term in _TERM_MODELS[kind].objects.all()]
    if kind in ("regions", "sdgs"):
        return list(_choices(kind))
    raise KeyError(kind)


def all_vocabulary_records() -> list[schemas.VocabularyTerm]:
    """Every term of every kind, kind by kind (three queries)."""
    return [term for kind in schemas.VOCABULARY_KINDS for term in vocabulary_records(kind)]
