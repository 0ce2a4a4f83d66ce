"""A contact request's state, as a table (see ``zukunftsplattform.lifecycle``).

Only those who received the request change its state: they mark it answered or declined
(and may open it again); the sender sees the state in their account. Nobody is mailed.
"""

from contact.models import ContactRequest
from zukunftsplattform.lifecycle import Lifecycle, Step

S = ContactRequest.Status
#: Someone who received the request (team member, organisation member, the person).
RECIPIENT = "recipient"
RECIPIENTS = frozenset({RECIPIENT})

REQUEST = Lifecycle(
    name="contact_request",
    states=dict(S.choices),
    steps=(
        Step("answer", S.OPEN, S.ANSWERED, RECIPIENTS),
        Step("decline", S.OPEN, S.DECLINED, RECIPIENTS),
        Step("decline", S.ANSWERED, S.DECLINED, RECIPIENTS),
        Step("answer", S.DECLINED, S.ANSWERED, RECIPIENTS),
        Step("reopen", S.ANSWERED, S.OPEN, RECIPIENTS),
        Step("reopen", S.DECLINED, S.OPEN, RECIPIENTS),
    ),
)
