"""Notices of content that may be unlawful or against the terms of use (Digital Services
Act, Art. 16), and the moderation's decision on each (Art. 17)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportQuerySet(models.QuerySet):
    def open(self):
        """What still waits for a decision."""
        return self.exclude(state=Report.State.DECIDED)

    def of_reporter(self, user):
        return self.filter(reporter=user)


class Report(models.Model):
    """One notice: what was reported, why, by whom (optional), and what was decided.

    The reported object is named by content type and id, with its title and address as
    they were when it was reported, so a report still says what it was about when the
    object is renamed, restricted or deleted.
    """

    class Reason(models.TextChoices):
        ILLEGAL = "illegal", _("Illegal content (e.g. insult, threat, incitement)")
        PERSONAL_DATA = "personal_data", _("Personal data published without permission")
        COPYRIGHT = "copyright", _("Copyright or image rights")
        HATE = "hate", _("Discrimination or hate")
        OTHER = "other", _("Something else against the law or the terms of use")

    class State(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        DECIDED = "decided", _("Decided")

    class Decision(models.TextChoices):
        NO_ACTION = "no_action", _("No action")
        RESTRICT = "restrict", _("Content restricted")

    class Ground(models.TextChoices):
        LAW = "law", _("Unlawful content")
        TERMS = "terms", _("Incompatible with the terms of use")

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of content"), on_delete=models.PROTECT
    )
    object_id = models.PositiveBigIntegerField(_("object number"))
    content = GenericForeignKey("content_type", "object_id")
    content_title = models.CharField(_("reported content"), max_length=300)
    content_path = models.CharField(_("address when reported"), max_length=500)

    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    description = models.TextField(_("description"), max_length=5000)
    good_faith = models.BooleanField(_("confirmed in good faith"), default=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter's account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="content_reports",
    )
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("reporter's email address"), blank=True)
    language = models.CharField(
        _("language for emails"), max_length=8, choices=settings.LANGUAGES, default="de"
    )

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.NEW, db_index=True
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    ground = models.CharField(_("ground"), max_length=20, choices=Ground.choices, blank=True)
    statement = models.TextField(_("statement of reasons"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        permissions = [
            ("decide_report", _("Can decide on reports and see the reporter's contact")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="decided", decided_at__isnull=False, decision__gt="")
                | (~models.Q(state="decided") & models.Q(decision="")),
                name="notices_report_decided_has_decision",
            )
        ]

    def __str__(self):
        return f"{self.content_title} · {self.created_at:%d.%m.%Y %H:%M}"

    @property
    def reporter_address(self) -> str:
        """Where mails about the report go: the given address, else the account's."""
        if self.reporter_email:
            return self.reporter_email
        return self.reporter.email if self.reporter_id and self.reporter else ""
