from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from notices.lifecycle import REPORT
from notices.models import Report
from zukunftsplattform.lifecycle import MODERATOR


class ReportForm(forms.ModelForm):
    """The notice (Art. 16 DSA): why the content is unlawful or against the terms, an
    optional contact, and the confirmation of good faith (Art. 16(2)(d))."""

    reason = forms.ChoiceField(
        label=_("What is the problem?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    good_faith = forms.BooleanField(
        label=_(
            "I confirm in good faith that the information and allegations in this report "
            "are accurate and complete."
        ),
        required=True,
        error_messages={"required": _("Please confirm that you report in good faith.")},
    )

    class Meta:
        model = Report
        fields = ["reason", "description", "reporter_name", "reporter_email", "good_faith"]
        labels = {
            "description": _("Why is the content unlawful or against the terms of use?"),
            "reporter_name": _("Your name (optional)"),
            "reporter_email": _("Your email address (optional, for our answer)"),
        }
        help_texts = {
            "description": _(
                "Please say exactly which part of the page you mean (e.g. a sentence or a "
                "picture) and why it breaks the law or the terms of use."
            ),
            "reporter_email": _(
                "We confirm receipt and tell you our decision. Without an address you "
                "hear nothing from us."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "reporter_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "reporter_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if len(description) < 10:
            raise forms.ValidationError(
                _("Please describe in a few words what is wrong with the content.")
            )
        return description


class DecisionForm(forms.Form):
    """The moderation's decision page: exactly the steps the table offers from the state."""

    action = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    ground = forms.ChoiceField(
        label=_("Ground (when restricting)"),
        choices=Report.Ground.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    statement = forms.CharField(
        label=_("Statement of reasons"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=5000,
        help_text=_(
            "The facts and circumstances and, when restricting, the rule broken. The "
            "reporter reads it; when you restrict, the owners of the content read it too. "
            "Name nobody who reported."
        ),
    )

    LABELS = {
        "review": _("Take into review"),
        "dismiss": _("No action: the content stays"),
        "restrict": _("Restrict: take the content off the public pages"),
    }

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["action"]).choices = [
            (action, self.LABELS[action]) for action in REPORT.available(report.state, MODERATOR)
        ]

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        action = cleaned.get("action")
        if action in {"dismiss", "restrict"} and not cleaned.get("statement", "").strip():
            self.add_error("statement", _("Please give the reasons for the decision."))
        if action == "restrict" and not cleaned.get("ground"):
            self.add_error("ground", _("Please name the ground of the restriction."))
        return cleaned
