"""The contact app's part of the account: home section, data export, deletion."""

from django.utils.translation import gettext as _

from contact import services
from contact.models import BlockedSender, ContactOptOut, ContactRequest


def home_section(request) -> dict:
    """Open requests the person received, and a link to all messages."""
    received = ContactRequest.objects.received_by(request.user)
    return {
        "template": "contact/account_section.html",
        "context": {
            "open_count": received.filter(status=ContactRequest.Status.OPEN).count(),
        },
    }


def _request_data(request: ContactRequest, *, sent: bool) -> dict:
    data = {
        "to": request.addressee_name,
        "to_kind": services.kind_of(request.addressee),
        "subject": request.subject,
        "message": request.message,
        "about": request.about.name if request.about else None,
        "about_kind": request.about_kind,
        "share_email": request.share_email,
        "status": request.status,
        "status_changed_at": request.status_changed_at.isoformat()
        if request.status_changed_at
        else None,
        "sent_at": request.created_at.isoformat(),
    }
    if not sent:
        data["from"] = request.sender.display_name
        if request.share_email:
            data["from_email"] = request.sender.email
    return data


def personal_data(user) -> dict:
    """Messages sent and received, whether contact is off for one's profile and
    organisations, and a block, for the data export (accounts.personal_data)."""
    requests = ContactRequest.objects.for_lists()
    person = getattr(user, "person", None)
    block = BlockedSender.objects.filter(user=user).first()
    switched_off = ContactOptOut.objects.filter(organisation__members=user)
    if person is not None:
        switched_off |= ContactOptOut.objects.filter(person=person)
    return {
        "sent": [_request_data(r, sent=True) for r in requests.sent_by(user)],
        "received": [_request_data(r, sent=False) for r in requests.received_by(user)],
        "contact_switched_off": [
            {"for": str(optout), "since": optout.created_at.isoformat()}
            for optout in switched_off.select_related("person", "organisation")
        ],
        "blocked": {"since": block.created_at.isoformat(), "reason": block.reason}
        if block
        else None,
    }


def deletion_note(user) -> list[str]:
    sent = ContactRequest.objects.sent_by(user).count()
    if not sent:
        return []
    return [
        _("The %(count)s message(s) you sent through the platform are deleted.") % {"count": sent}
    ]


def forget_deleted_user(sender, instance, **kwargs):
    services.forget_user(user=instance)
