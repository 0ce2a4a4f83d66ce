"""The network's part of the account home (registered in ``NetworkConfig.ready``)."""

from network.models import Person
from network.permissions import is_public_person
from network.services import current_consent_text
from zukunftsplattform.german import german_order


def my_network_section(request) -> dict | None:
    """The person profile linked to the account and the organisations it may edit;
    nothing when there is neither."""
    person = Person.objects.filter(user=request.user).first()
    organisations = list(request.user.organisations.order_by(*german_order("name")))
    if not person and not organisations:
        return None
    return {
        "template": "network/account_section.html",
        "context": {
            "person": person,
            "is_public": is_public_person(person) if person else False,
            "organisations": organisations,
            "consent_text": current_consent_text() if person else None,
        },
    }
