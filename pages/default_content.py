"""First drafts of the staff-editable pages. Every one is marked for legal review."""

from zukunftsplattform.markdown import render_markdown

PAGES = {
    "impressum": (
        "Impressum",
        "Legal notice",
        """## Herausgeber

Sächsisches Staatsministerium für Soziales, Gesundheit und Gesellschaftlichen Zusammenhalt
Albertstraße 10
01097 Dresden

Telefon: 0351 564-0
E-Mail: [poststelle@sms.sachsen.de](mailto:poststelle@sms.sachsen.de)

Das Ministerium wird vertreten durch die Staatsministerin.

## Verantwortlich für den Inhalt

Referat Soziale Innovationen (Anschrift wie oben). Für die Inhalte der Projektprofile sind die
jeweiligen Innovator\\*innen verantwortlich; die Redaktion prüft jedes Profil vor der Veröffentlichung.

## Umsatzsteuer-Identifikationsnummer

DE 140 853 220 *(Platzhalter – vor Veröffentlichung prüfen)*

## Haftung für Links

Für die Inhalte verlinkter externer Seiten sind ausschließlich deren Betreiber verantwortlich.
""",
        """## Publisher

Saxon State Ministry for Social Affairs, Health and Social Cohesion, Albertstraße 10,
01097 Dresden, Germany. Phone +49 351 564-0.

Project profiles are the responsibility of their innovators; the editorial team reviews every
profile before it is published. This English version is for information; the German text applies.
""",
    ),
    "datenschutz": (
        "Datenschutzerklärung",
        "Privacy policy",
        """## Das Wichtigste in Kürze

- Die Plattform setzt **keine Tracking-Werkzeuge** ein und lädt **nichts von fremden Servern**.
- Ohne Anmeldung speichern wir keine Cookies in Ihrem Browser.
- Wenn Sie ein Konto anlegen, speichern wir Ihre E-Mail-Adresse, Ihren Anzeigenamen und Ihr
  Passwort (nur verschlüsselt). Unter „Mein Konto“ können Sie alle Daten einsehen, als Datei
  herunterladen und Ihr Konto löschen.

## Verantwortliche Stelle

Sächsisches Staatsministerium für Soziales, Gesundheit und Gesellschaftlichen Zusammenhalt,
Albertstraße 10, 01097 Dresden.

## Datenschutzbeauftragte\\*r

Erreichbar unter der Anschrift des Ministeriums mit dem Zusatz „Datenschutzbeauftragte\\*r“.

## Welche Daten wir verarbeiten und warum

1. **Server-Protokolle:** Zeitpunkt, aufgerufene Adresse und Statuscode, um den Betrieb zu
   sichern (Art. 6 Abs. 1 lit. e DSGVO). Sie werden nach 14 Tagen gelöscht.
2. **Konto:** E-Mail-Adresse, Anzeigename, Sprache, Zeitpunkt der Registrierung und der
   letzten Anmeldung, Ihre zweiten Faktoren (Art. 6 Abs. 1 lit. a und e DSGVO).
3. **Rückmeldungen und Kontaktanfragen:** Ihre Nachricht und – nur wenn Sie sie angeben – Name und
   E-Mail-Adresse, um Ihr Anliegen zu bearbeiten.
4. **Nachrichten über die Plattform („Kontakt aufnehmen“):** Betreff, Text, Absender\\*in und
   Empfänger\\*innen, damit die Nachricht ankommt und beide ihren Stand sehen (Art. 6 Abs. 1
   lit. e DSGVO). Die E-Mail-Adresse der Absender\\*in geht nur mit ihrer Zustimmung mit.
   Nachrichten werden 180 Tage nach dem Senden gelöscht, gemeldete erst nach der Entscheidung
   der Redaktion.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung,
Datenübertragbarkeit und Widerspruch sowie das Recht auf Beschwerde bei der Sächsischen
Datenschutz- und Transparenzbeauftragten.
""",
        """## In short

- The platform uses **no tracking** and loads **nothing from other servers**.
- Without an account we store no cookies in your browser.
- With an account we store your email address, display name and (hashed) password. Under
  “My account” you can see and download all your data and delete your account.
- Messages sent through the platform (“Get in touch”) are deleted 180 days after they were
  sent; the sender's email address goes along only if they agree.

This English version is for information; the German text applies.
""",
    ),
    "barrierefreiheit": (
        "Erklärung zur Barrierefreiheit",
        "Accessibility statement",
        """Das Sächsische Staatsministerium für Soziales, Gesundheit und Gesellschaftlichen Zusammenhalt
ist bemüht, diese Plattform im Einklang mit dem Barrierefreie-Websites-Gesetz Sachsen und der
Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.

## Stand der Vereinbarkeit mit den Anforderungen

Die Plattform ist mit den Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) **weitgehend vereinbar**.
Wir streben die WCAG 2.2, Stufe AA an. Jede Seite wird bei jeder Änderung automatisiert mit
axe-core geprüft und mit der Tastatur bedient.

## Nicht barrierefreie Inhalte

- Von Innovator\\*innen hochgeladene Dokumente (z. B. Präsentationen) sind nicht immer barrierefrei.

## Erstellung dieser Erklärung

Diese Erklärung wurde am 29.11.2026 auf Grundlage einer Selbstbewertung erstellt.

## Barriere melden

Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie uns über das Formular
unten. Wir antworten innerhalb von zwei Wochen.

## Schlichtungsverfahren

Wenn Sie keine zufriedenstellende Antwort erhalten, können Sie sich an die Durchsetzungsstelle
für Barrierefreiheit beim Beauftragten der Sächsischen Staatsregierung für die Belange von
Menschen mit Behinderungen wenden.
""",
        """We aim to make this platform accessible in accordance with BITV 2.0 (WCAG 2.1 AA) and work
towards WCAG 2.2 AA. Every page is checked automatically with axe-core on every change.

If you notice a barrier, please tell us with the form below. We answer within two weeks.
""",
    ),
    "leichte-sprache": (
        "Leichte Sprache",
        "Easy language",
        """## Was ist die Zukunfts-Plattform?

Das ist eine Internet-Seite.
Sie ist vom Sozial-Ministerium in Sachsen.

Auf der Seite stehen **Projekte**.
Die Projekte machen das Leben von Menschen besser.
Zum Beispiel:

- Hilfe für ältere Menschen im Dorf.
- Treffen für Nachbarn.
- Hilfe bei der Arbeits-Suche.

## Was können Sie hier machen?

- Sie können Projekte ansehen.
- Sie können Ihr eigenes Projekt zeigen.
- Sie können andere Menschen finden. Die Menschen helfen Ihnen.
- Sie können zu Veranstaltungen gehen.

## Wie finden Sie etwas?

Oben auf der Seite ist ein Menü.
Dort klicken Sie auf **Projekte** oder **Veranstaltungen**.

## Haben Sie Fragen?

Schreiben Sie uns. Klicken Sie dafür unten auf **Kontakt**.
""",
        """This page explains the platform in easy German (Leichte Sprache). Please switch to German
to read it.
""",
    ),
    "gebaerdensprache": (
        "Gebärdensprache",
        "Sign language",
        """Hier erklären wir die Plattform in Deutscher Gebärdensprache (DGS).

*Die Videos in Gebärdensprache werden derzeit produziert. Bis dahin finden Sie hier eine
Zusammenfassung in Textform.*

- Was ist die Zukunftsplattform?
- Wie kann ich ein Projekt eintragen?
- Wie melde ich mich zu einer Veranstaltung an?
- Wie erreiche ich die Redaktion?

Sie erreichen uns per E-Mail oder über das Kontaktformular. Bei Veranstaltungen können Sie
Gebärdensprachdolmetschung anfragen.
""",
        """Videos in German Sign Language (DGS) are being produced. Until then this page gives a summary
in text.
""",
    ),
    "kontakt": (
        "Kontakt",
        "Contact",
        """Sie haben eine Frage zur Plattform, zu Ihrem Projektprofil oder zu einer Veranstaltung?
Die Redaktion hilft Ihnen gern.

**Redaktion Zukunftsplattform**
Sächsisches Staatsministerium für Soziales, Gesundheit und Gesellschaftlichen Zusammenhalt
Albertstraße 10, 01097 Dresden

Telefon: 0351 564-0 (Mo–Fr 9–15 Uhr)

Oder schreiben Sie uns direkt über das Formular.
""",
        """Questions about the platform, your project profile or an event? The editorial team is happy to
help. Write to us with the form below.
""",
    ),
    "ueber": (
        "Über die Plattform",
        "About the platform",
        """Die **Zukunftsplattform für soziale Innovationen** macht sichtbar, was Zivilgesellschaft,
Wohlfahrtsverbände und Sozialunternehmen in Sachsen Neues für den sozialen Zusammenhalt
entwickeln.

## Wofür es die Plattform gibt

- **Sichtbar werden:** Innovator\\*innen stellen ihre Projekte vor – von der ersten Idee bis zur
  Verbreitung.
- **Partner finden:** Projekte sagen, was sie brauchen und was sie anbieten. Die Plattform zeigt,
  wer wem helfen kann.
- **Sich begegnen:** Die Dialogreihe „Sozial. Innovativ. Sächsisch.“ bringt Praxis, Verwaltung und
  Wissenschaft zusammen.

Die Plattform wird aus Mitteln des ESF Plus im Rahmen des Modellvorhabens zur
Zukunftsplattform gefördert.
""",
        """The **Future Platform for Social Innovation** shows what civil society, welfare organisations
and social enterprises in Saxony develop for social cohesion: projects become visible, find
partners, and meet at the dialogue series “Sozial. Innovativ. Sächsisch.”
""",
    ),
}


def ensure_default_pages(content_page_model) -> None:
    """Create each page that does not exist yet; never overwrite what staff edited."""
    for slug, (title_de, title_en, body_de, body_en) in PAGES.items():
        if not content_page_model.objects.filter(slug=slug).exists():
            content_page_model.objects.create(
                slug=slug,
                title_de=title_de,
                title_en=title_en,
                body_de=body_de,
                body_en=body_en,
                body_de_html=render_markdown(body_de),
                body_en_html=render_markdown(body_en),
            )
