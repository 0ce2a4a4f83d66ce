"""Who may see what of contact through the platform (404 for what one may not know exists)."""

from django.http import Http404

from contact.models import ContactRequest
from contact.services import ORGANISATION, PERSON, PROJECT
from network.public import people_with_consent, public_organisations
from projects.public import published_projects


def get_addressee(kind: str, slug: str):
    """The public project, organisation or person one may write to, or 404.

    Only what the public sees can be contacted: a draft project, a hidden organisation or
    a profile without consent does not exist here.
    """
    queryset = {
        PROJECT: published_projects,
        ORGANISATION: public_organisations,
        PERSON: people_with_consent,
    }[kind]()
    found = queryset.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def is_party(user, request: ContactRequest) -> bool:
    return request.sender_id == user.pk or request.recipients.filter(pk=user.pk).exists()


def get_request_for_user(user, pk) -> ContactRequest:
    """A request the user sent or received, or 404 (others do not learn that it exists)."""
    request = ContactRequest.objects.for_lists().filter(pk=pk).first()
    if request is None or not is_party(user, request):
        raise Http404
    return request


def is_recipient(user, request: ContactRequest) -> bool:
    return request.recipients.filter(pk=user.pk).exists()


def switchable_by(user) -> dict:
    """What ``user`` may switch contact on or off for: their own profile and their
    organisations (no moderation: it is their own reachability)."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    organisations = list(user.organisations.order_by("name")) if user.is_authenticated else []
    return {"person": person, "organisations": organisations}
