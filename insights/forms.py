from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxonomy.public import Region

#: The longest period one page shows (ten years of months).
MAX_MONTHS = 120
EARLIEST = date(2020, 1, 1)


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    months = today.year * 12 + today.month - 1 - 11
    return date(months // 12, months % 12 + 1, 1), today


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """The dashboard's GET form: the period (from, until) and the region of the needs over
    time. Wrong values are told at the field; the page then shows no figures."""

    von = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("A day, e.g. 2026-01-01. Empty: twelve months ago."),
    )
    bis = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Empty: today."),
    )
    region = forms.ChoiceField(
        label=_("Region of the needs over time"),
        choices=[("", _("All of Saxony")), *Region.choices],
        required=False,
    )

    def clean_von(self):
        start = self.cleaned_data["von"]
        if start and start < EARLIEST:
            raise ValidationError(
                _("The platform has figures from %(year)s on; please choose a later day.")
                % {"year": EARLIEST.year}
            )
        return start

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if self.errors:
            return cleaned
        today = timezone.localdate()
        default_start, _today = default_period(today)
        start = cleaned.get("von") or default_start
        end = cleaned.get("bis") or today
        if end < start:
            self.add_error("bis", _("“Until” must not be before “From”."))
        elif (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
            self.add_error(
                "bis",
                _("Please choose at most %(months)s months at a time.") % {"months": MAX_MONTHS},
            )
        cleaned["start"], cleaned["end"] = start, end
        return cleaned
