"""The network part of the demo data: partners, fictional organisations and people.

Works whether the projects' demo data is loaded before or after: ``link_projects()`` names
carrying and partner organisations for the projects that exist, and does nothing when
there are none (call it again after loading projects).
"""

from django.utils import timezone

from network import services
from network.default_consent import ensure_consent_text
from network.forms import PHOTO
from network.models import ConsentRecord, ConsentText, Organisation, Person
from projects.models import Project
from taxonomy.public import SupportCategory, Topic
from zukunftsplattform import illustrations
from zukunftsplattform.images import Rendition

# slug, name, kind, region, place, website, topics, offers, description, logo colour
PARTNERS = [
    (
        "vdi-vde-it",
        "VDI/VDE Innovation + Technik GmbH",
        "unternehmen",
        "",
        "Berlin",
        "https://www.vdivde-it.de",
        ["digitalisierung", "arbeit"],
        ["beratung", "forschung", "sichtbarkeit"],
        "Begleitet die Zukunftsplattform fachlich und organisiert die Dialogreihe "
        "„Sozial. Innovativ. Sächsisch.“ mit.",
        "#1f4e79",
    ),
    (
        "send-ev",
        "SEND e.V. – Social Entrepreneurship Netzwerk Deutschland",
        "netzwerk",
        "",
        "Berlin",
        "https://www.send-ev.de",
        ["arbeit", "nachbarschaft"],
        ["kooperation", "mentoring", "sichtbarkeit"],
        "Das Netzwerk der Sozialunternehmer*innen in Deutschland; Partner der Dialogreihe "
        "mit Wissen zu Gründung, Finanzierung und Wirkung.",
        "#7a1f5c",
    ),
    (
        "tu-chemnitz",
        "Technische Universität Chemnitz",
        "hochschule",
        "chemnitz",
        "Chemnitz",
        "https://www.tu-chemnitz.de",
        ["bildung", "digitalisierung", "alter"],
        ["forschung", "qualifizierung", "transfer"],
        "Forscht zu sozialer Innovation und Digitalisierung und begleitet Projekte der "
        "Plattform wissenschaftlich.",
        "#005f50",
    ),
]

# slug, name, kind, region, place, topics, offers, description
ORGANISATIONS = [
    ("paritaet-dresden", "Paritätischer Verbund Dresden (fiktiv)", "wohlfahrtsverband", "dresden", "Dresden", ["pflege", "inklusion", "armut"], ["beratung", "qualifizierung", "raeume"], "Dachverband für 60 gemeinnützige Träger in Dresden. Wir beraten zu Trägerschaft, Förderrecht und Personal."),
    ("caritas-goerlitz", "Caritasregion Görlitz (fiktiv)", "wohlfahrtsverband", "goerlitz", "Görlitz", ["pflege", "integration", "familie"], ["beratung", "qualifizierung"], "Beratungsdienste, Pflege und Migrationsarbeit in der Oberlausitz."),
    ("diakonie-erzgebirge", "Diakonie Erzgebirge (fiktiv)", "wohlfahrtsverband", "erzgebirgskreis", "Annaberg-Buchholz", ["pflege", "alter", "laendlicher-raum"], ["beratung", "raeume", "qualifizierung"], "Pflege, Beratung und offene Altenarbeit in 40 Orten des Erzgebirges."),
    ("awo-leipzig-land", "AWO Kreisverband Leipziger Land (fiktiv)", "wohlfahrtsverband", "landkreis-leipzig", "Borna", ["familie", "armut", "arbeit"], ["beratung", "raeume"], "Familienzentren, Schuldnerberatung und Jugendhilfe im Leipziger Land."),
    ("buergerstiftung-leipzig", "Bürgerstiftung Leipzig-Ost (fiktiv)", "foerderer", "leipzig", "Leipzig", ["nachbarschaft", "bildung"], ["finanzierung", "sichtbarkeit"], "Kleine Förderungen bis 5.000 Euro für Nachbarschaftsprojekte im Leipziger Osten."),
    ("sparkassenstiftung-vogtland", "Stiftung Vogtland Zukunft (fiktiv)", "foerderer", "vogtlandkreis", "Plauen", ["arbeit", "familie", "laendlicher-raum"], ["finanzierung"], "Fördert Projekte für junge Menschen und Familien im Vogtland."),
    ("lausitz-fonds", "Lausitzer Zukunftsfonds (fiktiv)", "foerderer", "goerlitz", "Weißwasser", ["laendlicher-raum", "arbeit", "klima"], ["finanzierung", "mentoring"], "Startkapital und Begleitung für soziale Gründungen im Strukturwandel."),
    ("htw-dresden-soziallabor", "Soziallabor der Hochschule Elbtal (fiktiv)", "hochschule", "dresden", "Dresden", ["digitalisierung", "pflege"], ["forschung", "digitales"], "Wissenschaftliche Begleitung und Wirkungsmessung für soziale Projekte."),
    ("hs-mittweida-transfer", "Transferstelle Hochschule Mittelsachsen (fiktiv)", "hochschule", "mittelsachsen", "Mittweida", ["bildung", "digitalisierung"], ["forschung", "digitales", "qualifizierung"], "Studierende und Lehrende arbeiten mit Initiativen an digitalen Werkzeugen."),
    ("social-impact-lab-leipzig", "Gründungswerkstatt Sozialunternehmen Leipzig (fiktiv)", "sozialunternehmen", "leipzig", "Leipzig", ["arbeit", "digitalisierung"], ["mentoring", "beratung", "raeume"], "Coworking, Gründungsberatung und Mentoring für soziale Start-ups."),
    ("werkstatt-inklusiv", "Inklusionsbetrieb Werkhof Meißen (fiktiv)", "sozialunternehmen", "meissen", "Meißen", ["inklusion", "arbeit"], ["qualifizierung", "kooperation"], "Ein Inklusionsbetrieb mit Tischlerei, Catering und Gartenbau."),
    ("dorfbewegung-sachsen", "Dorfbewegung Sachsen (fiktiv)", "netzwerk", "mittelsachsen", "Döbeln", ["laendlicher-raum", "nachbarschaft"], ["kooperation", "sichtbarkeit", "transfer"], "Netzwerk engagierter Dörfer: Erfahrungsaustausch, Dorfwerkstätten und Lobbyarbeit."),
    ("netzwerk-integration-chemnitz", "Netzwerk Integration Chemnitz (fiktiv)", "netzwerk", "chemnitz", "Chemnitz", ["integration", "bildung"], ["kooperation", "beratung"], "Über 40 Vereine und Einrichtungen für Integration und Teilhabe in Chemnitz."),
    ("freiwilligenagentur-zwickau", "Freiwilligenzentrum Zwickau (fiktiv)", "verein", "zwickau", "Zwickau", ["nachbarschaft"], ["qualifizierung", "sichtbarkeit"], "Schulungen für Ehrenamtliche und Öffentlichkeitsarbeit für Initiativen."),
    ("medienwerkstatt-bautzen", "Medienwerkstatt Oberlausitz (fiktiv)", "verein", "bautzen", "Bautzen", ["digitalisierung", "bildung"], ["digitales", "sichtbarkeit"], "Filme, Websites und Social Media für gemeinnützige Projekte, zweisprachig deutsch-sorbisch."),
    ("kulturraum-nordsachsen", "Kulturraum Nordsachsen e. V. (fiktiv)", "verein", "nordsachsen", "Torgau", ["laendlicher-raum", "familie"], ["raeume", "kooperation"], "Vermittelt leerstehende Räume in Dörfern an Initiativen und Vereine."),
    ("landratsamt-saechsische-schweiz", "Stabsstelle Sozialplanung Landkreis Sächsische Schweiz-Osterzgebirge (fiktiv)", "verwaltung", "saechsische-schweiz-osterzgebirge", "Pirna", ["alter", "inklusion", "laendlicher-raum"], ["beratung", "kooperation"], "Sozialplanung des Landkreises: Daten, Bedarfsanalysen und Kontakte in die Verwaltung."),
    ("stadt-leipzig-sozialamt", "Sachgebiet Bürgerschaftliches Engagement Leipzig (fiktiv)", "verwaltung", "leipzig", "Leipzig", ["nachbarschaft", "integration"], ["beratung", "raeume"], "Anlaufstelle der Stadtverwaltung für Engagement und Quartiersarbeit."),
    ("it-genossenschaft-dresden", "Gemeinwohl-IT Genossenschaft (fiktiv)", "unternehmen", "dresden", "Dresden", ["digitalisierung"], ["digitales", "beratung"], "Datensparsame Software für Vereine und Wohlfahrtsverbände."),
    ("handwerkskammer-netz", "Handwerk verbindet Südwestsachsen (fiktiv)", "unternehmen", "zwickau", "Zwickau", ["arbeit", "integration"], ["qualifizierung", "kooperation", "mentoring"], "Betriebe der Region bilden aus, begleiten und vermitteln Praktika."),
    ("pflegenetz-vogtland", "Pflegenetz Vogtland (fiktiv)", "netzwerk", "vogtlandkreis", "Reichenbach", ["pflege", "alter"], ["kooperation", "qualifizierung"], "Pflegedienste, Kommunen und Angehörigengruppen im Vogtland."),
    ("jugendstiftung-erzgebirge", "Jugendstiftung Westerzgebirge (fiktiv)", "foerderer", "erzgebirgskreis", "Aue-Bad Schlema", ["familie", "bildung"], ["finanzierung"], "Fördert Jugendbeteiligung und Jugendarbeit im ländlichen Raum."),
]  # fmt: skip

# slug, name, role, organisation slug (or ""), affiliation, region, topics, offers, bio
PEOPLE = [
    ("dr-katrin-weise", "Dr. Katrin Weise", "Professorin für Soziale Innovation", "tu-chemnitz", "", "chemnitz", ["bildung", "digitalisierung"], ["forschung", "mentoring"], "Forscht zu sozialer Innovation in ländlichen Räumen und spricht in der Dialogreihe über Wirkungsmessung."),
    ("jonas-albrecht", "Jonas Albrecht", "Referent für Sozialunternehmertum", "send-ev", "", "", ["arbeit"], ["mentoring", "beratung"], "Begleitet Gründer*innen von der Idee bis zur ersten Finanzierung."),
    ("miriam-schubert", "Miriam Schubert", "Projektleiterin Zukunftsplattform", "vdi-vde-it", "", "", ["digitalisierung"], ["sichtbarkeit", "beratung"], "Koordiniert die Dialogreihe und hilft Projekten, sichtbar zu werden."),
    ("hannah-krause", "Hannah Krause", "Fundraising-Beraterin", "", "Freiberufliche Beraterin", "dresden", ["armut", "nachbarschaft"], ["finanzierung", "beratung"], "Berät Vereine zu Stiftungsanträgen, Spenden und Förderprogrammen."),
    ("tobias-lehmann", "Tobias Lehmann", "Gründungsberater", "social-impact-lab-leipzig", "", "leipzig", ["arbeit", "digitalisierung"], ["mentoring", "beratung"], "Hat selbst zwei Sozialunternehmen gegründet und teilt, was dabei schiefging."),
    ("sabine-wolf", "Sabine Wolf", "Pflegewissenschaftlerin", "htw-dresden-soziallabor", "", "dresden", ["pflege", "alter"], ["forschung", "qualifizierung"], "Evaluiert neue Versorgungsmodelle in der Pflege."),
    ("ahmad-haidari", "Ahmad Haidari", "Integrationslotse", "netzwerk-integration-chemnitz", "", "chemnitz", ["integration"], ["beratung", "kooperation"], "Vermittelt zwischen zugewanderten Familien, Schulen und Behörden."),
    ("claudia-seidel", "Claudia Seidel", "Geschäftsführerin", "dorfbewegung-sachsen", "", "mittelsachsen", ["laendlicher-raum", "nachbarschaft"], ["kooperation", "transfer"], "Bringt Dörfer zusammen, die voneinander lernen wollen."),
    ("marek-nowak", "Marek Nowak", "Softwareentwickler", "it-genossenschaft-dresden", "", "dresden", ["digitalisierung"], ["digitales"], "Baut datensparsame Apps für Nachbarschaftshilfe und berät zu Datenschutz."),
    ("lena-hoffmann", "Lena Hoffmann", "Kommunikationsberaterin", "medienwerkstatt-bautzen", "", "bautzen", ["digitalisierung", "bildung"], ["sichtbarkeit", "digitales"], "Hilft Projekten, ihre Geschichte in Text, Bild und Film zu erzählen."),
    ("peter-zimmermann", "Peter Zimmermann", "Handwerksmeister im Ruhestand", "handwerkskammer-netz", "", "zwickau", ["arbeit", "integration"], ["mentoring", "qualifizierung"], "Begleitet junge Menschen und Geflüchtete in die Ausbildung."),
    ("anna-richter", "Anna Richter", "Referentin Sozialplanung", "landratsamt-saechsische-schweiz", "", "saechsische-schweiz-osterzgebirge", ["alter", "inklusion"], ["beratung", "forschung"], "Kennt die Zahlen zum Landkreis und die Wege durch die Verwaltung."),
    ("friedrich-bauer", "Friedrich Bauer", "Stiftungsvorstand", "lausitz-fonds", "", "goerlitz", ["laendlicher-raum", "klima"], ["finanzierung", "mentoring"], "Unterstützt Gründungen im Lausitzer Strukturwandel."),
    ("yvonne-hartmann", "Yvonne Hartmann", "Bildungsreferentin", "freiwilligenagentur-zwickau", "", "zwickau", ["nachbarschaft", "bildung"], ["qualifizierung"], "Schult Ehrenamtliche in Moderation, Konfliktlösung und Projektmanagement."),
    ("dr-stefan-koenig", "Dr. Stefan König", "Evaluator", "hs-mittweida-transfer", "", "mittelsachsen", ["bildung", "digitalisierung"], ["forschung"], "Entwickelt mit Projekten schlanke Wirkungsmodelle."),
    ("julia-meier", "Julia Meier", "Quartiersmanagerin", "stadt-leipzig-sozialamt", "", "leipzig", ["nachbarschaft", "integration"], ["raeume", "kooperation"], "Findet Räume und Partner*innen im Leipziger Osten."),
    ("thomas-engel", "Thomas Engel", "Referent für Fördermittel", "paritaet-dresden", "", "dresden", ["armut", "pflege"], ["beratung", "finanzierung"], "Berät zu ESF Plus und Landesförderung."),
    ("maria-schulz", "Maria Schulz", "Leiterin Pflegestützpunkt", "pflegenetz-vogtland", "", "vogtlandkreis", ["pflege", "alter"], ["beratung", "kooperation"], "Verbindet Pflegedienste, Kommunen und Angehörige."),
    ("kevin-fischer", "Kevin Fischer", "Jugendbildungsreferent", "jugendstiftung-erzgebirge", "", "erzgebirgskreis", ["familie", "bildung"], ["mentoring", "finanzierung"], "Begleitet Jugendräte und vergibt Mikroförderungen."),
    ("sophie-neumann", "Sophie Neumann", "Mentorin für Digitalisierung", "", "Ehrenamtliche Mentorin", "nordsachsen", ["digitalisierung", "laendlicher-raum"], ["digitales", "mentoring"], "Hilft Dörfern und Vereinen, digitale Werkzeuge auszuwählen und einzuführen."),
    ("ralf-vogel", "Ralf Vogel", "Architekt", "", "Büro für Umnutzung", "goerlitz", ["laendlicher-raum", "klima"], ["raeume", "beratung"], "Berät zur Umnutzung leerstehender Gebäude für soziale Zwecke."),
    ("ines-baumann", "Ines Baumann", "Teamleiterin Migrationsdienst", "caritas-goerlitz", "", "goerlitz", ["integration", "familie"], ["qualifizierung", "beratung"], "Schult Pat*innen für die Begleitung geflüchteter Familien."),
]  # fmt: skip

# Without consent: one waiting for confirmation, one who withdrew, one never asked.
PEOPLE_WITHOUT_CONSENT = [
    ("bernd-winkler", "Bernd Winkler", "Unternehmensberater", "requested"),
    ("gisela-krueger", "Gisela Krüger", "Seniorenbeauftragte", "withdrawn"),
    ("paul-schmidt", "Paul Schmidt", "Stadtrat", "none"),
]


def load(*, innovator=None, member=None) -> str:
    """Create partners, organisations and people; link projects that exist already.

    ``innovator`` gets a linked person profile (to try editing one's own profile),
    ``member`` becomes a member of one organisation (to try proposing changes).
    """
    ensure_consent_text(ConsentText)
    topics = {t.slug: t for t in Topic.objects.all()}
    categories = {c.slug: c for c in SupportCategory.objects.all()}

    organisations = {}
    for slug, name, kind, region, place, website, topic_slugs, offers, text, colour in PARTNERS:
        organisations[slug] = services.create_organisation(
            data={
                "slug": slug,
                "name": name,
                "kind": kind,
                "region": region,
                "place": place,
                "website": website,
                "description": text,
                "topics": [topics[s] for s in topic_slugs],
                "offers": [categories[s] for s in offers],
                "is_platform_partner": True,
                "logo": illustrations.rendered(
                    illustrations.logo(name, colour), Rendition(400, 400)
                ),
                "logo_alt": f"Logo: {name}",
                "logo_credit": illustrations.CREDIT,
            }
        )
    for slug, name, kind, region, place, topic_slugs, offers, text in ORGANISATIONS:
        organisations[slug] = services.create_organisation(
            data={
                "slug": slug,
                "name": name,
                "kind": kind,
                "region": region,
                "place": place,
                "website": f"https://{slug}.example",
                "description": text,
                "topics": [topics[s] for s in topic_slugs],
                "offers": [categories[s] for s in offers],
            }
        )
    if member is not None:
        organisations["dorfbewegung-sachsen"].members.add(member)

    public_count = 0
    for index, (
        slug,
        name,
        role,
        org_slug,
        affiliation,
        region,
        topic_slugs,
        offers,
        bio,
    ) in enumerate(PEOPLE):
        organisation = organisations.get(org_slug)
        person = services.create_person(
            data={
                "slug": slug,
                "name": name,
                "role": role,
                "organisation": organisation,
                "affiliation": affiliation or (organisation.name if organisation else ""),
                "region": region,
                "bio": bio,
                "email": f"{slug}@demo.example",
                "topics": [topics[s] for s in topic_slugs],
                "offers": [categories[s] for s in offers],
                "photo": illustrations.rendered(illustrations.portrait(index), PHOTO),
                "photo_alt": f"Gezeichnetes Porträt von {name}",
                "photo_credit": illustrations.CREDIT,
            }
        )
        services.give_consent(
            person=person,
            how=ConsentRecord.How.EMAIL_LINK,
            email=person.email,
            send_receipt=False,
        )
        public_count += 1

    for slug, name, role, state in PEOPLE_WITHOUT_CONSENT:
        person = services.create_person(
            data={
                "slug": slug,
                "name": name,
                "role": role,
                "region": "dresden",
                "email": f"{slug}@demo.example",
                "offers": [categories["beratung"]],
            }
        )
        if state == "requested":
            Person.objects.filter(pk=person.pk).update(consent_requested_at=timezone.now())
        elif state == "withdrawn":
            services.give_consent(
                person=person, how=ConsentRecord.How.EMAIL_LINK, send_receipt=False
            )
            services.withdraw_consent(person=person, how="Demo", send_receipt=False)

    if innovator is not None:
        person = services.create_person(
            data={
                "slug": "anja-innovatorin",
                "name": innovator.display_name,
                "role": "Projektentwicklerin",
                "region": "mittelsachsen",
                "email": innovator.email,
                "user": innovator,
                "bio": "Entwickelt Dorfläden und Treffpunkte im ländlichen Raum.",
                "topics": [topics["laendlicher-raum"]],
                "offers": [categories["transfer"], categories["beratung"]],
            }
        )
        services.give_consent(person=person, how=ConsentRecord.How.ACCOUNT, send_receipt=False)
        public_count += 1

    linked = link_projects()
    return (
        f"  Network: {len(organisations)} organisations ({len(PARTNERS)} platform partners), "
        f"{public_count} public people, {len(PEOPLE_WITHOUT_CONSENT)} without consent"
        + (f", {linked} projects linked to organisations" if linked else "")
    )


def link_projects() -> int:
    """Name carrying and partner organisations for existing projects (none: nothing happens).

    Each project without a carrying organisation gets one from its region, if there is one;
    every third also gets a platform partner as partner organisation. Returns how many
    projects were linked.
    """
    by_region: dict[str, Organisation] = {}
    for organisation in Organisation.objects.exclude(region="").order_by("pk"):
        by_region.setdefault(organisation.region, organisation)
    partners = list(Organisation.objects.filter(is_platform_partner=True).order_by("pk"))
    linked = 0
    for index, project in enumerate(Project.objects.all().order_by("pk")):
        carrier = by_region.get(project.region)
        if project.carrying_organisation_id is None and carrier is not None:
            Project.objects.filter(pk=project.pk).update(carrying_organisation=carrier)
            linked += 1
        if partners and index % 3 == 0:
            project.partner_organisations.add(partners[index % len(partners)])
    return linked
