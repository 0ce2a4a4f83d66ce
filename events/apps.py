from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from accounts.extensions import (
            register_home_section,
            register_nav_entry,
            register_personal_data,
        )
        from events import signals

        register_personal_data("event_registrations", signals.personal_data)
        register_personal_data("event_speaker_appearances", signals.speaker_data)
        pre_delete.connect(
            signals.anonymise_registrations_of_deleted_user,
            sender=get_user_model(),
            dispatch_uid="events_anonymise_registrations_of_deleted_user",
        )
        # Project and person pages list the events they appear in; those apps offer a
        # place for the section, so they never import events.
        from network.extensions import register_person_section
        from projects.extensions import register_detail_section

        register_detail_section(signals.project_detail_section)
        register_person_section(signals.person_detail_section)

        from events.account import my_registrations_section

        register_nav_entry("events:my_registrations", _("My registrations"), order=20)
        register_home_section(my_registrations_section, order=20)

        from events import services as events_services
        from events.models import Event
        from zukunftsplattform.search import register_reindexer

        register_reindexer(
            "events", Event.objects.select_related("series").all, events_services.refresh_search
        )

        # What the activity records on an event's admin page say.
        from accounts.extensions import register_labels

        register_labels(
            actions={
                "event.create": _("Event created"),
                "event.update": _("Event changed"),
                "event.publish": _("Event published"),
                "event.cancel": _("Event cancelled"),
                "event.unpublish": _("Event taken off the public pages"),
                "event.attendance": _("Attendance recorded"),
                "event.registration_cancel": _("Registration cancelled by the moderation"),
            }
        )
