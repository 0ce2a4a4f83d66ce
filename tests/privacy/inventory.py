"""Everything the portal stores about a person is in their export, and goes with their account.

``INVENTORY`` is the list of record: for each model that holds data linked to a user, which
fields are personal (and under which key the export shows them) and which are not (and
why). ``test_inventory_covers_every_field_of_every_user_linked_model`` walks the models,
so a new personal field, or a new model pointing at the user, fails until it is listed
here – and, if personal, exported.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.models import ActivityLog, TermsAcceptance, TermsOfUse
from contact.models import BlockedSender, ContactOptOut, ContactRequest
from events.models import AgendaItem, Registration
from following.models import DigestDelivery, DigestSetting, Follow
from network.models import (
    ConsentRecord,
    ConsentText,
    JoinRequest,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    Person,
)
from notices.models import Report
from projects.models import Invitation, Project, ProjectMembership, Transition


@dataclass
class Personal:
    """How one model's rows linked to a user are exported.

    ``exported`` maps each personal field to the export key that shows it (or to
    ``(key, how the stored value appears there)``); ``not_personal`` gives the reason for
    every other field. ``rows(user)`` returns the user's rows.
    """

    rows: Callable
    exported: dict = field(default_factory=dict)
    not_personal: dict = field(default_factory=dict)


LINK = "the link to the user itself"
TECHNICAL = "technical key"


def _all(reason: str, names: str) -> dict:
    return dict.fromkeys(names.split(), reason)


def _name(obj):
    return str(obj) if obj is not None else None


def _addresses(user):
    return [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]


INVENTORY = {
    "accounts.User": Personal(
        rows=lambda user: [user],
        exported={
            "email": "email",
            "display_name": "display_name",
            "language": "language",
            "date_joined": "date_joined",
            "last_login": "last_login",
            "is_staff": "is_staff",
            "is_superuser": "is_superuser",
            "moderation_emails": "moderation_emails",
            "moderation_digest_sent_at": "moderation_digest_sent_at",
            "groups": ("groups", lambda group: group.name),
            "user_permissions": (
                "permissions",
                lambda p: f"{p.content_type.app_label}.{p.codename}",
            ),
        },
        not_personal={
            "id": TECHNICAL,
            "password": "a salted hash, a secret: never handed out",
            "is_active": "always true for an account that can download its data",
        },
    ),
    "account.EmailAddress": Personal(
        rows=lambda user: EmailAddress.objects.filter(user=user),
        exported={"email": "email", "verified": "verified", "primary": "primary"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "account.EmailConfirmation": Personal(
        # Unused: confirmation links are HMAC-signed (ACCOUNT_EMAIL_CONFIRMATION_HMAC), so
        # this table stays empty; test_no_stored_email_confirmations checks that.
        rows=lambda user: [],
        not_personal={
            "id": TECHNICAL,
            "email_address": LINK,
            "created": "table unused",
            "sent": "table unused",
            "key": "table unused",
        },
    ),
    "mfa.Authenticator": Personal(
        rows=lambda user: Authenticator.objects.filter(user=user),
        exported={"type": "type", "created_at": "created_at", "last_used_at": "last_used_at"},
        not_personal={
            "id": TECHNICAL,
            "user": LINK,
            "data": "the TOTP secret, passkey credential or recovery seed: a secret",
        },
    ),
    "admin.LogEntry": Personal(
        rows=lambda user: LogEntry.objects.filter(user=user),
        exported={
            "action_time": "at",
            "content_type": ("kind", lambda ct: f"{ct.app_label}.{ct.model}"),
            "object_id": "object_id",
            "object_repr": "object",
            "action_flag": "action",
            "change_message": "change",
        },
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "accounts.ActivityLog": Personal(
        # Deleting the account clears ``actor``; the records about the person's own profile
        # go with the profile, and no record keeps a name, contact address or account link
        # (accounts.audit.changes, _ACCOUNT_KEYS).
        rows=lambda user: ActivityLog.objects.filter(actor=user),
        exported={
            "at": "at",
            "action": "action",
            "content_type": ("kind", lambda ct: f"{ct.app_label}.{ct.model}"),
            "object_id": "object_id",
            "object_repr": "object",
            "data": "details",
        },
        not_personal={"id": TECHNICAL, "actor": LINK},
    ),
    "projects.ProjectMembership": Personal(
        rows=lambda user: ProjectMembership.objects.filter(user=user),
        exported={"project": "project", "role": "role", "created_at": "since"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "projects.Invitation": Personal(
        rows=lambda user: Invitation.objects.filter(
            Q(invited_by=user) | Q(email__in=_addresses(user))
        ),
        exported={
            "project": "project",
            "email": "email",
            "created_at": "sent_at",
            "expires_at": "expires_at",
            "accepted_at": "accepted_at",
        },
        not_personal={
            "id": TECHNICAL,
            "invited_by": LINK,
            "token": "the secret link sent to the invited address",
        },
    ),
    "projects.Transition": Personal(
        rows=lambda user: Transition.objects.filter(actor=user),
        exported={
            "project": "project",
            "from_status": "from",
            "to_status": "to",
            "message": "message",
            "created_at": "at",
        },
        not_personal={"id": TECHNICAL, "actor": LINK},
    ),
    "network.Person": Personal(
        rows=lambda user: Person.objects.filter(user=user),
        exported={
            "name": "name",
            "slug": ("address", lambda slug: f"/netzwerk/personen/{slug}/"),
            "previous_slugs": (
                "former_addresses",
                lambda slugs: [f"/netzwerk/personen/{slug}/" for slug in slugs],
            ),
            "kind": "kind",
            "role": "role",
            "affiliation": "affiliation",
            "organisation": "organisation",
            "bio": "bio",
            "photo": ("photo", lambda photo: photo.name),
            "photo_alt": "photo_alt",
            "photo_credit": "photo_credit",
            "topics": ("expertise", lambda topic: topic.name),
            "offers": ("offers", lambda offer: offer.name),
            "region": "region",
            "email": "email",
            "language": "language",
            "consent_requested_at": "consent_requested_at",
            "moderation_status": "moderation_status",
            "proposed_at": "proposed_at",
            "moderator_message": "moderator_message",
            "created_at": "created_at",
            "updated_at": "updated_at",
        },
        not_personal={
            "id": TECHNICAL,
            "user": LINK,
            "bio_html": "the biography rendered as HTML (exported as written)",
            "search_vector": "search index of the public profile",
            "search_text": "search index of the public profile",
        },
    ),
    "network.ConsentRecord": Personal(
        rows=lambda user: ConsentRecord.objects.filter(person__user=user),
        exported={
            "text": "text",
            "given_at": "given_at",
            "how": "how",
            "email": "email",
            "withdrawn_at": "withdrawn_at",
            "withdrawn_how": "withdrawn_how",
        },
        not_personal={"id": TECHNICAL, "person": "the link to the user's profile"},
    ),
    "network.Organisation": Personal(
        rows=lambda user: Organisation.objects.filter(Q(members=user) | Q(revision_by=user)),
        exported={
            "name": "name",
            "members": ("organisation_memberships", None),  # checked by name below
            "revision": "proposed",
            "revision_submitted_at": "submitted_at",
        },
        not_personal=_all(
            "the organisation's public profile, not the member's data",
            "id slug kind description description_html region place logo logo_alt logo_credit website "
            "is_platform_partner is_published topics offers created_at updated_at "
            "search_vector search_text previous_slugs admission",
        )
        | {
            "revision_by": LINK,
            "revision_state": "the state of the proposal (exported as proposed while it waits)",
        },
    ),
    "network.OrganisationMembership": Personal(
        rows=lambda user: OrganisationMembership.objects.filter(user=user),
        exported={"organisation": "name", "role": "role", "created_at": "since"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "network.OrganisationInvitation": Personal(
        rows=lambda user: OrganisationInvitation.objects.filter(
            Q(invited_by=user) | Q(email__in=_addresses(user))
        ),
        exported={
            "organisation": "organisation",
            "email": "email",
            "created_at": "sent_at",
            "expires_at": "expires_at",
            "accepted_at": "accepted_at",
        },
        not_personal={
            "id": TECHNICAL,
            "invited_by": LINK,
            "token": "the secret link sent to the invited address",
        },
    ),
    "network.JoinRequest": Personal(
        rows=lambda user: JoinRequest.objects.filter(user=user),
        exported={"organisation": "organisation", "message": "message", "created_at": "asked_at"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "network.ConsentText": Personal(
        rows=lambda user: ConsentText.objects.filter(created_by=user),
        exported={"version": "version", "created_at": "created_at"},
        not_personal=_all(
            "the published legal text itself, not data about its author",
            "id purpose title_de title_en body_de body_en body_de_html body_en_html published_at",
        )
        | {"created_by": LINK},
    ),
    "accounts.TermsAcceptance": Personal(
        rows=lambda user: TermsAcceptance.objects.filter(user=user),
        exported={"terms": ("version", lambda terms: terms.version), "accepted_at": "accepted_at"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "accounts.TermsOfUse": Personal(
        rows=lambda user: TermsOfUse.objects.filter(created_by=user),
        exported={"version": "version", "created_at": "created_at"},
        not_personal=_all(
            "the published legal text itself, not data about its author",
            "id title_de title_en body_de body_en body_de_html body_en_html published_at",
        )
        | {"created_by": LINK},
    ),
    "events.Registration": Personal(
        rows=lambda user: Registration.objects.filter(user=user),
        exported={
            "event": "event",
            "name": "name",
            "email": "email",
            "language": "language",
            "status": "status",
            "accessibility_needs": "accessibility_needs",
            "dietary_needs": "dietary_needs",
            "photo_consent": "photo_consent",
            "attended": "attended",
            "created_at": "registered_at",
            "placed_at": "placed_at",
            "confirmed_at": "confirmed_at",
            "cancelled_at": "cancelled_at",
            "reminder_sent_at": "reminder_sent_at",
        },
        not_personal={
            "id": TECHNICAL,
            "user": LINK,
            "waitlist_number": "internal order; exported as waitlist_position",
            "token": "the secret link of the registration",
            "anonymised_at": "set only when the registration is no longer linked to anyone",
        },
    ),
    "events.AgendaItem": Personal(
        rows=lambda user: AgendaItem.objects.filter(speakers__user=user),
        exported={"event": "event", "title": "item", "starts_at": "starts_at"},
        not_personal={
            "id": TECHNICAL,
            "speakers": "the link to the user's profile",
            "ends_at": "the event's programme",
            "description": "the event's programme",
            "presented_projects": "the event's programme",
        },
    ),
    "notices.Report": Personal(
        # Deleting the account keeps the report for the moderation, without the link and
        # the contact given; decided reports are deleted NOTICES_KEEP_DAYS after the decision.
        rows=lambda user: Report.objects.filter(reporter=user),
        exported={
            "content_title": "content",
            "content_path": "address",
            "reason": "reason",
            "description": "description",
            "good_faith": "good_faith",
            "reporter_name": "name",
            "reporter_email": "email",
            "language": "language",
            "state": "state",
            "decision": "decision",
            "ground": "ground",
            "statement": "statement",
            "created_at": "received_at",
            "decided_at": "decided_at",
        },
        not_personal={
            "id": TECHNICAL,
            "reporter": LINK,
            "content_type": "which kind of page was reported (exported as its address)",
            "object_id": "which page was reported (exported as its address)",
        },
    ),
    "contact.ContactRequest": Personal(
        # Sent (deleted with the account) and received (deleted with it when only this
        # account received it).
        rows=lambda user: (
            ContactRequest.objects.filter(Q(sender=user) | Q(recipients=user))
            .distinct()
            .order_by("pk")
        ),
        exported={
            "subject": "subject",
            "message": "message",
            "about": ("about", lambda category: category.name),
            "about_kind": "about_kind",
            "share_email": "share_email",
            "status": "status",
            "status_changed_at": "status_changed_at",
            "created_at": "sent_at",
        },
        not_personal={
            "id": TECHNICAL,
            "sender": LINK,
            "recipients": LINK,
            "project": "the addressee, a public profile (exported by name as 'to')",
            "organisation": "the addressee, a public profile (exported by name as 'to')",
            "person": "the addressee, a public profile (exported by name as 'to')",
            "recipient_email": "the address of a person without account, never a user's",
        },
    ),
    "contact.ContactOptOut": Personal(
        rows=lambda user: ContactOptOut.objects.filter(person__user=user),
        exported={"created_at": "since"},
        not_personal={
            "id": TECHNICAL,
            "person": "the link to the user's profile",
            "organisation": "an organisation's setting (exported for its members)",
        },
    ),
    "contact.BlockedSender": Personal(
        rows=lambda user: BlockedSender.objects.filter(user=user),
        exported={"created_at": "since", "reason": "reason"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "following.Follow": Personal(
        rows=lambda user: Follow.objects.filter(user=user),
        exported={
            "project": ("project", _name),
            "organisation": ("organisation", _name),
            "series": ("series", _name),
            "created_at": "since",
        },
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "following.DigestSetting": Personal(
        rows=lambda user: DigestSetting.objects.filter(user=user),
        exported={"weekly": "weekly", "region": "region", "changed_at": "changed_at"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "following.DigestDelivery": Personal(
        rows=lambda user: DigestDelivery.objects.filter(user=user),
        exported={"week": "week", "sent_at": "at", "items": "items", "mailed": "mailed"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
}
# The user's own records: models pointing at these hold the user's data as well.
OWN_RECORDS = [
    "account.EmailAddress",
    "mfa.Authenticator",
    "network.Person",
    "events.Registration",
    "projects.ProjectMembership",
]


def linked_models() -> set[str]:
    """Every model with a relation to the user model, or to one of the user's own records."""
    targets = {get_user_model(), *(apps.get_model(label) for label in OWN_RECORDS)}
    found = {get_user_model()._meta.label}
    for model in apps.get_models():  # auto-created M2M tables are left out
        for relation in [*model._meta.fields, *model._meta.many_to_many]:
            if relation.is_relation and relation.related_model in targets:
                found.add(model._meta.label)
    return found


def field_names(model) -> set[str]:
    return {f.name for f in model._meta.concrete_fields} | {
        f.name for f in model._meta.many_to_many
    }


# What the user's teams hold that is about the user, though not linked to the account: the
# project's contact details and images (often the person's own) and the moderation's
# messages to the team. Every field of Project is decided here too.
TEAM_DATA = {
    "projects.Project": Personal(
        rows=lambda user: Project.objects.filter(memberships__user=user),
        exported={
            "contact_email": "contact_email",
            "contact_phone": "contact_phone",
            "logo": ("logo", lambda image: image.name or None),
            "cover": ("cover", lambda image: image.name or None),
        },
        not_personal=_all(
            "the project's profile, public once published, not data about a team member",
            "id slug status title summary challenge approach impact_reached impact_outcomes "
            "evidence_links challenge_html approach_html impact_outcomes_html stage topics "
            "target_groups sdgs region place carrying_organisation partner_organisations "
            "funding_programme call_round website logo_alt logo_credit cover_card cover_alt cover_credit needs "
            "needs_note offers offers_note is_best_practice story_what_worked story_lessons "
            "story_transfer story_what_worked_html story_lessons_html story_transfer_html "
            "revision revision_state revision_submitted_at created_at updated_at submitted_at "
            "published_at search_vector search_text previous_slugs",
        )
        | {"moderator_message": "the last of the moderation messages (exported with them)"},
    ),
}
