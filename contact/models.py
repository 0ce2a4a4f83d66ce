"""Contact through the platform: requests relayed to a project team, an organisation's
members or a person, without showing anyone's address; reports, blocked senders and
who has switched contact off."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zukunftsplattform.one_target import OneTarget

#: Whom a request goes to: exactly one of these (its field on ``ContactRequest``).
ADDRESSEE = OneTarget("project", "organisation", "person")


class ContactRequestQuerySet(models.QuerySet):
    def received_by(self, user):
        return self.filter(recipients=user)

    def sent_by(self, user):
        return self.filter(sender=user)

    def for_lists(self):
        return self.select_related("sender", "project", "organisation", "person", "about")


class ContactRequest(models.Model):
    """One message from a signed-in person to a project, an organisation or a person.

    Exactly one of ``project``, ``organisation``, ``person`` is the addressee. Who received
    it is fixed when it is sent: the accounts in ``recipients`` (the team, the members, the
    person's account) and, for a person without account, ``recipient_email``.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        DECLINED = "declined", _("Declined")

    class AboutKind(models.TextChoices):
        NEED = "need", _("need")
        OFFER = "offer", _("offer")

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    person = models.ForeignKey(
        "network.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipients"),
        blank=True,
        related_name="contact_requests_received",
    )
    recipient_email = models.EmailField(_("recipient's email address"), blank=True)
    about = models.ForeignKey(
        "taxonomy.SupportCategory",
        verbose_name=_("about"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    about_kind = models.CharField(
        _("need or offer"), max_length=10, choices=AboutKind.choices, blank=True
    )
    subject = models.CharField(_("subject"), max_length=150)
    message = models.TextField(_("message"))
    share_email = models.BooleanField(_("sender's address shared for replies"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            ADDRESSEE.constraint("contact_request_one_addressee"),
        ]

    def __str__(self):
        return self.subject

    @property
    def addressee(self):
        return ADDRESSEE.target_of(self)

    @property
    def addressee_name(self) -> str:
        addressee = self.addressee
        return str(getattr(addressee, "title", None) or getattr(addressee, "name", ""))


class ContactReport(models.Model):
    """A recipient's report that a relayed message is abusive (from the link in the mail)."""

    class Resolution(models.TextChoices):
        BLOCKED = "blocked", _("Sender blocked")
        DISMISSED = "dismissed", _("Dismissed")

    request = models.ForeignKey(
        ContactRequest,
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=10, choices=Resolution.choices, blank=True
    )

    class Meta:
        verbose_name = _("reported message")
        verbose_name_plural = _("reported messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.request)


class BlockedSender(models.Model):
    """An account that may no longer send contact requests."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="contact_block",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("blocked since"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.user)


class ContactOptOut(models.Model):
    """A person or an organisation that does not want to be contacted through the platform."""

    person = models.OneToOneField(
        "network.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.OneToOneField(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("switched off at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact switched off")
        verbose_name_plural = _("contact switched off")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organisation__isnull=True)
                | Q(person__isnull=True, organisation__isnull=False),
                name="contact_optout_one_target",
            )
        ]

    def __str__(self):
        return str(self.person or self.organisation)
