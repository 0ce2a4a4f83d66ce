"""Malicious uploads into every image and file field: refused with a clear message, or cleaned."""

import io
import re

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import modelform_factory
from PIL import Image

from events.forms import EventImageFormMixin, PhotoForm, SlidesForm
from events.models import Event, Photo, Slides
from network.admin import PersonAdminForm
from network.forms import OrganisationForm, PersonForm
from network.organisation_admin import OrganisationAdminForm
from tests.events.factories import (
    POLYGLOT_HTML,
    EventFactory,
    active_content,
    encrypted_pdf_bytes,
)
from tests.events.factories import pdf_bytes as slide_pdf
from tests.hostile.corpus import HOSTILE_TEXT, assert_harmless
from tests.network.factories import PersonFactory
from zukunftsplattform.images import MAX_PIXELS, MAX_SIDE

pytestmark = pytest.mark.django_db


# --- Malicious uploads into every image and file field ----------------------------------------


def _bytes(fmt="PNG", size=(300, 200), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 1 if mode == "1" else (200, 30, 30)).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 3.0, 0.0), 3: "E", 4: (13.0, 44.0, 0.0)}  # GPS IFD
    exif[0x010F] = "Kamerahersteller"
    return _bytes("JPEG", (2400, 1600), exif=exif)


def _bomb() -> bytes:
    side = int(MAX_PIXELS**0.5) + 2000
    return _bytes("PNG", (side, side), mode="1", optimize=True)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
# Any of these tells the person what was wrong (ours, or Django's for model image fields,
# which open the file before our check does).
NOT_AN_IMAGE = ("PNG, JPEG oder WebP", "nicht als Bild gelesen", "gültiges Bild")
TOO_MANY_PIXELS = ("zu viele Pixel", "gültiges Bild")
# Model image fields (admin) also refuse unknown extensions; the others judge by content.
EXTENSION_OR_CLEANED = ("Dateiendung",)

# (case, file name, content, refusal phrases, or None when the file must be cleaned)
IMAGE_UPLOADS = [
    ("svg-with-script", "bild.svg", lambda: SVG, NOT_AN_IMAGE),
    ("svg-named-png", "bild.png", lambda: SVG, NOT_AN_IMAGE),
    ("gif-named-png", "bild.png", lambda: _bytes("GIF", (10, 10)), NOT_AN_IMAGE),
    ("html-named-png", "bild.png", lambda: b"<html><script>alert(1)</script></html>", NOT_AN_IMAGE),
    ("truncated-jpeg", "kaputt.jpg", lambda: _bytes("JPEG")[:200], NOT_AN_IMAGE),
    ("decompression-bomb", "riesig.png", _bomb, TOO_MANY_PIXELS),
    ("too-wide", "streifen.png", lambda: _bytes("PNG", (MAX_SIDE + 1, 1), mode="1"), TOO_MANY_PIXELS),
    ("over-8-mb", "gross.png", lambda: b"\x89PNG" + b"0" * (9 * 1024 * 1024), ("größer als 8 MB", "gültiges Bild")),
    ("polyglot-tail", "logo.jpg", lambda: _bytes() + b"<script>alert(1)</script>", None),
    ("webp-named-gif", "foto.gif", lambda: _bytes("WEBP"), None),
    ("png-named-exe", "foto.exe", _bytes, EXTENSION_OR_CLEANED),
    ("exif-gps", "urlaub.jpg", _jpeg_with_gps, None),
    ("large-but-allowed", "breit.png", lambda: _bytes("PNG", (6000, 2000), mode="1"), None),
    ("path-in-name", "../../../etc/passwd.png", lambda: _bytes(), None),
    ("nul-in-name", "bild\x00.php.png", lambda: _bytes(), None),
]  # fmt: skip


#: Every upload box ticked “I have the right to publish this image” (each form reads its own).
RIGHTS = {"logo_rights": "on", "photo_rights": "on", "image_rights": "on"}


def _organisation_member_form(upload):
    data = {"name": "Verein", "kind": "verein", "logo_alt": "Logo des Vereins", **RIGHTS}
    return OrganisationForm(data=data, files={"logo": upload}), "logo"


def _organisation_admin_form(upload):
    data = {"name": "Verein", "slug": "verein", "kind": "verein", "logo_alt": "Logo", **RIGHTS}
    return OrganisationAdminForm(data=data, files={"logo": upload}), "logo"


def _person_own_form(upload):
    return PersonForm(
        data={"name": "Lina", "photo_alt": "Porträt", **RIGHTS}, files={"photo": upload}
    ), "photo"


def _person_admin_form(upload):
    data = {"name": "Lina", "slug": "lina", "language": "de", "photo_alt": "Porträt", **RIGHTS}
    return PersonAdminForm(data=data, files={"photo": upload}), "photo"


def _event_photo_form(upload):
    form_class = modelform_factory(
        Photo, form=PhotoForm, fields=["image", "alt_text", "caption", "position"]
    )
    event = EventFactory(past=True)
    data = {"alt_text": "Publikum im Saal", "position": 0, **RIGHTS}
    return form_class(data=data, files={"image": upload}, instance=Photo(event=event)), "image"


def _event_image_form(upload):
    """The event's own picture, as the event admin's form cleans it."""
    form_class = modelform_factory(
        Event,
        form=type("EventImageForm", (EventImageFormMixin, forms.ModelForm), {}),
        fields=["image", "image_alt"],
    )
    data = {"image_alt": "Menschen im Gespräch", **RIGHTS}
    return form_class(data=data, files={"image": upload}, instance=EventFactory()), "image"


IMAGE_TARGETS = {
    "organisation-logo-member": _organisation_member_form,
    "organisation-logo-admin": _organisation_admin_form,
    "person-photo-own": _person_own_form,
    "person-photo-admin": _person_admin_form,
    "event-photo-admin": _event_photo_form,
    "event-image-admin": _event_image_form,
}


def _stored_bytes(value) -> bytes:
    value.seek(0)
    return value.read()


@pytest.mark.parametrize("target", list(IMAGE_TARGETS))
@pytest.mark.parametrize(
    ("name", "content", "refusal"),
    [case[1:] for case in IMAGE_UPLOADS],
    ids=[case[0] for case in IMAGE_UPLOADS],
)
def test_malicious_image_upload_is_refused_or_cleaned(target, name, content, refusal):
    form, field = IMAGE_TARGETS[target](SimpleUploadedFile(name, content(), "image/png"))
    if refusal and not (refusal is EXTENSION_OR_CLEANED and form.is_valid()):
        assert not form.is_valid()
        message = " ".join(form.errors[field])
        assert any(phrase in message for phrase in refusal), message
        return
    assert form.is_valid(), form.errors
    stored = _stored_bytes(form.cleaned_data[field])
    assert stored[:4] == b"RIFF" and stored[8:12] == b"WEBP"
    assert b"<script" not in stored
    assert re.fullmatch(r"[0-9a-f]{32}\.webp", form.cleaned_data[field].name)
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert "exif" not in image.info and "xmp" not in image.info
        assert max(image.size) <= 1600


@pytest.fixture
def media_served(settings):
    """Uploads land where /media/ is served from (fixed when the URLconf was first loaded,
    possibly under another test's MEDIA_ROOT)."""
    from django.urls import resolve

    settings.MEDIA_ROOT = resolve(f"{settings.MEDIA_URL}x").kwargs["document_root"]


def test_cleaned_person_photo_reaches_the_page_without_metadata(client, user, media_served):
    person = PersonFactory(name="Lina Linked", user=user, consent=True)
    client.force_login(user)
    response = client.post(
        f"/netzwerk/personen/{person.slug}/bearbeiten/",
        {"name": "Lina Linked", "photo_alt": "Porträt", **RIGHTS, "photo": SimpleUploadedFile(
            "urlaub.jpg", _jpeg_with_gps() + b"<script>alert(1)</script>", "image/jpeg")},
    )  # fmt: skip
    assert response.status_code == 302
    person.refresh_from_db()
    served = client.get(person.photo.url)
    body = b"".join(served.streaming_content)
    served.close()
    assert served["Content-Type"] == "image/webp"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"<script" not in body and b"Kamerahersteller" not in body
    with Image.open(io.BytesIO(body)) as image:
        assert not image.getexif()


def pdf_bytes(tail: bytes = b"") -> bytes:
    return slide_pdf(tail=tail)


NOT_A_PDF = "nicht als PDF gelesen"
# (case, file name, content, refusal phrase or None when accepted, stored name ends with)
SLIDE_UPLOADS = [
    ("svg-named-pdf", "folien.pdf", lambda: SVG, "PDF-Datei", None),
    ("html-named-pdf", "folien.pdf", lambda: b"<html><script>alert(1)</script></html>", "PDF-Datei", None),
    ("html-before-header", "folien.pdf", lambda: POLYGLOT_HTML + pdf_bytes(), "PDF-Datei", None),
    ("png-named-pdf", "folien.pdf", _bytes, "PDF-Datei", None),
    ("empty", "folien.pdf", lambda: b"", "", None),
    ("over-20-mb", "gross.pdf", lambda: pdf_bytes(b"0" * (21 * 1024 * 1024)), "größer als 20 MB", None),
    ("header-only", "folien.pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", NOT_A_PDF, None),
    ("truncated", "folien.pdf", lambda: pdf_bytes()[:400], NOT_A_PDF, None),
    ("broken-xref", "folien.pdf", lambda: pdf_bytes().replace(b"0000000", b"0000001", 3), NOT_A_PDF, None),
    ("password", "folien.pdf", encrypted_pdf_bytes, "Passwort", None),
    ("pdf-named-exe", "folien.exe", pdf_bytes, None, ".exe.pdf"),
    ("pdf-named-html", "folien.html", pdf_bytes, None, ".html.pdf"),
    ("pdf-with-html-tail", "folien.pdf", lambda: pdf_bytes(b"<script>alert(1)</script>"), None, ".pdf"),
    ("html-pdf-polyglot", "folien.pdf", lambda: slide_pdf(
        html=True, comment=b"%" + POLYGLOT_HTML + b"\n", tail=POLYGLOT_HTML), None, ".pdf"),
    ("pdf-with-javascript", "folien.pdf", lambda: slide_pdf(active=True), None, ".pdf"),
    ("path-in-name", "../../etc/folien.pdf", pdf_bytes, None, ".pdf"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "refusal", "suffix"),
    [case[1:] for case in SLIDE_UPLOADS],
    ids=[case[0] for case in SLIDE_UPLOADS],
)
def test_malicious_slides_are_refused_or_stored_as_pdf(
    client, media_served, name, content, refusal, suffix
):
    form_class = modelform_factory(Slides, form=SlidesForm, fields=["title", "file", "position"])
    event = EventFactory(past=True)
    upload = SimpleUploadedFile(name, content(), "application/pdf")
    form = form_class(
        data={"title": "Folien", "position": 0},
        files={"file": upload},
        instance=Slides(event=event),
    )
    if refusal is not None:
        assert not form.is_valid()
        assert refusal in " ".join(form.errors["file"])
        return
    assert form.is_valid(), form.errors
    slides = form.save()
    assert slides.file.name.startswith("events/slides/") and ".." not in slides.file.name
    assert slides.file.name.endswith(suffix)
    # What is stored was written anew: no markup a browser could sniff, nothing that runs.
    slides.file.open("rb")
    stored = slides.file.read()
    slides.file.close()
    assert stored.startswith(b"%PDF-") and stored.rstrip().endswith(b"%%EOF")
    assert not re.search(rb"<\s*(html|script|body)", stored, re.IGNORECASE)
    assert b"/JS" not in stored and b"/JavaScript" not in stored
    assert active_content(stored) == []
    # Served as a PDF download that no browser may sniff into HTML.
    served = client.get(slides.file.url)
    served.close()
    assert served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"


# --- Behind the load balancer: whatever X-Forwarded-For says --------------------------------

HOSTILE_FORWARDED = [
    *HOSTILE_TEXT.values(),
    ", ".join(f"10.{n // 250}.{n % 250}.1" for n in range(2000)),  # a very long chain
    "::ffff:999.1.1.1",
    "[::1",
    "1.2.3.4:99999",
    "2001:db8::1%eth0",
    ",,,,",
    " ",
]


def test_hostile_forwarded_header_never_breaks_the_rate_limited_forms(client, user, settings):
    """From a trusted proxy, any header value gives an answer, never a 500."""
    settings.TRUSTED_PROXIES = ["10.250.0.1"]
    for n, forwarded in enumerate(HOSTILE_FORWARDED):
        for path, data in [
            ("/konto/login/", {"login": user.email, "password": "falsch"}),
            ("/kontakt/", {"message": f"Nachricht {n}"}),
        ]:
            response = client.post(
                path, data, REMOTE_ADDR="10.250.0.1", HTTP_X_FORWARDED_FOR=forwarded
            )
            assert response.status_code in {200, 302, 429}, (path, forwarded[:60])
            assert_harmless(response, f"{path} X-Forwarded-For {forwarded[:60]!r}")
