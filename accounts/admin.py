from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from accounts.audit import activity_of
from accounts.models import User

ACTIVITY_FIELD = "activity_history"


class _PrimaryKeys(forms.Field):
    """The rows ticked in a change list, each checked like the model's primary key."""

    widget = forms.MultipleHiddenInput

    def __init__(self, model_field, **kwargs):
        self.model_field = model_field
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return [self.model_field.to_python(item) for item in value or []]
        except ValidationError:
            raise ValidationError(
                _("The selection is not valid. Please tick the rows again."), code="invalid"
            ) from None


class ActivityHistoryAdmin(admin.ModelAdmin):
    """The portal's admin pages for objects staff act on.

    The change page shows the object's activity records (who, when, what, before and
    after; newest first) as its last section; they are read-only, written only by
    ``accounts.audit.record()``. The rows ticked for an action go through a form first,
    so a forged selection is refused with a message instead of a server error.
    """

    def response_action(self, request, queryset, **kwargs):
        selection = forms.Form(request.POST)
        selection.fields[helpers.ACTION_CHECKBOX_NAME] = _PrimaryKeys(
            self.model._meta.pk, required=False
        )
        if not selection.is_valid():
            self.message_user(
                request,
                " ".join(selection.errors[helpers.ACTION_CHECKBOX_NAME]),
                messages.ERROR,
            )
            return None
        return super().response_action(request, queryset, **kwargs)

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
