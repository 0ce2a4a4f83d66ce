"""The query parameters of each list: the names and values of the list pages' filters.

Each list hands them to its page's own filter form (``projects.public.project_filter_form``
…), which decides what they mean; here they are only typed and described, so the OpenAPI
document lists them and a wrong type or value is refused with 422 before any query.
"""

from typing import TYPE_CHECKING, Literal

from django.core.validators import ProhibitNullCharactersValidator
from ninja import Field, Schema
from pydantic import ValidationError, field_validator
from pydantic_core import PydanticCustomError

from api.schemas import REGIONS, VOCABULARY_KINDS
from network.public import ORGANISATION_KINDS
from projects.public import PROJECT_STAGES

SLUG = r"^[-a-zA-Z0-9_]+$"

# The allowed values of a choice, checked and listed in the OpenAPI document.
if TYPE_CHECKING:
    type RegionCode = str
    type StageCode = str
    type KindCode = str
    type OrderCode = str
    type TimeCode = str
    type VocabularyKind = str
else:
    RegionCode = Literal[tuple(REGIONS)]
    StageCode = Literal[tuple(PROJECT_STAGES)]
    KindCode = Literal[tuple(ORGANISATION_KINDS)]
    OrderCode = Literal["relevanz", "neueste", "titel"]
    TimeCode = Literal["kommende", "vergangene", "alle"]
    VocabularyKind = Literal[tuple(VOCABULARY_KINDS)]


def _text(de: str, en: str, **kwargs):
    return Field(None, description=f"{de} / {en}", **kwargs)


def _slug(de: str, en: str):
    return _text(f"{de} (Kurzname)", f"{en} (slug)", pattern=SLUG, max_length=120)


class Filters(Schema):
    def form_data(self) -> dict[str, str]:
        """The values in the form's terms: unset ones left out, booleans as "1"."""
        data = {}
        for name, value in self.model_dump().items():
            if value is None or value is False or value == "":
                continue
            data[name] = "1" if value is True else str(value)
        return data


class _Search(Filters):
    q: str | None = _text(
        "Suchwörter (Volltextsuche, deutsch)",
        "Search words (German full text)",
        max_length=200,
        pattern=r"^[^\x00]*$",  # the filter form refuses NUL: the schema says so
    )

    @field_validator("q", mode="wrap")
    @classmethod
    def _no_null_characters(cls, value, handler):
        """Refused with the form's own words, not the pattern's."""
        try:
            return handler(value)
        except ValidationError as error:
            if any(e["type"] == "string_pattern_mismatch" for e in error.errors()):
                message = str(ProhibitNullCharactersValidator.message)
                raise PydanticCustomError("invalid", message) from error
            raise


class ProjectFilters(_Search):
    thema: str | None = _slug("Thema", "Topic")
    region: RegionCode | None = _text("Region", "Region")
    phase: StageCode | None = _text("Phase", "Stage")
    bedarf: str | None = _slug("Bedarf", "Need")
    angebot: str | None = _slug("Angebot", "Offer")
    gute_praxis: bool = Field(False, description="Nur gute Praxis / Best practice only")
    sortierung: OrderCode | None = _text(
        "Reihenfolge (leer: beste Treffer, ohne Suche neueste)",
        "Order (empty: best match, without search newest)",
    )


class PersonFilters(_Search):
    region: RegionCode | None = _text("Region", "Region")
    thema: str | None = _slug("Thema", "Topic")
    angebot: str | None = _slug("Angebot", "Offer")


class OrganisationFilters(PersonFilters):
    art: KindCode | None = _text("Art der Organisation", "Kind of organisation")


class EventFilters(_Search):
    zeit: TimeCode | None = _text(
        "kommende (Vorgabe ohne Suche), vergangene oder alle (Vorgabe mit Suche)",
        "upcoming (default without search), past or all (default with search)",
    )
