"""Who belongs to an organisation: memberships with roles, invitations, requests to join."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.models.directory import Organisation
from zukunftsplattform.invitations import EmailInvitation


class OrganisationMembership(models.Model):
    """A person in an organisation: administrators manage the members, every member
    proposes changes to the profile."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    # Staff who add members in the admin add administrators: the organisation's contact.
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.ADMINISTRATOR
    )
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "role", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR


class OrganisationInvitation(EmailInvitation):
    """An administrator's invitation by email; its link works once, for 14 days, and only
    for an account that confirmed the invited address (like a project team's)."""

    target = "organisation"

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )

    class Meta(EmailInvitation.Meta):
        verbose_name = _("invitation to an organisation")
        verbose_name_plural = _("invitations to organisations")

    def get_absolute_url(self):
        return reverse("network:organisation_invitation", kwargs={"token": self.token})


class JoinRequest(models.Model):
    """A signed-in person asks to join; the administrators accept or decline. Decided
    requests are deleted (the mail to the person says the answer)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="organisation_join_requests",
    )
    message = models.TextField(_("message to the administrators"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_join_request"),
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation}"
