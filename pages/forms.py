from django import forms
from django.utils.translation import gettext_lazy as _

from pages.models import Feedback


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["message", "page_url", "name", "email"]
        labels = {
            "message": _("Your message"),
            "page_url": _("Which page is it about? (optional)"),
            "name": _("Your name (optional)"),
            "email": _("Your email address (optional, if you would like an answer)"),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }


class FeedbackPrefillForm(forms.Form):
    """``?seite=`` on the feedback pages: the page a "report a problem" link came from."""

    seite = forms.CharField(
        required=False, max_length=Feedback._meta.get_field("page_url").max_length
    )

    def page_url(self) -> str:
        return self.cleaned_data["seite"] if self.is_valid() else ""
