"""The project lifecycle, as one table (see ``zukunftsplattform.lifecycle``).

draft → submitted → published, or → changes requested (with the moderator's message) →
submitted again, or → rejected (with a reason); a submission can be withdrawn to where it
came from; published → archived. The team (owner and editors) edits and submits, the
moderation decides. A published project's edits follow the change moderation
(``CHANGES`` below, shared with organisations): the public keeps the approved version.
"""

from projects.models import Project, ProjectMembership
from zukunftsplattform.lifecycle import MODERATOR, Lifecycle, Step
from zukunftsplattform.moderation import FULL_CHANGE_LIFECYCLE

S = Project.Status
OWNER, EDITOR = ProjectMembership.Role.OWNER.value, ProjectMembership.Role.EDITOR.value
TEAM = frozenset({OWNER, EDITOR})
MODERATION = frozenset({MODERATOR})

PROJECT = Lifecycle(
    name="project",
    states=dict(S.choices),
    public=frozenset({S.PUBLISHED}),
    steps=(
        # The team works on the profile (a published one through CHANGES).
        Step("edit", S.DRAFT, S.DRAFT, TEAM),
        Step("edit", S.CHANGES_REQUESTED, S.CHANGES_REQUESTED, TEAM),
        Step("edit", S.PUBLISHED, S.PUBLISHED, TEAM),
        Step("submit", S.DRAFT, S.SUBMITTED, TEAM, tells_moderators="submitted"),
        Step("submit", S.CHANGES_REQUESTED, S.SUBMITTED, TEAM, tells_moderators="resubmitted"),
        # Withdrawing returns to where the submission came from.
        Step("withdraw", S.SUBMITTED, S.DRAFT, TEAM),
        Step("withdraw", S.SUBMITTED, S.CHANGES_REQUESTED, TEAM),
        # The moderation decides.
        Step("publish", S.SUBMITTED, S.PUBLISHED, MODERATION, mails="published"),
        Step(
            "request_changes",
            S.SUBMITTED,
            S.CHANGES_REQUESTED,
            MODERATION,
            mails="changes_requested",
            needs_message=True,
        ),
        Step("reject", S.SUBMITTED, S.REJECTED, MODERATION, mails="rejected", needs_message=True),
        Step("archive", S.PUBLISHED, S.ARCHIVED, MODERATION, mails="archived"),
        # Best practice is curated on published projects; the status stays.
        Step("best_practice", S.PUBLISHED, S.PUBLISHED, MODERATION, records="best_practice"),
        *(
            Step("not_best_practice", state, state, MODERATION, records="not_best_practice")
            for state in S.values
        ),
    ),
)

#: A published project's pending changes: the team edits and submits, the moderation decides.
CHANGES = FULL_CHANGE_LIFECYCLE
