"""The directory's lifecycles, as tables (see ``zukunftsplattform.lifecycle``).

``CONSENT``: whether a person's profile is public. The state is not a column but follows
from the consent records (``PersonQuerySet.with_consent_state``): public with a consent to
the text in force; hidden while never asked, asked, withdrawn, or consent only to an older
text. Staff (or the portal, for people it creates or when a new text comes into force) ask
by email; only the person gives consent, through the signed link or in their account; the
person or staff at their request withdraw it, which hides the profile at once. ``mails``
names the mail to the person (``network/email/<mails>``).

``PROFILE``: the moderation of a profile a person created themselves (``Person.
moderation_status``): proposed → published or declined (with the reason, mailed to the
person); a declined profile may be changed and proposed again. Staff-created people are
published from the start, so for them consent alone decides. A profile is public when both
tables say so: ``CONSENT`` public and ``PROFILE`` public (``PersonQuerySet.public``).

``VISIBILITY``: whether an organisation appears on the public pages. One that a signed-in
person proposes starts as ``proposed``: its administrators may still edit it, and the
moderation (``network.moderate_directory``, on the one review page of the admin) publishes
or declines it (with a reason), which its administrators learn by email. Directory staff
(the admin's ``network.change_organisation``) hide and show an admitted one; its members and
moderators still see it while hidden, proposed or declined. The state is two columns: the
first moderation's ``admission`` and, once admitted, ``is_published``.

Who acts is known where the step starts (the admin's permissions, the signed link, the
account), so the services take each step with the role of that caller, and refuse a step
the table does not have from the current state.
"""

from django.utils.translation import gettext_lazy as _

from network.models import ConsentState, Person
from zukunftsplattform.lifecycle import MODERATOR, SYSTEM, Lifecycle, Step

C = ConsentState
#: The person the profile describes (signed link or own account).
PERSON = "person"
PEOPLE = frozenset({PERSON})
#: Who may ask for consent: staff in the admin, the portal for a new text or a new person.
ASKERS = frozenset({MODERATOR, SYSTEM})
HIDDEN = (C.NONE, C.REQUESTED, C.OUTDATED, C.WITHDRAWN)

CONSENT = Lifecycle(
    name="consent",
    states=dict(C.choices),
    public=frozenset({C.PUBLIC}),
    steps=(
        # Asking changes what the state says only for someone never asked (an older
        # consent or a withdrawal stays what the history shows until the person answers).
        Step("request", C.NONE, C.REQUESTED, ASKERS, mails="consent_request"),
        *(
            Step("request", state, state, ASKERS, mails="consent_request")
            for state in (C.REQUESTED, C.OUTDATED, C.WITHDRAWN)
        ),
        *(Step("give", state, C.PUBLIC, PEOPLE, mails="consent_given") for state in HIDDEN),
        # Given again for the same text: the first record stays, nothing is sent.
        Step("give", C.PUBLIC, C.PUBLIC, PEOPLE),
        *(
            Step("withdraw", state, C.WITHDRAWN, PEOPLE | {MODERATOR}, mails="consent_withdrawn")
            for state in (C.PUBLIC, C.OUTDATED)
        ),
        # A new consent text in force: consent to the older one no longer makes it public.
        *(
            Step("new_text", state, C.OUTDATED, frozenset({MODERATOR}))
            for state in (C.PUBLIC, C.OUTDATED)
        ),
    ),
)

M = Person.Moderation
MODERATION = frozenset({MODERATOR})

PROFILE = Lifecycle(
    name="person_profile",
    states=dict(M.choices),
    public=frozenset({M.PUBLISHED}),
    steps=(
        Step("propose", M.DECLINED, M.PROPOSED, PEOPLE, tells_moderators="profile_proposed"),
        Step("publish", M.PROPOSED, M.PUBLISHED, MODERATION, mails="profile_published"),
        Step(
            "decline",
            M.PROPOSED,
            M.DECLINED,
            MODERATION,
            mails="profile_declined",
            needs_message=True,
        ),
    ),
)


def is_public_profile(person) -> bool:
    """Whether both tables let the public see the person (no query when the admin's
    ``with_consent_state`` loaded the consent state)."""
    return person.consent_state in CONSENT.public and person.moderation_status in PROFILE.public


class Visibility:
    PROPOSED = "proposed"
    DECLINED = "declined"
    VISIBLE = "visible"
    HIDDEN = "hidden"


#: Staff who change organisations in the admin (``network.change_organisation``).
DIRECTORY_STAFF = "directory_staff"
STAFF = frozenset({DIRECTORY_STAFF})
#: The organisation's administrators (``OrganisationMembership.Role.ADMINISTRATOR``).
ADMINISTRATOR = "organisation_administrator"

VISIBILITY = Lifecycle(
    name="organisation_visibility",
    states={
        Visibility.PROPOSED: _("Proposed, waiting for the moderation"),
        Visibility.DECLINED: _("Declined by the moderation"),
        Visibility.VISIBLE: _("Visible"),
        Visibility.HIDDEN: _("Hidden"),
    },
    public=frozenset({Visibility.VISIBLE}),
    steps=(
        # While it waits, its administrators complete the profile directly (nothing public).
        Step("edit", Visibility.PROPOSED, Visibility.PROPOSED, frozenset({ADMINISTRATOR})),
        # The first moderation decides; the administrators get the decision by email.
        Step(
            "publish",
            Visibility.PROPOSED,
            Visibility.VISIBLE,
            frozenset({MODERATOR}),
            mails="organisation_published",
        ),
        Step(
            "decline",
            Visibility.PROPOSED,
            Visibility.DECLINED,
            frozenset({MODERATOR}),
            mails="organisation_declined",
            needs_message=True,
        ),
        Step("hide", Visibility.VISIBLE, Visibility.HIDDEN, STAFF),
        Step("show", Visibility.HIDDEN, Visibility.VISIBLE, STAFF),
    ),
)


def visibility_of(organisation) -> str:
    """The organisation's ``VISIBILITY`` state: its first moderation's ``admission`` while
    not admitted, then the column ``is_published``."""
    if organisation.admission == organisation.Admission.PROPOSED:
        return Visibility.PROPOSED
    if organisation.admission == organisation.Admission.DECLINED:
        return Visibility.DECLINED
    return Visibility.VISIBLE if organisation.is_published else Visibility.HIDDEN


def is_published_in(state: str) -> bool:
    """The column's value for a ``VISIBILITY`` state."""
    return state in VISIBILITY.public
