"""The follow button on public pages, with and without JavaScript, and the settings page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from following import services
from following.models import Follow
from tests.events.factories import EventFactory, SeriesFactory
from tests.network.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory


@pytest.fixture
def project(db):
    return ProjectFactory(published=True, title="Nachbarschaftsgarten Pieschen")


def test_visitors_get_a_link_to_log_in_and_come_back(client, project):
    page = client.get(project.get_absolute_url())

    assert "Anmelden, um diesem Projekt zu folgen" in page.text
    assert f'href="/konto/login/?next=/projekte/{project.slug}/"' in page.text
    assert "hx-post" not in page.text


def test_visitor_posting_is_sent_to_log_in(client, project):
    response = client.post(f"/folgen/projekt/{project.slug}/", {"action": "follow"})

    assert response.status_code == 302
    assert response["Location"] == f"/konto/login/?next=/projekte/{project.slug}/"
    assert not Follow.objects.exists()


def test_following_without_javascript(client, user, project):
    client.force_login(user)
    page = client.get(project.get_absolute_url())
    assert f'action="/folgen/projekt/{project.slug}/"' in page.text and ">Folgen<" in page.text

    response = client.post(f"/folgen/projekt/{project.slug}/", {"action": "follow"}, follow=True)

    assert response.redirect_chain == [(project.get_absolute_url(), 302)]
    assert "Sie folgen jetzt „Nachbarschaftsgarten Pieschen“." in response.text
    assert ">Nicht mehr folgen<" in response.text
    assert services.is_following(user, project)

    response = client.post(f"/folgen/projekt/{project.slug}/", {"action": "unfollow"}, follow=True)
    assert "Sie folgen „Nachbarschaftsgarten Pieschen“ nicht mehr." in response.text
    assert not services.is_following(user, project)


def test_following_with_htmx_returns_the_button_and_the_news(client, user, project):
    client.force_login(user)

    response = client.post(
        f"/folgen/projekt/{project.slug}/", {"action": "follow"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    button_id = f"follow-project-{project.pk}-button"
    assert f'id="{button_id}"' in response.text  # focus comes back to it (portal.js)
    assert "Nicht mehr folgen" in response.text
    assert 'data-hx-swap-oob="innerHTML"' in response.text
    assert "Sie folgen jetzt „Nachbarschaftsgarten Pieschen“." in response.text
    assert "<html" not in response.text


def test_following_twice_is_one_follow(client, user, project):
    client.force_login(user)
    for _ in range(2):
        client.post(f"/folgen/projekt/{project.slug}/", {"action": "follow"})

    assert Follow.objects.filter(user=user).count() == 1


def test_tampered_choice_changes_nothing_and_says_why(client, user, project):
    client.force_login(user)

    response = client.post(f"/folgen/projekt/{project.slug}/", {"action": "<b>"}, follow=True)

    assert "Bitte wählen Sie, ob Sie folgen möchten oder nicht." in response.text
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    "make_url",
    [
        lambda: f"/folgen/projekt/{ProjectFactory().slug}/",  # a draft
        lambda: f"/folgen/organisation/{OrganisationFactory(is_published=False).slug}/",
        lambda: "/folgen/veranstaltung/egal/",  # nothing one can follow
        lambda: "/folgen/reihe/gibt-es-nicht/",
    ],
)
def test_only_public_things_can_be_followed(client, user, make_url):
    client.force_login(user)

    assert client.post(make_url(), {"action": "follow"}).status_code == 404
    assert not Follow.objects.exists()


def test_organisations_and_series_have_the_button(client, user):
    organisation = OrganisationFactory(name="Bürgerstiftung Dresden")
    series = SeriesFactory()
    client.force_login(user)

    for target, word in [(organisation, "organisation"), (series, "reihe")]:
        page = client.get(target.get_absolute_url())
        assert f'action="/folgen/{word}/{target.slug}/"' in page.text
        client.post(f"/folgen/{word}/{target.slug}/", {"action": "follow"})
        assert services.is_following(user, target)


def test_hidden_organisation_preview_has_no_button(client, db):
    from tests.factories import UserFactory, verified

    member = verified(UserFactory())
    hidden = OrganisationFactory(is_published=False, members=[member])
    client.force_login(member)

    page = client.get(hidden.get_absolute_url())
    assert page.status_code == 200 and "/folgen/" not in page.text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_follow_button_adds_no_query_per_card(client, user):
    """A series page with one event card and with many: the button asks once."""
    series = SeriesFactory()
    EventFactory(series=series)
    client.force_login(user)
    services.follow(user=user, target=series)
    client.get(series.get_absolute_url())  # warm caches (content types, sessions)
    one = _queries(client, series.get_absolute_url())

    for _ in range(5):
        EventFactory(series=series)
    many = _queries(client, series.get_absolute_url())

    assert many == one


def _follow_queries(client, url) -> list[str]:
    cache.clear()  # the page cache would answer visitors without the view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if '"following_follow"' in q["sql"]]


def test_follow_button_asks_once_and_never_for_visitors(client, user, project):
    url = project.get_absolute_url()

    assert _follow_queries(client, url) == []
    client.force_login(user)
    assert len(_follow_queries(client, url)) == 1


def test_the_team_gets_no_follow_button_on_its_own_project(client, user):
    """The team hears of its project by mail anyway; the page keeps its query budget."""
    own = ProjectFactory(published=True, owner=user)
    client.force_login(user)

    page = client.get(own.get_absolute_url())
    assert page.status_code == 200 and "/folgen/" not in page.text
