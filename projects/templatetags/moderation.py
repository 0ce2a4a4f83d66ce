from django import template

from projects.models import Project

register = template.Library()


@register.inclusion_tag("admin/projects/queue_summary.html", takes_context=True)
def moderation_queue_summary(context):
    """The moderation queue's box at the top of the admin index: how much waits."""
    user = context["request"].user
    if not user.has_perm("projects.view_moderationqueueentry"):
        return {"show": False}
    return {"show": True, "count": Project.objects.awaiting_review().count()}
