"""The initial vocabulary. Staff can extend it in the admin."""

TOPICS = [
    ("pflege", "Pflege und Gesundheit", "Care and health"),
    ("nachbarschaft", "Nachbarschaft und Ehrenamt", "Neighbourhood and volunteering"),
    ("bildung", "Bildung", "Education"),
    ("arbeit", "Arbeit und Qualifizierung", "Work and qualification"),
    ("integration", "Integration und Teilhabe", "Integration and participation"),
    ("familie", "Familie, Kinder und Jugend", "Families, children and youth"),
    ("alter", "Älter werden", "Ageing"),
    ("inklusion", "Inklusion", "Inclusion"),
    ("digitalisierung", "Digitalisierung", "Digitalisation"),
    ("laendlicher-raum", "Ländlicher Raum und Mobilität", "Rural areas and mobility"),
    ("armut", "Armut und Wohnen", "Poverty and housing"),
    ("klima", "Klima und Nachhaltigkeit", "Climate and sustainability"),
]

TARGET_GROUPS = [
    ("kinder", "Kinder", "Children"),
    ("jugendliche", "Jugendliche", "Young people"),
    ("familien", "Familien", "Families"),
    ("aeltere", "Ältere Menschen", "Older people"),
    ("behinderung", "Menschen mit Behinderung", "People with disabilities"),
    ("zugewanderte", "Zugewanderte", "Immigrants"),
    ("arbeitsuchende", "Arbeitsuchende", "Job seekers"),
    ("pflegende", "Pflegende Angehörige", "Family carers"),
    ("alleinerziehende", "Alleinerziehende", "Single parents"),
    ("fachkraefte", "Fachkräfte", "Professionals"),
]

SUPPORT_CATEGORIES = [
    (
        "finanzierung",
        "Finanzierung",
        "Funding",
        "Fördermittel, Spenden, Anschubfinanzierung",
        "Grants, donations, seed funding",
    ),
    (
        "raeume",
        "Räume",
        "Rooms",
        "Büro-, Werkstatt- oder Veranstaltungsräume",
        "Offices, workshops or event venues",
    ),
    (
        "ehrenamtliche",
        "Ehrenamtliche",
        "Volunteers",
        "Menschen, die mit anpacken",
        "People who lend a hand",
    ),
    (
        "kooperation",
        "Kooperationspartner*innen",
        "Cooperation partners",
        "Organisationen für gemeinsame Vorhaben",
        "Organisations for joint work",
    ),
    (
        "mentoring",
        "Mentoring",
        "Mentoring",
        "Erfahrene Begleitung für das Team",
        "Experienced guidance for the team",
    ),
    (
        "beratung",
        "Beratung",
        "Advice",
        "Rechtliche, fachliche oder organisatorische Beratung",
        "Legal, professional or organisational advice",
    ),
    (
        "forschung",
        "Forschung und Evaluation",
        "Research and evaluation",
        "Wissenschaftliche Begleitung, Wirkungsmessung",
        "Scientific support, impact measurement",
    ),
    (
        "sichtbarkeit",
        "Sichtbarkeit",
        "Visibility",
        "Öffentlichkeitsarbeit, Presse, Netzwerke",
        "Public relations, press, networks",
    ),
    (
        "digitales",
        "Digitale Kompetenzen",
        "Digital skills",
        "Software, Daten, digitale Werkzeuge",
        "Software, data, digital tools",
    ),
    (
        "qualifizierung",
        "Qualifizierung",
        "Training",
        "Fortbildungen und Schulungen",
        "Courses and training",
    ),
    (
        "transfer",
        "Transfer",
        "Transfer",
        "Das Konzept an anderen Orten umsetzen",
        "Taking the concept to other places",
    ),
]


def ensure_vocabulary(topic_model, target_group_model, category_model) -> None:
    """Create missing entries; never overwrite what staff changed."""
    for position, (slug, de, en) in enumerate(TOPICS):
        topic_model.objects.get_or_create(
            slug=slug, defaults={"name_de": de, "name_en": en, "position": position}
        )
    for position, (slug, de, en) in enumerate(TARGET_GROUPS):
        target_group_model.objects.get_or_create(
            slug=slug, defaults={"name_de": de, "name_en": en, "position": position}
        )
    for position, (slug, de, en, desc_de, desc_en) in enumerate(SUPPORT_CATEGORIES):
        category_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name_de": de,
                "name_en": en,
                "description_de": desc_de,
                "description_en": desc_en,
                "position": position,
            },
        )


# Search synonyms to start with (admin → Synonyme); staff edit them from then on.
SYNONYMS = [
    "Flüchtlinge, Geflüchtete, Geflohene, Schutzsuchende",
    "Zugewanderte, Migranten, Eingewanderte, Menschen mit Migrationsgeschichte",
    "Senioren, Ältere Menschen, Rentner, Hochbetagte",
    "Menschen mit Behinderung, Menschen mit Beeinträchtigung, Behinderte",
    "Ehrenamt, Ehrenamtliche, Freiwillige, Freiwilligenarbeit, bürgerschaftliches Engagement",
    "Kita, Kindertagesstätte, Kindergarten",
    "Jugendliche, junge Menschen",
    "Arbeitslose, Arbeitsuchende, Erwerbslose",
    "Wohnungslose, Obdachlose",
    "Alleinerziehende, Ein-Eltern-Familien",
    "Nachbarschaft, Quartier, Kiez",
    "Reparatur, Repair",
    "Einsamkeit, Isolation, Vereinsamung",
    "Gründung, Existenzgründung, Start-up",
    "Sozialunternehmen, Sozialunternehmertum, Social Entrepreneurship",
    "Förderung, Fördermittel, Finanzierung",
    "Nahverkehr, ÖPNV, Bürgerbus",
]


def ensure_synonyms(synonym_model) -> None:
    """Create the starter synonyms on an empty table; never touch what staff changed."""
    if not synonym_model.objects.exists():
        synonym_model.objects.bulk_create(synonym_model(terms=terms) for terms in SYNONYMS)
