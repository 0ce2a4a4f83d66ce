"""The moderation of reports: the queue by state, each report with the reported content
linked and its activity records, and the decision page (``<pk>/decide/``), which runs the
services. The reporter's name and address are shown only to staff who may decide."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.public import ActivityHistoryAdmin
from notices import services
from notices.forms import DecisionForm
from notices.models import Report
from notices.permissions import can_decide, can_see_reporter

FACTS = ["reported_content", "reason", "description", "good_faith", "created_at"]
CONTACT = ["reporter_name", "reporter_email", "reporter_account"]
OUTCOME = ["state", "decision", "ground", "statement", "decided_at", "decide_link"]


@admin.register(Report)
class ReportAdmin(ActivityHistoryAdmin):
    records_saves = False  # nothing is edited here; the services record every step
    list_display = ["content_title", "kind", "reason", "state", "decision", "created_at"]
    list_display_links = ["content_title"]
    list_filter = ["state", "reason", "decision"]
    search_fields = ["content_title", "description"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type"]

    def has_add_permission(self, request):
        return False  # reports come from the form only

    def has_change_permission(self, request, obj=None):
        return False  # decisions go through the decision page

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (_("The report"), {"fields": FACTS}),
            (_("Decision"), {"fields": OUTCOME}),
        ]
        if can_see_reporter(request):
            fieldsets.insert(1, (_("Reporter (for the moderation only)"), {"fields": CONTACT}))
        return self.with_activity(fieldsets, obj)

    def get_readonly_fields(self, request, obj=None):
        return [*FACTS, *CONTACT, *OUTCOME, *super().get_readonly_fields(request, obj)]

    @admin.display(description=_("kind"), ordering="content_type")
    def kind(self, report):
        return report.content_type.name

    @admin.display(description=_("reported content"))
    def reported_content(self, report):
        content = services.content_of(report)
        public = services.is_public(report)
        state = gettext("public") if public else gettext("not public")
        if content is None:
            return format_html("{} ({})", report.content_title, gettext("deleted"))
        opts = content._meta
        admin_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[content.pk])
        return format_html(
            '<a href="{}">{}</a> ({}) – <a href="{}">{}</a>',
            content.get_absolute_url(),
            report.content_title,
            state,
            admin_url,
            gettext("in the admin"),
        )

    @admin.display(description=_("account"))
    def reporter_account(self, report):
        if not report.reporter_id:
            return "–"
        return report.reporter.email

    @admin.display(description=_("decide"))
    def decide_link(self, report):
        if report.state == Report.State.DECIDED:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:notices_report_decide", args=[report.pk]),
            gettext("Decide"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="notices_report_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk):
        if not can_decide(request):
            raise PermissionDenied
        report = get_object_or_404(Report, pk=pk)
        form = DecisionForm(request.POST if request.method == "POST" else None, report=report)
        if request.method == "POST" and form.is_valid():
            action = form.cleaned_data["action"]
            try:
                if action == "review":
                    services.review_report(report=report, moderator=request.user)
                else:
                    services.decide_report(
                        report=report,
                        moderator=request.user,
                        action=action,
                        statement=form.cleaned_data["statement"].strip(),
                        ground=form.cleaned_data["ground"],
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    gettext("Done: “%(object)s” – your decision is recorded.") % {"object": report},
                )
                return redirect(reverse("admin:notices_report_change", args=[report.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Decide on the report about “%(title)s”")
            % {"title": report.content_title},
            "object": report,
            "form": form,
            "reported_content": self.reported_content(report),
        }
        return TemplateResponse(request, "admin/notices/report/decide.html", context)
