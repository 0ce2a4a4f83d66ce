"""Every email of the portal: composed here, delivered by a background task.

:func:`send` (and :func:`compose`, which builds the message without sending it) is the one
way to write a mail. A mail is a template prefix, as allauth names its templates:

- ``<prefix>_subject.txt``: the subject, prefixed with ``EMAIL_SUBJECT_PREFIX``;
- ``<prefix>_message.txt``: the plain text, rendered without HTML escaping;
- ``<prefix>_message.html`` (optional): the HTML alternative, rendered with escaping and
  extending ``email/layout.html``. Without it, the plain text is put into that layout as
  escaped paragraphs, so a user's value can never become markup.

Each is rendered in the recipient's language; the sender shows the portal's name.
:func:`absolute_url` builds every link a mail or calendar file carries.

``TaskEmailBackend`` is Django's EMAIL_BACKEND: it turns each message into plain JSON and
enqueues :func:`deliver_email`, which sends it through the ``delivery`` mailer (SMTP in
production, the console in development, locmem in tests).
"""

import base64
import re
from collections.abc import Iterable, Sequence
from email.utils import formataddr, parseaddr
from typing import cast

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.tasks import task
from django.template import TemplateDoesNotExist
from django.template.backends.django import Template as DjangoTemplate
from django.template.context import make_context
from django.template.loader import get_template, render_to_string
from django.utils import translation

SENDER_NAME = "Zukunftsplattform"


def absolute_url(path: str) -> str:
    """The full address of ``path`` (``/projekte/…``) on the portal, from ``SITE_URL``."""
    if re.match(r"^https?://", path):
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def sender() -> str:
    """``DEFAULT_FROM_EMAIL``, with the portal's name when it names nobody."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return settings.DEFAULT_FROM_EMAIL if name else formataddr((SENDER_NAME, address))


def _render_text(template_name: str, context: dict) -> str:
    """A text template's output: no HTML escaping, and a plain (not "safe") string."""
    template = cast(DjangoTemplate, get_template(template_name)).template
    return str.__str__(template.render(make_context(context, autoescape=False)))


def _paragraphs(text: str) -> list[str]:
    return [part.strip("\n") for part in re.split(r"\n\s*\n", text) if part.strip()]


def compose(
    template: str,
    *,
    to: Sequence[str],
    context: dict,
    language: str | None = None,
    reply_to: Sequence[str] = (),
    attachments: Iterable[tuple[str, bytes | str, str]] = (),
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """The mail ``template`` (a prefix, see the module) to ``to``, in ``language``;
    ``headers`` are extra header lines (e.g. ``List-Unsubscribe``)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "portal_url": absolute_url("/"),
            **context,
            "language": language,
            "LANGUAGE_CODE": language,
        }
        subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
        subject = f"{settings.EMAIL_SUBJECT_PREFIX}{subject}"
        body = _render_text(f"{template}_message.txt", context).strip() + "\n"
        html_context = {**context, "subject": subject}
        try:
            html = render_to_string(f"{template}_message.html", html_context)
        except TemplateDoesNotExist:
            html = render_to_string(
                "email/layout.html", {**html_context, "paragraphs": _paragraphs(body)}
            )
    message = EmailMultiAlternatives(
        subject,
        body,
        sender(),
        to=[address for address in to if address],
        reply_to=reply_to,
        headers=dict(headers or {}),
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message


def send(
    template: str,
    *,
    to: Sequence[str],
    context: dict,
    language: str | None = None,
    reply_to: Sequence[str] = (),
    attachments: Iterable[tuple[str, bytes | str, str]] = (),
    headers: dict[str, str] | None = None,
    after_commit: bool = False,
) -> None:
    """Compose and send a mail (see :func:`compose`); nothing when ``to`` is empty.

    ``after_commit``: compose and send once the current transaction commits (at once
    outside a transaction), so a rolled-back change mails nobody.
    """
    to = [address for address in to if address]
    if not to:
        return
    attachments = list(attachments)

    def deliver():
        compose(
            template,
            to=to,
            context=context,
            language=language,
            reply_to=reply_to,
            attachments=attachments,
            headers=headers,
        ).send()

    if after_commit:
        transaction.on_commit(deliver)
    else:
        deliver()


# --- Delivery through a background task ------------------------------------------------


def _serialise(message) -> dict:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [
            [
                name,
                base64.b64encode(
                    content if isinstance(content, bytes) else content.encode()
                ).decode(),
                mimetype,
            ]
            for name, content, mimetype in (a for a in message.attachments if isinstance(a, tuple))
        ],
    }


@task()
def deliver_email(message: dict) -> None:
    """Send one serialised message through the ``delivery`` mailer."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    for name, content, mimetype in message["attachments"]:
        email.attach(name, base64.b64decode(content), mimetype)
    email.send(using="delivery")


class TaskEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            deliver_email.enqueue(_serialise(message))
        return len(email_messages)
