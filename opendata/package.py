"""``datapackage.json``: the datasets as a Frictionless Data Package (v1 spec).

One resource per file (each dataset's CSV and JSON), each with its Table Schema built
from the dataset's fields – the same fields that write the files.
"""

import hashlib
from typing import Any

from django.urls import reverse
from django.utils.translation import get_language

from opendata.datasets import DATASETS, Dataset
from opendata.files import FORMATS, File, cached_file, dataset_file, json_bytes
from opendata.licence import LICENCE
from zukunftsplattform.mail import absolute_url

PACKAGE_NAME = "zukunftsplattform-soziale-innovationen-sachsen"


def file_url(dataset: Dataset, fmt: str) -> str:
    return absolute_url(reverse("opendata:file", args=[dataset.slug, fmt]))


def table_schema(dataset: Dataset, *, for_json: bool) -> dict[str, Any]:
    language = get_language() or "de"
    return {
        "fields": [
            field.table_schema(for_json=for_json, language=language) for field in dataset.fields()
        ],
        "primaryKey": list(dataset.primary_key),
        "missingValues": [""],
    }


def resources() -> list[dict[str, Any]]:
    english = get_language() == "en"
    found = []
    for dataset in DATASETS:
        for fmt in FORMATS:
            file = dataset_file(dataset, fmt)
            resource: dict[str, Any] = {
                "name": f"{dataset.slug}-{fmt}",
                # Beside datapackage.json: a folder of the downloaded files is the package.
                "path": f"{dataset.slug}.{fmt}",
                "title": dataset.title_en if english else dataset.title_de,
                "description": dataset.description_en if english else dataset.description_de,
                "profile": "tabular-data-resource",
                "format": fmt,
                "mediatype": FORMATS[fmt].split(";")[0],
                "encoding": "utf-8",
                "schema": table_schema(dataset, for_json=fmt == "json"),
                "licenses": [LICENCE.package()],
            }
            if fmt == "csv":
                # Size and checksum: Frictionless checks them for CSV (not for JSON, which
                # it reads as a whole).
                resource["bytes"] = len(file.body)
                resource["hash"] = f"sha256:{hashlib.sha256(file.body).hexdigest()}"
                resource["dialect"] = {"delimiter": ",", "header": True}
            found.append(resource)
    return found


def datapackage_file() -> File:
    """``datapackage.json`` as it is now (rendered at most once per content generation)."""
    return cached_file("datapackage.json", "application/json", lambda: json_bytes(datapackage()))


def datapackage() -> dict[str, Any]:
    english = get_language() == "en"
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": (
            "Future Platform for Social Innovation in Saxony: open data"
            if english
            else "Zukunftsplattform für soziale Innovationen in Sachsen: offene Daten"
        ),
        "homepage": absolute_url(reverse("opendata:index")),
        "licenses": [LICENCE.package()],
        "sources": [{"title": LICENCE.attribution, "path": absolute_url("/")}],
        "resources": resources(),
    }
