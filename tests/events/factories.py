import io
from datetime import datetime, timedelta

import factory
from django.utils import timezone

from events import services
from events.models import AgendaItem, Event, Registration, Series
from tests.factories import UserFactory


def berlin(*args) -> datetime:
    """An aware datetime in Saxony's local time."""
    return timezone.make_aware(datetime(*args))


def in_days(days: int, hour: int = 10) -> datetime:
    local = timezone.localtime() + timedelta(days=days)
    return timezone.make_aware(datetime(local.year, local.month, local.day, hour))


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = "Sozial. Innovativ. Sächsisch."
    slug = factory.Sequence(lambda n: f"reihe-{n}")
    summary = "Die Dialogreihe des Sozialministeriums."


class EventFactory(factory.django.DjangoModelFactory):
    """A published, upcoming event with open registration. ``draft=True`` for a draft."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Event.Status.DRAFT, published_at=None)
        cancelled = factory.Trait(
            status=Event.Status.CANCELLED, cancellation_reason="Krankheit im Team."
        )
        past = factory.Trait(
            start=factory.LazyFunction(lambda: in_days(-10)),
            end=factory.LazyAttribute(lambda o: o.start + timedelta(hours=6)),
        )

    title = factory.Sequence(lambda n: f"Dialogforum {n}")
    slug = factory.Sequence(lambda n: f"dialogforum-{n}")
    status = Event.Status.PUBLISHED
    summary = "Gute Ideen für den ländlichen Raum."
    description = "Wir sprechen über **Nachbarschaft** und Teilhabe."
    start = factory.LazyFunction(lambda: in_days(14))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=6))
    format = Event.Format.ON_SITE
    venue_name = "Kulturpalast"
    street_address = "Schloßstraße 2"
    postal_code = "01067"
    locality = "Dresden"
    capacity = 30
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):
        if create:
            services.save_event(event=obj)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda o: o.event.start)
    ends_at = factory.LazyAttribute(lambda o: o.event.start + timedelta(hours=1))
    title = factory.Sequence(lambda n: f"Impuls {n}")

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.speakers.set(extracted)

    @factory.post_generation
    def presented_projects(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.presented_projects.set(extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed guest registration, as the services would leave it."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Gast {n}")
    email = factory.Sequence(lambda n: f"gast{n}@example.org")
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


def fill(event, count: int) -> list[Registration]:
    """Confirmed registrations for ``count`` seats."""
    return RegistrationFactory.create_batch(count, event=event)


__all__ = ["UserFactory"]


# --- Slide PDFs -------------------------------------------------------------------------------

POLYGLOT_HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def pdf_bytes(*, active=False, html=False, comment=b"", tail=b"") -> bytes:
    """A one-page PDF with a correct cross-reference table, written by hand so that it can
    carry what a hostile author puts in: ``active`` adds JavaScript on opening and on the
    page, a launch action, an embedded file; ``html`` hides HTML in a content-stream
    comment, the document title and an attachment; ``comment`` goes right after the header,
    ``tail`` after ``%%EOF`` (both where HTML/PDF polyglots put their markup)."""
    content = b"BT /F1 24 Tf 60 500 Td (Folien) Tj ET"
    if html:
        content += b"\n% " + POLYGLOT_HTML
    catalog = b"<< /Type /Catalog /Pages 2 0 R"
    page_extra = b""
    if active:
        catalog += b" /OpenAction 6 0 R /Names << /JavaScript << /Names [(auf) 6 0 R] >>"
        catalog += b" /EmbeddedFiles << /Names [(seite.html) 8 0 R] >> >>"
        page_extra = b" /AA << /O 6 0 R >>"
    catalog += b" >>"
    objects = [
        catalog,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> /Annots [7 0 R 10 0 R]" + page_extra + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /S /JavaScript /JS (app.alert\\(document.cookie\\)) >>",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] "
        + (b"/A << /S /Launch /F (cmd.exe) >> >>" if active else b">>"),
        b"<< /Type /Filespec /F (seite.html) /EF << /F 9 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % len(POLYGLOT_HTML)
        + POLYGLOT_HTML
        + b"\nendstream",
        b"<< /Type /Annot /Subtype /Link /Rect [100 0 200 100] "
        b"/A << /S /URI /URI (https://sozial-innovativ.example/) >> >>",
        b"<< /Title (" + (POLYGLOT_HTML if html else b"Folien") + b") >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + comment)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, len(objects), xref)
    )
    return out.getvalue() + tail


def encrypted_pdf_bytes() -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes())) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user="geheim", owner="geheimer"))
    return out.getvalue()


def active_content(data: bytes) -> list[str]:
    """What in a PDF could run, start on its own or carry another file (empty: nothing)."""
    import pikepdf

    from zukunftsplattform.pdf import DANGEROUS_ACTIONS, DANGEROUS_KEYS

    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in [pdf.Root, *pdf.objects]:
            stack = [obj]
            while stack:
                item = stack.pop()
                if isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
                    for key in item.keys():  # noqa: SIM118 - a PDF dictionary
                        if key in DANGEROUS_KEYS:
                            found.append(key)
                        value = item.get(key)
                        if key == "/S" and str(value) in DANGEROUS_ACTIONS:
                            found.append(str(value))
                        elif (
                            isinstance(value, (pikepdf.Dictionary, pikepdf.Array))
                            and not value.is_indirect
                        ):
                            stack.append(value)
                elif isinstance(item, pikepdf.Array):
                    stack.extend(
                        v for v in item if isinstance(v, (pikepdf.Dictionary, pikepdf.Array))
                    )
        if "/Info" in pdf.trailer:
            found.append("/Info")
    return found
