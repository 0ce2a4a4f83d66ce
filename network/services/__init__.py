"""Every change to the network directory goes through these functions.

Organisations (``organisations``): moderators create and edit directly (admin), show or
hide them and merge duplicates. Signed-in people propose new ones (``admission``), which the
moderation publishes or declines; their members, roles, invitations and requests to join
are in ``membership``. Members propose changes (``changes``), which wait in
``Organisation.revision`` until a moderator approves them; the public keeps seeing the
approved profile.

People (``people``, ``consent``, ``experts``): a profile is public only with a consent to
the consent text now in force (see ``PersonQuerySet.public``) and, when the person created
it themselves (``experts``), once the moderation has published it. Staff-created people confirm through a
signed link sent by email; every email to a person carries a link to withdraw; withdrawal
hides the profile at once because every public query filters on consent.

The public names are re-exported here: callers write ``from network import services``.
"""

from network.services.admission import (
    administrators,
    decline_organisation,
    edit_proposed_organisation,
    founder_of,
    propose_organisation,
    publish_organisation,
)
from network.services.changes import (
    CHANGE_MODERATION,
    OrganisationChanges,
    approve_organisation_change,
    propose_organisation_change,
    reject_organisation_change,
)
from network.services.common import (
    M2M_FIELDS,
    ORGANISATION_RECORDED,
    ORGANISATION_STAFF_FIELDS,
    PERSON_FIELDS,
    PERSON_RECORDED,
    PERSON_STAFF_FIELDS,
)
from network.services.consent import (
    consent_state,
    current_consent_text,
    give_consent,
    publish_consent_text,
    request_consent,
    save_consent_text,
    withdraw_consent,
)
from network.services.experts import (
    decide_profile,
    propose_own_profile,
    propose_profile_again,
)
from network.services.membership import (
    accept_organisation_invitation,
    decide_join_request,
    invite_to_organisation,
    keep_administrators,
    leave_organisation,
    open_organisation_invitations,
    organisation_invitation_is_for,
    remove_member,
    request_to_join,
    revoke_organisation_invitation,
    set_member_role,
)
from network.services.organisations import (
    create_organisation,
    merge_organisations,
    organisation_working_copy,
    refresh_organisation,
    search_document_of_organisation,
    set_organisation_visibility,
    update_organisation,
)
from network.services.people import (
    create_person,
    delete_own_profile,
    refresh_person,
    search_document_of_person,
    update_person,
)

__all__ = [
    "CHANGE_MODERATION",
    "M2M_FIELDS",
    "ORGANISATION_RECORDED",
    "ORGANISATION_STAFF_FIELDS",
    "PERSON_FIELDS",
    "PERSON_RECORDED",
    "PERSON_STAFF_FIELDS",
    "OrganisationChanges",
    "accept_organisation_invitation",
    "administrators",
    "approve_organisation_change",
    "consent_state",
    "create_organisation",
    "create_person",
    "current_consent_text",
    "decide_join_request",
    "decide_profile",
    "decline_organisation",
    "delete_own_profile",
    "edit_proposed_organisation",
    "founder_of",
    "give_consent",
    "invite_to_organisation",
    "keep_administrators",
    "leave_organisation",
    "merge_organisations",
    "open_organisation_invitations",
    "organisation_invitation_is_for",
    "organisation_working_copy",
    "propose_organisation",
    "propose_organisation_change",
    "propose_own_profile",
    "propose_profile_again",
    "publish_consent_text",
    "publish_organisation",
    "refresh_organisation",
    "refresh_person",
    "reject_organisation_change",
    "remove_member",
    "request_consent",
    "request_to_join",
    "revoke_organisation_invitation",
    "save_consent_text",
    "search_document_of_organisation",
    "search_document_of_person",
    "set_member_role",
    "set_organisation_visibility",
    "update_organisation",
    "update_person",
    "withdraw_consent",
]
