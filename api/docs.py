"""The API's description: the OpenAPI 3.1 document and a readable page drawn from it.

The page is rendered on the server from the same document (no Swagger UI: it would need
inline styles and scripts the CSP forbids, and a portal page reads better for people), in
the visitor's language, with the portal's layout.
"""

import json
from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import parse_etags
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from api.http import etag_of
from api.pages import MAX_LIMIT
from api.views import api

PREFIX = "/api/v1/"
RECORDS = ["Project", "Organisation", "Person", "Event", "Series", "VocabularyTerm"]
PARTS = [
    "Image",
    "AgendaItem",
    "Document",
    "Index",
    "ErrorMessage",
    "ValidationErrors",
    "ValidationError",
]


@cache
def openapi_document() -> dict:
    document = api.get_openapi_schema(path_prefix=PREFIX)
    document["info"]["license"] = {
        "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "url": "https://www.govdata.de/dl-de/by-2-0",
    }
    document["servers"] = [{"url": settings.SITE_URL.rstrip("/")}]
    return document


@cache
def _openapi_body() -> bytes:
    return json.dumps(openapi_document(), ensure_ascii=False, indent=1).encode()


@require_safe
def openapi_json(request):
    """The OpenAPI 3.1 document of ``/api/v1/`` (with an ETag, like every API answer)."""
    body = _openapi_body()
    etag = etag_of(body)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    response.headers["ETag"] = etag
    return response


def _text(text: str) -> str:
    """The visitor's half of a "Deutsch / English" description."""
    if " / " not in text:
        return text
    german, english = text.split(" / ", 1)
    return english if get_language() == "en" else german


def _field_text(schema: dict) -> str:
    key = "x-description-en" if get_language() == "en" else "x-description-de"
    return schema.get(key) or _text(schema.get("description", ""))


def _type(schema: dict) -> dict:
    """What a value is, for people: a type word, the record it links to, allowed values."""
    if "$ref" in schema:
        return {"record": schema["$ref"].rsplit("/", 1)[-1]}
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        shown = _type(options[0]) if options else {"word": "null"}
        return {**shown, "nullable": True, "enum": shown.get("enum") or _enum(schema)}
    if schema.get("type") == "array":
        return {**_type(schema.get("items", {})), "many": True}
    word = schema.get("format") or schema.get("type", "")
    return {"word": word, "enum": _enum(schema)}


def _enum(schema: dict) -> list:
    return [value for value in schema.get("enum", []) if value is not None]


def _record(name: str, schema: dict) -> dict:
    return {
        "name": name,
        "description": schema.get("description", ""),
        "fields": [
            {"name": field, "text": _field_text(spec), "type": _type(spec)}
            for field, spec in schema.get("properties", {}).items()
        ],
    }


def _operations(document: dict) -> list[dict]:
    operations = []
    for path, methods in document["paths"].items():
        operation = methods.get("get")
        if not operation:
            continue
        responses = operation["responses"]
        success = responses.get(200) or responses.get("200", {})  # int keys until serialised
        ref = success.get("content", {}).get("application/json", {}).get("schema", {})
        returns = _type(ref).get("record", "")
        operations.append(
            {
                "path": path,
                "id": operation["operationId"],
                "summary": _text(operation.get("summary", "")),
                "parameters": [
                    {
                        "name": parameter["name"],
                        "where": parameter["in"],
                        "required": parameter.get("required", False),
                        "text": _text(
                            parameter.get("description")
                            or parameter["schema"].get("description", "")
                        ),
                        "type": _type(parameter["schema"]),
                    }
                    for parameter in operation.get("parameters", [])
                ],
                "returns": returns.removesuffix("Page"),
                "is_list": returns.endswith("Page"),
            }
        )
    return operations


@require_safe
def docs_page(request):
    """How to use the read API: every address with its parameters, every record's fields."""
    document = openapi_document()
    schemas = document["components"]["schemas"]
    context = {
        "operations": _operations(document),
        "records": [_record(name, schemas[name]) for name in RECORDS],
        "parts": [_record(name, schemas[name]) for name in PARTS],
        "base": settings.SITE_URL.rstrip("/") + PREFIX,
        "rate_limit": settings.API_RATE_LIMIT_PER_MINUTE,
        "max_limit": MAX_LIMIT,
    }
    return render(request, "api/docs.html", context)
