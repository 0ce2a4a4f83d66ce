"""Version 1 of the terms of use, in force from the start.

Used by a migration, by the demo data (which starts from an empty database) and by tests;
staff write later versions in the admin (“Terms of use”) and put them in force there.
"""

from zukunftsplattform import versioned_text

TITLE_DE = "Nutzungsbedingungen der Zukunftsplattform"
TITLE_EN = "Terms of use of the Future Platform"

BODY_DE = """\
Die Zukunftsplattform für soziale Innovationen ist ein Angebot des Sächsischen
Staatsministeriums für Soziales, Gesundheit und gesellschaftlichen Zusammenhalt. Mit einem
Konto können Sie Projekte eintragen, sich zu Veranstaltungen anmelden und mit anderen in
Kontakt treten.

- **Ihre Inhalte.** Sie tragen nur ein, was Sie veröffentlichen dürfen. Texte und Bilder
  verletzen keine Rechte Dritter; für jedes Bild haben Sie das Recht zur Veröffentlichung
  und nennen, wo nötig, einen Bildnachweis.
- **Moderation.** Neue Einträge und Änderungen prüft die Redaktion, bevor sie öffentlich
  werden. Sie kann Inhalte ablehnen, um Änderungen bitten oder Inhalte ausblenden, die
  gegen diese Bedingungen oder geltendes Recht verstoßen.
- **Umgang miteinander.** Die Plattform dient der Zusammenarbeit für soziale Innovationen.
  Werbung, Beleidigungen und diskriminierende Inhalte sind nicht erlaubt.
- **Ihre Daten.** Wie wir Ihre Daten verarbeiten, steht in der Datenschutzerklärung. Sie
  können Ihre Daten jederzeit in Ihrem Konto herunterladen und Ihr Konto löschen.
- **Änderungen.** Ändern sich diese Bedingungen, bitten wir Sie bei Ihrem nächsten
  Besuch, die neue Fassung zu lesen und zu akzeptieren.
"""

BODY_EN = """\
The Future Platform for Social Innovation is provided by the Saxon State Ministry for
Social Affairs, Health and Social Cohesion. With an account you can add projects, register
for events and get in touch with others.

- **Your content.** You only add what you may publish. Texts and images infringe no one
  else's rights; for every image you hold the right to publish it and give a credit line
  where one is needed.
- **Moderation.** The editorial team reviews new entries and changes before they become
  public. It may reject content, ask for changes or hide content that breaks these terms
  or the law.
- **Conduct.** The platform is for working together on social innovation. Advertising,
  insults and discriminatory content are not allowed.
- **Your data.** The privacy policy says how we process your data. You can download your
  data and delete your account at any time in your account.
- **Changes.** When these terms change, we ask you on your next visit to read and accept
  the new version.
"""


def ensure_terms(terms_model):
    """Create version 1 of the terms of use, in force, if no version exists yet."""
    existing = terms_model.objects.order_by("version").first()
    if existing:
        return existing
    return versioned_text.first_version(
        terms_model,
        title_de=TITLE_DE,
        title_en=TITLE_EN,
        body_de=BODY_DE,
        body_en=BODY_EN,
    )
