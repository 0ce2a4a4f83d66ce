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
from network.forms import LOGO, PHOTO
from network.lifecycle import CONSENT, DIRECTORY_STAFF, VISIBILITY, Visibility
from network.models import ConsentRecord, ConsentText, Organisation, Person
from network.permissions import MODERATION_PERMISSION
from zukunftsplattform.german import german_column, german_order
from zukunftsplattform.images import ImageRightsMixin, open_validated, render, rights_field
from zukunftsplattform.lifecycle import MODERATOR, offered_actions
from zukunftsplattform.moderation_admin import ModeratedChangesAdmin, PendingChangesFilter
from zukunftsplattform.slugs import SlugFromNameAdminForm


class _ImageAdminForm(SlugFromNameAdminForm):
    """Uploads in the admin are validated and re-encoded like everywhere else."""

    image_fields: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin renders file inputs in a fieldset without a <label>: name them.
        for name in self.image_fields:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-label"] = str(self.fields[name].label)

    def _clean_image(self, name):
        upload = self.cleaned_data.get(name)
        if not upload or not hasattr(upload, "content_type"):  # unchanged or cleared
            return upload
        return render(open_validated(upload), self.image_fields[name])


class OrganisationAdminForm(ImageRightsMixin, _ImageAdminForm):
    image_fields = {"logo": LOGO}
    confirm_rights_for = ("logo",)
    logo_rights = rights_field()

    class Meta:
        model = Organisation
        fields = [
            "name", "slug", "kind", "is_published", "is_platform_partner", "description",
            "region", "place", "website", "logo", "logo_alt", "logo_credit", "topics", "offers", "members",
        ]  # fmt: skip

    def clean_logo(self):
        return self._clean_image("logo")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo") and not cleaned.get("logo_alt"):
            self.add_error("logo_alt", _("Please describe the logo for people who cannot see it."))
        return cleaned


class PersonAdminForm(ImageRightsMixin, _ImageAdminForm):
    image_fields = {"photo": PHOTO}
    confirm_rights_for = ("photo",)
    photo_rights = rights_field()
    ask_for_consent = forms.BooleanField(
        label=_("Ask for consent by email now"),
        required=False,
        initial=True,
        help_text=_(
            "The profile stays hidden until the person confirms through the link in the email."
        ),
    )

    class Meta:
        model = Person
        fields = [
            "name", "slug", "role", "affiliation", "organisation", "bio", "region", "photo",
            "photo_alt", "photo_credit", "topics", "offers", "email", "language", "user",
        ]  # fmt: skip

    def clean_photo(self):
        return self._clean_image("photo")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not cleaned.get("photo_alt"):
            self.add_error(
                "photo_alt", _("Please describe the photo for people who cannot see it.")
            )
        if cleaned.get("ask_for_consent") and not cleaned.get("email"):
            self.add_error("email", _("An email address is needed to ask for consent."))
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


def _adopt(instance, saved) -> None:
    """Let the admin's form instance stand for the object a service created (the admin
    goes on with it: its address, its name in messages and in Django's own log)."""
    instance.__dict__.update(saved.__dict__)


def _save_inlines(admin_instance, request, form, formsets, change) -> None:
    """The admin's save_related without ``form.save_m2m()``: the service set the
    relations already (a second write would bypass it)."""
    for formset in formsets:
        admin_instance.save_formset(request, form, formset, change=change)


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
        (_("Logo"), {"fields": ["logo", "logo_rights", "logo_alt", "logo_credit"]}),
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


# --- People and consent --------------------------------------------------------------


class ConsentStateFilter(admin.SimpleListFilter):
    title = _("consent")
    parameter_name = "einwilligung"

    def lookups(self, request, model_admin):
        return list(CONSENT.states.items())

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(consent_state=self.value())
        return queryset


class ConsentRecordInline(admin.TabularInline):
    """The consent history: read-only, because consent is given by the person only."""

    model = ConsentRecord
    extra = 0
    can_delete = False
    readonly_fields = ("text", "given_at", "how", "email", "withdrawn_at", "withdrawn_how")
    fields = readonly_fields
    ordering = ["-given_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(ActivityHistoryAdmin):
    records_saves = False  # the services record
    form = PersonAdminForm
    list_display = ["name_in_german_order", "role", "organisation", "consent", "user", "region"]
    list_filter = [ConsentStateFilter, "region", "organisation__is_platform_partner"]
    search_fields = ["name", "role", "affiliation", "email"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    raw_id_fields = ["user"]
    readonly_fields = ["consent", "consent_requested_at"]
    inlines = [ConsentRecordInline]
    actions = ["send_consent_request", "withdraw_consent"]
    #: The admin actions that take a step of ``CONSENT``.
    lifecycle_actions = {"send_consent_request": "request", "withdraw_consent": "withdraw"}

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        """A list filtered to one consent state offers only the steps the table has from it."""
        return offered_actions(
            super().get_actions(request, action_location=action_location),
            lifecycle=CONSENT,
            state=request.GET.get(ConsentStateFilter.parameter_name),
            steps=self.lifecycle_actions,
            roles=MODERATOR,
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organisation", "user")
            .with_consent_state()  # type: ignore[attr-defined]  # PersonQuerySet, via the manager
        )

    def get_fieldsets(self, request, obj=None):
        consent = ["consent", "consent_requested_at"] if obj else ["ask_for_consent"]
        return self.with_activity(fieldsets=[
            (None, {"fields": ["name", "slug", "role", "affiliation", "organisation"]}),
            (
                _("Profile"),
                {"fields": ["bio", "region", "photo", "photo_rights", "photo_alt", "photo_credit"]},
            ),
            (_("Expertise and offers"), {"fields": ["topics", "offers"]}),
            (_("Contact (not public) and account"), {"fields": ["email", "language", "user"]}),
            (_("Consent"), {"fields": consent}),
        ], obj=obj)  # fmt: skip

    name_in_german_order = german_column(Person, "name")

    @admin.display(description=_("consent"), ordering="consent_state")
    def consent(self, obj):
        return CONSENT.states[obj.consent_state] if hasattr(obj, "consent_state") else "–"

    def save_model(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k != "ask_for_consent"}
        if change:
            services.update_person(person=obj, data=data, by=request.user, staff=True)
            return
        ask = bool(form.cleaned_data.get("ask_for_consent"))
        _adopt(obj, services.create_person(data=data, by=request.user, ask_for_consent=ask))
        if ask:
            self.message_user(
                request,
                gettext("We have asked %(name)s by email to confirm the profile.")
                % {"name": obj.name},
            )

    def save_related(self, request, form, formsets, change):
        _save_inlines(self, request, form, formsets, change)

    @admin.action(description=_("Ask for consent by email"), permissions=["change"])
    def send_consent_request(self, request, queryset):
        sent, skipped = 0, 0
        for person in queryset:
            if not person.email or not CONSENT.allows("request", person.consent_state, MODERATOR):
                skipped += 1
                continue
            services.request_consent(person=person, by=request.user)
            sent += 1
        self.message_user(
            request,
            gettext("Consent requests sent: %(sent)d; skipped (public or no email): %(skipped)d.")
            % {"sent": sent, "skipped": skipped},
        )

    @admin.action(
        description=_("Withdraw consent (at the person's request)"), permissions=["change"]
    )
    def withdraw_consent(self, request, queryset):
        count = 0
        for person in queryset:
            if not CONSENT.allows("withdraw", person.consent_state, MODERATOR):
                continue  # nothing to withdraw
            if services.withdraw_consent(
                person=person,
                by=request.user,
                how=gettext("By the moderation (%(user)s) at the person's request")
                % {"user": request.user.email},
            ):
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d profile is hidden now.", "%(count)d profiles are hidden now.", count
            )
            % {"count": count},
        )


class ConsentTextAdminForm(forms.ModelForm):
    class Meta:
        model = ConsentText
        fields = ["purpose", "title_de", "title_en", "body_de", "body_en"]


@admin.register(ConsentText)
class ConsentTextAdmin(ActivityHistoryAdmin):
    records_saves = False  # the services record
    form = ConsentTextAdminForm
    list_display = ["__str__", "purpose", "version", "published_at", "created_at"]
    list_filter = ["purpose"]
    actions = ["put_in_force"]

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.published_at:
            return [
                "purpose",
                "version",
                "title_de",
                "title_en",
                "body_de",
                "body_en",
                "published_at",
            ]
        return ["version", "published_at"] if obj else []

    def has_change_permission(self, request, obj=None):
        # A text in force is view-only: saving it would only meet the service's refusal.
        return super().has_change_permission(request, obj) and (obj is None or not obj.published_at)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.published_at)

    def save_model(self, request, obj, form, change):
        services.save_consent_text(text=obj, by=request.user)

    @admin.action(
        description=_("Put in force (hides profiles until people confirm the new version)"),
        permissions=["change"],
    )
    def put_in_force(self, request, queryset):
        for text in queryset.filter(published_at__isnull=True).order_by("version"):
            asked = services.publish_consent_text(text=text, by=request.user)
            self.message_user(
                request,
                gettext("%(text)s is in force; %(count)d people were asked to confirm it.")
                % {"text": text, "count": asked},
            )
