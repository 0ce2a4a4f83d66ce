"""Invitations by email: to a project's team (``projects.Invitation``) and to an
organisation (``network.OrganisationInvitation``) are both ``EmailInvitation``.

The rules are the same for both: the link carries an unguessable key and works for
``VALIDITY``; it works once, and only for an account that confirmed the invited address (a
forwarded link alone is not enough, anyone holding it could otherwise join). Inviting an
address again replaces its open invitation, so the older link stops working. The apps'
services call ``invite``/``take_up`` and add the membership, the mail and the records.
"""

import secrets
from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VALIDITY = timedelta(days=14)


def new_token() -> str:
    """An unguessable key for an invitation's link (43 URL-safe characters)."""
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations that can still be accepted: not used, not expired."""
        return self.filter(accepted_at__isnull=True, expires_at__gte=timezone.now())


class EmailInvitation(models.Model):
    """An invitation by email to what ``target`` (the name of its foreign key) points at."""

    target: ClassVar[str]

    email = models.EmailField(_("email address"))
    token = models.CharField(_("access key"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at >= timezone.now()

    def is_for(self, addresses) -> bool:
        """Whether someone with these confirmed ``addresses`` (lower case) may accept."""
        return self.email.lower() in addresses


def invite[T: EmailInvitation](model: type[T], *, to, email: str, inviter) -> T:
    """A new invitation of ``email`` (stripped, lower case) to ``to``, valid for
    ``VALIDITY``; an open invitation of the same address to it is deleted (its link stops
    working). Call it inside the caller's transaction."""
    email = email.strip().lower()
    target = {model.target: to}
    model.objects.filter(**target, email__iexact=email, accepted_at__isnull=True).delete()
    return model.objects.create(
        **target,
        email=email,
        token=new_token(),
        invited_by=inviter,
        expires_at=timezone.now() + VALIDITY,
    )


def take_up[T: EmailInvitation](invitation: T, *, addresses, not_yours) -> T:
    """Use ``invitation`` for someone with the confirmed ``addresses``: the row is locked;
    a used or expired invitation is refused, and one sent to another address with
    ``not_yours`` (a ``ValidationError`` message). The open invitations of the same target
    to those addresses are used up with it, so none stays listed as open. Returns the
    locked row; call it inside the caller's transaction."""
    model = type(invitation)
    invitation = model.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has expired or was already used."))
    if not invitation.is_for(addresses):
        raise ValidationError(not_yours)
    target_id = getattr(invitation, f"{model.target}_id")
    invitation.accepted_at = timezone.now()
    model.objects.filter(
        Q(pk=invitation.pk)
        | Q(**{f"{model.target}_id": target_id}, email__in=addresses, accepted_at__isnull=True)
    ).update(accepted_at=invitation.accepted_at)
    return invitation
