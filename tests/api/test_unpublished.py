"""The read API shows what the public pages show, and links it the same way: the sweep in
``tests/test_unpublished_absent.py`` (which asks every API list, search and detail) is not
green because the API shows nothing."""

import pytest

from tests.test_unpublished_absent import PUBLIC, Portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    return Portal()


def test_the_api_shows_the_published_neighbours(portal, client):
    """The API's lists and records do list and link: the published counterparts are there,
    wired to each other (the sweep above is not green because the API shows nothing)."""

    def record(path):
        response = client.get(path)
        assert response.status_code == 200, path
        return response.json()

    project = record(f"/api/v1/projects/{portal.project.slug}/")
    assert project["summary"] == "Ein Leuchtturm für alle."  # the approved one
    assert project["partner_organisations"] == [portal.organisation.slug]
    assert project["carrying_organisation"] is None  # hidden
    person = record(f"/api/v1/people/{portal.person.slug}/")
    assert person["organisation"] is None  # hidden
    event = record(f"/api/v1/events/{portal.event.slug}/")
    assert event["agenda"][0]["speakers"] == [portal.person.slug]
    assert event["agenda"][0]["presented_projects"] == [portal.project.slug]
    assert event["resulting_projects"] == [portal.project.slug]
    assert record(f"/api/v1/series/{portal.series.slug}/")["events"] == [portal.event.slug]
    for path, name in [
        ("/api/v1/projects/?limit=100", PUBLIC["project"]),
        ("/api/v1/organisations/?limit=100", PUBLIC["organisation"]),
        ("/api/v1/people/?limit=100", PUBLIC["person"]),
        ("/api/v1/events/?zeit=alle&limit=100", PUBLIC["event"]),
    ]:
        assert name in client.get(path).content.decode(), path
