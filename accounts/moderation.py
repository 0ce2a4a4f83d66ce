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
        "moderate_project",
        "view_projectmembership",
        "view_invitation",
        "view_transition",
    ],
    "pages": ["view_contentpage", "change_contentpage", "view_feedback", "change_feedback"],
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
