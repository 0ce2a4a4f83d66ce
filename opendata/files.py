"""The files of the open data: each dataset as CSV and JSON, rendered once per content
generation.

A file is rendered from published content when it is first asked for after anything
visitors can see changed (``zukunftsplattform.pagecache.content_generation``: database
triggers bump it on every write to a content table, so no write path leaves an old or
unpublished file behind) and then kept in each worker's memory (``fragments`` cache).
Its ETag is the hash of its bytes; its Last-Modified is when those bytes were first
rendered, kept in the shared cache beside the hash, so a change elsewhere in the portal
that leaves a file as it was keeps its date, and every worker gives the same one.
"""

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache, caches
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import get_language

from opendata.datasets import Dataset
from zukunftsplattform.pagecache import content_generation

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


@dataclass(frozen=True)
class File:
    body: bytes
    etag: str
    modified: datetime
    content_type: str


def csv_bytes(dataset: Dataset, records: list[dict]) -> bytes:
    """UTF-8, a header row of the field names, comma-separated, CRLF (RFC 4180)."""
    fields = dataset.fields()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([field.name for field in fields])
    for record in records:
        writer.writerow([field.csv_cell(record.get(field.name)) for field in fields])
    return out.getvalue().encode()


def json_bytes(records: list[dict] | dict) -> bytes:
    text = json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return (text + "\n").encode()


def dataset_file(dataset: Dataset, fmt: str) -> File:
    """``<dataset>.<fmt>`` as it is now (rendered at most once per content generation)."""

    def render() -> bytes:
        records = dataset.records()
        return csv_bytes(dataset, records) if fmt == "csv" else json_bytes(records)

    return cached_file(f"{dataset.slug}.{fmt}", FORMATS[fmt], render)


def cached_file(name: str, content_type: str, render: Callable[[], bytes]) -> File:
    """The file ``name`` from the cache of this content generation, or rendered now."""
    generation = content_generation()
    language = get_language()
    key = f"opendata:{generation}:{language}:{name}"
    entry = caches["fragments"].get(key) if generation is not None else None
    if entry is None:
        body = render()
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        stamp_key = f"opendata:stamp:{language}:{name}"
        stamp = cache.get(stamp_key)
        if stamp is None or stamp[0] != digest:
            stamp = (digest, timezone.now().replace(microsecond=0))
            cache.set(stamp_key, stamp, None)
        entry = File(body, f'"{digest}"', stamp[1], content_type)
        if generation is not None:
            caches["fragments"].set(key, entry)
    return entry
