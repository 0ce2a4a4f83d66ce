"""The network's part of a user's data export, and what happens when they delete their account."""

from network import services
from network.models import ConsentText, Organisation, Person
from zukunftsplattform.german import german_order


def network_data(user) -> dict:
    person = (
        Person.objects.filter(user=user)
        .prefetch_related("topics", "offers", "consents__text")
        .first()
    )
    profile = None
    if person is not None:
        profile = {
            "name": person.name,
            "address": person.get_absolute_url(),
            # Earlier addresses of the profile (they redirect to the current one).
            "former_addresses": [f"/netzwerk/personen/{slug}/" for slug in person.previous_slugs],
            "role": person.role,
            "affiliation": person.affiliation,
            "organisation": person.organisation.name if person.organisation else None,
            "bio": person.bio,
            "region": person.region,
            "email": person.email,
            "language": person.language,
            "photo": person.photo.name or None,
            "photo_alt": person.photo_alt,
            "photo_credit": person.photo_credit,
            "expertise": [topic.name for topic in person.topics.all()],
            "offers": [offer.name for offer in person.offers.all()],
            "consent_requested_at": _iso(person.consent_requested_at),
            "created_at": _iso(person.created_at),
            "updated_at": _iso(person.updated_at),
            "consents": [
                {
                    "text": str(record.text),
                    "given_at": record.given_at.isoformat(),
                    "how": record.how,
                    "email": record.email,
                    "withdrawn_at": _iso(record.withdrawn_at),
                    "withdrawn_how": record.withdrawn_how,
                }
                for record in person.consents.all()
            ],
        }
    return {
        "person_profile": profile,
        "organisation_memberships": [
            {"name": organisation.name, "address": organisation.get_absolute_url()}
            for organisation in user.organisations.order_by(*german_order("name"))
        ],
        "organisation_change_proposals": [
            {
                "organisation": organisation.name,
                "submitted_at": _iso(organisation.revision_submitted_at),
                "proposed": organisation.revision,
            }
            for organisation in Organisation.objects.filter(revision_by=user).order_by(
                *german_order("name")
            )
        ],
        # Staff only: consent text versions they wrote.
        "consent_texts_written": [
            {"text": str(text), "version": text.version, "created_at": _iso(text.created_at)}
            for text in ConsentText.objects.filter(created_by=user).order_by("created_at")
        ],
    }


def profile_photos(user) -> list[str]:
    """The photo of the user's own profile, for the ZIP of their data."""
    return [str(person.photo.name) for person in Person.objects.filter(user=user) if person.photo]


def _iso(moment):
    return moment.isoformat() if moment else None


def forget_deleted_user(sender, instance, **kwargs):
    """The profile of a person whose account is deleted goes with it
    (``services.delete_own_profile``)."""
    services.delete_own_profile(user=instance)
