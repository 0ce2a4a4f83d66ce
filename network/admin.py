"""Directory management for the moderation. Every change goes through network.services."""

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.public import ActivityHistoryAdmin
from network import services
from network.admin_base import _adopt, _ImageAdminForm, _save_inlines

# People, consent and consent texts: their own module, registered on import.
from network.admin_people import ConsentTextAdmin, PersonAdmin, PersonAdminForm
from network.forms import LOGO
from network.lifecycle import DIRECTORY_STAFF, VISIBILITY, Visibility
from network.models import Organisation
from network.permissions import MODERATION_PERMISSION
from zukunftsplattform.german import german_column, german_order
from zukunftsplattform.lifecycle import offered_actions
from zukunftsplattform.moderation_admin import ModeratedChangesAdmin, PendingChangesFilter

__all__ = [
    "ConsentTextAdmin",
    "OrganisationAdmin",
    "OrganisationAdminForm",
    "PersonAdmin",
    "PersonAdminForm",
]


class OrganisationAdminForm(_ImageAdminForm):
    image_fields = {"logo": LOGO}

    class Meta:
        model = Organisation
        fields = [
            "name", "slug", "kind", "is_published", "is_platform_partner", "description",
            "region", "place", "website", "logo", "logo_alt", "topics", "offers", "members",
        ]  # fmt: skip

    def clean_logo(self):
        return self._clean_image("logo")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo") and not cleaned.get("logo_alt"):
            self.add_error("logo_alt", _("Please describe the logo for people who cannot see it."))
        return cleaned


# --- Organisations -------------------------------------------------------------------


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        label=_("Keep this organisation"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def choice_sent(self) -> bool:
        """Whether this is the merge page's answer (with a choice, valid or not)."""
        return self["keep"].data not in (None, "")


@admin.register(Organisation)
class OrganisationAdmin(ModeratedChangesAdmin, ActivityHistoryAdmin):
    records_saves = False  # the services record
    change_moderation = services.CHANGE_MODERATION
    review_message_label = _("Message to the member")
    form = OrganisationAdminForm
    list_display = [
        "name_in_german_order",
        "kind",
        "region",
        "is_platform_partner",
        "is_published",
        "review_link",
    ]
    list_filter = ["kind", "region", "is_platform_partner", "is_published", PendingChangesFilter]
    search_fields = ["name", "place"]
    # Checkboxes and plain inputs instead of the admin's JavaScript widgets (select2 and
    # the two-box filter), which fail axe's accessibility checks.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    raw_id_fields = ["members"]
    readonly_fields = ["pending_changes"]
    actions = ["merge_selected", "approve_selected_changes", "hide_selected", "show_selected"]
    #: The admin actions that take a step of ``VISIBILITY``.
    lifecycle_actions = {"hide_selected": "hide", "show_selected": "show"}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "is_published", "is_platform_partner"]}),
        (_("Profile"), {"fields": ["description", "region", "place", "website"]}),
        (_("Logo"), {"fields": ["logo", "logo_alt"]}),
        (_("Topics and offers"), {"fields": ["topics", "offers"]}),
        (_("Members"), {"fields": ["members", "pending_changes"]}),
    ]

    name_in_german_order = german_column(Organisation, "name")

    def save_model(self, request, obj, form, change):
        """Through the services: the profile, and visibility as its own step."""
        data = {name: value for name, value in form.cleaned_data.items() if name != "is_published"}
        published = form.cleaned_data.get("is_published", obj.is_published)
        if not change:
            _adopt(
                obj,
                services.create_organisation(
                    data={**data, "is_published": published}, by=request.user
                ),
            )
            return
        services.update_organisation(organisation=obj, data=data, by=request.user)
        services.set_organisation_visibility(organisation=obj, published=published, by=request.user)

    def save_related(self, request, form, formsets, change):
        _save_inlines(self, request, form, formsets, change)

    @admin.action(description=_("Hide from the public pages"), permissions=["change"])
    def hide_selected(self, request, queryset):
        self._set_visibility(request, queryset, published=False)

    @admin.action(description=_("Show on the public pages"), permissions=["change"])
    def show_selected(self, request, queryset):
        self._set_visibility(request, queryset, published=True)

    def _set_visibility(self, request, queryset, *, published):
        count = sum(
            services.set_organisation_visibility(
                organisation=organisation, published=published, by=request.user
            )
            for organisation in queryset
        )
        self.message_user(
            request,
            (
                ngettext(
                    "%(count)d organisation is shown again.",
                    "%(count)d organisations are shown again.",
                    count,
                )
                if published
                else ngettext(
                    "%(count)d organisation is hidden now.",
                    "%(count)d organisations are hidden now.",
                    count,
                )
            )
            % {"count": count},
        )

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        """A list filtered to visible or hidden offers only the step the table has from it."""
        state = {"1": Visibility.VISIBLE, "0": Visibility.HIDDEN}.get(
            request.GET.get("is_published__exact", "")
        )
        return offered_actions(
            super().get_actions(request, action_location=action_location),
            lifecycle=VISIBILITY,
            state=state,
            steps=self.lifecycle_actions,
            roles=DIRECTORY_STAFF,
        )

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATION_PERMISSION)

    def decide(self, obj, action, *, by, message):
        if action == "approve":
            services.approve_organisation_change(organisation=obj, by=by)
        else:
            services.reject_organisation_change(organisation=obj, by=by, message=message)

    @admin.action(description=_("Approve pending changes"), permissions=["moderate"])
    def approve_selected_changes(self, request, queryset):
        count = 0
        for organisation in queryset.with_pending_changes():
            services.approve_organisation_change(organisation=organisation, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Approved the changes of %(count)d organisation.",
                "Approved the changes of %(count)d organisations.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Merge selected duplicates"), permissions=["delete"])
    def merge_selected(self, request, queryset):
        """Choose the organisation to keep; the others are folded into it and deleted."""
        if queryset.count() < 2:
            self.message_user(
                request, gettext("Select at least two organisations to merge."), messages.WARNING
            )
            return None
        form = MergeForm(request.POST)
        if not form.choice_sent():  # from the change list: show the choice first
            form = MergeForm()
        keep = cast(forms.ModelChoiceField, form.fields["keep"])
        keep.queryset = queryset.order_by(*german_order("name"))
        keep.label_from_instance = lambda obj: f"{obj.name} ({obj.slug})"  # type: ignore[method-assign]
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            duplicates = list(queryset.exclude(pk=keep.pk))
            services.merge_organisations(keep=keep, duplicates=duplicates, by=request.user)
            self.message_user(
                request,
                ngettext(
                    "Merged %(count)d organisation into “%(name)s”.",
                    "Merged %(count)d organisations into “%(name)s”.",
                    len(duplicates),
                )
                % {"count": len(duplicates), "name": keep.name},
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Merge duplicate organisations"),
            "form": form,
            "organisations": queryset.order_by(*german_order("name")),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/network/organisation/merge.html", context)
