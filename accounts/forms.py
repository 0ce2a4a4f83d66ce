from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import TermsOfUse, User
from accounts.terms import accept_terms, current_terms


class _TermsFields(forms.Form):
    """“I accept the terms of use”, for the version the person was shown.

    The version travels with the form, so a version put in force between showing and
    sending the form is not accepted unread.
    """

    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use"),
        required=True,
        error_messages={"required": _("Please accept the terms of use to continue.")},
    )
    terms_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms: TermsOfUse | None = current_terms()
        if self.terms is None:  # nothing in force yet: nothing to accept
            del self.fields["accept_terms"]
            del self.fields["terms_version"]
            return
        self.fields["terms_version"].initial = self.terms.version
        self.fields["accept_terms"].help_text = format_html(
            '<a class="kern-link" href="{}" target="_blank">{}</a>',
            reverse("terms_of_use"),
            gettext("Read the terms of use (version %(version)s, opens in a new tab)")
            % {"version": self.terms.version},
        )

    def clean_terms_version(self):
        version = self.cleaned_data.get("terms_version")
        if self.terms is not None and version != self.terms.version:
            raise forms.ValidationError(
                _("The terms of use have just changed. Please read the new version."),
                code="terms_changed",
            )
        return version

    def add_error(self, field, error):
        # The hidden version has no place of its own on the page: its error goes to the box.
        super().add_error("accept_terms" if field == "terms_version" else field, error)


class SignupDetailsForm(_TermsFields):
    """Fields allauth's sign-up form adds to email and password: the display name and the
    acceptance of the terms of use in force."""

    field_order = ["display_name", "accept_terms", "terms_version"]

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
        if self.terms is not None:
            accept_terms(user=user, terms=self.terms)


class TermsAcceptanceForm(_TermsFields):
    """The page that asks a signed-in person to accept a new version."""

    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)


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
