"""XSS payloads through every text field that reaches a page, a feed or the admin."""

from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events import services as event_services
from events.models import Photo, Slides
from network import services as network_services
from pages.models import Feedback
from tests.events.factories import AgendaItemFactory, EventFactory, SeriesFactory
from tests.factories import log_in_with_second_factor
from tests.hostile.corpus import fresh_ip, injections
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from tests.projects.test_hostile_input import XSS, png_bytes

pytestmark = pytest.mark.django_db


# --- XSS payloads through every text field that reaches a page --------------------------------


def image_upload(name="bild.png", size=(120, 80)):
    return SimpleUploadedFile(name, png_bytes(size), "image/png")


def rendered(upload, rendition):
    from zukunftsplattform.images import open_validated, render

    return render(open_validated(upload), rendition)


def html_of(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, f"{response.status_code} for {path}"
    return response.content.decode()


def assert_pages_harmless(client, paths, payload):
    for path in paths:
        found = injections(html_of(client, path))
        assert found == [], (path, payload, found)


def assert_feed_harmless(client, path, payload):
    """A feed is well-formed XML, and what it declares as HTML is harmless HTML."""
    from xml.etree import ElementTree

    body = client.get(path).content.decode()
    root = ElementTree.fromstring(body)  # noqa: S314 - our own response
    atom = "{http://www.w3.org/2005/Atom}"
    for element in [*root.iter("description"), *root.iter(f"{atom}summary")]:
        found = injections(element.text or "")
        assert found == [], (path, payload, found)


def assert_admin_harmless(client, path, baseline_path, payload):
    """The admin ships its own script and icons: compare with the same page for benign text."""
    extra = Counter(injections(html_of(client, path))) - Counter(
        injections(html_of(client, baseline_path))
    )
    assert not extra, (path, payload, extra)


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_organisation_fields_is_rendered_harmless(client, user, superuser, payload):
    from network.forms import LOGO

    def data(name):
        return {
            "name": name,
            "kind": "verein",
            "description": payload,
            "region": "dresden",
            "place": payload[:100],
            "logo": rendered(image_upload(), LOGO),
            "logo_alt": payload[:200],
            "logo_credit": payload[:200],
            "is_platform_partner": True,
        }

    staff_made = network_services.create_organisation(data=data(f"Verein {payload}"[:200]))
    benign = network_services.create_organisation(data={**data("Harmloser Verein"), **{
        "description": "Gut.", "place": "Riesa", "logo_alt": "Logo", "logo_credit": ""}})  # fmt: skip
    # A member proposes the same payloads through the form; the moderation approves.
    proposed = OrganisationFactory(name="Verein mit Vorschlag", members=[user])
    client.force_login(user)
    response = client.post(
        f"/netzwerk/organisationen/{proposed.slug}/bearbeiten/",
        {
            "name": f"Vorschlag {payload}"[:200],
            "kind": "verein",
            "description": payload,
            "place": payload[:100],
            "logo": image_upload(),
            "logo_rights": "on",
            "logo_alt": payload[:200],
            "logo_credit": payload[:200],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    log_in_with_second_factor(client, superuser)
    admin = "/admin/network/organisation"
    assert_admin_harmless(
        client, f"{admin}/{proposed.pk}/review/", f"{admin}/{proposed.pk}/change/", payload
    )
    assert_admin_harmless(
        client, f"{admin}/{staff_made.pk}/change/", f"{admin}/{benign.pk}/change/", payload
    )
    network_services.approve_organisation_change(organisation=proposed, by=superuser)
    client.logout()
    PersonFactory(name="Mitglied", organisation=staff_made, consent=True)
    ProjectFactory(published=True, carrying_organisation=staff_made)
    assert_pages_harmless(
        client,
        [
            staff_made.get_absolute_url(),
            proposed.get_absolute_url(),
            "/netzwerk/organisationen/",
            "/netzwerk/organisationen/?q=Verein",
            "/suche/?q=Verein",
            "/",
        ],
        payload,
    )


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_person_fields_is_rendered_harmless(client, user, payload):
    from network.forms import PHOTO

    organisation = OrganisationFactory(name="Verein der Expertinnen")
    fields = {
        "role": payload[:200],
        "affiliation": payload[:200],
        "bio": payload,
        "photo_alt": payload[:200],
        "photo_credit": payload[:200],
        "region": "dresden",
    }
    # Entered by the editorial team ...
    staff_made = network_services.create_person(
        data={
            "name": f"Expertin {payload}"[:200],
            "email": "expertin@example.org",
            "organisation": organisation,
            "photo": rendered(image_upload(), PHOTO),
            **fields,
        }
    )
    network_services.give_consent(person=staff_made, how="email_link", send_receipt=False)
    # ... and edited by the person themselves.
    own = PersonFactory(name="Lina Linked", user=user, consent=True)
    client.force_login(user)
    response = client.post(
        f"/netzwerk/personen/{own.slug}/bearbeiten/",
        {"name": f"Lina {payload}"[:200], **fields, "photo": image_upload(), "photo_rights": "on"},
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    event = EventFactory(title="Forum mit Expertinnen")
    AgendaItemFactory(event=event, title="Impuls", speakers=[staff_made, own])
    assert_pages_harmless(
        client,
        [
            staff_made.get_absolute_url(),
            own.get_absolute_url(),
            "/netzwerk/personen/",
            "/netzwerk/personen/?q=Expertin",
            "/suche/?q=Expertin",
            organisation.get_absolute_url(),
            event.get_absolute_url(),
        ],
        payload,
    )


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_event_fields_is_rendered_harmless(client, user, superuser, payload):
    from django.core.files.base import ContentFile

    series = SeriesFactory(title=f"Reihe {payload}"[:200], summary=payload[:300])
    series.description = payload
    event_services.render_series(series)
    series.save()
    texts = {
        "summary": payload[:300],
        "description": payload,
        "venue_name": payload[:200],
        "street_address": payload[:200],
        "locality": payload[:100],
        "accessibility_notes": payload,
        "documentation_summary": payload,
        "documentation_results": payload,
    }
    upcoming = EventFactory(title=f"Forum {payload}"[:200], series=series, **texts)
    past = EventFactory(title=f"Rückblick {payload}"[:200], series=series, past=True, **texts)
    cancelled = EventFactory(title=f"Abgesagt {payload}"[:200], series=series, **texts)
    event_services.cancel_event(event=cancelled, reason=payload)
    benign = EventFactory(title="Harmloses Forum")
    for event in (upcoming, past):
        AgendaItemFactory(event=event, title=payload[:200], description=payload)
    Slides.objects.create(
        event=past, title=payload[:200], file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="f.pdf")
    )
    Photo.objects.create(
        event=past,
        image=rendered(image_upload(), event_services_photo_rendition()),
        alt_text=payload[:300],
        caption=payload[:300],
    )
    registration = event_services.register_user(
        event=upcoming, user=user, accessibility_needs=payload, dietary_needs=payload[:300]
    )
    guest = event_services.register_guest(
        event=upcoming, name=payload[:200], email="gast@example.org", accessibility_needs=payload
    )
    client.force_login(user)
    assert_pages_harmless(
        client,
        [
            upcoming.get_absolute_url(),
            registration.get_absolute_url(),
            "/veranstaltungen/meine-anmeldungen/",
        ],
        payload,
    )
    client.logout()
    assert_pages_harmless(
        client,
        [
            upcoming.get_absolute_url(),
            past.get_absolute_url(),
            cancelled.get_absolute_url(),
            guest.get_absolute_url(),
            f"/veranstaltungen/reihe/{series.slug}/",
            "/veranstaltungen/",
            "/veranstaltungen/?zeit=vergangene",
            "/veranstaltungen/?q=Forum",
            "/suche/?q=Forum",
            "/",
        ],
        payload,
    )
    for feed in ["/feeds/veranstaltungen/rss/", "/feeds/veranstaltungen/atom/"]:
        assert_feed_harmless(client, feed, payload)
    calendar = client.get("/veranstaltungen/kalender.ics")
    assert calendar.status_code == 200 and calendar["Content-Type"].startswith("text/calendar")
    log_in_with_second_factor(client, superuser)
    assert_admin_harmless(
        client,
        f"/admin/events/event/{upcoming.pk}/change/",
        f"/admin/events/event/{benign.pk}/change/",
        payload,
    )
    assert_admin_harmless(
        client,
        "/admin/events/registration/",
        f"/admin/events/registration/?event__id__exact={benign.pk}",
        payload,
    )


def event_services_photo_rendition():
    from events.forms import PHOTO_RENDITION

    return PHOTO_RENDITION


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_project_feeds_is_harmless_html(client, payload):
    ProjectFactory(published=True, title=f"Projekt {payload}"[:120], summary=payload[:300])
    for feed in ["/feeds/projekte/rss/", "/feeds/projekte/atom/"]:
        assert_feed_harmless(client, feed, payload)


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_feedback_is_harmless_in_the_admin(client, superuser, payload):
    for message, name in [("Harmlos.", "Bea"), (payload, payload[:200])]:
        response = client.post(
            "/kontakt/",
            {"message": message, "name": name, "page_url": payload[:500], "email": "a@example.org"},
            REMOTE_ADDR=fresh_ip(),
        )
        assert response.status_code == 302
    benign, hostile = Feedback.objects.order_by("pk")
    log_in_with_second_factor(client, superuser)
    admin = "/admin/pages/feedback"
    assert_admin_harmless(
        client, f"{admin}/{hostile.pk}/change/", f"{admin}/{benign.pk}/change/", payload
    )
    assert_admin_harmless(client, f"{admin}/", f"{admin}/?q=Harmlos", payload)


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_a_report_is_harmless_in_the_admin_and_the_mails(client, superuser, payload):
    from django.core import mail

    from notices.models import Report

    project = ProjectFactory(published=True, title="Gemeldetes Projekt")
    url = f"/melden/projekt/{project.slug}/"
    for description, name in [("Harmlose Meldung.", "Bea"), (payload * 2, payload[:200])]:
        data = {"reason": "other", "description": description, "reporter_name": name}
        response = client.post(url, {**data, "good_faith": "on"}, REMOTE_ADDR=fresh_ip())
        assert response.status_code == 302
    benign, hostile = Report.objects.order_by("pk")
    log_in_with_second_factor(client, superuser)
    admin = "/admin/notices/report"
    for page in ["change", "decide"]:
        assert_admin_harmless(
            client, f"{admin}/{hostile.pk}/{page}/", f"{admin}/{benign.pk}/{page}/", payload
        )
    assert_admin_harmless(client, f"{admin}/", f"{admin}/?q=Harmlos", payload)
    for message in mail.outbox:
        for html, _type in getattr(message, "alternatives", []):
            assert injections(html) == [], (payload, message.subject)
