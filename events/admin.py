"""Event management for the moderation: series, events, agenda, documentation, registrations.

Status changes (publish, cancel, attendance, cancelling a registration) are admin
actions that call ``events.services``; the status field itself is never edited here.
"""

import csv

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.public import ActivityHistoryAdmin
from events import services
from events.forms import EventImageFormMixin, PhotoForm, SlidesForm
from events.lifecycle import EVENT, EVENT_MANAGER, REGISTRATION
from events.links import public_people, public_projects
from events.models import (
    RESERVED_SLUGS,
    AgendaItem,
    Event,
    Photo,
    Registration,
    Series,
    Slides,
)
from zukunftsplattform.german import german_column, german_order
from zukunftsplattform.images import rights_field
from zukunftsplattform.lifecycle import offered_actions
from zukunftsplattform.slugs import SlugFromNameAdminForm
from zukunftsplattform.spreadsheets import defused


class SlugFromTitleAdminForm(SlugFromNameAdminForm):
    slug_source = "title"
    reserved_slugs = RESERVED_SLUGS  # paths under /veranstaltungen/ an event must not take


class EventAdminForm(EventImageFormMixin, SlugFromTitleAdminForm):
    image_rights = rights_field()


@admin.register(Series)
class SeriesAdmin(ActivityHistoryAdmin):
    form = SlugFromTitleAdminForm
    list_display = ["title_in_german_order", "slug"]
    search_fields = ["title"]
    title_in_german_order = german_column(Series, "title")

    def save_model(self, request, obj, form, change):
        services.render_series(obj)
        super().save_model(request, obj, form, change)


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["starts_at", "ends_at", "title", "description", "speakers", "presented_projects"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "speakers":
            kwargs["queryset"] = public_people().order_by(*german_order("name"))
        elif db_field.name == "presented_projects":
            kwargs["queryset"] = public_projects().order_by(*german_order("title"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class SlidesInline(admin.TabularInline):
    model = Slides
    form = SlidesForm
    extra = 0
    fields = ["title", "file", "position"]


class PhotoInline(admin.TabularInline):
    model = Photo
    form = PhotoForm
    extra = 0
    fields = ["image", "alt_text", "caption", "position"]


class RegistrationInline(admin.TabularInline):
    """A read-only overview; changes go through the registration list's actions."""

    model = Registration
    extra = 0
    can_delete = False
    show_change_link = True
    readonly_fields = ("name", "email", "status", "waitlist_number", "attended", "created_at")
    fields = readonly_fields
    ordering = ["status", "waitlist_number", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


def registrations_csv(registrations, *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8 umlauts correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Event"),
            _("Start"),
            _("Name"),
            _("Email address"),
            _("Status"),
            _("Waitlist position"),
            _("Accessibility needs"),
            _("Dietary needs"),
            _("Photo consent"),
            _("Account"),
            _("Registered"),
            _("Attended"),
        ]
    )
    positions: dict[int, int] = {}
    for registration in registrations:
        position: int | str = ""
        if registration.status == Registration.Status.WAITLISTED:
            positions[registration.event_id] = positions.get(registration.event_id, 0) + 1
            position = positions[registration.event_id]
        writer.writerow(
            [
                defused(value)
                for value in [
                    registration.event.title,
                    timezone.localtime(registration.event.start).strftime("%Y-%m-%d %H:%M"),
                    registration.name,
                    registration.email,
                    registration.get_status_display(),
                    position,
                    registration.accessibility_needs,
                    registration.dietary_needs,
                    _("yes") if registration.photo_consent else _("no"),
                    _("yes") if registration.user_id else _("guest"),
                    timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                    {True: _("yes"), False: _("no"), None: ""}[registration.attended],
                ]
            ]
        )
    return response


def _export_queryset(queryset):
    return queryset.select_related("event").order_by(
        "event__start", "event_id", "status", "waitlist_number", "created_at", "pk"
    )


@admin.register(Event)
class EventAdmin(ActivityHistoryAdmin):
    records_saves = False  # services.save_event records
    list_display = [
        "title_in_german_order", "start", "series", "status", "capacity", "confirmed", "waitlisted"
    ]  # fmt: skip
    title_in_german_order = german_column(Event, "title")
    list_filter = ["status", "series", "format"]
    search_fields = ["title", "locality", "venue_name"]
    date_hierarchy = "start"
    form = EventAdminForm
    readonly_fields = ["status", "published_at", "cancelled_at"]
    filter_horizontal = ["resulting_projects"]
    inlines = [AgendaItemInline, SlidesInline, PhotoInline, RegistrationInline]
    actions = ["publish", "cancel", "export_registrations"]
    #: The admin actions that take a step of ``EVENT``.
    lifecycle_actions = {"publish": "publish", "cancel": "cancel"}
    fieldsets = [
        (None, {"fields": ["series", "title", "slug", "status", "summary", "description", "image", "image_rights", "image_alt", "image_credit"]}),
        (_("When and where"), {"fields": ["start", "end", "format", "venue_name", "street_address", "postal_code", "locality", "region", "online_url"]}),
        (_("Accessibility"), {"fields": ["step_free_access", "hearing_loop", "sign_language", "quiet_room", "accessibility_notes"]}),
        (_("Registration"), {"fields": ["capacity", "registration_opens_at", "registration_closes_at"]}),
        (_("Documentation after the event"), {"fields": ["documentation_summary", "documentation_results", "resulting_projects"]}),
        (_("Cancellation"), {"fields": ["cancellation_reason", "cancelled_at", "published_at"]}),
    ]  # fmt: skip

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        """A list filtered to one status offers only the steps the table has from it."""
        return offered_actions(
            super().get_actions(request, action_location=action_location),
            lifecycle=EVENT,
            state=request.GET.get("status__exact"),
            steps=self.lifecycle_actions,
            roles=EVENT_MANAGER,
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("series")
            .annotate(
                confirmed_count=Count(
                    "registrations",
                    filter=Q(registrations__status=Registration.Status.CONFIRMED),
                ),
                waitlisted_count=Count(
                    "registrations",
                    filter=Q(registrations__status=Registration.Status.WAITLISTED),
                ),
            )
        )

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("waitlist"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return obj.waitlisted_count

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "resulting_projects":
            kwargs["queryset"] = public_projects().order_by(*german_order("title"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.save_event(event=obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_search(form.instance)

    @admin.action(description=_("Publish selected events"), permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for event in queryset.filter(status__in=EVENT.sources("publish")):
            services.publish_event(event=event, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d event published.", "%(count)d events published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Cancel selected events and notify participants"), permissions=["change"]
    )
    def cancel(self, request, queryset):
        count = 0
        for event in queryset.filter(status__in=EVENT.sources("cancel")):
            services.cancel_event(event=event, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d event cancelled; its participants are being notified.",
                "%(count)d events cancelled; their participants are being notified.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export registrations as CSV"), permissions=["export"])
    def export_registrations(self, request, queryset):
        registrations = _export_queryset(Registration.objects.filter(event__in=queryset))
        return registrations_csv(registrations, filename="anmeldungen.csv")

    def has_export_permission(self, request):
        return request.user.has_perm("events.export_registrations")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "name_in_german_order", "email", "event", "status", "waitlist_number", "attended", "created_at"
    ]  # fmt: skip
    name_in_german_order = german_column(Registration, "name")
    list_filter = ["status", "attended", "event"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event"]
    ordering = ["event__start", "status", "waitlist_number", "created_at"]
    readonly_fields = (
        "event",
        "user",
        "name",
        "email",
        "language",
        "status",
        "waitlist_number",
        "accessibility_needs",
        "dietary_needs",
        "photo_consent",
        "attended",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "reminder_sent_at",
        "anonymised_at",
    )
    fields = readonly_fields
    actions = [
        "mark_attended",
        "mark_absent",
        "cancel_registrations",
        "export_csv",
    ]

    #: The admin actions that take a step of ``REGISTRATION``.
    lifecycle_actions = {"cancel_registrations": "cancel"}

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        """A list filtered to one status offers only the steps the table has from it."""
        return offered_actions(
            super().get_actions(request, action_location=action_location),
            lifecycle=REGISTRATION,
            state=request.GET.get("status__exact"),
            steps=self.lifecycle_actions,
            roles=EVENT_MANAGER,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        count = services.mark_attendance(registrations=queryset, attended=True, by=request.user)
        self.message_user(request, _("Attendance recorded for %(count)d.") % {"count": count})

    @admin.action(description=_("Mark as not attended"), permissions=["change"])
    def mark_absent(self, request, queryset):
        count = services.mark_attendance(registrations=queryset, attended=False, by=request.user)
        self.message_user(request, _("Absence recorded for %(count)d.") % {"count": count})

    @admin.action(
        description=_("Cancel selected registrations (participants are emailed)"),
        permissions=["change"],
    )
    def cancel_registrations(self, request, queryset):
        count = 0
        for registration in queryset.filter(status__in=REGISTRATION.sources("cancel")):
            try:
                services.cancel_registration(registration=registration, by=request.user)
            except services.RegistrationError as error:
                self.message_user(request, f"{registration}: {error.messages[0]}", messages.ERROR)
            else:
                count += 1
        self.message_user(request, _("%(count)d registrations cancelled.") % {"count": count})

    @admin.action(description=_("Export as CSV"), permissions=["export"])
    def export_csv(self, request, queryset):
        return registrations_csv(_export_queryset(queryset), filename="anmeldungen.csv")

    def has_export_permission(self, request):
        return request.user.has_perm("events.export_registrations")
