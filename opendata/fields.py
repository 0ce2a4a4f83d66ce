"""The columns of the open data files, described once.

Each dataset is a list of ``Field``s. From them come the CSV header and cells, the JSON
records' shape, the Table Schema of each file in ``datapackage.json`` and the column
tables on ``/daten/``, so a file and its description cannot drift apart. The fields of the
entity datasets are read off the API's record schemas (``fields_from_json_schema``); the
statistics' fields are declared in ``datasets.py``.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

#: How the cells of a list are joined in CSV (and split again by a reader).
LIST_SEPARATOR = "; "

# Table Schema's types for JSON Schema's, and for the formats JSON Schema names.
_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}
_FORMATS = {"date-time": "datetime", "date": "date", "uri": "string"}


@dataclass(frozen=True)
class Field:
    """One column: its name, Table Schema type and what it means (German and English)."""

    name: str
    type: str  # Table Schema type of one value: string, integer, number, boolean, date, datetime
    description_de: str
    description_en: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    minimum: int | None = None
    pattern: str = ""
    uri: bool = False  # the value is an absolute address
    many: bool = False  # a list: an array in JSON, joined with LIST_SEPARATOR in CSV
    nested: bool = False  # an object in JSON (e.g. a linked record), its address in CSV

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_de

    @property
    def type_label(self) -> str:
        """The type in words, for the column tables on the page."""
        labels = {
            "string": _("text"),
            "integer": _("whole number"),
            "number": _("number"),
            "boolean": _("true or false"),
            "date": _("date"),
            "datetime": _("date and time"),
        }
        label = _("address (URL)") if self.uri else labels.get(self.type, self.type)
        return _("list of: %(type)s") % {"type": label} if self.many else label

    def table_schema(self, *, for_json: bool, language: str) -> dict[str, Any]:
        """This field in a Frictionless Table Schema (the CSV's, or the JSON file's)."""
        description = self.description_en if language == "en" else self.description_de
        if self.many and not for_json:
            joined = (
                f'Several values are separated by "{LIST_SEPARATOR}".'
                if language == "en"
                else f"Mehrere Werte sind durch „{LIST_SEPARATOR}“ getrennt."
            )
            description = f"{description} {joined}"
        if self.many:
            type_ = "array" if for_json else "string"
        else:
            type_ = "object" if self.nested and for_json else self.type
        field: dict[str, Any] = {
            "name": self.name,
            "type": type_,
            "description": description,
        }
        if self.uri and not self.many and not (self.nested and for_json):
            field["format"] = "uri"
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum and not self.many:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.pattern and not self.many:
            constraints["pattern"] = self.pattern
        if constraints:
            field["constraints"] = constraints
        return field

    def csv_cell(self, value: Any) -> str:
        if value is None:
            return ""
        if self.many:
            return LIST_SEPARATOR.join(_scalar(item) for item in value)
        return _scalar(value)


def _scalar(value: Any) -> str:
    """One value as CSV text: booleans as true/false, a nested object as its address (or
    short name, or title)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return str(value.get("url") or value.get("slug") or value.get("title") or "")
    return str(value)


def fields_from_json_schema(schema: dict[str, Any]) -> list[Field]:
    """The fields of a record described by a JSON Schema object (an API schema's).

    The descriptions are the properties' ``x-description-de``/``x-description-en``. A
    field is "always filled" only when it can be neither ``null`` nor empty: numbers,
    booleans and dates that may not be ``null``, and texts with a minimum length. A
    nested object is its address (or short name, or title) in CSV.
    """
    definitions = schema.get("$defs", {})
    fields = []
    for name, prop in schema["properties"].items():
        prop = _resolve(prop, definitions)
        nullable = False
        if "anyOf" in prop:
            options = [_resolve(option, definitions) for option in prop["anyOf"]]
            nullable = any(option.get("type") == "null" for option in options)
            value = next(option for option in options if option.get("type") != "null")
            prop = {**value, **{k: v for k, v in prop.items() if k != "anyOf"}}
        many = prop.get("type") == "array"
        item = _resolve(prop.get("items", {}), definitions) if many else prop
        type_ = _FORMATS.get(item.get("format", ""), _TYPES.get(item.get("type", ""), "string"))
        filled = type_ != "string" or item.get("minLength", 0) > 0
        fields.append(
            Field(
                name=name,
                type=type_,
                description_de=prop.get("x-description-de", prop.get("description", "")),
                description_en=prop.get("x-description-en", prop.get("description", "")),
                required=filled and not nullable and not many,
                enum=tuple(str(v) for v in prop.get("enum", item.get("enum", ())) if v is not None),
                # Table Schema patterns match the whole value: no anchors.
                pattern=item.get("pattern", "").removeprefix("^").removesuffix("$"),
                uri=item.get("format") == "uri"
                or name.endswith("url")
                or item.get("type") == "object",
                many=many,
                nested=item.get("type") == "object",
            )
        )
    return fields


def _resolve(prop: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref")
    if not ref:
        return prop
    target = definitions[ref.rsplit("/", 1)[-1]]
    return {**target, **{key: value for key, value in prop.items() if key != "$ref"}}
