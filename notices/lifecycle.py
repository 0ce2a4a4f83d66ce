"""The lifecycle of a report, as one table (see ``zukunftsplattform.lifecycle``).

new → in review → decided, or new → decided at once. A decision is "no action" (``dismiss``)
or "restrict" (the content is taken off the public pages through its app's service); both
need a statement of reasons, which the reporter gets (and, when restricted, the content's
owners). Only the moderation (``notices.decide_report``) takes these steps.
"""

from notices.models import Report
from zukunftsplattform.lifecycle import MODERATOR, Lifecycle, Step

S = Report.State
MODERATION = frozenset({MODERATOR})
UNDECIDED = (S.NEW, S.IN_REVIEW)

REPORT = Lifecycle(
    name="report",
    states=dict(S.choices),
    steps=(
        Step("review", S.NEW, S.IN_REVIEW, MODERATION),
        *(
            Step("dismiss", state, S.DECIDED, MODERATION, mails="decided", needs_message=True)
            for state in UNDECIDED
        ),
        *(
            Step("restrict", state, S.DECIDED, MODERATION, mails="decided", needs_message=True)
            for state in UNDECIDED
        ),
    ),
)

#: The decision each deciding step stores.
DECISIONS = {"dismiss": Report.Decision.NO_ACTION, "restrict": Report.Decision.RESTRICT}
