"""The read API over HTTP: validators (ETag, 304), CORS for scripts on other sites, HEAD,
the rate limit, and the OpenAPI document."""

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_an_answer_carries_an_etag_and_304_answers_a_match(client):
    ProjectFactory(published=True, slug="eins")
    first = client.get("/api/v1/projects/")
    etag = first["ETag"]
    assert etag.startswith('"') and "Cache-Control" not in first  # revalidated every time
    again = client.get("/api/v1/projects/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    other = client.get("/api/v1/projects/", headers={"If-None-Match": '"veraltet"'})
    assert other.status_code == 200 and other["ETag"] == etag


def test_a_change_gives_a_new_etag(client):
    ProjectFactory(published=True, slug="eins")
    etag = client.get("/api/v1/projects/")["ETag"]
    ProjectFactory(published=True, slug="zwei")
    changed = client.get("/api/v1/projects/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert [p["slug"] for p in changed.json()["results"]] == ["zwei", "eins"]


def test_signed_in_people_get_the_same_answer_as_everyone(client):
    ProjectFactory(published=True)
    anonymous = client.get("/api/v1/projects/")
    client.force_login(UserFactory())
    signed_in = client.get("/api/v1/projects/")
    assert signed_in.content == anonymous.content and signed_in["ETag"] == anonymous["ETag"]
    assert signed_in["Cache-Control"] == "private, no-store"  # as every signed-in answer


def test_scripts_on_other_sites_may_read_without_credentials(client):
    response = client.get("/api/v1/projects/", headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_a_preflight_allows_reading_only(client):
    response = client.options(
        "/api/v1/projects/",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_writing_is_not_allowed(client):
    for method in ["post", "put", "delete"]:
        response = getattr(client, method)("/api/v1/projects/")
        assert response.status_code == 405, method
    assert "Access-Control-Allow-Origin" not in client.post("/api/v1/projects/")


def test_pages_outside_the_api_are_not_opened_to_other_sites(client):
    assert "Access-Control-Allow-Origin" not in client.get("/projekte/")
    assert client.options("/projekte/").status_code != 204


def test_head_answers_like_get_without_a_body(client):
    ProjectFactory(published=True)
    get = client.get("/api/v1/projects/")
    head = client.head("/api/v1/projects/")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Content-Length"] == str(len(get.content))
    assert head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.usefixtures("one_rate_limit_window")
def test_past_the_rate_limit_the_answer_is_429_with_retry_after(settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    visitor, neighbour = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="203.0.113.8")
    for _ in range(3):
        assert visitor.get("/api/v1/vocabulary/regions/").status_code == 200
    refused = visitor.get("/api/v1/projects/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"  # the fixed clock stands 30 s into its minute
    assert refused.json() == {"detail": "Zu viele Anfragen. Bitte warten Sie 30 Sekunden."}
    assert refused["Access-Control-Allow-Origin"] == "*"  # a script can read why
    assert neighbour.get("/api/v1/projects/").status_code == 200  # a bucket per address


def test_the_openapi_document_is_3_1_and_describes_every_field_in_both_languages(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert "/api/v1/projects/{slug}/" in document["paths"]
    for name in ["Project", "Organisation", "Person", "Event", "Series", "VocabularyTerm"]:
        for field, spec in document["components"]["schemas"][name]["properties"].items():
            assert spec.get("x-description-de") and spec.get("x-description-en"), (name, field)
    etag = response["ETag"]
    assert client.get("/api/v1/openapi.json", headers={"If-None-Match": etag}).status_code == 304


def test_english_error_messages_for_english_clients(client):
    response = client.get("/api/v1/projects/nope/", headers={"Accept-Language": "en"})
    assert response.json() == {"detail": "There is nothing public at this address."}
