"""People, their consent and the consent texts in the admin; a self-created profile's
moderation (``network.lifecycle.PROFILE``) on the one review page. Every change goes through
network.services."""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.public import ActivityHistoryAdmin
from network import services
from network.admin_common import ImageAdminForm, adopt, save_inlines
from network.forms import PHOTO
from network.lifecycle import CONSENT, PROFILE
from network.models import ConsentRecord, ConsentText, Person
from network.permissions import MODERATION_PERMISSION
from zukunftsplattform.german import german_column
from zukunftsplattform.images import ImageRightsMixin, rights_field
from zukunftsplattform.lifecycle import MODERATOR, offered_actions
from zukunftsplattform.moderation_admin import ModeratedChangesAdmin, decisions_in
from zukunftsplattform.versioned_text_admin import VersionedTextAdmin


class PersonAdminForm(ImageRightsMixin, ImageAdminForm):
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
            "name", "slug", "kind", "role", "affiliation", "organisation", "bio", "region", "photo",
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


# --- People and consent --------------------------------------------------------------

#: The review page's decisions on a self-created profile (``PROFILE``), in this order.
PROFILE_DECISIONS = {
    "publish": _("Publish the profile"),
    "decline": _("Decline (reason required, sent to the person)"),
}


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
class PersonAdmin(ModeratedChangesAdmin, ActivityHistoryAdmin):
    records_saves = False  # the services record
    form = PersonAdminForm
    # A self-created profile's first publication is decided on the one review page
    # (``<pk>/review/``), with the steps of ``PROFILE``; there are no pending changes.
    decision_labels = PROFILE_DECISIONS
    review_message_label = _("Message to the person (required when you decline)")
    list_display = [
        "name_in_german_order", "kind", "role", "organisation", "consent", "moderation_status",
        "review_link", "user", "region",
    ]  # fmt: skip
    list_filter = [
        "moderation_status", ConsentStateFilter, "kind", "region",
        "organisation__is_platform_partner",
    ]  # fmt: skip
    search_fields = ["name", "role", "affiliation", "email"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    raw_id_fields = ["user"]
    readonly_fields = [
        "consent", "consent_requested_at", "moderation_status", "proposed_at",
        "moderator_message", "decide_link",
    ]  # fmt: skip
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
        moderation = [
            (_("Moderation"), {"fields": [
                "moderation_status", "proposed_at", "moderator_message", "decide_link",
            ]}),
        ] if obj else []  # fmt: skip
        return self.with_activity(fieldsets=[
            *moderation,
            (None, {"fields": ["name", "slug", "kind", "role", "affiliation", "organisation"]}),
            (
                _("Profile"),
                {"fields": ["bio", "region", "photo", "photo_rights", "photo_alt", "photo_credit"]},
            ),
            (_("Expertise and offers"), {"fields": ["topics", "offers"]}),
            (_("Contact (not public) and account"), {"fields": ["email", "language", "user"]}),
            (_("Consent"), {"fields": consent}),
        ], obj=obj)  # fmt: skip

    name_in_german_order = german_column(Person, "name")

    # --- The review page (zukunftsplattform.moderation_admin) ----------------------------

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATION_PERMISSION)

    def review_decisions(self, obj):
        return decisions_in(PROFILE, obj.moderation_status, self.decision_labels)

    def decide(self, obj, action, *, by, message):
        services.decide_profile(person=obj, action=action, by=by, message=message)

    def proposal(self, obj):
        if obj.moderation_status != Person.Moderation.PROPOSED:
            return None, None
        return obj.user, obj.proposed_at

    def review_facts(self, obj):
        """The whole proposed profile: a new profile has no diff to show."""
        obj = Person.objects.with_consent_state().get(pk=obj.pk)
        photo = "–"
        if obj.photo:
            photo = format_html(
                '<img src="{}" alt="{}" width="120" height="120"> {}',
                obj.photo.url,
                obj.photo_alt,
                obj.photo_alt,
            )
        names = ", ".join
        return [
            (_("Moderation"), obj.get_moderation_status_display()),
            (_("consent"), CONSENT.states[obj.consent_state]),
            (_("Page"), format_html(
                '<a href="{}">{}</a>', obj.get_absolute_url(), _("Preview as the public will see it")
            )),
            (_("kind"), obj.get_kind_display() or "–"),
            (_("name"), obj.name),
            (_("role"), obj.role or "–"),
            (_("affiliation"), obj.affiliation or "–"),
            (_("organisation"), obj.organisation or "–"),
            (_("region"), obj.get_region_display() or "–"),
            (_("expertise"), names(str(t.name) for t in obj.topics.all()) or "–"),
            (_("support offered"), names(str(o.name) for o in obj.offers.all()) or "–"),
            (_("short biography (Markdown)"), mark_safe(obj.bio_html) or "–"),  # sanitised when saved
            (_("photo"), photo),
        ]  # fmt: skip

    def review_done(self, request, obj, action):
        self.message_user(
            request,
            gettext("Done: “%(name)s” – the person has been notified.") % {"name": obj.name},
        )
        return reverse("admin:network_person_changelist") + "?moderation_status__exact=proposed"

    @admin.display(description=_("decision"))
    def review_link(self, obj):
        """A change-list column: the link to decide, where a profile waits."""
        if not obj.pk or not self.review_decisions(obj):
            return "–"
        return format_html(
            '<a href="{}">{}</a>', self.review_url(obj), gettext("Decide on the profile")
        )

    @admin.display(description=_("decision"))
    def decide_link(self, obj):
        return self.review_link(obj)

    @admin.display(description=_("consent"), ordering="consent_state")
    def consent(self, obj):
        return CONSENT.states[obj.consent_state] if hasattr(obj, "consent_state") else "–"

    def save_model(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k != "ask_for_consent"}
        if change:
            services.update_person(person=obj, data=data, by=request.user, staff=True)
            return
        ask = bool(form.cleaned_data.get("ask_for_consent"))
        adopt(obj, services.create_person(data=data, by=request.user, ask_for_consent=ask))
        if ask:
            self.message_user(
                request,
                gettext("We have asked %(name)s by email to confirm the profile.")
                % {"name": obj.name},
            )

    def save_related(self, request, form, formsets, change):
        save_inlines(self, request, form, formsets, change)

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
class ConsentTextAdmin(VersionedTextAdmin, ActivityHistoryAdmin):
    form = ConsentTextAdminForm
    list_display = ["__str__", "purpose", "version", "published_at", "created_at"]
    list_filter = ["purpose"]
    actions = ["put_in_force"]

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
