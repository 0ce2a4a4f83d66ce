"""The network directory: organisations and their members, people and their consent.

``directory``: organisations, people, consent texts and records; ``membership``: who
belongs to an organisation (roles), invitations by email and requests to join.
"""

from network.models.directory import (
    ORGANISATION_REVISION_FIELDS,
    RESERVED_SLUGS,
    ConsentRecord,
    ConsentState,
    ConsentText,
    Organisation,
    OrganisationQuerySet,
    Person,
    PersonQuerySet,
    current_consent_text_id,
)
from network.models.membership import JoinRequest, OrganisationInvitation, OrganisationMembership

__all__ = [
    "ORGANISATION_REVISION_FIELDS",
    "RESERVED_SLUGS",
    "ConsentRecord",
    "ConsentState",
    "ConsentText",
    "JoinRequest",
    "Organisation",
    "OrganisationInvitation",
    "OrganisationMembership",
    "OrganisationQuerySet",
    "Person",
    "PersonQuerySet",
    "current_consent_text_id",
]
