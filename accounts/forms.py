from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class SignupDetailsForm(forms.Form):
    """Fields allauth's sign-up form adds to email and password."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=100,
        help_text=_("How your name appears on the platform, e.g. on projects you work on."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.language = (request.LANGUAGE_CODE or "de")[:2]
        user.save(update_fields=["display_name", "language"])


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my account and all my personal data for good."),
        required=True,
        error_messages={"required": _("Please confirm that you want to delete your account.")},
    )


class ModerationEmailsForm(forms.Form):
    moderation_emails = forms.ChoiceField(
        label=_("How do you want to hear about submissions waiting for the moderation?"),
        choices=User.ModerationEmails.choices,
        widget=forms.RadioSelect,
    )
