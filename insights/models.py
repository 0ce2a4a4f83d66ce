from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.public import Region, SupportCategory


class NeedsSnapshot(models.Model):
    """One month's needs and offers of one support category in one region (blank: all of
    Saxony), as the public overview counted them (``network.statistics``). Taken by
    ``manage.py snapshot_needs``: one row per month, region and category; a later run in the
    same month replaces the month's figures, so a month shows its last count."""

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    region = models.CharField(_("region"), max_length=40, choices=Region.choices, blank=True)
    category = models.ForeignKey(
        SupportCategory,
        verbose_name=_("support category"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    needed_by = models.PositiveIntegerField(_("projects that need it"))
    organisations = models.PositiveIntegerField(_("organisations that offer it"))
    people = models.PositiveIntegerField(_("people who offer it"))
    taken_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("needs and offers snapshot")
        verbose_name_plural = _("needs and offers snapshots")
        ordering = ["month", "region", "category"]
        default_permissions = ()
        permissions = [("view_dashboard", _("Can view the dashboard"))]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "region", "category"], name="one_snapshot_per_month"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.region or 'Sachsen'} {self.category_id}"

    @property
    def offered_by(self) -> int:
        return self.organisations + self.people

    @property
    def unmet(self) -> bool:
        return self.needed_by > 0 and self.offered_by == 0
