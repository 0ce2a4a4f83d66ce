"""The "Moderation" staff group: exactly the permissions moderation needs, nothing more.

Kept in sync after every migrate (and flush), so a new permission here reaches every
installation without a manual step.
"""

from django.contrib.auth.models import Group, Permission

MODERATION_GROUP = "Moderation"

# app label -> permission codenames
MODERATION_PERMISSIONS: dict[str, list[str]] = {
    "projects": [
        "view_project",
        "change_project",
        "view_projectmembership",
        "view_invitation",
        "view_transition",
        "view_moderationqueueentry",
        "change_moderationqueueentry",
        "moderate_project",
        # Funding programmes and call rounds teams choose from: kept up like the vocabulary,
        # no deleting (as nothing else of projects; administrators delete unused ones).
        "view_fundingprogramme",
        "add_fundingprogramme",
        "change_fundingprogramme",
        "view_callround",
        "add_callround",
        "change_callround",
    ],
    "pages": ["view_contentpage", "change_contentpage", "view_feedback", "change_feedback"],
    # Managing events: series, events with agenda and documentation, registrations
    # (attendance, cancelling on someone's behalf, CSV export). No deleting.
    "events": [
        "view_series",
        "add_series",
        "change_series",
        "view_event",
        "add_event",
        "change_event",
        "export_registrations",
        "view_agendaitem",
        "add_agendaitem",
        "change_agendaitem",
        "delete_agendaitem",
        "view_slides",
        "add_slides",
        "change_slides",
        "delete_slides",
        "view_photo",
        "add_photo",
        "change_photo",
        "delete_photo",
        "view_registration",
        "change_registration",
    ],
    # The network directory: organisations (incl. approving members' changes and merging
    # duplicates, which deletes them), people, consent texts; consent history read-only.
    "network": [
        "view_organisation",
        "add_organisation",
        "change_organisation",
        "delete_organisation",
        "moderate_directory",
        "view_person",
        "add_person",
        "change_person",
        "delete_person",
        "view_consenttext",
        "add_consenttext",
        "change_consenttext",
        "view_consentrecord",
    ],
    # Notices of unlawful content (Digital Services Act): read, decide, see who reported.
    "notices": ["view_report", "decide_report"],
    # Reported messages (read, dismiss, block the sender) and blocked senders (unblock).
    "contact": [
        "view_contactreport",
        "change_contactreport",
        "view_blockedsender",
        "change_blockedsender",
    ],
    # The ministry's dashboard (figures and exports, counts only).
    "insights": ["view_dashboard"],
    "taxonomy": [
        "view_topic",
        "add_topic",
        "change_topic",
        "view_targetgroup",
        "add_targetgroup",
        "change_targetgroup",
        "view_supportcategory",
        "add_supportcategory",
        "change_supportcategory",
        # The search's synonyms ("Flüchtlinge" ↔ "Geflüchtete") are the editorial team's.
        "view_synonym",
        "add_synonym",
        "change_synonym",
        "delete_synonym",
    ],
}


def sync_moderation_group(**kwargs) -> None:
    group, _ = Group.objects.get_or_create(name=MODERATION_GROUP)
    wanted = []
    for app_label, codenames in MODERATION_PERMISSIONS.items():
        wanted += list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    group.permissions.set(wanted)
