"""The shapes every list and every error of the API shares."""

from functools import cache
from typing import Any

from ninja import Field, Schema
from pydantic import create_model

MAX_LIMIT = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Seite (ab 1) / Page (from 1)")
    limit: int = Field(
        20,
        ge=1,
        le=MAX_LIMIT,
        description=f"Einträge je Seite (1–{MAX_LIMIT}) / Entries per page (1–{MAX_LIMIT})",
    )


class ErrorMessage(Schema):
    detail: str = Field(description="Was nicht ging / What went wrong")


class ValidationError(Schema):
    loc: list[str | int] = Field(description="Wo: Parameter / Where: parameter")
    msg: str = Field(description="Meldung / Message")
    type: str = Field(description="Art des Fehlers / Kind of error")


class ValidationErrors(Schema):
    detail: list[ValidationError] = Field(
        description="Ungültige Parameter, je einer / Invalid parameters, one each"
    )


class Index(Schema):
    """Where the API's lists, vocabulary, description and docs are."""

    projects: str = Field(description="Projekte / Projects")
    organisations: str = Field(description="Organisationen / Organisations")
    people: str = Field(description="Personen / People")
    events: str = Field(description="Veranstaltungen / Events")
    series: str = Field(description="Veranstaltungsreihen / Event series")
    vocabulary: dict[str, str] = Field(description="Vokabular je Art / Vocabulary by kind")
    openapi: str = Field(description="OpenAPI-3.1-Beschreibung / OpenAPI 3.1 description")
    docs_de: str = Field(description="Dokumentation (deutsch) / Documentation (German)")
    docs_en: str = Field(description="Dokumentation (englisch) / Documentation (English)")


@cache
def paged(record: type[Schema]) -> Any:
    """The schema of one page of ``record``s: the total, the page, links to the neighbours."""
    return create_model(
        f"{record.__name__}Page",
        __base__=Schema,
        __doc__=f"One page of {record.__name__} records.",
        count=(int, Field(description="Einträge insgesamt / Entries in total")),
        page=(int, Field(description="Diese Seite / This page")),
        pages=(int, Field(description="Seiten insgesamt / Pages in total")),
        limit=(int, Field(description="Einträge je Seite / Entries per page")),
        next=(str | None, Field(description="Nächste Seite / Next page")),
        previous=(str | None, Field(description="Vorige Seite / Previous page")),
        results=(list[record], Field(description="Die Einträge / The entries")),  # type: ignore[valid-type]
    )
