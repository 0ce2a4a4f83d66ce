"""The forms of an organisation's members page, of a request to join and of leaving."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import JoinRequest, OrganisationInvitation, OrganisationMembership
from zukunftsplattform.validators import ReadableEmailField


class InviteColleagueForm(forms.Form):
    email = ReadableEmailField(
        label=_("Email address of the colleague you want to invite"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("They get a link that is valid for 14 days."),
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the administrators (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. your role in the organisation, so that they recognise you."),
    )


class LeaveForm(forms.Form):
    """Leaving is one button; the form only checks that it was pressed."""

    confirm = forms.BooleanField(widget=forms.HiddenInput, initial=True)


class MemberActionForm(forms.Form):
    """One button of the members page: which action, on which member, invitation or
    request (only those of this organisation are accepted)."""

    PROMOTE, DEMOTE, REMOVE = "promote", "demote", "remove"
    REVOKE, ACCEPT, DECLINE = "revoke", "accept", "decline"
    ACTIONS = [PROMOTE, DEMOTE, REMOVE, REVOKE, ACCEPT, DECLINE]
    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    member = forms.ModelChoiceField(queryset=OrganisationMembership.objects.none(), required=False)
    invitation = forms.ModelChoiceField(
        queryset=OrganisationInvitation.objects.none(), required=False
    )
    join_request = forms.ModelChoiceField(queryset=JoinRequest.objects.none(), required=False)

    #: Which choice each action needs.
    TARGETS = {
        PROMOTE: "member", DEMOTE: "member", REMOVE: "member",
        REVOKE: "invitation", ACCEPT: "join_request", DECLINE: "join_request",
    }  # fmt: skip

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        querysets = {
            "member": organisation.memberships.select_related("user", "organisation"),
            "invitation": organisation.invitations.filter(accepted_at__isnull=True),
            "join_request": organisation.join_requests.select_related("user", "organisation"),
        }
        for name, queryset in querysets.items():
            cast(forms.ModelChoiceField, self.fields[name]).queryset = queryset

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        target = self.TARGETS.get(cleaned.get("action", ""))
        if target and not cleaned.get(target):
            raise forms.ValidationError(
                _("This was changed in the meantime. Please look at the list again.")
            )
        return cleaned

    def target(self):
        return self.cleaned_data[self.TARGETS[self.cleaned_data["action"]]]
