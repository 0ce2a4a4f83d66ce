from django.contrib import admin

from accounts.public import ActivityHistoryAdmin
from pages.models import ContentPage, Feedback


@admin.register(ContentPage)
class ContentPageAdmin(ActivityHistoryAdmin):
    list_display = ["__str__", "title_de", "needs_legal_review", "updated_at"]
    list_filter = ["needs_legal_review"]
    fieldsets = [
        (None, {"fields": ["slug", "needs_legal_review"]}),
        ("Deutsch", {"fields": ["title_de", "body_de"]}),
        ("English", {"fields": ["title_en", "body_en"]}),
    ]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "page_url", "email", "handled"]
    list_filter = ["kind", "handled"]
    list_editable = ["handled"]
    readonly_fields = ["kind", "name", "email", "page_url", "message", "created_at"]
    search_fields = ["message", "email", "page_url"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False
