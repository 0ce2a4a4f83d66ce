from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import (
    CallRound,
    FundingProgramme,
    Invitation,
    Project,
    ProjectMembership,
    organisations,
)
from taxonomy.public import SDG, Region, SupportCategory, TargetGroup, TermChoiceField, Topic
from zukunftsplattform.forms import ContentLanguageMixin
from zukunftsplattform.german import german_order
from zukunftsplattform.images import (
    ImageRightsMixin,
    Rendition,
    open_validated,
    render,
    rights_field,
)
from zukunftsplattform.search import MAX_QUERY_LENGTH, search
from zukunftsplattform.validators import ReadableEmailField, VisibleURLField

LOGO = {"main": Rendition(400, 400)}
COVER = {"main": Rendition(1600, 900), "card": Rendition(640, 360)}
IMAGE_HINT = _("PNG, JPEG or WebP, at most 8 MB. We remove location data and other metadata.")


#: What moderation needs to review a project (besides at least one topic). A draft saves
#: without them; the form marks them "needed to submit", not "optional".
REQUIRED_FOR_SUBMISSION = ["summary", "region", "challenge", "approach"]
NEEDED_TO_SUBMIT = [*REQUIRED_FOR_SUBMISSION, "topics"]


class ProjectForm(ContentLanguageMixin, ImageRightsMixin, forms.ModelForm):
    """The project profile, in the sections of the page. Only the title is needed to save."""

    content_fields = (
        "title", "summary", "place", "challenge", "approach", "impact_reached", "impact_outcomes",
        "needs_note", "offers_note", "funding_programme", "call_round", "logo_alt", "cover_alt",
        "logo_credit", "cover_credit", "carrying_organisation", "partner_organisations",  # German names
    )  # fmt: skip

    SECTIONS = [
        (_("The project"), ["title", "summary", "stage", "region", "place"]),
        (_("Challenge and approach"), ["challenge", "approach"]),
        (_("Impact so far"), ["impact_reached", "impact_outcomes", "evidence_links"]),
        (_("Topics and target groups"), ["topics", "target_groups", "sdgs"]),
        (_("Needs and offers"), ["needs", "needs_note", "offers", "offers_note"]),
        (
            _("Organisation and funding"),
            ["carrying_organisation", "partner_organisations", "funding_programme", "call_round"],
        ),
        (_("Contact"), ["website", "contact_email", "contact_phone"]),
        (
            _("Images"),
            [
                "logo",
                "logo_rights",
                "logo_alt",
                "logo_credit",
                "cover",
                "cover_rights",
                "cover_alt",
                "cover_credit",
            ],
        ),
    ]

    evidence_links = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Links to reports, evaluations or press articles; one per line, at most 10."),
    )
    topics = TermChoiceField(queryset=Topic.objects.all(), required=False, label=_("Topics"))
    target_groups = TermChoiceField(
        queryset=TargetGroup.objects.all(), required=False, label=_("Target groups")
    )
    sdgs = forms.TypedMultipleChoiceField(
        choices=SDG.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Sustainable Development Goals"),
    )
    needs = TermChoiceField(
        queryset=SupportCategory.objects.all(),
        required=False,
        label=_("What does the project need?"),
    )
    offers = TermChoiceField(
        queryset=SupportCategory.objects.all(),
        required=False,
        label=_("What can the project offer others?"),
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        queryset=organisations().all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        label=_("Partner organisations"),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=IMAGE_HINT,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=IMAGE_HINT,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    funding_programme = forms.ModelChoiceField(
        queryset=FundingProgramme.objects.all(),
        required=False,
        label=_("Funding programme"),
        empty_label=_("No funding programme"),
        help_text=_(
            "Missing from the list? Write to the moderation through the contact page; "
            "they add programmes and call rounds."
        ),
    )
    call_round = forms.ModelChoiceField(
        queryset=CallRound.objects.select_related("programme"),
        required=False,
        label=_("Call round"),
        empty_label=_("No call round"),
        help_text=_("Listed as “programme – call round”."),
    )
    logo_rights = rights_field()
    cover_rights = rights_field()
    confirm_rights_for = ("logo", "cover")

    class Meta:
        model = Project
        fields = [
            "title", "summary", "stage", "region", "place", "challenge", "approach", "impact_reached",
            "impact_outcomes", "carrying_organisation", "funding_programme", "call_round", "website",
            "contact_email", "contact_phone", "logo_alt", "cover_alt", "logo_credit", "cover_credit",
            "needs_note", "offers_note",
        ]  # fmt: skip
        field_classes = {"website": VisibleURLField, "contact_email": ReadableEmailField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "challenge": forms.Textarea(attrs={"rows": 6}),
            "approach": forms.Textarea(attrs={"rows": 6}),
            "impact_reached": forms.Textarea(attrs={"rows": 3}),
            "impact_outcomes": forms.Textarea(attrs={"rows": 5}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        help_texts = {
            "challenge": _(
                "Markdown is possible: **bold**, *italic*, lists with “-”, [links](https://…)."
            ),
            "approach": _("Markdown is possible."),
            "impact_outcomes": _("What has changed for people so far? Markdown is possible."),
            "logo_alt": _(
                "Required with a logo: what the logo shows, e.g. “Logo of Dorfladen Plus”."
            ),
            "cover_alt": _("Required with a cover image: describe what the picture shows."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only organisations the public can see (merged or hidden ones are not offered).
        for name in ["carrying_organisation", "partner_organisations"]:
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = organisations().public().order_by("name")
        self.fields["carrying_organisation"].required = False
        for name in NEEDED_TO_SUBMIT:
            self.fields[name].needed_to_submit = True  # type: ignore[attr-defined]  # read by includes/field.html
        if isinstance(self.initial.get("evidence_links"), list):
            self.initial["evidence_links"] = "\n".join(self.initial["evidence_links"])

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def clean_evidence_links(self):
        lines = [
            line.strip()
            for line in self.cleaned_data["evidence_links"].splitlines()
            if line.strip()
        ]
        if len(lines) > 10:
            raise ValidationError(_("Please give at most 10 links."))
        validator = VisibleURLField(assume_scheme="https")
        try:
            return [validator.clean(line) for line in lines]
        except ValidationError:
            raise ValidationError(
                _("Please enter one complete web address (https://…) per line.")
            ) from None

    def _clean_image(self, name, renditions):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        image = open_validated(upload)
        return {key: render(image, rendition) for key, rendition in renditions.items()}

    def clean_logo(self):
        return self._clean_image("logo", LOGO)

    def clean_cover(self):
        return self._clean_image("cover", COVER)

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        programme, call_round = cleaned.get("funding_programme"), cleaned.get("call_round")
        if call_round and not programme and "funding_programme" not in self.errors:
            cleaned["funding_programme"] = call_round.programme  # the round names it
        elif call_round and programme and call_round.programme_id != programme.pk:
            self.add_error(
                "call_round",
                _(
                    "This call round belongs to “%(programme)s”. Please choose a call round of "
                    "the funding programme you chose, or none."
                )
                % {"programme": call_round.programme.name},
            )
        has_logo = cleaned.get("logo") or (self.instance.pk and self.instance.logo)
        has_cover = cleaned.get("cover") or (self.instance.pk and self.instance.cover)
        if has_logo and not cleaned.get("logo_alt"):
            self.add_error("logo_alt", _("Please describe the logo for people who cannot see it."))
        if has_cover and not cleaned.get("cover_alt"):
            self.add_error(
                "cover_alt", _("Please describe the cover image for people who cannot see it.")
            )
        return cleaned


def missing_for_submission(values: dict) -> list[str]:
    """Labels of what a project still needs before moderation can review it."""
    missing = [
        str(cast(models.Field, Project._meta.get_field(name)).verbose_name)
        for name in REQUIRED_FOR_SUBMISSION
        if not values.get(name)
    ]
    if not values.get("topics"):
        missing.append(str(_("at least one topic")))
    return missing


class ProjectFilterForm(forms.Form):
    """The GET form of the project list. Invalid values are reported, never fatal."""

    SORTS = [
        # Empty (the default) says what the list does without a choice, and keeps the address short.
        ("", _("Best match, or newest without search words")),
        ("relevanz", _("Best match")),
        ("neueste", _("Newest first")),
        ("titel", _("Title A–Z")),
    ]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    thema = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    phase = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All stages")), *Project.Stage.choices], required=False
    )
    bedarf = forms.ModelChoiceField(
        label=_("Needs"),
        queryset=SupportCategory.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any need"),
    )
    angebot = forms.ModelChoiceField(
        label=_("Offers"),
        queryset=SupportCategory.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any offer"),
    )
    gute_praxis = forms.BooleanField(label=_("Best practice only"), required=False)
    sortierung = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["thema", "bedarf", "angebot"]:
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.label_from_instance = lambda obj: obj.name  # type: ignore[method-assign]

    def filter(self, queryset):

        self.is_valid()  # invalid fields are left out of cleaned_data and shown as errors
        data = self.cleaned_data
        if data.get("thema"):
            queryset = queryset.filter(topics=data["thema"])
        if data.get("region"):
            queryset = queryset.filter(region=data["region"])
        if data.get("phase"):
            queryset = queryset.filter(stage=data["phase"])
        if data.get("bedarf"):
            queryset = queryset.filter(needs=data["bedarf"])
        if data.get("angebot"):
            queryset = queryset.filter(offers=data["angebot"])
        if data.get("gute_praxis"):
            queryset = queryset.filter(is_best_practice=True)
        sort = data.get("sortierung") or ("relevanz" if data.get("q") else "neueste")
        if data.get("q"):
            queryset = search(queryset, data["q"])
            if sort == "relevanz":
                return queryset
        if sort == "titel":
            return queryset.order_by(*german_order("title"))
        return queryset.order_by("-published_at", "-pk")

    @property
    def active(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "sortierung")


class SaveChoiceForm(forms.Form):
    """Which button saved the project form: "Save" or "Save and submit for review"."""

    submit = forms.BooleanField(required=False)

    def wants_submission(self) -> bool:
        return self.is_valid() and self.cleaned_data["submit"]


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the team"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


class TeamActionForm(forms.Form):
    """Which button on the team page was pressed, and for whom (none: the invitation)."""

    INVITE, REMOVE, OWNER, REVOKE = "invite", "remove", "owner", "revoke"
    NOT_IN_TEAM = _("This person is not in the team (any more).")
    NO_INVITATION = _("This invitation is no longer open.")
    action = forms.ChoiceField(
        choices=[(INVITE, INVITE), (REMOVE, REMOVE), (OWNER, OWNER), (REVOKE, REVOKE)],
        required=False,
        error_messages={"invalid_choice": _("This action does not exist.")},
    )
    member = forms.ModelChoiceField(
        queryset=ProjectMembership.objects.none(),
        required=False,
        error_messages={"invalid_choice": NOT_IN_TEAM},
    )
    invitation = forms.ModelChoiceField(
        queryset=Invitation.objects.none(),
        required=False,
        error_messages={"invalid_choice": NO_INVITATION},
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["member"]
        ).queryset = project.memberships.select_related("user")
        cast(forms.ModelChoiceField, self.fields["invitation"]).queryset = project.invitations.all()

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("action") in {self.REMOVE, self.OWNER} and not cleaned.get("member"):
            raise ValidationError(self.NOT_IN_TEAM, code="member")
        if cleaned.get("action") == self.REVOKE and not cleaned.get("invitation"):
            raise ValidationError(self.NO_INVITATION, code="invitation")
        return cleaned

    def chosen_action(self) -> str:
        return self.cleaned_data["action"] or self.INVITE

    def error_text(self) -> str:
        return " ".join(str(error) for errors in self.errors.values() for error in errors)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person you want to invite"))
