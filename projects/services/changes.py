"""A published project's edits: they wait in ``revision`` for the change moderation
(``CHANGES``, shared with organisations); the public keeps seeing the approved fields."""

from typing import Any, cast

from projects.lifecycle import CHANGES
from projects.models import Project, organisations
from projects.permissions import change_roles
from projects.services.history import recorded_and_told
from projects.services.profile import (
    IMAGE_FIELDS,
    M2M_FIELDS,
    PROFILE_FIELDS,
    apply_profile,
    render_fields,
)
from zukunftsplattform import lifecycle, moderation


class ProjectChanges(moderation.Moderated):
    """A published project's edits go through the change moderation (``CHANGES``)."""

    def roles_of(self, user, project):
        return change_roles(user, project)

    def apply(self, project, values):
        apply_profile(project, values)

    def prepare(self, project, step, *, by, message, now):
        if step.action == "submit":
            project.submitted_at = now
            return ["submitted_at", "updated_at"]
        if lifecycle.MODERATOR in step.roles:
            project.moderator_message = message  # a decision: its message, or none
            return ["moderator_message", "updated_at"]
        return ["updated_at"]

    def done(self, project, step, *, by, author, message, before):
        if step.action == "edit":
            return  # editing a draft of changes is no step in the history
        recorded_and_told(project, step, actor=by, message=message)


CHANGE_MODERATION = ProjectChanges(
    model=Project,
    fields=tuple(PROFILE_FIELDS),
    lifecycle=CHANGES,
    renditions=(("cover", (("card", "cover_card"),)),),
)


def public_files(project: Project, fields) -> set[str]:
    return {
        name
        for field in fields
        for name in CHANGE_MODERATION.public_files(project, field).values()
        if name
    }


def working_copy(project: Project) -> dict:
    """The values the team is editing: the pending revision over the approved fields."""
    return CHANGE_MODERATION.working_copy(project)


def show_revision(project: Project) -> Project:
    """Put the pending revision onto this instance, in memory only, for a preview of the
    project as it will look once approved. Never save the instance afterwards.

    The many-to-many fields are served from the prefetch cache, so the detail template
    reads the proposed topics, needs etc. without knowing it is a preview.
    """
    if not project.revision:
        return project
    data = CHANGE_MODERATION.deserialise(project.revision)
    cache = project.__dict__.setdefault("_prefetched_objects_cache", {})
    for field, value in data.items():
        if field in M2M_FIELDS:
            related = cast(Any, Project._meta.get_field(field).related_model)
            queryset = related.objects.filter(pk__in=[obj.pk for obj in value])
            queryset._result_cache, queryset._prefetch_done = list(value), True
            cache[field] = queryset
        elif field in IMAGE_FIELDS:
            if isinstance(value, dict):
                getattr(project, field).name = value["main"]
                if field == "cover":
                    project.cover_card.name = value.get("card", "")
        else:
            setattr(project, field, value)
    if "partner_organisations" in data:
        public = set(
            organisations()
            .public()
            .filter(pk__in=[o.pk for o in data["partner_organisations"]])
            .values_list("name", flat=True)
        )
        project.partner_names = sorted(public)  # type: ignore[attr-defined]  # as the detail query annotates it
    render_fields(project)
    return project


def revision_diff(project: Project) -> list[dict]:
    """Per changed field: label, approved value and proposed value, for the moderator."""
    return CHANGE_MODERATION.diff(project)
