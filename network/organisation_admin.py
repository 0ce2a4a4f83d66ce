"""Organisations in the admin: the profile, members, visibility, merging duplicates, and
the one review page (``zukunftsplattform.moderation_admin``) that decides both a proposed
organisation's first moderation (``VISIBILITY``) and members' proposed changes."""

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.widgets import ManyToManyRawIdWidget
from django.db import models
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.public import ActivityHistoryAdmin, User
from network import services
from network.admin_common import ImageAdminForm, adopt, save_inlines
from network.forms import LOGO
from network.lifecycle import DIRECTORY_STAFF, VISIBILITY, Visibility, visibility_of
from network.models import RESERVED_SLUGS, Organisation, OrganisationMembership
from network.permissions import MODERATION_PERMISSION
from zukunftsplattform import moderation_admin
from zukunftsplattform.german import german_column, german_order
from zukunftsplattform.images import ImageRightsMixin, rights_field
from zukunftsplattform.lifecycle import offered_actions
from zukunftsplattform.moderation_admin import (
    ModeratedChangesAdmin,
    PendingChangesFilter,
    decisions_in,
)

#: The review page's decisions: a proposed organisation's first moderation, then the
#: change moderation's.
DECISION_LABELS = {
    "publish": _("Publish the organisation (it enters the directory)"),
    "decline": _("Decline the organisation (reason required)"),
    **moderation_admin.DECISION_LABELS,
}
ADMISSION_DECISIONS = ("publish", "decline")


class OrganisationAdminForm(ImageRightsMixin, ImageAdminForm):
    image_fields = {"logo": LOGO}
    confirm_rights_for = ("logo",)
    logo_rights = rights_field()
    reserved_slugs = RESERVED_SLUGS
    # The members are set through the services (new ones become administrators); the
    # admin draws no field for a relation with its own model (the roles), so it is here.
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=User.objects.all(),
        required=False,
        widget=ManyToManyRawIdWidget(
            Organisation._meta.get_field("members").remote_field, admin.site
        ),
        help_text=Organisation._meta.get_field("members").help_text,
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "slug", "kind", "is_published", "is_platform_partner", "description",
            "region", "place", "website", "logo", "logo_alt", "logo_credit", "topics", "offers",
            "members",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "members" in self.fields:
            self.initial["members"] = [user.pk for user in self.instance.members.all()]

    def clean_logo(self):
        return self._clean_image("logo")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo") and not cleaned.get("logo_alt"):
            self.add_error("logo_alt", _("Please describe the logo for people who cannot see it."))
        return cleaned


class MembershipInline(admin.TabularInline):
    """Who is in the organisation, with their role: changed by its administrators on the
    members page, or here through the field "Members"."""

    model = OrganisationMembership
    extra = 0
    readonly_fields = ("user", "role", "created_at")
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
    decision_labels = DECISION_LABELS
    form = OrganisationAdminForm
    list_display = [
        "name_in_german_order",
        "kind",
        "region",
        "is_platform_partner",
        "is_published",
        "admission",
        "review_link",
    ]
    list_filter = [
        "admission", "kind", "region", "is_platform_partner", "is_published", PendingChangesFilter,
    ]  # fmt: skip
    search_fields = ["name", "place"]
    # Checkboxes and plain inputs instead of the admin's JavaScript widgets (select2 and
    # the two-box filter), which fail axe's accessibility checks.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["pending_changes"]
    inlines = [MembershipInline]
    actions = ["merge_selected", "approve_selected_changes", "hide_selected", "show_selected"]
    #: The admin actions that take a step of ``VISIBILITY``.
    lifecycle_actions = {"hide_selected": "hide", "show_selected": "show"}

    name_in_german_order = german_column(Organisation, "name")

    def get_fieldsets(self, request, obj=None):
        # Built here, not as ``fieldsets``: the admin's check refuses a relation with its
        # own model there, although the form has a field of that name.
        first = ["name", "slug", "kind", "is_published", "is_platform_partner"]
        if obj is not None:
            first.insert(3, "admission")
        return self.with_activity(fieldsets=[
            (None, {"fields": first}),
            (_("Profile"), {"fields": ["description", "region", "place", "website"]}),
            (_("Logo"), {"fields": ["logo", "logo_rights", "logo_alt", "logo_credit"]}),
            (_("Topics and offers"), {"fields": ["topics", "offers"]}),
            (_("Members"), {"fields": ["members", "pending_changes"]}),
        ], obj=obj)  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "admission"]
        if obj is not None and obj.admission != Organisation.Admission.ADMITTED:
            readonly.append("is_published")  # the first moderation publishes it
        return readonly

    def save_model(self, request, obj, form, change):
        """Through the services: the profile, and visibility as its own step."""
        data = {name: value for name, value in form.cleaned_data.items() if name != "is_published"}
        published = form.cleaned_data.get("is_published", obj.is_published)
        if not change:
            adopt(
                obj,
                services.create_organisation(
                    data={**data, "is_published": published}, by=request.user
                ),
            )
            return
        services.update_organisation(organisation=obj, data=data, by=request.user)
        services.set_organisation_visibility(organisation=obj, published=published, by=request.user)

    def save_related(self, request, form, formsets, change):
        save_inlines(self, request, form, formsets, change)

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
        """A list filtered to one state offers only the steps the table has from it."""
        state = {"1": Visibility.VISIBLE, "0": Visibility.HIDDEN}.get(
            request.GET.get("is_published__exact", "")
        )
        admission = request.GET.get("admission__exact", "")
        if admission in (Visibility.PROPOSED, Visibility.DECLINED):
            state = admission  # the first moderation's states: neither hidden nor shown
        return offered_actions(
            super().get_actions(request, action_location=action_location),
            lifecycle=VISIBILITY,
            state=state,
            steps=self.lifecycle_actions,
            roles=DIRECTORY_STAFF,
        )

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATION_PERMISSION)

    # --- The review page ---------------------------------------------------------------

    def decide(self, obj, action, *, by, message):
        decide = {
            "publish": lambda: services.publish_organisation(
                organisation=obj, by=by, message=message
            ),
            "decline": lambda: services.decline_organisation(
                organisation=obj, by=by, message=message
            ),
            "approve": lambda: services.approve_organisation_change(organisation=obj, by=by),
            "reject": lambda: services.reject_organisation_change(
                organisation=obj, by=by, message=message
            ),
        }
        decide[action]()  # only offered decisions reach here

    def review_decisions(self, obj):
        """A proposed organisation's first moderation (``VISIBILITY``), else the pending
        changes' decisions."""
        state = visibility_of(obj)
        if state == Visibility.PROPOSED:
            return decisions_in(VISIBILITY, state, self.decision_labels, only=ADMISSION_DECISIONS)
        return super().review_decisions(obj)

    def proposal(self, obj):
        if visibility_of(obj) == Visibility.PROPOSED:
            return services.founder_of(obj), obj.created_at
        return super().proposal(obj)

    def review_facts(self, obj):
        return [
            (_("State"), VISIBILITY.states[visibility_of(obj)]),
            (_("Page"), format_html(
                '<a href="{}">{}</a>', obj.get_absolute_url(), gettext("The organisation's page")
            )),
        ]  # fmt: skip

    @admin.display(description=_("to decide"))
    def review_link(self, obj):
        """The link to the review page where a decision waits (a proposal or changes)."""
        if obj.pk and visibility_of(obj) == Visibility.PROPOSED:
            return format_html(
                '<a href="{}">{}</a>', self.review_url(obj), gettext("Review the proposal")
            )
        return super().review_link(obj)

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
