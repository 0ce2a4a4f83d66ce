from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import terms as terms_services
from accounts.audit import activity_of, changes, record, snapshot
from accounts.models import TermsOfUse, User
from zukunftsplattform.versioned_text_admin import VersionedTextAdmin

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


def _recorded(obj, form) -> dict:
    """The model fields the form changed (all of them when adding), never the password."""
    names = {f.name for f in [*obj._meta.concrete_fields, *obj._meta.many_to_many]}
    chosen = form.changed_data if form.instance.pk and obj.pk else list(form.fields)
    return snapshot(obj, [n for n in chosen if n in names and n != "password"])


class ActivityHistoryAdmin(admin.ModelAdmin):
    """The portal's admin pages for objects staff act on.

    The change page shows the object's activity records (who, when, what, before and
    after; newest first) as its last section; they are read-only, written only by
    ``accounts.audit.record()``. The rows ticked for an action go through a form first,
    so a forged selection is refused with a message instead of a server error.

    Objects without domain rules (pages, terms, series, accounts) are saved as the admin
    does, and the change is recorded here: the fields the form changed, before and after.
    Admins whose ``save_model`` calls a service that records the change itself set
    ``records_saves = False``.
    """

    records_saves = True

    def save_model(self, request, obj, form, change):
        if self.records_saves:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
            form.recorded_before = _recorded(stored, form) if stored else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if self.records_saves and hasattr(form, "recorded_before"):
            changed = changes(form.recorded_before, _recorded(form.instance, form))
            if changed or not change:
                record(
                    "admin.change" if change else "admin.add",
                    form.instance,
                    actor=request.user,
                    changes=changed,
                )

    def response_action(self, request, queryset, *args, **kwargs):
        selection = forms.Form(request.POST)
        selection.fields[helpers.ACTION_CHECKBOX_NAME] = _PrimaryKeys(
            self.model._meta.pk, required=False
        )
        if not selection.is_valid():
            self.message_user(
                request,
                " ".join(str(e) for e in selection.errors[helpers.ACTION_CHECKBOX_NAME]),
                messages.ERROR,
            )
            return None
        return super().response_action(request, queryset, *args, **kwargs)

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
class UserAdmin(ActivityHistoryAdmin, BaseUserAdmin):
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


class TermsOfUseAdminForm(forms.ModelForm):
    class Meta:
        model = TermsOfUse
        fields = ["title_de", "title_en", "body_de", "body_en"]


@admin.register(TermsOfUse)
class TermsOfUseAdmin(VersionedTextAdmin, ActivityHistoryAdmin):
    """Versions of the terms of use: drafts are edited, a version in force never changes."""

    form = TermsOfUseAdminForm
    list_display = ["__str__", "version", "published_at", "acceptance_count", "created_at"]
    actions = ["put_in_force"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(acceptance_total=Count("acceptances"))

    @admin.display(description=_("accepted by"), ordering="acceptance_total")
    def acceptance_count(self, obj):
        return obj.acceptance_total

    def save_model(self, request, obj, form, change):
        terms_services.save_terms(terms=obj, by=request.user)

    @admin.action(
        description=_("Put in force (everyone signed in is asked to accept the new version)"),
        permissions=["change"],
    )
    def put_in_force(self, request, queryset):
        drafts = list(queryset.filter(published_at__isnull=True).order_by("version"))
        for terms in drafts:
            terms_services.publish_terms(terms=terms, by=request.user)
            self.message_user(
                request,
                gettext(
                    "%(terms)s is in force. Everyone is asked to accept it before they "
                    "continue in their account."
                )
                % {"terms": terms},
            )
        if not drafts:
            self.message_user(
                request,
                ngettext(
                    "The chosen version is in force already.",
                    "The chosen versions are in force already.",
                    queryset.count(),
                ),
                messages.WARNING,
            )
