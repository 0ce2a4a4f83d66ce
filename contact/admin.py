"""Staff see reported messages and blocked senders; messages themselves are private and
appear here only once a recipient has reported them."""

from django.contrib import admin, messages
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.public import ActivityHistoryAdmin
from contact import services
from contact.models import BlockedSender, ContactReport


class ResolvedFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "offen"

    def lookups(self, request, model_admin):
        return [("ja", _("Undecided")), ("nein", _("Decided"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "nein":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(ContactReport)
class ContactReportAdmin(ActivityHistoryAdmin):
    list_display = ["created_at", "subject", "sender", "addressee", "resolution"]
    list_filter = [ResolvedFilter, "resolution"]
    list_select_related = ["request__sender", "request__project", "request__organisation"]
    actions = ["block_senders", "dismiss"]
    readonly_fields = ("created_at", "reason", "sender", "addressee", "sent_at", "subject",
                       "message", "resolution", "resolved_at")  # fmt: skip
    fields = readonly_fields
    records_saves = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("request__sender", "request__person")

    def has_add_permission(self, request):
        return False  # reports come from the link in the mails only

    def has_delete_permission(self, request, obj=None):
        return False  # they go with their message after the retention period

    @admin.display(description=_("subject"))
    def subject(self, obj):
        return obj.request.subject

    @admin.display(description=_("message"))
    def message(self, obj):
        return format_html("<div>{}</div>", linebreaks(obj.request.message, autoescape=True))

    @admin.display(description=_("sender"))
    def sender(self, obj):
        return f"{obj.request.sender} <{obj.request.sender.email}>"

    @admin.display(description=_("to"))
    def addressee(self, obj):
        return obj.request.addressee_name

    @admin.display(description=_("sent at"))
    def sent_at(self, obj):
        return obj.request.created_at

    @admin.action(description=_("Block the senders of the selected messages"),
                  permissions=["change"])  # fmt: skip
    def block_senders(self, request, queryset):
        senders = {report.request.sender for report in queryset.select_related("request__sender")}
        for sender in senders:
            services.block_sender(
                user=sender, actor=request.user, reason=str(_("Reported message, blocked by staff"))
            )
        self.message_user(
            request,
            ngettext("%(count)d sender blocked.", "%(count)d senders blocked.", len(senders))
            % {"count": len(senders)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Dismiss the selected reports"), permissions=["change"])
    def dismiss(self, request, queryset):
        for report in queryset:
            services.dismiss_report(report=report, actor=request.user)
        self.message_user(request, _("Reports dismissed."), messages.SUCCESS)


@admin.register(BlockedSender)
class BlockedSenderAdmin(ActivityHistoryAdmin):
    list_display = ["user", "created_at", "reason"]
    search_fields = ["user__email", "user__display_name"]
    readonly_fields = ("user", "created_at", "reason")
    fields = readonly_fields
    actions = ["unblock"]
    records_saves = False

    def has_add_permission(self, request):
        return False  # blocked from a reported message (the action there)

    def has_delete_permission(self, request, obj=None):
        return False  # unblocked through the action, which records it

    @admin.action(description=_("Allow the selected accounts to send messages again"),
                  permissions=["change"])  # fmt: skip
    def unblock(self, request, queryset):
        count = 0
        for block in queryset.select_related("user"):
            services.unblock_sender(block=block, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d account unblocked.", "%(count)d accounts unblocked.", count)
            % {"count": count},
            messages.SUCCESS,
        )
