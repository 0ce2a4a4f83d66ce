"""Version 1 of the consent text for public profiles, in force from the start.

Without a text in force nobody could be public. Used by a migration, by the demo data
(which starts from an empty database) and by tests; staff write later versions in the admin.

Until December 2026 both bodies began with a stray backslash (an escaped backslash where a
line continuation was meant), which the pages showed before the first sentence. Migration
``network/0007_consent_text_stray_backslash`` removed it from version 1 in place; why in
place and not as a new version is explained there.
"""

from zukunftsplattform import versioned_text

TITLE_DE = "Einwilligung: Ihr Profil im Netzwerk der Zukunftsplattform"
TITLE_EN = "Consent: your profile in the network of the Future Platform"

BODY_DE = """\
Ich willige ein, dass die Zukunftsplattform für soziale Innovationen mein Profil im
öffentlichen Netzwerkverzeichnis zeigt: meinen Namen, meine Rolle, meine Organisation,
meine Kurzbiografie, mein Foto, meine Fachthemen und meine Unterstützungsangebote.

- Das Profil ist für alle sichtbar und kann von Suchmaschinen gefunden werden.
- Meine E-Mail-Adresse wird nicht veröffentlicht.
- Ich kann diese Einwilligung jederzeit ohne Angabe von Gründen widerrufen – über den
  Link in jeder E-Mail der Plattform oder in meinem Konto. Das Profil verschwindet
  dann sofort von allen Seiten der Plattform.
- Verantwortlich ist das Sächsische Staatsministerium für Soziales, Gesundheit und
  gesellschaftlichen Zusammenhalt. Mehr dazu in der Datenschutzerklärung.
"""

BODY_EN = """\
I agree that the Future Platform for Social Innovation shows my profile in the public
network directory: my name, role, organisation, short biography, photo, areas of
expertise and what I offer.

- The profile is visible to everyone and can be found by search engines.
- My email address is not published.
- I can withdraw this consent at any time without giving reasons – through the link in
  every email from the platform or in my account. The profile then disappears at once
  from every page of the platform.
- The controller is the Saxon State Ministry for Social Affairs, Health and Social
  Cohesion. See the privacy policy for details.
"""


def ensure_consent_text(consent_text_model):
    """Create version 1 of the public-profile text if no version exists yet."""
    existing = consent_text_model.objects.filter(purpose="public_profile").first()
    if existing:
        return existing
    return versioned_text.first_version(
        consent_text_model,
        purpose="public_profile",
        title_de=TITLE_DE,
        title_en=TITLE_EN,
        body_de=BODY_DE,
        body_en=BODY_EN,
    )
