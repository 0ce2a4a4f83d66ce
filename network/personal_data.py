"""The network's part of a user's data export, and what happens when they delete their account."""

from network.models import Person


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
            "role": person.role,
            "affiliation": person.affiliation,
            "organisation": person.organisation.name if person.organisation_id else None,
            "bio": person.bio,
            "region": person.region,
            "email": person.email,
            "language": person.language,
            "photo": person.photo.name or None,
            "photo_alt": person.photo_alt,
            "expertise": [topic.name for topic in person.topics.all()],
            "offers": [offer.name for offer in person.offers.all()],
            "consents": [
                {
                    "text": str(record.text),
                    "given_at": record.given_at.isoformat(),
                    "how": record.how,
                    "withdrawn_at": record.withdrawn_at.isoformat()
                    if record.withdrawn_at
                    else None,
                }
                for record in person.consents.all()
            ],
        }
    return {
        "person_profile": profile,
        "organisation_memberships": [
            {"name": organisation.name, "address": organisation.get_absolute_url()}
            for organisation in user.organisations.order_by("name")
        ],
    }


def forget_deleted_user(sender, instance, **kwargs):
    """The profile of a person whose account is deleted goes with it (photo included)."""
    for person in Person.objects.filter(user=instance):
        if person.photo:
            person.photo.delete(save=False)
        person.delete()
