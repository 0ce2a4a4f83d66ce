"""``{% follow_button target %}``: the follow button on a public project, organisation or
event series page (other apps include ``following/includes/follow_button.html``)."""

from django import template
from django.urls import reverse

from following import services
from following.targets import URL_OF_KIND, kind_of
from zukunftsplattform.mail import absolute_url

register = template.Library()


def button_context(request, target, *, following=None, announcement: str = "") -> dict:
    """What the button shows; asks whether the person follows (one query, none for
    visitors) unless ``following`` is given."""
    kind = kind_of(target)
    if following is None:
        following = services.is_following(request.user, target)
    return {
        "request": request,
        "target": target,
        "kind": kind,
        "dom_id": f"follow-{kind}-{target.pk}",
        "action_url": reverse("following:follow", args=[URL_OF_KIND[kind], target.slug]),
        "following": following,
        "announcement": announcement,
    }


@register.inclusion_tag("following/includes/follow_button.html", takes_context=True)
def follow_button(context, target):
    return button_context(context["request"], target)


@register.filter
def full_url(obj) -> str:
    """The full address of an object's page, for mails (no request there)."""
    return absolute_url(obj.get_absolute_url())
