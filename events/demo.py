"""The events part of the demo data: the dialogue series with three past and three upcoming events.

Load it after the network and projects: speakers come from people with a public profile,
presented and resulting projects from best-practice (else published) projects; with none
of either the events are still complete, just without those links. Dates are relative to
today, so the demo always has a past and a future. Registrations are written directly
(no mails go out for fictional people).
"""

import io
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from events import services
from events.forms import EVENT_IMAGE_RENDITION
from events.links import public_people
from events.models import AgendaItem, Event, Photo, Registration, Series, Slides
from projects.models import Project
from zukunftsplattform import illustrations
from zukunftsplattform.german import german_order
from zukunftsplattform.images import Rendition

SERIES_DESCRIPTION = """Die Dialogreihe des Sächsischen Staatsministeriums für Soziales, Gesundheit
und Gesellschaftlichen Zusammenhalt bringt Menschen zusammen, die Sachsen sozial innovativ
gestalten: aus Vereinen, Wohlfahrtsverbänden, Sozialunternehmen, Verwaltung und Forschung.

Jede Ausgabe findet in einer anderen Region statt, stellt Projekte vor und fragt: Was
können andere davon übernehmen?"""

# slug, title, days from today, start hour, hours, place data, topic, capacity, format
PAST = [
    (
        "dialog-dresden",
        "Sozial. Innovativ. Sächsisch. – Auftakt in Dresden",
        -75,
        {
            "venue_name": "Deutsches Hygiene-Museum",
            "street_address": "Lingnerplatz 1",
            "postal_code": "01069",
            "locality": "Dresden",
            "region": "dresden",
        },
        "Wie entsteht soziale Innovation? Der Auftakt der Dialogreihe mit Projekten aus der "
        "Landeshauptstadt und Gästen aus ganz Sachsen.",
        [
            "Ankommen und Begrüßung durch das Sozialministerium",
            "Impuls: Was ist soziale Innovation?",
            "Projekte stellen sich vor",
            "Werkstattgespräche in kleinen Runden",
        ],
    ),
    (
        "dialog-leipzig",
        "Sozial. Innovativ. Sächsisch. – Nachbarschaft in Leipzig",
        -40,
        {
            "venue_name": "Westwerk",
            "street_address": "Karl-Heine-Straße 85–93",
            "postal_code": "04229",
            "locality": "Leipzig",
            "region": "leipzig",
        },
        "Nachbarschaften stärken: Quartiersarbeit, Ehrenamt und neue Formen der Beteiligung "
        "in der wachsenden Stadt.",
        [
            "Begrüßung",
            "Impuls: Nachbarschaft als Infrastruktur",
            "Projektmarkt",
            "Podium: Was braucht Engagement?",
        ],
    ),
    (
        "dialog-weisswasser",
        "Sozial. Innovativ. Sächsisch. – Ländlicher Raum in Weißwasser",
        -12,
        {
            "venue_name": "Soziokulturelles Zentrum Telux",
            "street_address": "Berliner Straße 7",
            "postal_code": "02943",
            "locality": "Weißwasser/O.L.",
            "region": "goerlitz",
        },
        "Strukturwandel in der Lausitz: Wie soziale Innovationen Teilhabe und Versorgung im "
        "ländlichen Raum sichern.",
        [
            "Begrüßung durch die Stadt Weißwasser",
            "Impuls: Strukturwandel sozial gestalten",
            "Projekte aus der Lausitz",
            "Ergebnisrunde",
        ],
    ),
]

UPCOMING = [
    # slug, title, days ahead, place, summary, format, capacity, confirmed, waiting
    (
        "dialog-chemnitz",
        "Sozial. Innovativ. Sächsisch. – Kulturhauptstadt Chemnitz",
        21,
        {
            "venue_name": "Stadthalle Chemnitz",
            "street_address": "Theaterstraße 3",
            "postal_code": "09111",
            "locality": "Chemnitz",
            "region": "chemnitz",
        },
        "Kultur, Beteiligung und soziale Innovation: Was bleibt vom Kulturhauptstadtjahr für "
        "die soziale Arbeit?",
        Event.Format.HYBRID,
        80,
        31,
        0,
    ),
    (
        "dialog-goerlitz",
        "Sozial. Innovativ. Sächsisch. – Grenzenlos in Görlitz",
        35,
        {
            "venue_name": "Wichernhaus",
            "street_address": "Johannes-Wüsten-Straße 21",
            "postal_code": "02826",
            "locality": "Görlitz",
            "region": "goerlitz",
        },
        "Soziale Innovation über Grenzen: Kooperationen mit Polen und Tschechien in der "
        "Europastadt.",
        Event.Format.ON_SITE,
        25,
        23,
        0,
    ),
    (
        "werkstatt-wirkung-online",
        "Online-Werkstatt: Wirkung sichtbar machen",
        9,
        {},
        "Wie zeigen soziale Projekte ihre Wirkung? Eine praktische Online-Werkstatt mit "
        "Beispielen aus der Plattform.",
        Event.Format.ONLINE,
        20,
        20,
        4,
    ),
]

GUEST_NAMES = [
    "Anna Albrecht", "Bernd Bauer", "Cem Çelik", "Doreen Dietrich", "Elif Ekinci",
    "Frank Fischer", "Greta Görner", "Hanna Hoffmann", "Ilja Iwanow", "Jana Jäger",
    "Kai Krause", "Lena Lehmann", "Mira Müller", "Nils Neumann", "Olga Orlowa",
    "Paul Petzold", "Ronja Richter", "Sven Schulze", "Tina Thiele", "Uwe Ulbricht",
    "Vera Vogel", "Wiebke Wolf", "Yusuf Yıldız", "Zoe Zimmermann", "Alma Arnold",
    "Bodo Brandt", "Clara Conrad", "Dirk Dörfel", "Emma Engel", "Felix Franke",
    "Gitta Graf", "Hugo Hahn", "Ines Illing", "Jonas Jung", "Karla Kühn",
]  # fmt: skip


def _local(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _photo(seed: int) -> ContentFile:
    """A drawn picture of people meeting (zukunftsplattform.illustrations), re-encoded like
    every upload."""
    return illustrations.rendered(illustrations.cover(seed, 1600, 1200), Rendition(1600, 1200))


def _picture(event: Event, seed: int) -> None:
    """The event's own picture, drawn, in the rendition an admin upload gets."""
    event.image = illustrations.rendered(illustrations.cover(seed), EVENT_IMAGE_RENDITION)
    event.image_alt = "Zeichnung: Menschen treffen sich vor einer sächsischen Hügellandschaft"
    event.image_credit = illustrations.CREDIT


def _pdf(title: str) -> ContentFile:
    """A minimal one-page PDF with the title, so the slides link opens something real."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 24 Tf 60 700 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return ContentFile(out.getvalue(), name="folien.pdf")


def _guests(
    event, count: int, *, start: int = 0, status=Registration.Status.CONFIRMED, attended=None
):
    now = timezone.now()
    rows = []
    for n in range(count):
        name = GUEST_NAMES[(start + n) % len(GUEST_NAMES)]
        local = name.lower().replace(" ", ".").translate(str.maketrans("äöüßçıë", "aouscie"))
        rows.append(
            Registration(
                event=event,
                name=name,
                email=f"{local}.{event.pk}@demo.example",
                status=status,
                waitlist_number=n + 1 if status == Registration.Status.WAITLISTED else None,
                placed_at=now - timedelta(hours=count - n),
                confirmed_at=now if status == Registration.Status.CONFIRMED else None,
                photo_consent=n % 3 != 0,
                dietary_needs="vegetarisch" if n % 4 == 0 else "",
                accessibility_needs="Platz für einen Rollstuhl" if n % 9 == 0 else "",
                attended=attended if attended is None else (n % 7 != 0),
            )
        )
    Registration.objects.bulk_create(rows)


def _agenda(event, titles, speakers, projects):
    slot = (event.end - event.start) / len(titles)
    for index, title in enumerate(titles):
        item = AgendaItem.objects.create(
            event=event,
            starts_at=event.start + slot * index,
            ends_at=event.start + slot * (index + 1),
            title=title,
        )
        if speakers and index in (1, 3):
            item.speakers.set(speakers[index % len(speakers) :][:2] or speakers[:1])
        if projects and index == 2:
            item.presented_projects.set(projects[:2])


def _accessible(event, **extra):
    event.step_free_access = True
    event.hearing_loop = extra.get("hearing_loop", True)
    event.sign_language = extra.get("sign_language", False)
    event.quiet_room = extra.get("quiet_room", True)
    event.accessibility_notes = (
        "Der Veranstaltungsort ist stufenlos erreichbar, eine barrierefreie Toilette ist "
        "vorhanden. Fragen zur Barrierefreiheit beantwortet das Team unter "
        "veranstaltungen@zukunftsplattform.example."
    )


def load(*, innovator=None) -> str:
    """Create the dialogue series; return a line for the demo report."""
    series = Series.objects.create(
        title="Sozial. Innovativ. Sächsisch.",
        slug="sozial-innovativ-saechsisch",
        summary="Die Dialogreihe des Sozialministeriums – einmal im Quartal in einer anderen Region.",
        description=SERIES_DESCRIPTION,
    )
    services.render_series(series)
    series.save()

    speakers = list(public_people().order_by(*german_order("name"))[:8])
    projects = list(Project.objects.best_practice().order_by("-published_at", "pk")[:6])
    if len(projects) < 6:
        projects += list(
            Project.objects.published()
            .exclude(pk__in=[p.pk for p in projects])
            .order_by("pk")[: 6 - len(projects)]
        )

    for index, (slug, title, days, place, summary, agenda) in enumerate(PAST):
        event = Event(
            series=series,
            title=title,
            slug=slug,
            status=Event.Status.PUBLISHED,
            summary=summary,
            description=summary
            + "\n\nMit Impulsen, Projektvorstellungen und viel Zeit für Gespräche.",
            start=_local(days, 10),
            end=_local(days, 16),
            capacity=120,
            published_at=timezone.now() - timedelta(days=120 - index),
            documentation_summary=(
                f"Rund {70 + 10 * index} Teilnehmende diskutierten in {place['locality']} über "
                "Ideen, die den Alltag von Menschen spürbar verbessern. Drei Erkenntnisse "
                "nahmen viele mit: **Kooperation schlägt Konkurrenz**, Wirkung lässt sich auch "
                "klein messen, und gute Ideen brauchen verlässliche Räume."
            ),
            documentation_results=(
                "- Ein Netzwerktreffen der beteiligten Projekte findet künftig halbjährlich statt.\n"
                "- Drei Projekte haben eine Kooperation vereinbart.\n"
                "- Die Fragen aus den Werkstätten fließen in die nächste Förderrunde ein."
            ),
            **place,
        )
        _accessible(event, sign_language=index == 0)
        _picture(event, 200 + index)
        services.save_event(event=event)
        shift = index * 2
        _agenda(
            event,
            agenda,
            speakers[shift:] + speakers[:shift],
            projects[index * 2 :] + projects[: index * 2],
        )
        event.resulting_projects.set(projects[index * 2 : index * 2 + 2])
        Slides.objects.create(event=event, title=f"Folien: {agenda[1]}", file=_pdf(agenda[1]))
        Photo.objects.create(
            event=event,
            image=_photo(100 + index),
            alt_text="Zeichnung: Menschen im Gespräch vor einer Hügellandschaft",
            caption=f"{place['locality']}: Gespräche im Werkstattformat",
            credit=illustrations.CREDIT,
        )
        _guests(event, 18, start=index * 5, attended=True)
        services.refresh_search(event)

    for index, (
        slug,
        title,
        days,
        place,
        summary,
        format,
        capacity,
        confirmed,
        waiting,
    ) in enumerate(UPCOMING):
        event = Event(
            series=series,
            title=title,
            slug=slug,
            status=Event.Status.PUBLISHED,
            summary=summary,
            description=summary + "\n\nDie Teilnahme ist kostenfrei. Bitte melden Sie sich an.",
            start=_local(days, 10 if format != Event.Format.ONLINE else 15),
            end=_local(days, 16 if format != Event.Format.ONLINE else 17),
            format=format,
            online_url="https://konferenz.zukunftsplattform.example/raum/" + slug
            if format != Event.Format.ON_SITE
            else "",
            capacity=capacity,
            registration_closes_at=_local(days - 2, 12),
            published_at=timezone.now() - timedelta(days=30 - days // 10),
            **place,
        )
        if format != Event.Format.ONLINE:
            _accessible(event, sign_language=True)
        _picture(event, 210 + index)
        services.save_event(event=event)
        _agenda(
            event,
            ["Begrüßung", "Impuls", "Projekte im Gespräch", "Austausch und Ausblick"],
            speakers,
            projects,
        )
        _guests(event, confirmed)
        if waiting:
            _guests(event, waiting, start=confirmed, status=Registration.Status.WAITLISTED)
        services.refresh_search(event)

    if innovator is not None:
        chemnitz = Event.objects.get(slug="dialog-chemnitz")
        services.register_user(
            event=chemnitz, user=innovator, dietary_needs="vegan", photo_consent=True
        )

    return (
        f"  Events: series “{series.title}” with {len(PAST)} past and {len(UPCOMING)} upcoming "
        f"events ({len(speakers)} speakers, {len(projects)} linked projects)."
    )
