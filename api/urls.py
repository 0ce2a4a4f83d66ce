from django.urls import path

from api import docs
from api.views import api


def _operations():
    """The API's own patterns without ninja's "api-root" (a 404 pointing to Swagger UI,
    which we do not serve): the index operation answers /api/v1/."""
    patterns, app, namespace = api.urls
    return [p for p in patterns if getattr(p, "name", "") != "api-root"], app, namespace


# Outside the language prefixes: one address per record, whatever the language. The docs
# page, a page for people, is in each language (zukunftsplattform/urls.py).
urlpatterns = [
    path("v1/openapi.json", docs.openapi_json, name="api_openapi"),
    path("v1/", _operations()),
]
