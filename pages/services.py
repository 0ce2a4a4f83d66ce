from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from pages.models import Feedback


@transaction.atomic
def receive_feedback(
    *, kind: str, message: str, page_url: str = "", name: str = "", email: str = ""
) -> Feedback:
    """Store feedback and tell the editorial team by email (sent by a task after commit)."""
    feedback = Feedback.objects.create(
        kind=kind, message=message, page_url=page_url, name=name, email=email
    )
    with translation.override("de"):
        subject = _("New feedback: %(kind)s") % {"kind": feedback.get_kind_display()}
        page_label, name_label, email_label = _("Page concerned"), _("Name"), _("Email address")
        body = "\n\n".join(
            [
                f"{page_label}: {page_url or '-'}",
                f"{name_label}: {name or '-'}",
                f"{email_label}: {email or '-'}",
                message,
                f"{settings.SITE_URL}/admin/pages/feedback/{feedback.pk}/change/",
            ]
        )
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [settings.STAFF_NOTIFICATION_EMAIL])
    )
    return feedback
