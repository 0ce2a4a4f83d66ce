"""The network's part of a user's data export, and what happens when they delete their account."""

from django.db.models import Q

from accounts.public import verified_addresses
from network import services
from network.models import (
    ConsentText,
    JoinRequest,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    Person,
)
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
            "kind": person.kind,
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
            # The moderation of a profile the person created themselves.
            "moderation_status": person.moderation_status,
            "proposed_at": _iso(person.proposed_at),
            "moderator_message": person.moderator_message,
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
            {
                "name": membership.organisation.name,
                "address": membership.organisation.get_absolute_url(),
                "role": membership.role,
                "since": _iso(membership.created_at),
            }
            for membership in OrganisationMembership.objects.filter(user=user)
            .select_related("organisation")
            .order_by(*german_order("organisation__name"))
        ],
        # Sent by the user, or to one of the user's addresses.
        "organisation_invitations": [
            {
                "organisation": invitation.organisation.name,
                "email": invitation.email,
                "sent_at": _iso(invitation.created_at),
                "expires_at": _iso(invitation.expires_at),
                "accepted_at": _iso(invitation.accepted_at),
            }
            for invitation in OrganisationInvitation.objects.filter(
                Q(invited_by=user) | Q(email__in=_addresses(user))
            )
            .select_related("organisation")
            .order_by("created_at")
        ],
        "organisation_join_requests": [
            {
                "organisation": join_request.organisation.name,
                "message": join_request.message,
                "asked_at": _iso(join_request.created_at),
            }
            for join_request in JoinRequest.objects.filter(user=user).select_related("organisation")
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


def _addresses(user) -> set[str]:
    return {user.email.lower(), *verified_addresses(user)}


def _iso(moment):
    return moment.isoformat() if moment else None


def forget_deleted_user(sender, instance, **kwargs):
    """The profile of a person whose account is deleted goes with it
    (``services.delete_own_profile``); their organisations keep an administrator, and the
    accepted invitations, which only record which address joined, go too."""
    services.delete_own_profile(user=instance)
    services.keep_administrators(leaving=instance)
    addresses = Q()
    for address in _addresses(instance):
        addresses |= Q(email__iexact=address)
    OrganisationInvitation.objects.filter(addresses, accepted_at__isnull=False).delete()
