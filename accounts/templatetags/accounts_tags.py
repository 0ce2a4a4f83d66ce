from django import template

from accounts import extensions

register = template.Library()


@register.inclusion_tag("accounts/nav.html", takes_context=True)
def account_navigation(context):
    """The navigation every account page shows (entries from every app)."""
    request = context["request"]
    return {
        "entries": extensions.navigation(request),
        "csrf_token": context.get("csrf_token"),
    }
