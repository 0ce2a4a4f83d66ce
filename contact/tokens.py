"""The signed link in each relayed mail with which the recipient reports the message.

It works without login: the signature is the permission. It names the message and the
address it was sent to, so a report says who reported it.
"""

from django.core import signing

from contact.models import ContactRequest

REPORT_SALT = "contact.report"


class InvalidLink(Exception):
    """The link is broken, forged, or its message no longer exists."""


def make_report_token(request: ContactRequest, address: str) -> str:
    return signing.dumps({"r": request.pk, "a": address.lower()}, salt=REPORT_SALT)


def read_report_token(token: str) -> tuple[ContactRequest, str]:
    """The message and the recipient's address the link was made for, or InvalidLink."""
    try:
        data = signing.loads(token, salt=REPORT_SALT)
    except signing.BadSignature:
        raise InvalidLink from None
    request = ContactRequest.objects.select_related("sender").filter(pk=data.get("r")).first()
    if request is None:
        raise InvalidLink
    return request, str(data.get("a", ""))
