"""One admin review page for every model of the change moderation (``moderation.py``).

The page shows who proposed the pending change and when, the per-field diff (texts, and
images side by side: the public version and the proposed one) and exactly the decisions
that the lifecycle table offers the moderation from the object's current state; a decision
that needs a message is refused without one. The decision runs through the model's
services (``decide``). A model's admin takes part in a few lines::

    @admin.register(Organisation)
    class OrganisationAdmin(ModeratedChangesAdmin, ActivityHistoryAdmin):
        change_moderation = services.CHANGE_MODERATION  # the model's ``Moderated``
        review_message_label = _("Message to the member")

        def has_moderate_permission(self, request):
            return request.user.has_perm(MODERATION_PERMISSION)

        def decide(self, obj, action, *, by, message):
            ...  # call the service of ``action``

The page lives at ``<pk>/review/`` (URL name ``<app>_<model>_review``); ``review_link``
(a change-list column) and ``pending_changes`` (the diff on the change page) link to it,
and ``PendingChangesFilter`` lists what waits.
"""

from dataclasses import dataclass
from typing import Any, ClassVar, cast

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftsplattform.lifecycle import MODERATOR, Lifecycle
from zukunftsplattform.moderation import ChangeState, Moderated


@dataclass(frozen=True)
class Decision:
    """One decision the page offers: a step of a lifecycle table, with its label."""

    action: str
    label: Any
    needs_message: bool = False


#: The labels of the change moderation's decisions, in the order the page offers them;
#: admins add their own (``decision_labels``).
DECISION_LABELS = {
    "approve": _("Approve the changes (they become public)"),
    "request_changes": _("Request changes (message required)"),
    "reject": _("Reject (reason required)"),
}


def decisions_in(lifecycle: Lifecycle, state: str, labels: dict, *, only=None) -> list[Decision]:
    """The moderation's decisions in ``lifecycle`` from ``state`` (those in ``only``, when
    given), each with its label and whether it needs a message, in the order of ``labels``."""
    order = list(labels)
    actions = [
        action for action in lifecycle.available(state, MODERATOR) if only is None or action in only
    ]
    actions.sort(key=lambda action: order.index(action) if action in order else len(order))
    return [
        Decision(
            action,
            labels.get(action, action),
            any(step.needs_message for step in lifecycle.steps_from(state, action)),
        )
        for action in actions
    ]


class DecisionForm(forms.Form):
    """The moderator's decision: one of the offered steps, and the message it may need."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=(),
        widget=forms.RadioSelect(attrs={"class": "radiolist"}),  # the admin's radio style
    )
    message = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80, "class": "vLargeTextField"}),
    )

    def __init__(self, *args, decisions: list[Decision], message_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.decisions = {decision.action: decision for decision in decisions}
        cast(forms.ChoiceField, self.fields["action"]).choices = [
            (decision.action, decision.label) for decision in decisions
        ]
        self.fields["message"].label = message_label

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        decision = self.decisions.get(cleaned.get("action", ""))
        if decision and decision.needs_message and not cleaned.get("message"):
            self.add_error("message", _("Please write a message: what should change, or why not."))
        return cleaned


class PendingChangesFilter(admin.SimpleListFilter):
    """A change-list filter: objects whose change waits for the review, or none."""

    title = _("pending changes")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", _("Waiting for review")), ("no", _("None"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(revision_state=ChangeState.SUBMITTED)
        if self.value() == "no":
            return queryset.filter(revision={})
        return queryset


class ModeratedChangesAdmin(admin.ModelAdmin):
    """The review page of pending changes (see the module's docstring)."""

    #: The model's change moderation; None for a model whose first publication alone is
    #: decided here (a self-created person's profile): no diff, only the table's steps.
    change_moderation: ClassVar[Moderated | None] = None
    decision_labels: ClassVar[dict] = DECISION_LABELS
    review_message_label: Any = _("Message to whoever proposed the changes")
    #: The page's path below the object (``<pk>/<review_path>/``) and its URL name.
    review_path = "review"
    review_url_name = ""

    # --- What each model says ---------------------------------------------------------

    def has_moderate_permission(self, request) -> bool:
        raise NotImplementedError  # pragma: no cover - abstract: every moderated admin overrides it

    def decide(self, obj, action: str, *, by, message: str) -> None:
        """Take the decision ``action`` through the model's services."""
        raise NotImplementedError  # pragma: no cover - abstract: every moderated admin overrides it

    def review_decisions(self, obj) -> list[Decision]:
        """What the change moderation's table offers the moderation now."""
        if self.change_moderation is None:
            return []
        return decisions_in(
            self.change_moderation.lifecycle, obj.revision_state, self.decision_labels
        )

    def proposal(self, obj) -> tuple[Any, Any]:
        """Who proposed what waits, and when (either may be None)."""
        if not getattr(obj, "has_pending_changes", False):
            return None, None
        return getattr(obj, "revision_by", None), obj.revision_submitted_at

    def review_facts(self, obj) -> list[tuple[Any, Any]]:
        """Further (label, value) rows at the top of the page."""
        return []

    def review_done(self, request, obj, action: str) -> str:
        """After a decision: the message to the moderator, and where to go."""
        self.message_user(
            request, gettext("Done: “%(object)s” – your decision is recorded.") % {"object": obj}
        )
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    # --- The page -----------------------------------------------------------------------

    def get_review_url_name(self) -> str:
        opts = self.model._meta
        return self.review_url_name or f"{opts.app_label}_{opts.model_name}_{self.review_path}"

    def get_urls(self):
        return [
            path(
                f"<int:pk>/{self.review_path}/",
                self.admin_site.admin_view(self.review_view),
                name=self.get_review_url_name(),
            ),
            *super().get_urls(),
        ]

    def review_view(self, request, pk):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        model = self.change_moderation.model if self.change_moderation else self.model
        obj = get_object_or_404(model, pk=pk)
        form = DecisionForm(
            request.POST if request.method == "POST" else None,
            decisions=self.review_decisions(obj),
            message_label=self.review_message_label,
        )
        if request.method == "POST" and form.is_valid():
            action = form.cleaned_data["action"]
            try:
                self.decide(obj, action, by=request.user, message=form.cleaned_data["message"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(self.review_done(request, obj, action))
        proposed_by, proposed_at = self.proposal(obj)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Decide on “%(object)s”") % {"object": obj},
            "object": obj,
            "form": form,
            "facts": self.review_facts(obj),
            "proposed_by": proposed_by,
            "proposed_at": proposed_at,
            "pending": getattr(obj, "has_pending_changes", False),
            "diff": self.change_moderation.diff(obj) if self.change_moderation else [],
        }
        return TemplateResponse(request, "admin/moderation/review.html", context)

    def review_url(self, obj) -> str:
        return reverse(f"admin:{self.get_review_url_name()}", args=[obj.pk])

    @admin.display(description=_("pending changes"))
    def review_link(self, obj):
        """A change-list column: the link to the review page, where a change waits."""
        if not obj.pk or not obj.has_pending_changes:
            return "–"
        return format_html('<a href="{}">{}</a>', self.review_url(obj), gettext("Review changes"))

    @admin.display(description=_("Pending changes"))
    def pending_changes(self, obj):
        """On the change page: the diff of the pending change and the link to decide."""
        diff = self.change_moderation.diff(obj) if obj.pk and self.change_moderation else []
        if not diff:
            return "–"
        return render_to_string(
            "admin/moderation/diff.html",
            {"diff": diff, "review_url": self.review_url(obj) if obj.has_pending_changes else ""},
        )
