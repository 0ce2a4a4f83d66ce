from django.conf import settings
from django.db import transaction
from django.urls import reverse

from pages.models import Feedback
from zukunftsplattform import mail
from zukunftsplattform.mail import absolute_url


@transaction.atomic
def receive_feedback(
    *, kind: str, message: str, page_url: str = "", name: str = "", email: str = ""
) -> Feedback:
    """Store feedback and tell the editorial team by email (in German, after commit).

    The mail's reply goes to the sender when they gave an address.
    """
    feedback = Feedback.objects.create(
        kind=kind, message=message, page_url=page_url, name=name, email=email
    )
    mail.send(
        "pages/email/feedback",
        to=[settings.STAFF_NOTIFICATION_EMAIL],
        context={
            "feedback": feedback,
            "admin_url": absolute_url(reverse("admin:pages_feedback_change", args=[feedback.pk])),
        },
        language="de",
        reply_to=[email] if email else [],
        after_commit=True,
    )
    return feedback
