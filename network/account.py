"""The network's part of the account home (registered in ``NetworkConfig.ready``)."""

from network.lifecycle import CONSENT
from network.models import Person
from network.permissions import is_public_person
from network.services import consent_state, current_consent_text
from zukunftsplattform.german import german_order


def my_network_section(request) -> dict:
    """The person profile linked to the account (its moderation and consent) and the
    organisations it may edit; without a profile, the invitation to create one."""
    person = Person.objects.filter(user=request.user).first()
    organisations = list(request.user.organisations.order_by(*german_order("name")))
    return {
        "template": "network/account_section.html",
        "context": {
            "person": person,
            "is_public": is_public_person(person) if person else False,
            # Consent to the text in force, whether or not the moderation has published.
            "has_consent": person is not None and consent_state(person) in CONSENT.public,
            "organisations": organisations,
            "consent_text": current_consent_text() if person else None,
        },
    }
