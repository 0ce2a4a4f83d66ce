"""XSS payloads and malicious uploads: nothing executes, nothing harmful is stored."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projects import services
from projects.forms import ProjectForm
from projects.models import CallRound, FundingProgramme
from zukunftsplattform.images import MAX_PIXELS

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "[klick](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    '"><script>alert(1)</script>',
    "<style>body{display:none}</style>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<div style="position:fixed;top:0">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


class ElementCollector(HTMLParser):
    """The elements and attributes a browser would build from the HTML (text stays text)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg" and dict(attrs).get("class") == "saxony-map__svg":
            pass  # the portal's own map of the project's district (taxonomy/maps.py)
        elif tag in {"script", "iframe", "svg", "math", "style", "object", "embed"}:
            self.found.append(tag)
        if tag == "img" and not dict(attrs).get("src", "").startswith("/"):
            self.found.append("foreign img")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:")
            ):
                self.found.append(f"{tag}[{name}={value}]")


def dangerous(html: str) -> list[str]:
    collector = ElementCollector()
    collector.feed(html)
    return collector.found


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_every_text_field_is_rendered_harmless(client, owner, moderator, payload):
    text_fields = [
        "summary",
        "challenge",
        "approach",
        "impact_reached",
        "impact_outcomes",
        "place",
        "needs_note",
        "offers_note",
        "contact_phone",
    ]
    limits = {"place": 100, "contact_phone": 40}
    data = {field: payload[: limits.get(field, 300)] for field in text_fields}
    # Programme and call round are names staff maintain: shown as text all the same.
    data["funding_programme"] = FundingProgramme.objects.create(name=payload[:200])
    data["call_round"] = CallRound.objects.create(
        programme=data["funding_programme"], name=payload[:100]
    )
    data["title"] = f"Titel {payload}"[:120]
    project = services.create_project(owner=owner, data={**data, "region": "dresden", "topics": []})
    services.submit_project(project=project, user=owner)
    services.publish_project(project=project, moderator=moderator)
    services.set_best_practice(
        project=project,
        moderator=moderator,
        story={"story_what_worked": payload, "story_lessons": payload, "story_transfer": payload},
    )
    main = re.compile(r"<main.*</main>", re.S)
    for path in [f"/projekte/{project.slug}/", "/projekte/", "/gute-praxis/", "/"]:
        html = main.search(client.get(path).content.decode()).group(0)
        assert dangerous(html) == [], (path, payload)
    assert "<script" not in client.get("/feeds/projekte/rss/").content.decode().replace(
        "&lt;script", ""
    )


def png_bytes(size=(300, 200), fmt="PNG", **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def form_with(**files):
    data = {
        "title": "Mit Bild",
        "stage": "idee",
        "logo_alt": "Logo des Projekts",
        "cover_alt": "Menschen im Garten",
        "logo_rights": "on",
        "cover_rights": "on",
    }
    return ProjectForm(data=data, files={k: SimpleUploadedFile(*v) for k, v in files.items()})


def test_valid_image_is_reencoded_resized_and_stripped_of_metadata(owner):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 3.0, 0.0)}  # GPS IFD
    exif[0x010F] = "Kamerahersteller"
    jpeg = io.BytesIO()
    Image.new("RGB", (3000, 2000), (10, 120, 60)).save(jpeg, format="JPEG", exif=exif)
    form = form_with(cover=("foto.jpg", jpeg.getvalue(), "image/jpeg"))
    assert form.is_valid(), form.errors
    project = services.create_project(owner=owner, data=form.cleaned_data)
    with project.cover.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "WEBP"
        assert image.size == (1350, 900)
        assert not image.getexif()
    assert project.cover_card.name.endswith(".webp")
    with Image.open(project.cover_card.path) as card:
        assert card.size == (540, 360)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("logo", "Bitte beschreiben Sie das Logo für Menschen, die es nicht sehen können."),
        ("cover", "Bitte beschreiben Sie das Projektbild für Menschen, die es nicht sehen können."),
    ],
)
def test_image_needs_alt_text(owner, field, message):
    form = ProjectForm(
        data={"title": "Ohne Alt", "stage": "idee"},
        files={field: SimpleUploadedFile(f"{field}.png", png_bytes(), "image/png")},
    )
    assert not form.is_valid()
    assert form.errors[f"{field}_alt"] == [message]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bild.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "PNG, JPEG oder WebP",
        ),
        ("bild.png", b"GIF89a" + b"\x00" * 100, "PNG, JPEG oder WebP"),
        ("bild.png", b"<html><script>alert(1)</script></html>", "nicht als Bild gelesen"),
        ("bild.gif", None, "PNG, JPEG oder WebP"),
        ("riesig.png", "bomb", "zu viele Pixel"),
        ("kaputt.jpg", png_bytes(fmt="JPEG")[:200], "nicht als Bild gelesen"),
    ],
)
def test_malicious_or_unsupported_uploads_are_refused_with_a_clear_message(name, content, message):
    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, format="GIF")
        content = buffer.getvalue()
    if content == "bomb":
        buffer = io.BytesIO()
        side = int(MAX_PIXELS**0.5) + 2000
        Image.new("1", (side, side)).save(buffer, format="PNG", optimize=True)
        content = buffer.getvalue()
    form = form_with(logo=(name, content, "image/png"))
    assert not form.is_valid()
    assert message in " ".join(form.errors["logo"])


def test_wrong_extension_is_judged_by_content_and_polyglot_tail_is_dropped(owner):
    payload = png_bytes() + b"<script>alert(1)</script>"
    form = form_with(logo=("logo.jpg", payload, "image/jpeg"))
    assert form.is_valid(), form.errors
    project = services.create_project(owner=owner, data=form.cleaned_data)
    with project.logo.open("rb") as logo:
        stored = logo.read()
    assert b"<script>" not in stored
    assert stored[:4] == b"RIFF" and stored[8:12] == b"WEBP"


def test_oversized_file_is_refused(settings):
    form = form_with(logo=("gross.png", b"\x89PNG" + b"0" * (9 * 1024 * 1024), "image/png"))
    assert not form.is_valid()
    assert "größer als 8 MB" in " ".join(form.errors["logo"])
