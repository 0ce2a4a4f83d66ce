from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from accounts.audit import activity_of
from accounts.models import User

ACTIVITY_FIELD = "activity_history"


class ActivityHistoryAdmin(admin.ModelAdmin):
    """A change page with the object's activity records (who, when, what, before and
    after; newest first) as its last section. Read-only: records are written only by
    ``accounts.audit.record()``."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, ACTIVITY_FIELD] if obj is not None else fields

    def get_fieldsets(self, request, obj=None):
        return self.with_activity(super().get_fieldsets(request, obj), obj)

    def with_activity(self, fieldsets, obj):
        """``fieldsets`` with the activity as the last section (for an existing object);
        for admins that build their own fieldsets."""
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != ACTIVITY_FIELD]})
            for name, options in fieldsets
        ]
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Activity"), {"fields": [ACTIVITY_FIELD]})]

    @admin.display(description=_("Activity records"))
    def activity_history(self, obj):
        return render_to_string("admin/includes/activity.html", {"entries": activity_of(obj)})


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["display_name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "display_name", "usable_password", "password1", "password2"],
            },
        )
    ]
