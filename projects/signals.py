from django.db import transaction

from projects.models import ProjectMembership


def keep_an_owner(sender, instance, **kwargs):
    """Before an account is deleted, hand each project it owns to the longest-serving editor.

    A project without any other member keeps no owner; moderators still manage it.
    """
    with transaction.atomic():
        for membership in ProjectMembership.objects.filter(
            user=instance, role=ProjectMembership.Role.OWNER
        ):
            successor = (
                ProjectMembership.objects.filter(project_id=membership.project_id)
                .exclude(user=instance)
                .order_by("created_at", "pk")
                .first()
            )
            membership.delete()
            if successor:
                successor.role = ProjectMembership.Role.OWNER
                successor.save(update_fields=["role"])


def personal_data(user) -> list[dict]:
    return [
        {
            "project": membership.project.title,
            "role": membership.role,
            "since": membership.created_at.isoformat(),
        }
        for membership in ProjectMembership.objects.filter(user=user)
        .select_related("project")
        .order_by("pk")
    ]
