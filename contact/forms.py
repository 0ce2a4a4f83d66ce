"""Every input of contact through the platform."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from contact import conf
from contact.lifecycle import REQUEST
from contact.models import ContactRequest

NEED, OFFER = ContactRequest.AboutKind.NEED, ContactRequest.AboutKind.OFFER


class ContactForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"), max_length=ContactRequest._meta.get_field("subject").max_length
    )
    about = forms.ChoiceField(label=_("Which need or offer is it about?"), required=False)
    message = forms.CharField(
        label=_("Your message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 4,000 characters."),
    )
    share_email = forms.BooleanField(
        label=_("Pass on my email address so that they can reply to me directly"),
        required=False,
    )

    def __init__(self, *args, addressee, **kwargs):
        super().__init__(*args, **kwargs)
        self.addressee = addressee
        self.fields["share_email"].help_text = _(
            "Off by default: then your address stays hidden from them. Messages are deleted "
            "after %(days)s days."
        ) % {"days": conf.retention_days()}
        self.categories: dict[str, Any] = {}  # choice value -> SupportCategory
        if hasattr(addressee, "needs"):  # a project: what it needs and what it offers
            self.categories |= {f"{NEED}:{c.pk}": c for c in addressee.needs.all()}
        self.categories |= {f"{OFFER}:{c.pk}": c for c in addressee.offers.all()}
        if not self.categories:  # nothing needed or offered: nothing to choose
            del self.fields["about"]
            return
        choices: list[tuple[str, Any]] = [("", _("Nothing in particular"))]
        cast(forms.ChoiceField, self.fields["about"]).choices = choices + [
            (
                value,
                (
                    _("Their need: %(name)s")
                    if value.startswith(NEED)
                    else _("Their offer: %(name)s")
                )
                % {"name": category.name},
            )
            for value, category in self.categories.items()
        ]

    def chosen_about(self) -> tuple:
        """(SupportCategory or None, "need"/"offer"/"") chosen."""
        value = self.cleaned_data.get("about") or ""
        category = self.categories.get(value)
        return (category, value.split(":", 1)[0]) if category else (None, "")


class StepForm(forms.Form):
    """The buttons on a received request: which step was pressed."""

    action = forms.ChoiceField(choices=[(action, action) for action in REQUEST.actions])


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ContactSettingsForm(forms.Form):
    """One checkbox per profile the user may switch: own person profile, organisations."""

    def __init__(self, *args, person=None, organisations=(), allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = allowed or {}
        self.targets = {}
        if person is not None:
            self.fields["person"] = forms.BooleanField(
                label=_("People may contact me through the platform"),
                required=False,
                initial=allowed.get(("person", person.pk), True),
            )
            self.targets["person"] = person
        for organisation in organisations:
            name = f"organisation_{organisation.pk}"
            self.fields[name] = forms.BooleanField(
                label=_("People may contact %(name)s through the platform")
                % {"name": organisation.name},
                required=False,
                initial=allowed.get(("organisation", organisation.pk), True),
            )
            self.targets[name] = organisation
