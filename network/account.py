"""The network's parts of the account home (registered in ``NetworkConfig.ready``)."""

from network.lifecycle import VISIBILITY, visibility_of
from network.models import OrganisationMembership, Person
from network.permissions import is_public_person
from network.services import current_consent_text
from zukunftsplattform.german import german_order


def my_network_section(request) -> dict | None:
    """The person profile linked to the account; nothing without one."""
    person = Person.objects.filter(user=request.user).first()
    if not person:
        return None
    return {
        "template": "network/account_section.html",
        "context": {
            "person": person,
            "is_public": is_public_person(person),
            "consent_text": current_consent_text(),
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
