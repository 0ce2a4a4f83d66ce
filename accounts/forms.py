from django import forms
from django.utils.translation import gettext_lazy as _


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
