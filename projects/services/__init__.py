"""Every change to a project goes through these functions.

Lifecycle (``steps``): draft → submitted → published, or → changes requested (with the
moderator's message) → resubmitted, or → rejected (with a reason); published → archived.
A published project's edits wait in ``revision`` until a moderator approves them
(``changes``); the public keeps seeing the approved fields. Each step is recorded as a
``Transition`` and the team is told by email in each member's language (``history``).
The profile's fields, rendering and search index are in ``profile``; invitations, members,
ownership and what goes with a deleted account in ``team``.

The public names are re-exported here: callers write ``from projects import services``.
"""

from projects.services.changes import (
    CHANGE_MODERATION,
    ProjectChanges,
    revision_diff,
    show_revision,
    working_copy,
)
from projects.services.history import (
    DIGEST_FROM_HOUR,
    moderators,
    notify_new_owner,
    send_moderation_digest,
)
from projects.services.profile import (
    IMAGE_FIELDS,
    M2M_FIELDS,
    MARKDOWN_FIELDS,
    PROFILE_FIELDS,
    STORY_FIELDS,
    refresh_search,
    render_fields,
    search_document_of,
)
from projects.services.steps import (
    TransitionError,
    archive_project,
    create_project,
    publish_project,
    reject_project,
    request_changes,
    set_best_practice,
    submit_project,
    update_project,
    withdraw_submission,
)
from projects.services.team import (
    accept_invitation,
    addressed_to,
    forget_accepted_invitations,
    forget_contact_address,
    invitation_is_for,
    invite_member,
    open_invitations,
    ownership_successors,
    pass_on_ownership,
    remove_member,
    revoke_invitation,
    transfer_ownership,
    verified_addresses,
)

__all__ = [
    "CHANGE_MODERATION",
    "DIGEST_FROM_HOUR",
    "IMAGE_FIELDS",
    "M2M_FIELDS",
    "MARKDOWN_FIELDS",
    "PROFILE_FIELDS",
    "STORY_FIELDS",
    "ProjectChanges",
    "TransitionError",
    "accept_invitation",
    "addressed_to",
    "archive_project",
    "create_project",
    "forget_accepted_invitations",
    "forget_contact_address",
    "invitation_is_for",
    "invite_member",
    "moderators",
    "notify_new_owner",
    "open_invitations",
    "ownership_successors",
    "pass_on_ownership",
    "publish_project",
    "refresh_search",
    "reject_project",
    "remove_member",
    "render_fields",
    "request_changes",
    "revision_diff",
    "revoke_invitation",
    "search_document_of",
    "send_moderation_digest",
    "set_best_practice",
    "show_revision",
    "submit_project",
    "transfer_ownership",
    "update_project",
    "verified_addresses",
    "withdraw_submission",
    "working_copy",
]
