"""Who follows what, who gets the weekly digest, and which digests went out."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxonomy.public import Region
from zukunftsplattform.one_target import OneTarget

#: What one can follow: the kind's name in URLs and forms, and its field on ``Follow``.
TARGET = OneTarget("project", "organisation", "series")
KINDS = TARGET.fields


class Follow(models.Model):
    """A person follows exactly one project, organisation or event series."""

    is_public: bool  # not a column: set where the account page lists what one follows

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="follows",
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
    series = models.ForeignKey(
        "events.Series",
        verbose_name=_("event series"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("following since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-pk"]
        constraints = [
            TARGET.constraint("follow_exactly_one_target"),
            *(
                models.UniqueConstraint(
                    fields=["user", kind],
                    condition=Q(**{f"{kind}__isnull": False}),
                    name=f"follow_{kind}_once",
                )
                for kind in KINDS
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.kind}"

    @property
    def kind(self) -> str:
        return TARGET.kind_of(self)

    @property
    def target(self):
        return TARGET.target_of(self)


class DigestSetting(models.Model):
    """Whether a person wants the weekly digest (off until they choose it) and for which
    region they want to hear of new events."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="digest_setting",
    )
    weekly = models.BooleanField(_("weekly digest"), default=False)
    region = models.CharField(
        _("region for new events"), max_length=40, choices=Region.choices, blank=True
    )
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("digest setting")
        verbose_name_plural = _("digest settings")

    def __str__(self):
        return str(self.user)


class DigestDelivery(models.Model):
    """One week's digest for one person: sent once (or found empty) and recorded, so
    running ``send_digests`` again in the same week sends nothing twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="digest_deliveries",
    )
    week = models.DateField(_("week (its Monday)"))
    sent_at = models.DateTimeField(_("when"), auto_now_add=True)
    #: What the mail listed: section → number of items (0 everywhere: nothing was sent).
    items = models.JSONField(_("what it listed"), default=dict, blank=True)
    mailed = models.BooleanField(_("mail sent"), default=False)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        ordering = ["-week", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digest_once_a_week"),
        ]

    def __str__(self):
        return f"{self.user} {self.week:%G-W%V}"
