"""Lifecycles as data: the states of a thing and the steps between them, in one table.

Each app declares its table once (``projects/lifecycle.py``; ``network/lifecycle.py`` for
people's consent and organisations' visibility; ``events/lifecycle.py`` for events and
registrations; the change moderation in ``zukunftsplattform/moderation.py``). Services ask the table whether a step may be taken
(``Lifecycle.step``) and read from the row what to record and whom to tell; permissions ask
which steps a role has (``Lifecycle.allows``); admin forms and templates list what the table
offers. A step that is not in the table does not exist.

Why a table and not django-fsm-2: the library ties one state field to methods on the model,
but here a project's published version carries a second state (its pending changes), the
services must lock the row, record a ``Transition`` and mail after commit, and who may take a
step depends on our team roles, not on Django permissions alone. A plain table of some forty
lines says all of that, is read by tests and templates alike, and adds no dependency.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

#: The role of staff who moderate (``projects.moderate_project``, ``network.moderate_directory``).
MODERATOR = "moderator"
#: The portal itself: steps taken by scheduled work or as the consequence of another step
#: (a freed seat goes to the waitlist, an unconfirmed request expires).
SYSTEM = "system"


class TransitionError(ValidationError):
    """A lifecycle step that is not allowed from the current state."""


@dataclass(frozen=True)
class Step:
    """One allowed step: ``action`` from ``source`` to ``target``, taken by ``roles``.

    ``records``/``records_from``: what the history records as the step's target and source
    (default: ``target`` and ``source``).
    ``mails``: the event of the mail to the team or proposer ("" for none).
    ``tells_moderators``: the kind of the mail to the moderators ("" for none).
    ``needs_message``: the step is refused without a message (reason, what to change).
    """

    action: str
    source: str
    target: str
    roles: frozenset[str]
    records: str = ""
    records_from: str = ""
    mails: str = ""
    tells_moderators: str = ""
    needs_message: bool = False

    @property
    def recorded_as(self) -> str:
        return self.records or self.target

    @property
    def recorded_from(self) -> str:
        return self.records_from or self.source


@dataclass(frozen=True)
class Lifecycle:
    """The states (value → label) and the steps of one kind of object."""

    name: str
    states: Mapping[str, str | Promise]
    steps: tuple[Step, ...]
    #: States in which the public sees the object.
    public: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self):
        for step in self.steps:
            unknown = {step.source, step.target} - set(self.states)
            if unknown:
                raise ValueError(f"{self.name}: {step.action} uses unknown states {unknown}")

    @property
    def actions(self) -> list[str]:
        return list(dict.fromkeys(step.action for step in self.steps))

    @property
    def roles(self) -> set[str]:
        return {role for step in self.steps for role in step.roles}

    def steps_from(self, source: str, action: str | None = None) -> list[Step]:
        return [
            step
            for step in self.steps
            if step.source == source and (action is None or step.action == action)
        ]

    def sources(self, action: str) -> list[str]:
        """The states from which ``action`` can be taken."""
        return list(dict.fromkeys(step.source for step in self.steps if step.action == action))

    def allows(self, action: str, source: str, roles) -> bool:
        """Whether someone with any of ``roles`` may take ``action`` from ``source``."""
        roles = {roles} if isinstance(roles, str) else set(roles)
        return any(roles & step.roles for step in self.steps_from(source, action))

    def available(self, source: str, roles) -> list[str]:
        """The actions someone with ``roles`` may take from ``source``, in table order."""
        return [action for action in self.actions if self.allows(action, source, roles)]

    def step(
        self, action: str, source: str, *, roles, target: str | None = None, message: str = ""
    ) -> Step:
        """The table's row for this step, or refuse it.

        Raises ``TransitionError`` when the step does not exist from ``source`` (or lacks its
        message) and ``PermissionDenied`` when none of ``roles`` may take it. ``target``
        chooses between rows of the same action and source (e.g. where a withdrawal returns).
        """
        candidates = [
            step
            for step in self.steps_from(source, action)
            if target is None or step.target == target
        ]
        if not candidates:
            raise TransitionError(
                _("This step is not possible in the current state (%(state)s).")
                % {"state": self.states.get(source, source) or "–"}
            )
        roles = {roles} if isinstance(roles, str) else set(roles)
        allowed = [step for step in candidates if roles & step.roles]
        if not allowed:
            raise PermissionDenied(_("You may not take this step."))
        chosen = allowed[0]
        if chosen.needs_message and not message.strip():
            raise TransitionError(_("Please give a message."))
        return chosen


def offered_actions(actions: dict, *, lifecycle: Lifecycle, state, steps: Mapping, roles) -> dict:
    """An admin change list's actions, without those whose step the table does not offer.

    ``steps`` maps an admin action to the table's action it takes; ``state``: the state the
    list is filtered to (None: mixed states, every action stays and each row is checked by
    its service).
    """
    if state is None or state not in lifecycle.states:
        return actions
    return {
        name: action
        for name, action in actions.items()
        if name not in steps or lifecycle.allows(steps[name], state, roles)
    }
