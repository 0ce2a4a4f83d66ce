"""Fictional but realistic Saxon projects for the demo data set."""

import io
from datetime import timedelta

from django.utils import timezone
from PIL import Image

from projects import services
from projects.forms import COVER
from projects.models import Project, ProjectMembership
from taxonomy.public import SupportCategory, TargetGroup, Topic
from zukunftsplattform import illustrations
from zukunftsplattform.images import render

# title, summary, region, place, stage, topics, target groups, needs, offers
PROJECTS = [
    (
        "Dorfladen Plus",
        "Ein genossenschaftlicher Dorfladen, der zugleich Treffpunkt, Paketstation und Sprechstunde der Gemeindeschwester ist.",
        "mittelsachsen",
        "Rossau",
        "umsetzung",
        ["laendlicher-raum", "nachbarschaft", "alter"],
        ["aeltere", "familien"],
        ["ehrenamtliche", "digitales"],
        ["transfer", "beratung"],
    ),
    (
        "Pflege-Lotsen Lausitz",
        "Ehrenamtliche Lots*innen begleiten pflegende Angehörige durch Anträge, Angebote und schwere Wochen.",
        "goerlitz",
        "Weißwasser",
        "erprobung",
        ["pflege", "nachbarschaft"],
        ["pflegende", "aeltere"],
        ["finanzierung", "qualifizierung"],
        ["mentoring"],
    ),
    (
        "Kiezküche Leipzig-Grünau",
        "Gemeinsam kochen, essen und reden: eine offene Küche gegen Einsamkeit im Plattenbauviertel.",
        "leipzig",
        "Grünau",
        "verbreitung",
        ["nachbarschaft", "armut"],
        ["aeltere", "alleinerziehende"],
        ["raeume", "sichtbarkeit"],
        ["ehrenamtliche", "transfer"],
    ),
    (
        "Digitale Sprechstunde für Senior*innen",
        "Jugendliche erklären Älteren Smartphone, Online-Banking und Videotelefonie – in der Bibliothek um die Ecke.",
        "dresden",
        "Dresden-Prohlis",
        "umsetzung",
        ["digitalisierung", "alter", "bildung"],
        ["aeltere", "jugendliche"],
        ["raeume", "digitales"],
        ["qualifizierung"],
    ),
    (
        "Werkstatt Zukunft Vogtland",
        "Eine offene Holz- und Reparaturwerkstatt, in der Langzeitarbeitslose Fähigkeiten zeigen und Aufträge annehmen.",
        "vogtlandkreis",
        "Plauen",
        "erprobung",
        ["arbeit", "klima"],
        ["arbeitsuchende"],
        ["kooperation", "finanzierung"],
        ["raeume", "qualifizierung"],
    ),
    (
        "Bürgerbus Erzgebirge",
        "Ehrenamtliche fahren einen Kleinbus durch Dörfer ohne Nahverkehr – zum Arzt, zum Einkauf, zum Verein.",
        "erzgebirgskreis",
        "Marienberg",
        "verbreitung",
        ["laendlicher-raum", "alter"],
        ["aeltere", "behinderung"],
        ["ehrenamtliche"],
        ["transfer", "beratung"],
    ),
    (
        "Sprachcafé Chemnitz",
        "Neu Zugewanderte und Alteingesessene üben Deutsch im Gespräch – und lernen dabei die Stadt kennen.",
        "chemnitz",
        "Chemnitz-Sonnenberg",
        "umsetzung",
        ["integration", "bildung"],
        ["zugewanderte"],
        ["ehrenamtliche", "raeume"],
        ["kooperation"],
    ),
    (
        "Familienzeit Nordsachsen",
        "Mobile Familienberatung im Kleinbus, die dorthin kommt, wo es keine Beratungsstelle gibt.",
        "nordsachsen",
        "Torgau",
        "erprobung",
        ["familie", "laendlicher-raum"],
        ["familien", "alleinerziehende"],
        ["finanzierung", "forschung"],
        ["beratung"],
    ),
    (
        "Inklusive Gärtnerei Meißen",
        "Menschen mit und ohne Behinderung bauen gemeinsam Gemüse an und verkaufen es auf dem Wochenmarkt.",
        "meissen",
        "Coswig",
        "verbreitung",
        ["inklusion", "arbeit", "klima"],
        ["behinderung"],
        ["sichtbarkeit"],
        ["transfer", "raeume"],
    ),
    (
        "Azubi-WG Zwickau",
        "Günstiges, begleitetes Wohnen für Auszubildende aus dem ländlichen Raum, damit niemand die Lehre abbricht.",
        "zwickau",
        "Zwickau",
        "umsetzung",
        ["arbeit", "familie", "armut"],
        ["jugendliche"],
        ["finanzierung", "kooperation"],
        ["beratung"],
    ),
    (
        "Nachbarschaftshilfe per App",
        "Eine datensparsame App verbindet Menschen, die Hilfe brauchen, mit Nachbar*innen, die helfen wollen.",
        "landkreis-leipzig",
        "Borna",
        "idee",
        ["digitalisierung", "nachbarschaft"],
        ["aeltere", "familien"],
        ["digitales", "finanzierung", "mentoring"],
        [],
    ),
    (
        "Elbsandstein inklusiv",
        "Barrierefreie Wanderangebote und geschulte Wanderbegleiter*innen in der Sächsischen Schweiz.",
        "saechsische-schweiz-osterzgebirge",
        "Bad Schandau",
        "erprobung",
        ["inklusion", "laendlicher-raum"],
        ["behinderung", "aeltere"],
        ["sichtbarkeit", "kooperation"],
        ["qualifizierung"],
    ),
    (
        "Oberlausitzer Generationenhaus",
        "Kita, Tagespflege und Café unter einem Dach: Jung und Alt begegnen sich jeden Tag.",
        "bautzen",
        "Kamenz",
        "verbreitung",
        ["alter", "familie", "nachbarschaft"],
        ["kinder", "aeltere"],
        ["forschung"],
        ["transfer", "raeume", "beratung"],
    ),
    (
        "Schulden-Kompass",
        "Niedrigschwellige Schuldnerberatung per Telefon und Chat für Menschen, die sich nicht in eine Beratungsstelle trauen.",
        "dresden",
        "Dresden",
        "umsetzung",
        ["armut", "digitalisierung"],
        ["alleinerziehende", "arbeitsuchende"],
        ["finanzierung", "sichtbarkeit"],
        ["beratung"],
    ),
    (
        "Jugendrat Mittelsachsen",
        "Jugendliche beraten den Kreistag und setzen mit einem eigenen Budget Ideen für ihre Orte um.",
        "mittelsachsen",
        "Freiberg",
        "erprobung",
        ["familie", "laendlicher-raum"],
        ["jugendliche"],
        ["mentoring", "sichtbarkeit"],
        ["kooperation"],
    ),
    (
        "Pflege-WG Sonnenhof",
        "Eine selbstverwaltete Wohngemeinschaft für Menschen mit Demenz mitten im Dorf.",
        "erzgebirgskreis",
        "Annaberg-Buchholz",
        "umsetzung",
        ["pflege", "alter"],
        ["aeltere", "pflegende"],
        ["ehrenamtliche", "beratung"],
        ["transfer"],
    ),
    (
        "Ankommenspat*innen Görlitz",
        "Pat*innen begleiten geflüchtete Familien im ersten Jahr bei Behörden, Schule und Arzt.",
        "goerlitz",
        "Görlitz",
        "verbreitung",
        ["integration", "familie"],
        ["zugewanderte", "familien"],
        ["ehrenamtliche", "qualifizierung"],
        ["mentoring"],
    ),
    (
        "Repair-Café-Netz Leipzig",
        "Ein Netzwerk von zwölf Repair-Cafés teilt Werkzeug, Wissen und Termine.",
        "leipzig",
        "Leipzig",
        "verbreitung",
        ["klima", "nachbarschaft"],
        ["fachkraefte", "aeltere"],
        ["raeume"],
        ["qualifizierung", "kooperation"],
    ),
    (
        "Mobile Jugendarbeit Vogtland",
        "Streetworker*innen fahren mit einem umgebauten Bus zu den Treffpunkten Jugendlicher in den Dörfern.",
        "vogtlandkreis",
        "Oelsnitz",
        "umsetzung",
        ["familie", "laendlicher-raum"],
        ["jugendliche"],
        ["finanzierung"],
        ["beratung"],
    ),
    (
        "Lernpat*innen Chemnitz",
        "Studierende unterstützen Grundschulkinder beim Lesen und Rechnen – einmal pro Woche, ein ganzes Jahr.",
        "chemnitz",
        "Chemnitz",
        "verbreitung",
        ["bildung", "familie"],
        ["kinder"],
        ["ehrenamtliche"],
        ["mentoring", "transfer"],
    ),
    (
        "Gemeinschaftshof Elbtal",
        "Ein alter Vierseithof wird zum Ort für solidarische Landwirtschaft, Werkstätten und Kultur.",
        "meissen",
        "Diera-Zehren",
        "idee",
        ["klima", "laendlicher-raum", "nachbarschaft"],
        ["familien"],
        ["finanzierung", "beratung", "kooperation"],
        [],
    ),
    (
        "Arbeit inklusiv Bautzen",
        "Ein Jobcoaching, das Menschen mit Behinderung in reguläre Betriebe vermittelt und die Betriebe begleitet.",
        "bautzen",
        "Bautzen",
        "umsetzung",
        ["inklusion", "arbeit"],
        ["behinderung", "arbeitsuchende"],
        ["kooperation", "sichtbarkeit"],
        ["beratung"],
    ),
    (
        "Alleinerziehende stärken Zwickau",
        "Kinderbetreuung zu Randzeiten, damit Alleinerziehende Schichtarbeit annehmen können.",
        "zwickau",
        "Werdau",
        "erprobung",
        ["familie", "arbeit"],
        ["alleinerziehende", "kinder"],
        ["finanzierung", "ehrenamtliche", "raeume"],
        [],
    ),
    (
        "Dorfgemeinschaft digital",
        "Ein Dorf-WLAN und ein Dorf-Portal machen Termine, Mitfahrgelegenheiten und Nachbarschaftshilfe sichtbar.",
        "nordsachsen",
        "Bad Düben",
        "erprobung",
        ["digitalisierung", "laendlicher-raum"],
        ["aeltere", "familien"],
        ["digitales", "mentoring"],
        ["transfer"],
    ),
    (
        "Gesund im Quartier",
        "Gesundheitslots*innen aus der Nachbarschaft erklären das Gesundheitssystem in zwölf Sprachen.",
        "leipzig",
        "Leipzig-Volkmarsdorf",
        "umsetzung",
        ["pflege", "integration"],
        ["zugewanderte", "familien"],
        ["forschung", "finanzierung"],
        ["qualifizierung"],
    ),
    (
        "Seniorengenossenschaft Osterzgebirge",
        "Ältere helfen Älteren und sammeln dafür Zeitgutschriften für später.",
        "saechsische-schweiz-osterzgebirge",
        "Dippoldiswalde",
        "verbreitung",
        ["alter", "nachbarschaft"],
        ["aeltere"],
        ["digitales"],
        ["transfer", "beratung"],
    ),
    (
        "Klimawerkstatt Schule",
        "Schüler*innen messen den Energieverbrauch ihrer Schule und setzen Einsparideen selbst um.",
        "landkreis-leipzig",
        "Grimma",
        "erprobung",
        ["klima", "bildung"],
        ["jugendliche", "kinder"],
        ["forschung", "kooperation"],
        ["qualifizierung"],
    ),
    (
        "Wohnungslosenhilfe Housing First Dresden",
        "Wohnungslose Menschen bekommen zuerst eine eigene Wohnung, dann Begleitung nach Bedarf.",
        "dresden",
        "Dresden",
        "erprobung",
        ["armut"],
        ["arbeitsuchende"],
        ["raeume", "finanzierung", "forschung"],
        ["beratung"],
    ),
    (
        "Tandem Handwerk",
        "Geflüchtete und ältere Handwerksmeister*innen arbeiten ein Jahr im Tandem – mit Aussicht auf Übernahme.",
        "chemnitz",
        "Chemnitz",
        "idee",
        ["arbeit", "integration"],
        ["zugewanderte", "fachkraefte"],
        ["kooperation", "mentoring"],
        [],
    ),
    (
        "Kulturbahnhof Niesky",
        "Ein leerstehender Bahnhof wird Treffpunkt mit Café, Probenräumen und Coworking.",
        "goerlitz",
        "Niesky",
        "idee",
        ["laendlicher-raum", "nachbarschaft"],
        ["jugendliche", "familien"],
        ["finanzierung", "ehrenamtliche", "beratung"],
        ["raeume"],
    ),
    (
        "Pflegeschule digital",
        "Eine Lernplattform bereitet Pflege-Azubis mit Fallvideos auf die Praxis vor – auch in Leichter Sprache.",
        "zwickau",
        "Glauchau",
        "umsetzung",
        ["pflege", "digitalisierung", "bildung"],
        ["fachkraefte", "jugendliche"],
        ["sichtbarkeit"],
        ["digitales", "qualifizierung"],
    ),
    (
        "Begegnungsgarten Riesa",
        "Ein Gemeinschaftsgarten auf einer Brache, den Nachbar*innen aus 15 Ländern gemeinsam bewirtschaften.",
        "meissen",
        "Riesa",
        "umsetzung",
        ["integration", "klima", "nachbarschaft"],
        ["zugewanderte", "familien"],
        ["ehrenamtliche"],
        ["raeume"],
    ),
    (
        "Väterzeit Leipzig",
        "Wochenendangebote für Väter und Kinder – besonders für getrennt lebende Väter.",
        "leipzig",
        "Leipzig",
        "erprobung",
        ["familie"],
        ["familien", "kinder"],
        ["sichtbarkeit", "raeume"],
        ["mentoring"],
    ),
]

STORIES = {
    "Dorfladen Plus": (
        "Die Genossenschaft hat 180 Mitglieder aus dem Dorf – jede*r ist Miteigentümer*in. Die Gemeindeschwester hält zweimal pro Woche Sprechstunde im Laden.",
        "Ohne eine hauptamtliche Koordination wären die Ehrenamtlichen nach einem Jahr ausgebrannt. Die Öffnungszeiten müssen zu den Pendelzeiten passen.",
        "Unser Satzungsmuster und der Businessplan stehen allen offen. Für den Start braucht ein Dorf etwa 120 Mitglieder.",
    ),
    "Kiezküche Leipzig-Grünau": (
        "Jeden Mittwoch kommen 60 Menschen zum Kochen und Essen. Viele bleiben danach noch zum Reden.",
        "Eine feste Zeit und ein fester Ort sind wichtiger als ein großes Programm.",
        "Es braucht eine Küche, drei verlässliche Ehrenamtliche und einen Supermarkt, der Lebensmittel spendet.",
    ),
    "Bürgerbus Erzgebirge": (
        "Vier Linien, 22 ehrenamtliche Fahrer*innen, über 9.000 Fahrten im Jahr.",
        "Die Versicherung und der Personenbeförderungsschein sind die größten Hürden – früh mit dem Landratsamt sprechen.",
        "Unser Leitfaden beschreibt Fahrzeug, Versicherung, Fahrplan und die Gewinnung von Fahrer*innen.",
    ),
    "Inklusive Gärtnerei Meißen": (
        "Elf Menschen mit Behinderung arbeiten sozialversicherungspflichtig, der Marktstand trägt sich selbst.",
        "Gemischte Teams brauchen Zeit: Das erste Jahr war ein Lernjahr für alle.",
        "Wir beraten Werkstätten und Betriebe, die einen ähnlichen Weg gehen wollen.",
    ),
    "Oberlausitzer Generationenhaus": (
        "Kinder und Tagesgäste frühstücken zusammen, lesen vor und gärtnern – die Stimmung im Haus hat sich verändert.",
        "Hygiene- und Betreuungsregeln für Kita und Pflege müssen von Anfang an zusammen gedacht werden.",
        "Das Raumkonzept und die Kooperationsverträge zwischen Kita- und Pflegeträger geben wir gern weiter.",
    ),
}


def _text(summary: str, place: str) -> tuple[str, str, str, str]:
    challenge = (
        f"In {place} fehlen Angebote, die Menschen verlässlich erreichen. {summary} "
        "Bestehende Strukturen sind oft weit weg, schwer zu verstehen oder nur zu Bürozeiten erreichbar."
    )
    approach = (
        "Wir setzen auf drei Bausteine:\n\n"
        "- **Nah dran:** Das Angebot findet dort statt, wo die Menschen ohnehin sind.\n"
        "- **Gemeinsam:** Betroffene gestalten von Anfang an mit.\n"
        "- **Verlässlich:** Feste Zeiten, feste Ansprechpersonen.\n"
    )
    reached = "Bisher rund 150 Menschen, davon etwa die Hälfte regelmäßig."
    outcomes = "Die Teilnehmenden berichten von mehr Kontakten und weniger Hürden im Alltag. Eine erste Auswertung liegt vor."
    return challenge, approach, reached, outcomes


def _cover(index: int) -> dict:
    """A drawn cover (zukunftsplattform.illustrations) in the renditions an upload gets."""
    image = Image.open(io.BytesIO(illustrations.cover(index)))
    return {key: render(image, rendition) for key, rendition in COVER.items()}


def load(*, innovator, colleague, moderator) -> str:
    """Create 33 projects: most published, some best practice, a few drafts and submissions."""
    topics = {t.slug: t for t in Topic.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    categories = {c.slug: c for c in SupportCategory.objects.all()}
    now = timezone.now()
    editor = colleague
    count = {"published": 0, "submitted": 0, "draft": 0, "changes_requested": 0}
    for index, (
        title,
        summary,
        region,
        place,
        stage,
        topic_slugs,
        group_slugs,
        needs,
        offers,
    ) in enumerate(PROJECTS):
        challenge, approach, reached, outcomes = _text(summary, place)
        data = {
            "title": title,
            "summary": summary,
            "region": region,
            "place": place,
            "stage": stage,
            "challenge": challenge,
            "approach": approach,
            "impact_reached": reached,
            "impact_outcomes": outcomes,
            "evidence_links": [],
            "topics": [topics[s] for s in topic_slugs],
            "target_groups": [groups[s] for s in group_slugs],
            "sdgs": [3, 10, 11][: 1 + index % 3],
            "needs": [categories[s] for s in needs],
            "offers": [categories[s] for s in offers],
            "funding_programme": "ESF Plus – Modellvorhaben zur Zukunftsplattform"
            if index % 3 == 0
            else "",
            "call_round": "2. Aufruf 2025" if index % 3 == 0 else "",
            "contact_email": f"kontakt@{title.lower().split()[0].replace('*', '')}.example",
            "cover": _cover(index),
            "cover_alt": f"Zeichnung zu „{title}“: Menschen vor Hügeln und Häusern in {place}",
        }
        owner = innovator if index % 4 == 0 else editor
        project = services.create_project(owner=owner, data=data)
        if owner != innovator and index % 8 == 0:
            ProjectMembership.objects.get_or_create(project=project, user=innovator)
        if index in {30, 31}:
            count["draft"] += 1
            continue
        services.submit_project(project=project, user=owner)
        if index in {28, 29}:
            count["submitted"] += 1
            continue
        if index == 27:
            services.request_changes(
                project=project,
                moderator=moderator,
                message="Bitte beschreiben Sie genauer, wen Sie bisher erreicht haben, und ergänzen Sie ein Foto mit Beschreibung.",
            )
            count["changes_requested"] += 1
            continue
        project = services.publish_project(project=project, moderator=moderator)
        Project.objects.filter(pk=project.pk).update(
            published_at=now - timedelta(days=3 * index + 1)
        )
        count["published"] += 1
        if title in STORIES:
            what_worked, lessons, transfer = STORIES[title]
            services.set_best_practice(
                project=project,
                moderator=moderator,
                story={
                    "story_what_worked": what_worked,
                    "story_lessons": lessons,
                    "story_transfer": transfer,
                },
            )
    return (
        f"  Projects: {count['published']} published ({len(STORIES)} best practice), "
        f"{count['submitted']} waiting for moderation, {count['changes_requested']} with changes requested, "
        f"{count['draft']} drafts"
    )
