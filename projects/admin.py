from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.public import ActivityHistoryAdmin
from projects import services
from projects.lifecycle import PROJECT
from projects.models import (
    CallRound,
    FundingProgramme,
    Invitation,
    ModerationQueueEntry,
    Project,
    ProjectMembership,
    Transition,
)
from zukunftsplattform import moderation_admin
from zukunftsplattform.german import german_column
from zukunftsplattform.moderation_admin import ModeratedChangesAdmin, decisions_in


class MembershipInline(admin.TabularInline):
    model = ProjectMembership
    extra = 0
    readonly_fields = ("user", "role", "created_at")
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    readonly_fields = ("created_at", "actor", "from_status", "to_status", "message")
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


#: The decisions of the review page beyond the change moderation's: a submission's steps
#: in the project table (``PROJECT``), and archiving a published project.
DECISION_LABELS = {
    "publish": _("Publish"),
    **moderation_admin.DECISION_LABELS,
    "archive": _("Archive"),
}
SUBMISSION_DECISIONS = ("publish", "request_changes", "reject", "archive")


def moderate(project, *, moderator, action, message=""):
    """Run one moderation decision through its service (a published project's submitted
    changes are approved, sent back or rejected by the same services)."""
    decide = {
        "publish": lambda: services.publish_project(project=project, moderator=moderator),
        "approve": lambda: services.publish_project(project=project, moderator=moderator),
        "request_changes": lambda: services.request_changes(
            project=project, moderator=moderator, message=message
        ),
        "reject": lambda: services.reject_project(
            project=project, moderator=moderator, reason=message
        ),
        "archive": lambda: services.archive_project(
            project=project, moderator=moderator, message=message
        ),
    }
    # Only offered decisions reach here (the review form and the two bulk actions); any
    # other action is a programming error and fails loudly (KeyError) rather than passing.
    return decide[action]()


class BaseProjectAdmin(ModeratedChangesAdmin, ActivityHistoryAdmin):
    change_moderation = services.CHANGE_MODERATION
    decision_labels = DECISION_LABELS
    review_message_label = _("Message to the team")
    # Submissions and changes are decided on one page, where the mails link.
    review_path = "moderate"
    review_url_name = "projects_project_moderate"
    records_saves = False  # services.set_best_practice records
    title_in_german_order = german_column(Project, "title")
    list_display = [
        "title_in_german_order",
        "status",
        "revision_state",
        "region",
        "submitted_at",
        "is_best_practice",
    ]
    list_filter = ["status", "revision_state", "is_best_practice", "region", "stage"]
    search_fields = ["title", "summary", "slug"]
    inlines = [MembershipInline, TransitionInline]
    readonly_fields = [
        "public_link",
        "pending_changes",
        "status",
        "revision_state",
        "moderator_message",
        "submitted_at",
        "published_at",
    ]
    fieldsets = [
        (
            _("Moderation"),
            {
                "fields": [
                    "public_link",
                    "status",
                    "revision_state",
                    "moderator_message",
                    "submitted_at",
                    "published_at",
                    "pending_changes",
                ]
            },
        ),
        (
            _("Best practice"),
            {
                "fields": [
                    "is_best_practice",
                    "story_what_worked",
                    "story_lessons",
                    "story_transfer",
                ]
            },
        ),
    ]
    actions = ["publish_selected", "archive_selected"]

    def has_add_permission(self, request):
        return False  # projects are created by their teams

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description=_("Page"))
    def public_link(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("projects:preview", args=[obj.slug]),
            _("Preview as the public will see it"),
            reverse("admin:projects_project_moderate", args=[obj.pk]),
            _("Decide"),
        )

    def save_model(self, request, obj, form, change):
        # Only the best-practice story is edited here; it goes through its service.
        story = {field: form.cleaned_data.get(field, "") for field in services.STORY_FIELDS}
        try:
            services.set_best_practice(
                project=obj,
                moderator=request.user,
                story=story if form.cleaned_data.get("is_best_practice") else None,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))

    # --- The review page (zukunftsplattform.moderation_admin) ----------------------------

    def decide(self, obj, action, *, by, message):
        moderate(obj, moderator=by, action=action, message=message)

    def review_decisions(self, obj):
        """A submission's decisions from ``PROJECT``; a published project's submitted changes
        from ``CHANGES``, and archiving it from ``PROJECT``."""
        decisions = []
        if obj.has_submitted_changes:
            decisions = super().review_decisions(obj)
        return [
            *decisions,
            *decisions_in(PROJECT, obj.status, self.decision_labels, only=SUBMISSION_DECISIONS),
        ]

    def proposal(self, obj):
        waiting = "changes_submitted" if obj.has_submitted_changes else Project.Status.SUBMITTED
        if obj.status != Project.Status.SUBMITTED and not obj.has_submitted_changes:
            return None, None
        step = obj.transitions.filter(to_status=waiting).select_related("actor").first()
        when = obj.revision_submitted_at if obj.has_submitted_changes else obj.submitted_at
        return (step.actor if step else None), when

    def review_facts(self, obj):
        status = obj.get_status_display()
        if obj.revision_state:
            status = f"{status} – {obj.get_revision_state_display()}"
        with_changes = _("with the submitted changes") if obj.has_submitted_changes else ""
        preview = format_html(
            '<a href="{}">{}</a>{}',
            reverse("projects:preview", args=[obj.slug]),
            _("Preview as the public will see it"),
            f" ({with_changes})" if with_changes else "",
        )
        return [(_("Status"), status), (_("Page"), preview)]

    def review_done(self, request, obj, action):
        messages.success(
            request, _("Done: “%(title)s” – the team has been notified.") % {"title": obj.title}
        )
        return reverse("admin:projects_moderationqueueentry_changelist")

    @admin.action(
        description=_("Publish selected (or approve their changes)"), permissions=["moderate"]
    )
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, "publish")

    @admin.action(description=_("Archive selected"), permissions=["moderate"])
    def archive_selected(self, request, queryset):
        self._bulk(request, queryset, "archive")

    def _bulk(self, request, queryset, action):
        done = 0
        for project in queryset:
            try:
                moderate(project, moderator=request.user, action=action)
                done += 1
            except ValidationError as error:
                messages.warning(request, f"{project.title}: {' '.join(error.messages)}")
        if done:
            messages.success(
                request,
                _("%(count)d project(s) done; their teams have been notified.") % {"count": done},
            )

    def has_moderate_permission(self, request):
        return request.user.has_perm("projects.moderate_project")


@admin.register(Project)
class ProjectAdmin(BaseProjectAdmin):
    pass


@admin.register(ModerationQueueEntry)
class ModerationQueueAdmin(BaseProjectAdmin):
    """Submissions and submitted changes, oldest first."""

    list_display = ["title_in_german_order", "kind_of_review", "submitted_at", "region"]
    list_filter = ["region"]
    ordering = ["submitted_at", "pk"]

    def get_queryset(self, request):
        return Project.objects.awaiting_review()

    @admin.display(description=_("What to review"))
    def kind_of_review(self, obj):
        return (
            _("Changes to a published project")
            if obj.status == Project.Status.PUBLISHED
            else _("New submission")
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "project", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["project", "email", "invited_by", "created_at", "expires_at", "accepted_at"]
    exclude = ["token"]

    def has_add_permission(self, request):
        return False


class CallRoundInline(admin.TabularInline):
    model = CallRound
    extra = 1
    fields = ["name"]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(ActivityHistoryAdmin):
    """Programmes and their call rounds, which project teams choose from."""

    list_display = ["name", "round_count", "project_count"]
    search_fields = ["name", "call_rounds__name"]
    inlines = [CallRoundInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_rounds=Count("call_rounds", distinct=True),
                n_projects=Count("projects", distinct=True),
            )
        )

    @admin.display(description=_("call rounds"), ordering="n_rounds")
    def round_count(self, obj):
        return obj.n_rounds

    @admin.display(description=_("projects"), ordering="n_projects")
    def project_count(self, obj):
        return obj.n_projects


@admin.register(CallRound)
class CallRoundAdmin(ActivityHistoryAdmin):
    list_display = ["name", "programme"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    search_fields = ["name", "programme__name"]
