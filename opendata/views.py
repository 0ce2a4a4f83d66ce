"""The open data page and its files.

The files are rendered from published content once per content generation
(``opendata.files``) and answer conditional requests: a client that sends the ETag
(``If-None-Match``) or the date (``If-Modified-Since``) of the version it has gets 304.
They skip the page cache, which would answer only the first of the two.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from opendata import catalogue as dcat
from opendata.datasets import DATASETS, get_dataset
from opendata.files import FORMATS, File
from opendata.files import dataset_file as render_dataset_file
from opendata.licence import LICENCE
from opendata.package import datapackage_file
from zukunftsplattform.pagecache import page_cache_exempt


@require_safe
def index(request):
    return render(
        request,
        "opendata/index.html",
        {"datasets": DATASETS, "formats": list(FORMATS), "licence": LICENCE},
    )


def _file_response(request, file: File, filename: str):
    last_modified = int(file.modified.timestamp())
    response = get_conditional_response(request, etag=file.etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(file.body, content_type=file.content_type)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = file.etag
    response["Last-Modified"] = http_date(last_modified)
    # Open data: pages and programs on other sites may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@page_cache_exempt
@require_safe
def dataset_file(request, slug, fmt):
    dataset = get_dataset(slug)
    if dataset is None or fmt not in FORMATS:
        raise Http404
    return _file_response(request, render_dataset_file(dataset, fmt), f"{slug}.{fmt}")


@page_cache_exempt
@require_safe
def datapackage(request):
    return _file_response(request, datapackage_file(), "datapackage.json")


@page_cache_exempt
@require_safe
def catalogue(request, fmt):
    if fmt not in dcat.CATALOGUE_FORMATS:
        raise Http404
    return _file_response(request, dcat.catalogue_file(fmt), f"katalog.{fmt}")
