"""The "Kontakt aufnehmen" buttons on project, organisation and person pages.

Other apps' templates reach them with one-line includes (``contact/includes/…``) that use
these tags, so projects and network never import contact.
"""

from django import template
from django.urls import reverse

from contact.models import ContactOptOut
from contact.services import ORGANISATION, PERSON, PROJECT, kind_of
from network.public import public_organisations

register = template.Library()


@register.simple_tag(takes_context=True)
def contact_button(context, obj, own=False):
    """What the detail page's contact action shows: ``url`` of the form (or of the login
    with ``next`` back to it), ``reachable`` and ``own`` (the person's own page or their
    team's or organisation's: a link to the contact settings instead)."""
    kind = kind_of(obj)
    url = reverse(f"contact:{kind}", kwargs={"slug": obj.slug})
    user = context["request"].user
    if kind == PROJECT:
        reachable = True
    else:
        reachable = not ContactOptOut.objects.filter(**{kind: obj}).exists()
        if kind == ORGANISATION:
            members = set(obj.members.values_list("pk", flat=True))
            reachable = reachable and bool(members) and obj.is_published
            own = own or user.pk in members
        else:
            reachable = reachable and bool(obj.user_id or obj.email) and context.get("is_public")
            own = own or (user.is_authenticated and obj.user_id == user.pk)
    if not user.is_authenticated:
        url = f"{reverse('account_login')}?next={url}"
    return {"url": url, "reachable": reachable, "own": own, "kind": kind}


@register.simple_tag
def contact_reachable(helpers) -> dict:
    """Of the "who can help" lists, the organisations and people one can write to: sets
    of primary keys, in at most two queries however long the lists are."""
    organisations = [entry.pk for entry in (helpers or {}).get("organisations", [])]
    people = [entry.pk for entry in (helpers or {}).get("people", [])]
    reach: dict[str, set] = {ORGANISATION: set(), PERSON: set()}
    if organisations:
        reach[ORGANISATION] = set(
            public_organisations()
            .filter(pk__in=organisations, members__isnull=False)
            .exclude(
                pk__in=ContactOptOut.objects.filter(organisation__isnull=False).values(
                    "organisation_id"
                )
            )
            .values_list("pk", flat=True)
        )
    if people:  # a public profile has an account or an address: consent came from one
        off = set(
            ContactOptOut.objects.filter(person__in=people).values_list("person_id", flat=True)
        )
        reach[PERSON] = set(people) - off
    return reach


@register.simple_tag
def contact_url(kind, entry, category=None) -> str:
    url = reverse(f"contact:{kind}", kwargs={"slug": entry.slug})
    return f"{url}?about=offer:{category.pk}" if category is not None else url
