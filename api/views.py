"""The read API, ``/api/v1/``: lists and details of what the public pages show.

Lists filter through the list pages' own filter forms (same parameters, same meaning),
so a page's query string works here too; records come from ``api.public``.
"""

from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from api import public, schemas
from api.filters import (
    SLUG,
    EventFilters,
    OrganisationFilters,
    PersonFilters,
    ProjectFilters,
    VocabularyKind,
)
from api.http import api_view
from api.pages import ErrorMessage, Index, PageParams, ValidationErrors, paged
from events.public import event_filter_form
from network.public import organisation_filter_form, person_filter_form
from projects.public import project_filter_form

DESCRIPTION = """\
Die Lese-API der Zukunftsplattform für soziale Innovationen in Sachsen: veröffentlichte
Projekte, Organisationen, Personen mit öffentlichem Profil, Veranstaltungen, Reihen und
das gemeinsame Vokabular, frei nutzbar ohne Anmeldung.

The read API of the Zukunftsplattform für soziale Innovationen in Saxony: published
projects, organisations, people with a public profile, events, series and the shared
vocabulary, free to use without an account.
"""


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # "Sächsisch", not "S\u00e4chsisch"


api = NinjaAPI(
    title="Zukunftsplattform – Lese-API / Read API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,
    openapi_url=None,  # served by api.urls (with an ETag)
    renderer=Renderer(),
)
api.add_decorator(api_view, mode="view")

#: What every operation may answer besides its record(s).
ERRORS: dict[int, Any] = {404: ErrorMessage, 422: ValidationErrors, 429: ErrorMessage}

# Defaults of operation parameters (ninja reads them from the signature).
FILTERS = Query(...)
PAGING = Query(...)
SLUG_IN_PATH = Path(..., pattern=SLUG, max_length=220, description="Kurzname / Short name (slug)")
KIND = Path(..., description="Art des Vokabulars / Kind of vocabulary")


def _filtered(form, queryset):
    """The form's filtered queryset, or 422 naming each invalid parameter."""
    if not form.is_valid():
        raise ValidationError(
            [
                {"type": "invalid", "loc": ["query", name], "msg": " ".join(messages)}
                for name, messages in form.errors.items()
            ]
        )
    return form.filter(queryset)


def _one(queryset, build):
    """The record of the one object in ``queryset``, or 404."""
    for obj in queryset[:1]:
        return build(obj)
    raise HttpError(404, _("There is nothing public at this address."))


# --- Index --------------------------------------------------------------------------


@api.get(
    "/", response={200: Index, 429: ErrorMessage}, summary="Übersicht / Overview", tags=["index"]
)
def index(request):
    """Where everything is: the lists, the vocabulary, the description and the docs."""

    def url(name: str, **kwargs) -> str:
        return request.build_absolute_uri(reverse(name, kwargs=kwargs))

    with translation.override("de"):
        docs_de = url("api_docs")
    with translation.override("en"):
        docs_en = url("api_docs")
    return {
        "projects": url("api:project_list"),
        "organisations": url("api:organisation_list"),
        "people": url("api:person_list"),
        "events": url("api:event_list"),
        "series": url("api:series_list"),
        "vocabulary": {
            kind: url("api:vocabulary_list", kind=kind) for kind in schemas.VOCABULARY_KINDS
        },
        "openapi": url("api_openapi"),
        "docs_de": docs_de,
        "docs_en": docs_en,
    }


# --- Projects -----------------------------------------------------------------------


@api.get(
    "/projects/",
    response={200: paged(schemas.Project), **ERRORS},
    summary="Projekte / Projects",
    tags=["projects"],
)
def project_list(request, filters: ProjectFilters = FILTERS, paging: PageParams = PAGING):
    form = project_filter_form(filters.form_data())
    projects = _filtered(form, public.project_queryset())
    return paginate(request, projects, paging, public.project_record)


@api.get(
    "/projects/{slug}/",
    response={200: schemas.Project, **ERRORS},
    summary="Projekt / Project",
    tags=["projects"],
)
def project_detail(request, slug: str = SLUG_IN_PATH):
    return _one(public.project_queryset().filter(slug=slug), public.project_record)


# --- Network ------------------------------------------------------------------------


@api.get(
    "/organisations/",
    response={200: paged(schemas.Organisation), **ERRORS},
    summary="Organisationen / Organisations",
    tags=["network"],
)
def organisation_list(request, filters: OrganisationFilters = FILTERS, paging: PageParams = PAGING):
    form = organisation_filter_form(filters.form_data())
    organisations = _filtered(form, public.organisation_queryset())
    return paginate(request, organisations, paging, public.organisation_record)


@api.get(
    "/organisations/{slug}/",
    response={200: schemas.Organisation, **ERRORS},
    summary="Organisation",
    tags=["network"],
)
def organisation_detail(request, slug: str = SLUG_IN_PATH):
    return _one(public.organisation_queryset().filter(slug=slug), public.organisation_record)


@api.get(
    "/people/",
    response={200: paged(schemas.Person), **ERRORS},
    summary="Personen / People",
    tags=["network"],
)
def person_list(request, filters: PersonFilters = FILTERS, paging: PageParams = PAGING):
    form = person_filter_form(filters.form_data())
    people = _filtered(form, public.person_queryset())
    return paginate(request, people, paging, public.person_record)


@api.get(
    "/people/{slug}/",
    response={200: schemas.Person, **ERRORS},
    summary="Person",
    tags=["network"],
)
def person_detail(request, slug: str = SLUG_IN_PATH):
    return _one(public.person_queryset().filter(slug=slug), public.person_record)


# --- Events -------------------------------------------------------------------------


@api.get(
    "/events/",
    response={200: paged(schemas.Event), **ERRORS},
    summary="Veranstaltungen / Events",
    tags=["events"],
)
def event_list(request, filters: EventFilters = FILTERS, paging: PageParams = PAGING):
    form = event_filter_form(filters.form_data())
    events = _filtered(form, public.event_queryset())
    return paginate(request, events, paging, public.event_record)


@api.get(
    "/events/{slug}/",
    response={200: schemas.Event, **ERRORS},
    summary="Veranstaltung / Event",
    tags=["events"],
)
def event_detail(request, slug: str = SLUG_IN_PATH):
    return _one(public.event_queryset().filter(slug=slug), public.event_record)


@api.get(
    "/series/",
    response={200: paged(schemas.Series), **ERRORS},
    summary="Veranstaltungsreihen / Event series",
    tags=["events"],
)
def series_list(request, paging: PageParams = PAGING):
    return paginate(request, public.series_queryset(), paging, public.series_record)


@api.get(
    "/series/{slug}/",
    response={200: schemas.Series, **ERRORS},
    summary="Veranstaltungsreihe / Event series",
    tags=["events"],
)
def series_detail(request, slug: str = SLUG_IN_PATH):
    return _one(public.series_queryset().filter(slug=slug), public.series_record)


# --- Vocabulary ---------------------------------------------------------------------


@api.get(
    "/vocabulary/{kind}/",
    response={200: paged(schemas.VocabularyTerm), **ERRORS},
    summary="Vokabular / Vocabulary",
    tags=["vocabulary"],
)
def vocabulary_list(request, kind: VocabularyKind = KIND, paging: PageParams = PAGING):
    terms = public.vocabulary_records(kind)
    return paginate(request, terms, paging, lambda term: term)


@api.get(
    "/vocabulary/{kind}/{slug}/",
    response={200: schemas.VocabularyTerm, **ERRORS},
    summary="Begriff / Term",
    tags=["vocabulary"],
)
def vocabulary_detail(request, kind: VocabularyKind = KIND, slug: str = SLUG_IN_PATH):
    terms = [term for term in public.vocabulary_records(kind) if term.slug == slug]
    return _one(terms, lambda term: term)


def paginate(request, items, paging, build) -> dict:
    """One page of ``items`` as records, with the total and links to the neighbours.
    A page past the last one is 404 (page 1 of nothing is an empty page)."""
    paginator = Paginator(items, paging.limit)
    try:
        page = paginator.page(paging.page)
    except EmptyPage as error:
        message = _("This page does not exist; the last page is %(last)s.")
        raise HttpError(404, message % {"last": paginator.num_pages}) from error
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "limit": paging.limit,
        "next": _link(request, page.next_page_number()) if page.has_next() else None,
        "previous": (_link(request, page.previous_page_number()) if page.has_previous() else None),
        "results": [build(item) for item in page.object_list],
    }


def _link(request, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
