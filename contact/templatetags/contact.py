"""The "Kontakt aufnehmen" buttons on project, organisation and person pages.

Other apps' templates reach them with one-line includes (``contact/includes/…``) that use
these tags, so projects and network never import contact.
"""

from django import template
from django.db.models import Exists
from django.urls import reverse

from contact.models import ContactOptOut
from contact.services import ORGANISATION, PROJECT, kind_of

register = template.Library()


@register.simple_tag(takes_context=True)
def contact_button(context, obj, own=False):
    """What the detail page's contact action shows: ``url`` of the form (or of the login
    with ``next`` back to it), ``reachable`` and ``own`` (the person's own page or their
    team's or organisation's: a link to the contact settings instead)."""
    kind = kind_of(obj)
    url = reverse(f"contact:{kind}", kwargs={"slug": obj.slug})
    user = context["request"].user
    if kind == PROJECT or own:  # own: the page shows the settings link, never the button
        reachable = True
    else:
        off = ContactOptOut.objects.filter(**{kind: obj.pk})
        if kind == ORGANISATION:  # one query: the members, and whether contact is off
            rows = list(obj.members.annotate(off=Exists(off)).values_list("pk", "off"))
            members = {pk for pk, _off in rows}
            reachable = bool(rows) and not rows[0][1] and obj.is_published
            own = own or user.pk in members
        else:
            reachable = (
                bool(obj.user_id or obj.email) and context.get("is_public") and not off.exists()
            )
            own = own or (user.is_authenticated and obj.user_id == user.pk)
    if not user.is_authenticated:
        url = f"{reverse('account_login')}?next={url}"
    return {"url": url, "reachable": reachable, "own": own, "kind": kind}


@register.simple_tag
def contact_url(kind, entry, category=None) -> str:
    """The contact form for an entry of "who can help" (no query: an entry that cannot be
    reached – contact switched off, no members – gets a page that says so)."""
    url = reverse(f"contact:{kind}", kwargs={"slug": entry.slug})
    return f"{url}?about=offer:{category.pk}" if category is not None else url
