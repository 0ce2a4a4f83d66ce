import json
import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import OperationalError
from django.utils import timezone

from pages import views
from pages.models import ContentPage, Feedback
from pages.templatetags.portal import datetime_attr

pytestmark = pytest.mark.django_db

LEGAL_PATHS = [
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
    "/kontakt/",
    "/ueber/",
]


def test_home_speaks_german_without_prefix(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert "Zukunftsplattform für soziale Innovationen" in html
    assert "Projekt eintragen" in html


def test_home_speaks_english_under_en(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Future Platform for Social Innovation" in html
    assert "Add your project" in html


def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    html = client.get("/impressum/").content.decode()
    assert re.search(r'<a [^>]*href="/en/impressum/"[^>]*hreflang="en"[^>]*lang="en"', html)
    html = client.get("/en/impressum/").content.decode()
    assert re.search(r'<a [^>]*href="/impressum/"[^>]*hreflang="de"', html)


@pytest.mark.parametrize("path", ["/", *LEGAL_PATHS])
def test_every_page_has_one_main_a_skip_link_and_the_footer_links(client, path):
    html = client.get(path).content.decode()
    assert html.count("<main") == 1
    assert 'href="#inhalt"' in html and 'id="inhalt"' in html
    for legal in LEGAL_PATHS:
        assert f'href="{legal}"' in html
    assert 'role="status" aria-live="polite"' in html


@pytest.mark.parametrize("path", LEGAL_PATHS)
def test_content_pages_are_seeded_and_marked_for_legal_review(client, path):
    response = client.get(path)
    page = ContentPage.objects.get(slug=path.strip("/"))
    assert response.status_code == 200
    assert page.title_de in response.content.decode()
    assert "noch nicht von der Rechtsabteilung freigegeben" in response.content.decode()


def test_content_page_edited_by_staff_renders_markdown_without_script(client):
    page = ContentPage.objects.get(slug="impressum")
    page.body_de = "## Neu\n\n<script>alert(1)</script> [Link](javascript:alert(1)) **fett**"
    page.needs_legal_review = False
    page.save()
    html = client.get("/impressum/").content.decode()
    assert "<h2>Neu</h2>" in html and "<strong>fett</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "javascript:" not in html
    assert "Rechtsabteilung" not in html


def test_accessibility_feedback_reaches_staff_by_email_and_admin(
    client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/barrierefreiheit/",
            {
                "message": "Der Kontrast der Fußzeile ist zu schwach.",
                "page_url": "/",
                "name": "",
                "email": "",
            },
            follow=True,
        )
    assert response.status_code == 200
    assert "Vielen Dank" in response.content.decode()
    feedback = Feedback.objects.get()
    assert feedback.kind == Feedback.Kind.ACCESSIBILITY
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert "Kontrast der Fußzeile" in mail.outbox[0].body


def test_feedback_with_errors_keeps_what_was_typed_and_links_the_error(client):
    response = client.post(
        "/kontakt/", {"message": "", "name": "Erika Muster", "email": "kein-at-zeichen"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert Feedback.objects.count() == 0
    assert 'id="error-summary"' in html
    assert 'href="#id_message"' in html and 'href="#id_email"' in html
    assert 'value="Erika Muster"' in html and 'value="kein-at-zeichen"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email-error"' in html


def test_feedback_form_answers_429_past_its_rate_limit(client):
    for _ in range(5):
        client.post("/kontakt/", {"message": "Hallo"})
    response = client.post("/kontakt/", {"message": "Hallo"})
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    assert Feedback.objects.count() == 5


def test_pages_without_a_form_refuse_post(client):
    assert client.post("/impressum/", {"message": "x"}).status_code == 405


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    """The load balancer takes the instance out of service instead of seeing a 500."""

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", unreachable)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "unavailable"}


def test_time_elements_carry_whole_seconds_and_nothing_for_a_missing_moment():
    moment = timezone.make_aware(datetime(2026, 5, 4, 18, 30, 15, 123456), UTC)

    assert datetime_attr(moment) == "2026-05-04T20:30:15+02:00"  # Dresden, summer time
    assert datetime_attr(None) == ""


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_accounts(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body and "Disallow: /konto/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_security_txt_follows_rfc_9116(client):
    response = client.get("/.well-known/security.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert re.search(r"^Contact: mailto:", body, re.M)
    assert re.search(r"^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body, re.M)
    assert "Preferred-Languages: de, en" in body


def test_sitemap_lists_pages_in_both_languages(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/impressum/</loc>" in body
    assert "<loc>http://testserver/en/impressum/</loc>" in body


@pytest.mark.parametrize(
    "path",
    [
        "/projekte/",
        "/gute-praxis/",
        "/veranstaltungen/",
        "/netzwerk/organisationen/",
        "/netzwerk/personen/",
        "/netzwerk/bedarfe-und-angebote/",
    ],
)
def test_sitemap_lists_every_list_page_in_both_languages(client, path):
    body = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{path}</loc>" in body
    assert f"<loc>http://testserver/en{path}</loc>" in body
    assert client.get(path).status_code == 200


def test_favicon_ico_is_the_portals_mark_from_the_static_files(client):
    from io import BytesIO

    from django.contrib.staticfiles import finders
    from PIL import Image

    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(BytesIO(response.content))
    assert icon.format == "ICO" and {(16, 16), (32, 32)} <= icon.info["sizes"]
    with open(finders.find("img/favicon.ico"), "rb") as static_icon:
        assert response.content == static_icon.read()
    # The mark's green in the middle of the top edge, white in the triangle's centre.
    icon = icon.convert("RGB")
    width, height = icon.size
    assert icon.getpixel((width // 2, 1)) == (0, 89, 79)
    assert icon.getpixel((width // 2, height * 17 // 32)) == (255, 255, 255)


def test_unknown_page_gets_the_designed_404(client):
    response = client.get("/gibt-es-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Seite nicht gefunden" in html and 'id="inhalt"' in html


def test_server_error_page_renders_without_a_request_context():
    from pages.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Es ist ein Fehler aufgetreten" in response.content.decode()


def test_a_request_for_an_unknown_host_gets_the_designed_400(client):
    response = client.get("/", headers={"host": "fremde-seite.example"})
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()
