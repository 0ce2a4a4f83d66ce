"""The benchmark's German texts: places, topics, organisations, roles, series, agenda.

Markdown is rendered once per distinct text (``rendered``); ``bench/seed.py`` fills them in.
"""

from functools import cache

from django.utils.html import escape

from zukunftsplattform.markdown import render_markdown

PLACES = {
    "bautzen": ["Bautzen", "Kamenz", "Hoyerswerda", "Radeberg", "Bischofswerda"],
    "chemnitz": ["Chemnitz", "Chemnitz-Sonnenberg", "Chemnitz-Kaßberg", "Chemnitz-Markersdorf"],
    "dresden": ["Dresden", "Dresden-Prohlis", "Dresden-Gorbitz", "Dresden-Neustadt", "Pieschen"],
    "erzgebirgskreis": ["Annaberg-Buchholz", "Aue-Bad Schlema", "Marienberg", "Stollberg"],
    "goerlitz": ["Görlitz", "Zittau", "Weißwasser", "Löbau", "Niesky"],
    "leipzig": ["Leipzig", "Leipzig-Grünau", "Leipzig-Connewitz", "Plagwitz", "Paunsdorf"],
    "landkreis-leipzig": ["Borna", "Grimma", "Markkleeberg", "Wurzen", "Markranstädt"],
    "meissen": ["Meißen", "Riesa", "Radebeul", "Coswig", "Großenhain"],
    "mittelsachsen": ["Freiberg", "Döbeln", "Mittweida", "Rochlitz", "Rossau"],
    "nordsachsen": ["Torgau", "Delitzsch", "Eilenburg", "Oschatz", "Schkeuditz"],
    "saechsische-schweiz-osterzgebirge": ["Pirna", "Freital", "Dippoldiswalde", "Sebnitz"],
    "vogtlandkreis": ["Plauen", "Reichenbach", "Auerbach", "Oelsnitz", "Markneukirchen"],
    "zwickau": ["Zwickau", "Crimmitschau", "Glauchau", "Werdau", "Limbach-Oberfrohna"],
}

# Per topic: project formats (for titles), what is hard, what the project does.
TOPIC_TEXT = {
    "pflege": (
        [
            "Pflege-Lotsen",
            "Demenz-Café",
            "Pflegestammtisch",
            "Gemeindeschwester plus",
            "Nachbarschaftspflege",
            "Pflege-Tandem",
        ],
        "Pflegende Angehörige tragen die Hauptlast der Pflege, oft neben Beruf und Familie, und "
        "wissen selten, welche Entlastung ihnen zusteht.",
        "Geschulte Ehrenamtliche begleiten Familien durch Anträge, vermitteln Entlastung im "
        "Alltag und halten Kontakt zu Pflegediensten und Hausärzt*innen.",
    ),
    "nachbarschaft": (
        [
            "Nachbarschaftscafé",
            "Kiezküche",
            "Quartierstreff",
            "Nachbarschaftshilfe",
            "Tauschbörse",
            "Hofgemeinschaft",
        ],
        "In vielen Vierteln kennen sich Nachbar*innen kaum noch; wer allein lebt, hat niemanden "
        "für kleine Hilfen oder ein Gespräch.",
        "Ein offener Treffpunkt verbindet Menschen im Quartier: gemeinsames Essen, eine "
        "Helfer*innenbörse und feste Sprechzeiten für Fragen aus der Nachbarschaft.",
    ),
    "bildung": (
        [
            "Lernwerkstatt",
            "Lesepat*innen",
            "Hausaufgabenhilfe",
            "Wissenswerkstatt",
            "Bildungsbus",
            "Lerncafé",
        ],
        "Kinder aus Familien mit wenig Geld haben schlechtere Bildungschancen; Nachhilfe ist "
        "teuer und in kleinen Orten kaum zu finden.",
        "Ehrenamtliche Lernbegleiter*innen unterstützen Schüler*innen kostenlos in Bibliotheken "
        "und Schulen, abgestimmt mit den Lehrkräften.",
    ),
    "arbeit": (
        [
            "Werkstatt Zukunft",
            "Jobpat*innen",
            "Azubi-WG",
            "Arbeitslabor",
            "Chancenwerk",
            "Berufe-Parcours",
        ],
        "Langzeitarbeitslose und junge Menschen ohne Abschluss finden schwer einen Einstieg, "
        "obwohl Betriebe in der Region Fachkräfte suchen.",
        "In einer offenen Werkstatt zeigen Teilnehmende, was sie können; Jobpat*innen aus "
        "Betrieben begleiten sie bis in Ausbildung oder Arbeit.",
    ),
    "integration": (
        [
            "Sprachcafé",
            "Willkommensnetz",
            "Interkultureller Garten",
            "Ankommenslotsen",
            "Begegnungsküche",
            "Stadtteilmütter",
        ],
        "Neu Zugewanderte finden schwer Anschluss: Sprachkurse sind voll, Behördenwege "
        "kompliziert, und Begegnungen mit Alteingesessenen selten.",
        "Zugewanderte und Alteingesessene treffen sich regelmäßig, üben Deutsch im Gespräch "
        "und begleiten einander bei Behördengängen.",
    ),
    "familie": (
        [
            "Familienzeit",
            "Elterncafé",
            "Familienbus",
            "Kinderküche",
            "Familienpat*innen",
            "Eltern-Kind-Werkstatt",
        ],
        "Familien auf dem Land erreichen Beratungsstellen kaum; Alleinerziehende haben keine "
        "Zeit für lange Wege.",
        "Eine mobile Beratung kommt mit dem Kleinbus in die Dörfer, bietet offene "
        "Sprechstunden und vermittelt Familienpat*innen.",
    ),
    "alter": (
        [
            "Mehrgenerationenhaus",
            "Seniorenakademie",
            "Erzählcafé",
            "Generationenbrücke",
            "Besuchsdienst",
            "Silbernetz",
        ],
        "Ältere Menschen vereinsamen, wenn Kinder weggezogen und Treffpunkte im Ort "
        "geschlossen sind.",
        "Jung und Alt treffen sich wöchentlich, ein Besuchsdienst kommt zu denen, die nicht "
        "mehr aus dem Haus gehen, und Jugendliche helfen mit dem Smartphone.",
    ),
    "inklusion": (
        [
            "Inklusive Gärtnerei",
            "Barrierefrei unterwegs",
            "Inklusionswerkstatt",
            "Theater ohne Grenzen",
            "Inklusives Café",
            "Leichte-Sprache-Büro",
        ],
        "Menschen mit Behinderung arbeiten oft abseits in Sondereinrichtungen und haben wenig "
        "Kontakt zum allgemeinen Arbeitsmarkt.",
        "Menschen mit und ohne Behinderung arbeiten gemeinsam, verkaufen ihre Produkte auf dem "
        "Wochenmarkt und beraten Betriebe zu Barrierefreiheit.",
    ),
    "digitalisierung": (
        [
            "Digitale Sprechstunde",
            "Digitallotsen",
            "Makerspace",
            "Smartphone-Café",
            "Dorf-WLAN",
            "Online-Nachbarschaftsbörse",
        ],
        "Viele Ältere und Menschen mit wenig Geld bleiben bei Online-Terminen, Banking und "
        "Videotelefonie außen vor.",
        "Jugendliche und Ehrenamtliche erklären in Bibliotheken und Gemeindehäusern "
        "Smartphone, Online-Banking und digitale Behördengänge.",
    ),
    "laendlicher-raum": (
        [
            "Bürgerbus",
            "Dorfladen Plus",
            "Mitfahrbank",
            "Dorfgemeinschaftshaus",
            "Rufbus-Netz",
            "Dorfkümmerer",
        ],
        "In Dörfern ohne Nahverkehr erreichen Menschen ohne Auto weder Arzt noch Einkauf; "
        "Läden und Treffpunkte schließen.",
        "Ehrenamtliche fahren einen Kleinbus nach festem Plan, ein genossenschaftlicher "
        "Dorfladen ist zugleich Paketstation und Treffpunkt.",
    ),
    "armut": (
        [
            "Tafel plus",
            "Wohnprojekt",
            "Kältebus",
            "Sozialkaufhaus",
            "Schuldnerlotsen",
            "Mietercafé",
        ],
        "Steigende Mieten und Energiepreise treffen Menschen mit wenig Geld zuerst; viele "
        "schämen sich, Hilfe zu suchen.",
        "Niedrigschwellige Sprechstunden im Stadtteil helfen bei Anträgen, Schulden und "
        "Wohnungssuche, ohne Termin und ohne Scham.",
    ),
    "klima": (
        [
            "Reparaturcafé",
            "Gemeinschaftsgarten",
            "Energie-Nachbarschaft",
            "Lastenrad-Verleih",
            "Klimawerkstatt",
            "Foodsharing-Punkt",
        ],
        "Klimaschutz gilt vielen als teuer und fern vom Alltag; gerade Menschen mit wenig Geld "
        "fühlen sich nicht angesprochen.",
        "Nachbar*innen reparieren gemeinsam, teilen Lastenräder und Lebensmittel und sparen "
        "so Geld und Energie.",
    ),
}
GENERIC_CHALLENGE = [
    "Bestehende Angebote sind zersplittert und schwer zu finden.",
    "Die Kommune allein kann den Bedarf nicht decken.",
    "Besonders in kleinen Orten fehlen Räume und Ansprechpartner*innen.",
    "Seit der Pandemie sind viele Ehrenamtliche nicht zurückgekehrt.",
    "Wer Hilfe braucht, kennt die Wege dorthin oft nicht.",
    "Fachkräfte sind knapp, und die Wege zwischen den Orten sind weit.",
]
GENERIC_STEPS = [
    "Bedarf gemeinsam mit den Menschen vor Ort erheben",
    "Ehrenamtliche gewinnen, schulen und begleiten",
    "feste Sprechzeiten in Bibliothek, Gemeindehaus oder Laden anbieten",
    "mit Kommune, Wohlfahrtsverbänden und Vereinen kooperieren",
    "Erfahrungen dokumentieren und an andere Orte weitergeben",
    "Wirkung mit einer Hochschule auswerten",
    "ein kleines Budget für spontane Hilfen bereithalten",
]
ORG_PATTERNS = [
    ("verein", "Nachbarschaftsverein {place} e. V."),
    ("verein", "Förderverein Soziale Stadt {place} e. V."),
    ("verein", "Kreisjugendring {place} e. V."),
    ("wohlfahrtsverband", "Diakonisches Werk {place}"),
    ("wohlfahrtsverband", "Caritasverband {place}"),
    ("wohlfahrtsverband", "AWO Kreisverband {place}"),
    ("wohlfahrtsverband", "DRK-Kreisverband {place}"),
    ("sozialunternehmen", "Sozialgenossenschaft {place} eG"),
    ("sozialunternehmen", "Werkhaus {place} gGmbH"),
    ("hochschule", "Hochschule {place} – Institut für Sozialforschung"),
    ("verwaltung", "Stadtverwaltung {place} – Sozialamt"),
    ("foerderer", "Bürgerstiftung {place}"),
    ("netzwerk", "Netzwerk Engagement {place}"),
    ("unternehmen", "Stadtwerke {place}"),
]
ROLES = [
    "Projektleiterin",
    "Projektleiter",
    "Sozialarbeiterin",
    "Sozialarbeiter",
    "Geschäftsführerin",
    "Geschäftsführer",
    "Quartiersmanagerin",
    "Quartiersmanager",
    "Referentin für Inklusion",
    "Koordinator Ehrenamt",
    "Gemeindeschwester",
    "Professorin für Soziale Arbeit",
    "Bürgermeister",
    "Integrationsbeauftragte",
]
SERIES = [
    ("sozial-innovativ-saechsisch", "Sozial. Innovativ. Sächsisch."),
    ("werkstattgespraeche", "Werkstattgespräche Soziale Innovation"),
    ("foerderwissen-kompakt", "Förderwissen kompakt"),
    ("land-in-sicht", "Land in Sicht – Innovation im ländlichen Raum"),
    ("digital-sozial", "Digital. Sozial."),
]
AGENDA = [
    "Ankommen und Begrüßung",
    "Impuls: Was ist soziale Innovation?",
    "Projekte stellen sich vor",
    "Werkstattgespräche in kleinen Runden",
    "Podium: Was braucht Engagement?",
    "Förderprogramme im Überblick",
    "Ausblick und Ausklang",
]


@cache
def markdown(text: str) -> str:
    return render_markdown(text)


MARKDOWN_SYNTAX = set("*_`[]<>&\\#!")


def rendered(template: str, **values) -> tuple[str, str]:
    """The Markdown text and its HTML, rendering each template only once.

    The values (names, places, numbers) are filled into the HTML afterwards, which gives
    the same HTML as rendering the filled-in text as long as they contain no Markdown.
    """
    text = template.format(**values)
    values = {key: str(value) for key, value in values.items()}
    if any(MARKDOWN_SYNTAX & set(value) for value in values.values()):
        return text, markdown(text)
    tokens = {key: f"QQ{index}QQ" for index, key in enumerate(values)}
    html = markdown(template.format(**tokens))
    for key, token in tokens.items():
        html = html.replace(token, escape(values[key]))
    return text, html
