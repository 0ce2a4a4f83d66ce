from django import template

from network.models import Person
from network.permissions import is_public_person
from network.services import current_consent_text
from zukunftsplattform.german import german_order

register = template.Library()


@register.inclusion_tag("network/account_section.html", takes_context=True)
def network_account_section(context):
    """The account overview's part about the user's own profile in the network."""
    request = context["request"]
    person = (
        Person.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    )
    return {
        "request": request,
        "person": person,
        "is_public": is_public_person(person) if person else False,
        "organisations": list(request.user.organisations.order_by(*german_order("name")))
        if request.user.is_authenticated
        else [],
        "consent_text": current_consent_text() if person else None,
        "csrf_token": context.get("csrf_token"),
    }
