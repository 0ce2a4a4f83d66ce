"""The network's parts of the account home (registered in ``NetworkConfig.ready``)."""

from network.lifecycle import CONSENT, VISIBILITY, visibility_of
from network.models import OrganisationMembership, Person
from network.permissions import is_public_person
from network.services import consent_state, current_consent_text
from zukunftsplattform.german import german_order


def my_network_section(request) -> dict:
    """The person profile linked to the account (its moderation and consent); without a
    profile, the invitation to create one."""
    person = Person.objects.filter(user=request.user).first()
    return {
        "template": "network/account_section.html",
        "context": {
            "person": person,
            "is_public": is_public_person(person) if person else False,
            # Consent to the text in force, whether or not the moderation has published.
            "has_consent": person is not None and consent_state(person) in CONSENT.public,
            "consent_text": current_consent_text() if person else None,
        },
    }


def my_organisations_section(request) -> dict:
    """“My organisations”: each with the account's role and its state in the directory
    (one query), and the ways to add one or to join one."""
    memberships = (
        OrganisationMembership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by(*german_order("organisation__name"))
    )
    rows = [
        {
            "organisation": membership.organisation,
            "membership": membership,
            "state": VISIBILITY.states[visibility_of(membership.organisation)],
        }
        for membership in memberships
    ]
    return {"template": "network/account_organisations.html", "context": {"rows": rows}}
