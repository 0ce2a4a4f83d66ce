"""Anonymous visitors get stored pages, and never one that is out of date or not theirs.

Transactional: the change trigger runs at commit, as it does in production.
"""

import pytest
from django.contrib import messages
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.views.decorators.cache import never_cache

from network import services as network_services
from network.models import ConsentRecord
from projects.models import Project
from taxonomy.models import Topic
from tests.factories import UserFactory, verified
from tests.network.factories import PersonFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform.pagecache import CONTENT_APPS, INVISIBLE, TRIGGER

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings, seeded_like_a_fresh_installation):
    settings.PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def queries_of(client, path, **headers):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers=headers)
    return response, len(captured)


def test_a_second_visit_is_served_without_rendering(client):
    ProjectFactory(published=True, title="Erzählcafé Zittau")

    first, first_queries = queries_of(client, "/projekte/")
    again, again_queries = queries_of(client, "/projekte/")

    assert again.content == first.content
    assert "Erzählcafé Zittau" in again.content.decode()
    assert first_queries > 2
    assert again_queries == 1  # the content generation, nothing else
    assert again["ETag"] == first["ETag"]
    assert "Cookie" in again["Vary"] and "HX-Request" in again["Vary"]
    assert not again.cookies
    # The CSP header is made for each response, never stored.
    assert "script-src 'self'" in again["Content-Security-Policy"]


def test_a_browser_with_the_page_gets_304(client):
    ProjectFactory(published=True)
    etag = client.get("/projekte/")["ETag"]

    response = client.get("/projekte/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_unpublishing_by_any_write_path_removes_the_project_at_once(client):
    project = ProjectFactory(published=True, title="Erzählcafé Zittau")
    assert "Erzählcafé Zittau" in client.get("/projekte/").content.decode()
    assert client.get(f"/projekte/{project.slug}/").status_code == 200

    # No save(), no signal: only the database knows.
    Project.objects.filter(pk=project.pk).update(status=Project.Status.DRAFT)

    assert "Erzählcafé Zittau" not in client.get("/projekte/").content.decode()
    assert client.get(f"/projekte/{project.slug}/").status_code == 404
    assert "Erzählcafé Zittau" not in client.get("/").content.decode()


def test_withdrawn_consent_hides_a_person_at_once(client):
    person = PersonFactory(name="Ilse Beispielfrau", consent=True)
    assert "Ilse Beispielfrau" in client.get("/netzwerk/personen/").content.decode()
    assert client.get(f"/netzwerk/personen/{person.slug}/").status_code == 200

    network_services.withdraw_consent(
        person=person, how=ConsentRecord.How.EMAIL_LINK, send_receipt=False
    )

    assert "Ilse Beispielfrau" not in client.get("/netzwerk/personen/").content.decode()
    assert client.get(f"/netzwerk/personen/{person.slug}/").status_code == 404


def test_a_renamed_topic_empties_the_page_cache(client):
    # The page layer; names inside fragments (cards, filter fields) follow within their
    # own 5-10 minutes (docs/performance.md), here the fragment cache is off.
    topic = Topic.objects.order_by("pk").first()
    ProjectFactory(published=True, topics=[topic])
    client.get("/projekte/")

    Topic.objects.filter(pk=topic.pk).update(name_de="Umbenanntes Thema")

    assert "Umbenanntes Thema" in client.get("/projekte/").content.decode()


def test_signed_in_people_never_get_the_anonymous_page(client, user):
    ProjectFactory(published=True)
    anonymous = client.get("/projekte/").content.decode()

    client.force_login(user)
    response, queries = queries_of(client, "/projekte/")
    signed_in = response.content.decode()

    assert signed_in != anonymous
    assert user.display_name in signed_in or "abmelden" in signed_in.lower()
    assert queries > 1

    # And what they saw is not kept for the next anonymous visitor.
    client.logout()
    assert client.get("/projekte/").content.decode() == anonymous


def test_pages_with_a_form_token_are_not_stored(client):
    first = client.get("/konto/login/")
    assert first.cookies  # the CSRF cookie: this page belongs to one visitor

    response, queries = queries_of(client, "/konto/login/")

    assert response.status_code == 200
    assert queries > 1 or response.content != first.content
    assert response.context is not None  # rendered, not served from the cache


def test_language_and_htmx_requests_get_their_own_pages(client):
    ProjectFactory(published=True)
    german = client.get("/projekte/").content.decode()
    english = client.get("/en/projekte/").content.decode()
    partial = client.get("/projekte/", headers={"hx-request": "true"}).content.decode()

    assert 'lang="de"' in german and 'lang="en"' in english
    assert "<html" not in partial


def test_htmx_fragments_are_shared_whatever_page_asked_for_them(client):
    ProjectFactory(published=True)
    first = client.get(
        "/projekte/", headers={"hx-request": "true", "hx-current-url": "http://testserver/a"}
    )

    again, queries = queries_of(
        client,
        "/projekte/",
        **{"hx-request": "true", "hx-current-url": "http://testserver/projekte/?seite=2"},
    )

    assert again.content == first.content
    assert queries == 1


def test_a_login_keeps_the_pages_stored_for_visitors(client):
    ProjectFactory(published=True, title="Erzählcafé Zittau")
    client.get("/projekte/")
    person = verified(UserFactory(email="ilse@example.org"))

    signing_in = Client()
    response = signing_in.post(
        "/konto/login/", {"login": person.email, "password": "richtig-gutes-Passwort-1"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.last_login is not None

    again, queries = queries_of(client, "/projekte/")
    assert "Erzählcafé Zittau" in again.content.decode()
    assert queries == 1  # still the stored page


def test_the_health_check_always_asks_the_database(client):
    for _ in range(2):
        response, queries = queries_of(client, "/healthz")
        assert response.status_code == 200
        assert queries == 1
        assert "ETag" not in response


def test_every_content_table_carries_the_change_trigger():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        in_database = {
            row[0]
            for row in cursor.fetchall()
            if row[0].startswith(tuple(f"{app}_" for app in CONTENT_APPS))
        }
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER],
        )
        with_trigger = {row[0] for row in cursor.fetchall()}

    # Exactly the tables visitors can see (the migrations put the trigger there).
    assert with_trigger == in_database - set(INVISIBLE)


def test_pages_are_rendered_again_after_page_cache_seconds(client, monkeypatch):
    """What changes with the clock alone (an event starts) is at most that old."""
    import time
    import types

    from django.core.cache.backends import locmem

    ProjectFactory(published=True)
    now = time.time()
    monkeypatch.setattr(locmem, "time", types.SimpleNamespace(time=lambda: now))
    client.get("/veranstaltungen/")
    assert queries_of(client, "/veranstaltungen/")[1] == 1

    monkeypatch.setattr(locmem, "time", types.SimpleNamespace(time=lambda: now + 61))
    assert queries_of(client, "/veranstaltungen/")[1] > 1


def test_a_view_s_own_validator_is_kept(client):
    first = client.get("/veranstaltungen/kalender.ics")
    again, queries = queries_of(client, "/veranstaltungen/kalender.ics")

    assert first["ETag"].startswith('W/"')  # the calendar's version, not the body hash
    assert again["ETag"] == first["ETag"] and queries == 1
    assert (
        client.get(
            "/veranstaltungen/kalender.ics", headers={"if-none-match": first["ETag"]}
        ).status_code
        == 304
    )


def test_a_visitor_with_a_message_gets_it_and_others_never_do(client):
    ProjectFactory(published=True)
    thanks = "Vielen Dank! Ihre Nachricht ist bei der Redaktion angekommen."
    stored = Client().get("/projekte/").content.decode()  # now in the page cache
    assert thanks not in stored

    sent = client.post("/kontakt/", {"message": "Gut lesbar.", "name": "Bea", "email": ""})
    assert sent.status_code == 302  # the thanks waits in the messages cookie
    shown, queries = queries_of(client, "/projekte/")

    assert thanks in shown.content.decode()  # rendered for them, not the stored page
    assert queries > 1
    assert Client().get("/projekte/").content.decode() == stored


def test_every_visitor_of_an_invitation_link_has_it_remembered(user):
    from projects import services as project_services
    from projects.views import PENDING_INVITATION

    project = ProjectFactory(owner=verified(UserFactory()))
    invitation = project_services.invite_member(
        project=project, inviter=project.memberships.get().user, email=user.email
    )
    for visitor in (Client(), Client()):
        response = visitor.get(invitation.get_absolute_url())
        assert response.status_code == 200
        assert visitor.session[PENDING_INVITATION] == invitation.token


def test_without_a_content_generation_pages_are_always_rendered(client):
    ProjectFactory(published=True, title="Erzählcafé Zittau")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM pages_contentgeneration")
    client.get("/projekte/")
    response, queries = queries_of(client, "/projekte/")
    assert "Erzählcafé Zittau" in response.content.decode()
    assert queries > 1 and response.context is not None


# Views no page of the portal has yet, for the page cache's safety nets below; each call
# is counted, so a test sees whether the second visitor got a stored page.
_calls: list[str] = []


def _plain(request):
    _calls.append("plain")
    return HttpResponse("Für alle")


@never_cache
def _personal(request):
    _calls.append("personal")
    return HttpResponse("Für Sie")


def _with_a_message(request):
    _calls.append("message")
    messages.success(request, "Gespeichert.")
    return HttpResponse("".join(str(m) for m in messages.get_messages(request)))


urlpatterns = [
    path("fuer-alle/", _plain),
    path("persoenlich/", _personal),
    path("mit-meldung/", _with_a_message),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(("path", "stored"), [("/fuer-alle/", True), ("/persoenlich/", False)])
def test_a_page_its_view_marks_uncacheable_is_never_stored(path, stored):
    _calls.clear()
    Client().get(path)
    Client().get(path)
    assert len(_calls) == (1 if stored else 2)


@pytest.mark.urls(__name__)
def test_a_page_showing_a_message_its_view_made_is_never_stored():
    _calls.clear()
    assert Client().get("/mit-meldung/").content.decode() == "Gespeichert."

    # Had it been stored, the next visitor would get it without the view running.
    Client().get("/mit-meldung/")
    assert _calls == ["message", "message"]
