from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.public import ActivityHistoryAdmin
from projects import services
from projects.models import Invitation, ModerationQueueEntry, Project, ProjectMembership, Transition
from zukunftsplattform.german import german_column


class MembershipInline(admin.TabularInline):
    model = ProjectMembership
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    fields = ["created_at", "actor", "from_status", "to_status", "message"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ModerationForm(forms.Form):
    ACTIONS = [
        ("publish", _("Publish (or approve the changes)")),
        ("request_changes", _("Request changes (message required)")),
        ("reject", _("Reject (reason required)")),
        ("archive", _("Archive")),
    ]
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=ACTIONS,
        widget=forms.RadioSelect(attrs={"class": "radiolist"}),  # the admin's radio style
    )
    message = forms.CharField(
        label=_("Message to the team"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80, "class": "vLargeTextField"}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("action") in {"request_changes", "reject"}
            and not cleaned.get("message", "").strip()
        ):
            self.add_error(
                "message", _("Please write the team a message: what should change, or why not.")
            )
        return cleaned


def moderate(project, *, moderator, action, message=""):
    """Run one moderation decision through its service."""
    if action == "publish":
        return services.publish_project(project=project, moderator=moderator)
    if action == "request_changes":
        return services.request_changes(project=project, moderator=moderator, message=message)
    if action == "reject":
        return services.reject_project(project=project, moderator=moderator, reason=message)
    if action == "archive":
        return services.archive_project(project=project, moderator=moderator, message=message)
    raise ValueError(action)


class BaseProjectAdmin(ActivityHistoryAdmin):
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

    @admin.display(description=_("Pending changes"))
    def pending_changes(self, obj):
        changes = services.revision_diff(obj)
        if not changes:
            return "–"
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            ((c["label"], _fmt(c["before"]), _fmt(c["after"])) for c in changes),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("Field"),
            _("Public now"),
            _("Proposed"),
            rows,
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

    def get_urls(self):
        return [
            path(
                "<int:pk>/moderate/",
                self.admin_site.admin_view(self.moderate_view),
                name="projects_project_moderate",
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request, pk):
        if not request.user.has_perm("projects.moderate_project"):
            raise PermissionDenied
        project = get_object_or_404(Project, pk=pk)
        form = ModerationForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                moderate(
                    project,
                    moderator=request.user,
                    action=form.cleaned_data["action"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Done: “%(title)s” – the team has been notified.") % {"title": project.title},
                )
                return redirect("admin:projects_moderationqueueentry_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Decide on “%(title)s”") % {"title": project.title},
            "project": project,
            "form": form,
            "changes": services.revision_diff(project),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/projects/moderate.html", context)

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


def _fmt(value):
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return value if value not in (None, "") else "–"


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
