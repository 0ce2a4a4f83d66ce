"""Staff manage events in the admin: actions go through the services."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from events import services
from events.models import Event, Photo, Registration
from tests.events.factories import (
    POLYGLOT_HTML,
    EventFactory,
    RegistrationFactory,
    UserFactory,
    active_content,
    pdf_bytes,
)
from tests.factories import log_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, moderator):
    return log_in_with_second_factor(client, moderator)


def action(client, model, name, objects):
    return client.post(
        f"/admin/events/{model}/",
        {"action": name, "_selected_action": [o.pk for o in objects]},
    )


def test_csv_export_lists_participants_in_order_and_defuses_formulas(staff_client):
    event = EventFactory(capacity=1, title="Exporttag")
    services.register_user(event=event, user=UserFactory(display_name="=HYPERLINK(evil)"))
    services.register_user(event=event, user=UserFactory(display_name="Wanda Warteliste"))
    response = action(staff_client, "event", "export_registrations", [event])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    assert rows[1][2] == "'=HYPERLINK(evil)"
    assert rows[2][2] == "Wanda Warteliste" and rows[2][5] == "1"


def test_registration_export_and_attendance(staff_client):
    event = EventFactory(past=True)
    came, missed = RegistrationFactory.create_batch(2, event=event)
    action(staff_client, "registration", "mark_attended", [came])
    action(staff_client, "registration", "mark_absent", [missed])
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.attended, missed.attended) == (True, False)
    response = action(staff_client, "registration", "export_csv", [came, missed])
    assert response.status_code == 200
    assert came.email in response.content.decode("utf-8-sig")


def test_staff_without_export_permission_cannot_export(client, staff_without_events):
    from django.contrib.auth.models import Permission

    staff_without_events.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_registration", "change_registration"])
    )
    log_in_with_second_factor(client, staff_without_events)
    registration = RegistrationFactory()
    response = action(client, "registration", "export_csv", [registration])
    assert response.status_code != 200 or response["Content-Type"] != "text/csv; charset=utf-8"


def test_publish_and_cancel_actions_use_the_services(
    staff_client, django_capture_on_commit_callbacks
):
    draft = EventFactory(draft=True)
    action(staff_client, "event", "publish", [draft])
    draft.refresh_from_db()
    assert draft.status == Event.Status.PUBLISHED and draft.published_at
    registration = services.register_user(event=draft, user=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        action(staff_client, "event", "cancel", [draft])
    draft.refresh_from_db()
    assert draft.status == Event.Status.CANCELLED
    assert [m.to for m in mail.outbox][-1] == [registration.email]


def test_cancel_registration_action_promotes_the_waitlist(staff_client):
    event = EventFactory(capacity=1)
    holder = services.register_user(event=event, user=UserFactory())
    waiting = services.register_user(event=event, user=UserFactory())
    action(staff_client, "registration", "cancel_registrations", [holder])
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_staff_cannot_cancel_a_registration_once_the_event_is_over(staff_client):
    event = EventFactory()
    registration = services.register_user(event=event, user=UserFactory(display_name="Ida"))
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(start=now - timedelta(hours=3), end=now)
    response = staff_client.post(
        "/admin/events/registration/",
        {"action": "cancel_registrations", "_selected_action": [registration.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Diese Veranstaltung ist vorbei." in page and "0 Anmeldungen storniert" in page
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_an_event_picture_needs_a_description(staff_client):
    upload = SimpleUploadedFile("bild.png", _png(), content_type="image/png")
    response = staff_client.post("/admin/events/event/add/", {**_event_form(), "image": upload})
    assert "Bitte beschreiben Sie das Bild" in response.content.decode()
    assert not Event.objects.exists()


def _event_form(**overrides):
    data = {
        "title": "Neues Forum",
        "slug": "neues-forum",
        "summary": "Kurz gesagt.",
        "description": "Mit *Markdown*.",
        "start_0": "2027-05-04",
        "start_1": "10:00",
        "end_0": "2027-05-04",
        "end_1": "16:00",
        "format": "vor-ort",
        "locality": "Leipzig",
        "capacity": "40",
        "cancellation_reason": "",
    }
    for prefix in ["agenda_items", "slides", "photos", "registrations"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_adding_an_event_renders_markdown_and_indexes_it(staff_client):
    response = staff_client.post("/admin/events/event/add/", _event_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="neues-forum")
    assert event.status == Event.Status.DRAFT
    assert event.description_html == "<p>Mit <em>Markdown</em>.</p>"
    assert event.search_text.startswith("Neues Forum")


def test_slides_must_be_a_pdf(staff_client):
    data = _event_form(
        **{"slides-TOTAL_FORMS": "1", "slides-0-title": "Folien", "slides-0-position": "0"}
    )
    fake = SimpleUploadedFile(
        "folien.pdf", b"<script>alert(1)</script>", content_type="application/pdf"
    )
    response = staff_client.post("/admin/events/event/add/", {**data, "slides-0-file": fake})
    assert response.status_code == 200
    assert "PDF" in response.content.decode()
    assert not Event.objects.filter(slug="neues-forum").exists()
    broken = SimpleUploadedFile(
        "folien.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", content_type="application/pdf"
    )
    response = staff_client.post("/admin/events/event/add/", {**data, "slides-0-file": broken})
    assert response.status_code == 200
    assert "konnte nicht als PDF gelesen werden" in response.content.decode()
    real = SimpleUploadedFile("folien", pdf_bytes(), content_type="application/pdf")
    response = staff_client.post("/admin/events/event/add/", {**data, "slides-0-file": real})
    assert response.status_code == 302
    slides = Event.objects.get(slug="neues-forum").slides.get()
    assert slides.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    "content",
    [
        pdf_bytes(html=True, comment=b"%" + POLYGLOT_HTML + b"\n", tail=POLYGLOT_HTML),
        pdf_bytes(active=True),
    ],
    ids=["html-pdf-polyglot", "javascript"],
)
def test_slides_are_stored_without_markup_or_javascript(staff_client, content):
    import pikepdf

    data = _event_form(
        **{"slides-TOTAL_FORMS": "1", "slides-0-title": "Folien", "slides-0-position": "0"}
    )
    upload = SimpleUploadedFile("folien.pdf", content, content_type="application/pdf")
    response = staff_client.post("/admin/events/event/add/", {**data, "slides-0-file": upload})
    assert response.status_code == 302
    slides = Event.objects.get(slug="neues-forum").slides.get()
    with slides.file.open("rb") as stored_file:
        stored = stored_file.read()
    assert b"<html" not in stored.lower() and b"<script" not in stored.lower()
    assert b"/JS" not in stored and active_content(stored) == []
    with pikepdf.open(io.BytesIO(stored)) as pdf:  # still the slides, with their web link
        assert len(pdf.pages) == 1
        links = [str(a.A.URI) for a in pdf.pages[0].Annots if "/A" in a and "/URI" in a.A]
        assert links == ["https://sozial-innovativ.example/"]


def test_event_cannot_end_before_it_starts(staff_client):
    response = staff_client.post("/admin/events/event/add/", _event_form(end_0="2027-05-03"))
    assert response.status_code == 200
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"slug": "reihe"}, "Diese Adresse ist reserviert"),
        (
            {
                "registration_opens_at_0": "2027-04-10",
                "registration_opens_at_1": "10:00",
                "registration_closes_at_0": "2027-04-01",
                "registration_closes_at_1": "10:00",
            },
            "Der Anmeldeschluss muss nach dem Anmeldebeginn liegen",
        ),
        ({"format": "online", "locality": ""}, "brauchen einen Online-Link"),
        (
            {
                "agenda_items-TOTAL_FORMS": "1",
                "agenda_items-0-title": "Begrüßung",
                "agenda_items-0-starts_at_0": "2027-05-04",
                "agenda_items-0-starts_at_1": "11:00",
                "agenda_items-0-ends_at_0": "2027-05-04",
                "agenda_items-0-ends_at_1": "10:30",
            },
            "Ein Programmpunkt kann nicht vor seinem Beginn enden",
        ),
    ],
    ids=["reserved-slug", "closes-before-opens", "online-without-link", "agenda-backwards"],
)
def test_an_event_with_contradicting_details_is_refused(staff_client, overrides, message):
    response = staff_client.post("/admin/events/event/add/", _event_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_the_event_form_names_each_photo_by_its_description(staff_client):
    event = EventFactory()
    Photo.objects.create(
        event=event, alt_text="Gruppenbild im Rathaus", image=ContentFile(b"x", name="a.webp")
    )
    page = staff_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert re.search(r'class="original">\s*<p>\s*Gruppenbild im Rathaus', page)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def test_saving_an_event_again_keeps_its_slides_and_photos(staff_client):
    from events.models import Slides

    staff_client.post("/admin/events/event/add/", _event_form())
    event = Event.objects.get(slug="neues-forum")
    slides = Slides.objects.create(
        event=event, title="Folien", file=ContentFile(pdf_bytes(), name="folien.pdf")
    )
    photo = Photo.objects.create(
        event=event, alt_text="Gruppenbild", image=ContentFile(_png(), name="bild.png")
    )
    stored = (slides.file.name, photo.image.name)
    form = _event_form(
        **{
            "slides-TOTAL_FORMS": "1",
            "slides-INITIAL_FORMS": "1",
            "slides-0-id": slides.pk,
            "slides-0-event": event.pk,
            "slides-0-title": "Folien, überarbeitet",
            "slides-0-position": "0",
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "1",
            "photos-0-id": photo.pk,
            "photos-0-event": event.pk,
            "photos-0-alt_text": "Gruppenbild im Saal",
            "photos-0-position": "0",
        }
    )
    response = staff_client.post(f"/admin/events/event/{event.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    slides.refresh_from_db()
    photo.refresh_from_db()
    assert (slides.file.name, photo.image.name) == stored
    assert (slides.title, photo.alt_text) == ("Folien, überarbeitet", "Gruppenbild im Saal")
