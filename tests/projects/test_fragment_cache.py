"""Cached fragments (project cards, the list's filter form) never show an outdated project."""

import pytest
from django.core.cache import caches

from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LOCAL = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments-test",
    },
}


@pytest.fixture
def fragment_cache(settings):
    settings.CACHES = LOCAL
    caches["fragments"].clear()
    yield caches["fragments"]
    caches["fragments"].clear()


def test_card_shows_a_changed_title_at_once(client, fragment_cache):
    project = ProjectFactory(published=True, title="Erzählcafé Zittau")
    assert "Erzählcafé Zittau" in client.get("/projekte/").content.decode()
    assert "Erzählcafé Zittau" in client.get("/").content.decode()

    project.title = "Erzählcafé Löbau"
    project.save()  # a new change time: a new card

    for path in ["/projekte/", "/"]:
        body = client.get(path).content.decode()
        assert "Erzählcafé Löbau" in body and "Erzählcafé Zittau" not in body, path


def test_card_follows_the_language(client, fragment_cache):
    project = ProjectFactory(published=True, title="Dorfladen Rossau")
    german = client.get("/projekte/").content.decode()
    english = client.get("/en/projekte/").content.decode()
    assert f'href="/projekte/{project.slug}/"' in german
    assert f'href="/en/projekte/{project.slug}/"' in english
    assert f'href="/projekte/{project.slug}/"' not in english


def test_filter_form_keeps_the_query_and_a_second_request_skips_its_queries(
    client, fragment_cache, django_assert_max_num_queries
):
    ProjectFactory(published=True, title="Kiezküche Grünau")
    first = client.get("/projekte/?q=Kiezküche").content.decode()
    # exists (full text or typo fallback), count, page, card topics – no filter-form queries
    with django_assert_max_num_queries(4):
        second = client.get("/projekte/?q=Kiezküche").content.decode()
    assert 'value="Kiezküche"' in first and 'value="Kiezküche"' in second
    assert "Kiezküche Grünau" in second


def test_filter_fields_follow_their_value_and_errors(client, fragment_cache):
    ProjectFactory(published=True)
    client.get("/projekte/")  # every field cached unselected
    chosen = client.get("/projekte/?region=dresden").content.decode()
    assert '<option value="dresden" selected>' in chosen

    wrong = client.get("/projekte/?region=atlantis").content.decode()
    assert 'aria-invalid="true"' in wrong
    assert '<option value="dresden" selected>' not in wrong

    # A new search reuses the unselected region list: nothing of the last one stays.
    fresh = client.get("/projekte/?q=Garten").content.decode()
    assert 'aria-invalid="true"' not in fresh
    assert '<option value="dresden" selected>' not in fresh
    assert 'value="Garten"' in fresh
