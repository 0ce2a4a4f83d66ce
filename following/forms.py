from django import forms
from django.utils.translation import gettext_lazy as _

from following.models import DigestSetting


class FollowForm(forms.Form):
    """The follow button: start or stop following the page's project, organisation or
    series (the address names which)."""

    action = forms.ChoiceField(
        choices=[("follow", _("Follow")), ("unfollow", _("Unfollow"))],
        error_messages={
            "required": _("Please choose whether to follow or not."),
            "invalid_choice": _("Please choose whether to follow or not."),
        },
    )


class DigestSettingForm(forms.ModelForm):
    class Meta:
        model = DigestSetting
        fields = ["weekly", "region"]
        labels = {
            "weekly": _("Send me a weekly digest by email"),
            "region": _("New events in this region"),
        }
        help_texts = {
            "weekly": _(
                "Once a week, only when there is something new: what changed for what you "
                "follow, new projects that need what you offer or offer what you need, and "
                "new events in your region."
            ),
            "region": _("Leave empty to hear only of events in series you follow."),
        }


class RemoveFollowForm(forms.Form):
    """Stop following, from the list on the settings page (the address names which)."""


class UnsubscribeForm(forms.Form):
    """Unsubscribe from the digest: the signed token in the address is the permission.

    A mail client's one-click request (RFC 8058) sends ``List-Unsubscribe=One-Click``;
    the confirmation page's button sends nothing else. Both mean the same.
    """
