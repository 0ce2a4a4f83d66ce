"""One moderation of changes, for any model: edits to published content wait for moderation.

The public sees the last approved version; the pending edit waits in ``revision`` (JSON) and
the moderator sees it field by field (``diff``). A model takes part in three steps:

1. inherit ``ModeratedChanges`` (the fields ``revision``, ``revision_state`` and
   ``revision_submitted_at``; with ``ProposedBy`` also ``revision_by``);
2. describe itself in a ``Moderated`` subclass: ``model``, ``fields``, ``lifecycle`` (one of
   the tables below), ``roles_of`` and ``apply`` (how approved values are written);
3. call ``edit_change``/``submit_change``/``withdraw_change``/``approve_change``/
   ``request_change``/``reject_change`` from its services, and give its admin the one
   review page (``moderation_admin.ModeratedChangesAdmin``).

Images in a change are stored when proposed and shown only after approval. Every file that
a step leaves unreferenced (a replaced pending upload, the old public image after approval,
the uploads of a rejected change) is deleted from storage after the transaction commits.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zukunftsplattform.lifecycle import MODERATOR, Lifecycle, Step


class ChangeState(models.TextChoices):
    """The state of an object's pending change."""

    NONE = "", _("No pending changes")
    DRAFT = "draft", _("Changes not yet submitted")
    SUBMITTED = "submitted", _("Changes submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")


#: Who proposes changes: a stand-in role each model maps its editors to (``roles_of``).
AUTHOR = "author"
_AUTHORS = frozenset({AUTHOR})
_MODERATION = frozenset({MODERATOR})
C = ChangeState


#: How a project's history names the pending change while it waits.
_WAITING = "changes_submitted"


def _decisions() -> tuple[Step, ...]:
    return (
        Step(
            "approve",
            C.SUBMITTED,
            C.NONE,
            _MODERATION,
            records="published",
            records_from=_WAITING,
            mails="changes_published",
        ),
        Step(
            "reject",
            C.SUBMITTED,
            C.NONE,
            _MODERATION,
            records="changes_rejected",
            records_from=_WAITING,
            mails="changes_rejected",
            needs_message=True,
        ),
    )


#: The full change moderation (projects): the team collects edits in a draft, submits them,
#: may withdraw them for more editing; the moderation approves, asks for changes or rejects.
FULL_CHANGE_LIFECYCLE = Lifecycle(
    name="changes",
    states=dict(ChangeState.choices),
    steps=(
        Step("edit", C.NONE, C.DRAFT, _AUTHORS),
        Step("edit", C.DRAFT, C.DRAFT, _AUTHORS),
        Step("edit", C.CHANGES_REQUESTED, C.CHANGES_REQUESTED, _AUTHORS),
        Step(
            "submit",
            C.DRAFT,
            C.SUBMITTED,
            _AUTHORS,
            records=_WAITING,
            records_from="published",
            tells_moderators="changes_submitted",
        ),
        Step(
            "submit",
            C.CHANGES_REQUESTED,
            C.SUBMITTED,
            _AUTHORS,
            records=_WAITING,
            records_from="published",
            tells_moderators="changes_submitted",
        ),
        Step(
            "withdraw",
            C.SUBMITTED,
            C.DRAFT,
            _AUTHORS,
            records="changes_withdrawn",
            records_from=_WAITING,
        ),
        *_decisions(),
        Step(
            "request_changes",
            C.SUBMITTED,
            C.CHANGES_REQUESTED,
            _MODERATION,
            records="changes_requested",
            records_from=_WAITING,
            mails="changes_requested",
            needs_message=True,
        ),
    ),
)

#: Proposals (organisations): saving an edit submits it at once, a new proposal replaces
#: the waiting one; the moderation approves or rejects with a message.
PROPOSAL_LIFECYCLE = Lifecycle(
    name="proposals",
    states={C.NONE: C.NONE.label, C.SUBMITTED: C.SUBMITTED.label},
    steps=(
        Step("edit", C.NONE, C.SUBMITTED, _AUTHORS, tells_moderators="changes_submitted"),
        Step("edit", C.SUBMITTED, C.SUBMITTED, _AUTHORS, tells_moderators="changes_submitted"),
        *_decisions(),
    ),
)


class ModeratedChanges(models.Model):
    """The fields of a pending change; the model's own fields stay the approved version."""

    revision = models.JSONField(_("pending changes"), default=dict, blank=True, editable=False)
    revision_state = models.CharField(
        _("state of the pending changes"),
        max_length=20,
        choices=ChangeState.choices,
        default=ChangeState.NONE,
        blank=True,
        editable=False,
    )
    revision_submitted_at = models.DateTimeField(
        _("changes proposed at"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def has_pending_changes(self) -> bool:
        """A change waits for the moderation."""
        return self.revision_state == ChangeState.SUBMITTED


class ProposedBy(models.Model):
    """Who proposed the pending change, for models whose proposer is told the decision (and
    whose data export lists the proposals: a link to the user is personal data)."""

    revision_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changes proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Moderated:
    """How one model takes part. Subclass and set ``model``, ``fields``, ``lifecycle``;
    override ``roles_of`` and ``apply``; ``prepare``/``done`` add what the model records or
    mails at each step (the step's row says what: ``records``, ``mails``)."""

    model: Any = None
    fields: tuple[str, ...] = ()
    lifecycle: Lifecycle = FULL_CHANGE_LIFECYCLE
    #: Image field → {rendition key: model field} for the extra renditions of an upload.
    renditions: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def roles_of(self, user, obj) -> set[str]:
        raise NotImplementedError  # pragma: no cover - abstract: every model's Moderated has it

    def apply(self, obj, values: dict) -> None:
        """Write approved values (``deserialise`` shape) onto ``obj`` and save it."""
        raise NotImplementedError  # pragma: no cover - abstract: every model's Moderated has it

    def prepare(self, obj, step: Step, *, by, message: str, now) -> list[str]:
        """Set further fields before the save; return their names."""
        return []

    def snapshot(self, obj):
        """What ``done`` receives as ``before``: the locked row before the step (e.g. an
        activity record's before values)."""
        return None

    def done(self, obj, step: Step, *, by, author, message: str, before) -> None:
        """Record and mail after the step (inside the transaction). ``author``: who
        proposed the change (``revision_by`` before the step); ``before``: ``snapshot``."""

    # --- Field handling, by field type -----------------------------------------------

    def field(self, name):
        return self.model._meta.get_field(name)

    def is_image(self, name) -> bool:
        return isinstance(self.field(name), models.FileField)

    def image_fields(self) -> list[str]:
        return [name for name in self.fields if self.is_image(name)]

    def rendition_fields(self, name) -> dict[str, str]:
        return dict(dict(self.renditions).get(name, ()))

    def public_files(self, obj, name) -> dict[str, str]:
        """The stored names of an image field's public renditions: {"main": …, key: …}."""
        names = {"main": getattr(obj, name).name or ""}
        for key, field in self.rendition_fields(name).items():
            names[key] = getattr(obj, field).name or ""
        return names

    def serialise(self, data: dict) -> dict:
        """Form values (cleaned_data shape) as JSON for ``revision``; uploads are stored."""
        revision = {}
        for name in self.fields:
            if name not in data:
                continue
            value, field = data[name], self.field(name)
            if field.many_to_many:
                value = sorted(getattr(obj, "pk", obj) for obj in value or [])
            elif field.many_to_one:
                value = getattr(value, "pk", value)
            elif self.is_image(name):
                if not value:
                    continue  # no new upload keeps the current image
                value = _store(field, value)
            revision[name] = value
        return revision

    def deserialise(self, revision: dict) -> dict:
        """``revision`` with model instances for relations (images stay stored names)."""
        values = dict(revision)
        for name in self.fields:
            if name not in values:
                continue
            field = self.field(name)
            if field.many_to_many:
                values[name] = list(field.related_model.objects.filter(pk__in=values[name]))
            elif field.many_to_one:
                values[name] = (
                    field.related_model.objects.filter(pk=values[name]).first()
                    if values[name]
                    else None
                )
        return values

    def working_copy(self, obj) -> dict:
        """The values being edited: the pending change over the approved fields."""
        values = {}
        for name in self.fields:
            field = self.field(name)
            values[name] = (
                list(getattr(obj, name).all()) if field.many_to_many else getattr(obj, name)
            )
        if obj.revision:
            values.update(self.deserialise(obj.revision))
        return values

    def diff(self, obj) -> list[dict]:
        """Per changed field: field name, label, approved value and proposed value; for an
        image also ``image`` and each version's URL and description (``before_url``,
        ``after_url``, ``before_alt``, ``after_alt``; the description field is ``<name>_alt``)."""
        if not obj.revision:
            return []
        proposed = self.deserialise(obj.revision)
        rows = []
        for name in self.fields:
            if name not in proposed:
                continue
            field, current, after = self.field(name), getattr(obj, name), proposed[name]
            extra: dict = {}
            if field.many_to_many:
                before = ", ".join(sorted(str(item) for item in current.all()))
                after = ", ".join(sorted(str(item) for item in after))
            elif self.is_image(name):
                before, after = current.name or "", _names(after).get("main", "")
                alt = str(getattr(obj, f"{name}_alt", "") or "")
                extra = {
                    "image": True,
                    "before_url": default_storage.url(before) if before else "",
                    "after_url": default_storage.url(after) if after else "",
                    "before_alt": alt,
                    "after_alt": str(proposed.get(f"{name}_alt", alt) or ""),
                }
            elif isinstance(field, ArrayField) and field.base_field.choices is None:
                before, after = "\n".join(map(str, current)), "\n".join(map(str, after))
            elif field.choices and not isinstance(field, ArrayField):
                choices = dict(field.flatchoices)
                before = str(choices.get(current, current or ""))
                after = str(choices.get(after, after or ""))
            else:
                before, after = str(current or ""), str(after or "")
            if before != after:
                row = {"field": name, "label": field.verbose_name, "before": before, "after": after}
                rows.append({**row, **extra})
        return rows

    def pending_files(self, revision: dict) -> set[str]:
        return {
            stored
            for name in self.image_fields()
            if name in revision
            for stored in _names(revision[name]).values()
            if stored
        }


def _names(value) -> dict[str, str]:
    """An image value of a revision as {"main": name, rendition: name}."""
    if isinstance(value, dict):
        return dict(value)
    return {"main": value} if value else {}


def _store(field, value):
    """Save an upload (or a dict of renditions) to storage; return the stored name(s)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {key: _store(field, content) for key, content in value.items()}
    return default_storage.save(f"{field.upload_to}{value.name.rsplit('/', 1)[-1]}", value)


def delete_files_after_commit(model, names) -> None:
    """Delete stored files once the transaction commits, unless a row still shows them.

    ``model``: whose image fields (and pending revisions) may still use a name.
    """
    names = {name for name in names if name}
    if not names:
        return

    def delete():
        file_fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for name in names:
            used = Q()
            for field in file_fields:
                used |= Q(**{field: name})
            if model.objects.filter(used).exists() or _in_revisions(model, name):
                continue
            default_storage.delete(name)

    transaction.on_commit(delete)


def _in_revisions(model, name: str) -> bool:
    if not issubclass(model, ModeratedChanges):
        return False
    for revision in model.objects.exclude(revision={}).values_list("revision", flat=True):
        for value in revision.values():
            if value == name or (isinstance(value, dict) and name in value.values()):
                return True
    return False


# --- The steps -------------------------------------------------------------------------


def _take(spec: Moderated, obj, action: str, *, by, message: str = "", roles=None):
    """Lock the row, check the step against the table, return (locked object, step)."""
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    roles = spec.roles_of(by, obj) if roles is None else roles
    step = spec.lifecycle.step(action, obj.revision_state, roles=roles, message=message)
    obj._moderation_before = spec.snapshot(obj)
    return obj, step


def _finish(spec: Moderated, obj, step: Step, *, by, message: str, fields: list[str], author):
    now = timezone.now()
    obj.revision_state = step.target
    fields = ["revision_state", *fields, *spec.prepare(obj, step, by=by, message=message, now=now)]
    obj.save(update_fields=list(dict.fromkeys(fields)))
    spec.done(obj, step, by=by, author=author, message=message, before=obj._moderation_before)
    return obj


@transaction.atomic
def edit_change(spec: Moderated, obj, *, data: dict, by, roles=None):
    """Add an edit to the pending change; the public version stays. A new upload replaces
    (and deletes) an upload that was waiting for the same field."""
    obj, step = _take(spec, obj, "edit", by=by, roles=roles)
    previous = dict(obj.revision or {})
    change = spec.serialise(data)
    obj.revision = {**previous, **change}
    replaced = spec.pending_files({k: v for k, v in previous.items() if k in change})
    delete_files_after_commit(spec.model, replaced - spec.pending_files(obj.revision))
    fields = ["revision", *_proposer(obj, by)]
    if step.target == C.SUBMITTED:
        obj.revision_submitted_at = timezone.now()
        fields.append("revision_submitted_at")
    return _finish(spec, obj, step, by=by, message="", fields=fields, author=by)


@transaction.atomic
def submit_change(spec: Moderated, obj, *, by, roles=None):
    """Send the pending change to the moderation."""
    obj, step = _take(spec, obj, "submit", by=by, roles=roles)
    obj.revision_submitted_at = timezone.now()
    return _finish(
        spec,
        obj,
        step,
        by=by,
        message="",
        fields=["revision_submitted_at", *_proposer(obj, by)],
        author=by,
    )


@transaction.atomic
def withdraw_change(spec: Moderated, obj, *, by, roles=None):
    """Take a submitted change back for more editing (it is kept)."""
    obj, step = _take(spec, obj, "withdraw", by=by, roles=roles)
    return _finish(
        spec, obj, step, by=by, message="", fields=[], author=getattr(obj, "revision_by", None)
    )


@transaction.atomic
def approve_change(spec: Moderated, obj, *, by, roles=None):
    """Make the pending change public; the replaced public images are deleted."""
    obj, step = _take(spec, obj, "approve", by=by, roles=roles)
    revision = obj.revision
    old = _shown(spec, obj, [name for name in spec.image_fields() if name in revision])
    spec.apply(obj, spec.deserialise(revision))
    delete_files_after_commit(spec.model, old - _shown(spec, obj, spec.image_fields()))
    return _clear(spec, obj, step, by=by, message="")


@transaction.atomic
def request_change(spec: Moderated, obj, *, by, message: str, roles=None):
    """Send the submitted change back to its authors with a message."""
    obj, step = _take(spec, obj, "request_changes", by=by, message=message, roles=roles)
    return _finish(
        spec, obj, step, by=by, message=message, fields=[], author=getattr(obj, "revision_by", None)
    )


@transaction.atomic
def reject_change(spec: Moderated, obj, *, by, message: str, roles=None):
    """Discard the submitted change; its uploads are deleted."""
    obj, step = _take(spec, obj, "reject", by=by, message=message, roles=roles)
    public = _shown(spec, obj, spec.image_fields())
    delete_files_after_commit(spec.model, spec.pending_files(obj.revision) - public)
    return _clear(spec, obj, step, by=by, message=message)


def _shown(spec: Moderated, obj, names) -> set[str]:
    """The stored files the public version of ``obj`` shows for the image fields ``names``."""
    return {stored for name in names for stored in spec.public_files(obj, name).values()}


def _proposer(obj, user) -> list[str]:
    """Record ``user`` as the proposer where the model keeps one (``ProposedBy``)."""
    if not isinstance(obj, ProposedBy):
        return []
    obj.revision_by = user
    return ["revision_by"]


def _clear(spec, obj, step, *, by, message):
    author = getattr(obj, "revision_by", None)
    obj.revision, obj.revision_submitted_at = {}, None
    return _finish(
        spec,
        obj,
        step,
        by=by,
        message=message,
        fields=["revision", "revision_submitted_at", *_proposer(obj, None)],
        author=author,
    )
