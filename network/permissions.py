"""Who may see and change what in the network directory. Every view goes through these.

Things a user may not see answer 404 (their existence is not revealed); things a user may
see but not change answer 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404

from accounts.public import has_staff_powers
from network.lifecycle import (
    ADMINISTRATOR,
    VISIBILITY,
    Visibility,
    visibility_of,
)
from network.models import Organisation, OrganisationMembership, Person
from zukunftsplattform.slugs import ensure_current_slug, get_by_slug

MODERATION_PERMISSION = "network.moderate_directory"


def is_moderator(user) -> bool:
    return has_staff_powers(user) and user.has_perm(MODERATION_PERMISSION)


def is_member(user, organisation: Organisation) -> bool:
    """Asked once per page: the answer is kept on the loaded organisation."""
    if not user.is_authenticated:
        return False
    known = organisation.__dict__.setdefault("_members_known", {})
    if user.pk not in known:
        known[user.pk] = organisation.members.filter(pk=user.pk).exists()
    return known[user.pk]


def membership_of(user, organisation: Organisation) -> OrganisationMembership | None:
    if not user.is_authenticated:
        return None
    return organisation.memberships.filter(user=user).first()


def is_administrator(user, organisation: Organisation) -> bool:
    """Whether ``user`` manages the organisation's members (role administrator)."""
    if not user.is_authenticated:
        return False
    return organisation.memberships.filter(
        user=user, role=OrganisationMembership.Role.ADMINISTRATOR
    ).exists()


def can_manage_members(user, organisation: Organisation) -> bool:
    """Administrators invite, accept requests, promote and remove members."""
    return is_administrator(user, organisation)


def can_ask_to_join(user, organisation: Organisation) -> bool:
    """A signed-in person who is not a member may ask to join a visible organisation."""
    return user.is_authenticated and is_visible(organisation) and not is_member(user, organisation)


def is_visible(organisation: Organisation) -> bool:
    """Whether the public sees the organisation (``VISIBILITY``)."""
    return visibility_of(organisation) in VISIBILITY.public


def can_view_organisation(user, organisation: Organisation) -> bool:
    return is_visible(organisation) or is_member(user, organisation) or is_moderator(user)


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """Members propose changes; moderators change the profile directly (in the admin, too).
    While proposed, its administrators complete it (``VISIBILITY``'s "edit"); a declined
    one only moderators change."""
    if is_moderator(user):
        return True
    state = visibility_of(organisation)
    if state in (Visibility.PROPOSED, Visibility.DECLINED):
        return VISIBILITY.allows("edit", state, ADMINISTRATOR) and is_administrator(
            user, organisation
        )
    return is_member(user, organisation)


def is_own_profile(user, person: Person) -> bool:
    return user.is_authenticated and person.user_id == user.pk


def is_public_person(person: Person) -> bool:
    """Whether the profile may be shown now; no query if :func:`get_person_for_user` loaded it."""
    if hasattr(person, "has_public_profile"):
        return person.has_public_profile
    return Person.objects.public().filter(pk=person.pk).exists()


def can_view_person(user, person: Person) -> bool:
    """Public with consent; otherwise only the person themselves and moderators."""
    return is_public_person(person) or is_own_profile(user, person) or is_moderator(user)


def can_edit_person(user, person: Person) -> bool:
    return is_own_profile(user, person) or is_moderator(user)


def get_organisation_for_user(
    request, slug, *, action: str = "view", queryset=None
) -> Organisation:
    """The organisation for ``action`` ("view", "edit", "manage" its members, or "belong":
    be a member), or 404/403.

    ``queryset`` lets a view load everything it shows at once. An address it had before
    redirects to its current one (``SlugMoved``), but only for someone who may see it.
    """
    organisation = get_by_slug(
        queryset if queryset is not None else Organisation.objects.all(), slug
    )
    if not can_view_organisation(request.user, organisation):
        raise Http404
    ensure_current_slug(organisation, slug)
    allowed = {
        "view": lambda: True,
        "edit": lambda: can_edit_organisation(request.user, organisation),
        "manage": lambda: can_manage_members(request.user, organisation),
        "belong": lambda: is_member(request.user, organisation),
    }[action]
    if not allowed():
        raise PermissionDenied
    return organisation


def get_person_for_user(request, slug, *, action: str = "view", queryset=None) -> Person:
    """The person for ``action`` ("view" or "edit"), or 404/403.

    ``queryset`` lets a view load everything it shows at once. Whether the profile is
    public is loaded with the person (``has_public_profile``), so no one asks twice. An
    address the profile had before redirects (``SlugMoved``), but only for someone who may
    see it: a person's address is their name.
    """
    queryset = queryset if queryset is not None else Person.objects.all()
    public = Person.objects.public().filter(pk=OuterRef("pk"))
    person = get_by_slug(queryset.annotate(has_public_profile=Exists(public)), slug)
    if not can_view_person(request.user, person):
        raise Http404
    ensure_current_slug(person, slug)
    if action == "edit" and not can_edit_person(request.user, person):
        raise PermissionDenied
    return person
