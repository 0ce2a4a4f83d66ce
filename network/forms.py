from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Organisation, Person
from taxonomy.public import Region, SupportCategory, TermChoiceField, Topic
from zukunftsplattform.forms import ContentLanguageMixin
from zukunftsplattform.german import german_order
from zukunftsplattform.images import (
    ImageRightsMixin,
    Rendition,
    credit_field,
    open_validated,
    render,
    rights_field,
)
from zukunftsplattform.search import MAX_QUERY_LENGTH, search
from zukunftsplattform.validators import VisibleURLField

LOGO = Rendition(400, 400)
PHOTO = Rendition(600, 600)
IMAGE_HINT = _("PNG, JPEG or WebP, at most 8 MB. We remove location data and other metadata.")
MARKDOWN_HINT = _("Markdown is possible: **bold**, *italic*, lists with “-”, [links](https://…).")


class TermFilterField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(to_field_name="slug", required=False, **kwargs)

    def label_from_instance(self, obj):
        return obj.name


# --- Lists ---------------------------------------------------------------------------


class _DirectoryFilterForm(forms.Form):
    """A GET form of a directory list. Invalid values are reported, never fatal."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        # type="search": the list's htmx trigger searches while typing in such a field.
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    thema = TermFilterField(
        label=_("Topic"), queryset=Topic.objects.all(), empty_label=_("All topics")
    )
    angebot = TermFilterField(
        label=_("Offers"), queryset=SupportCategory.objects.all(), empty_label=_("Any offer")
    )

    def filter(self, queryset):
        self.is_valid()  # invalid fields are left out of cleaned_data and shown as errors
        data = self.cleaned_data
        if data.get("thema"):
            queryset = queryset.filter(topics=data["thema"])
        if data.get("angebot"):
            queryset = queryset.filter(offers=data["angebot"])
        if data.get("region"):
            queryset = queryset.filter(region=data["region"])
        if data.get("art"):
            queryset = queryset.filter(kind=data["art"])
        if data.get("q"):
            return search(queryset, data["q"])
        return queryset.order_by(*german_order("name"))

    @property
    def active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)


class PersonFilterForm(_DirectoryFilterForm):
    field_order = ["q", "region", "thema", "angebot"]

    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )


class OrganisationFilterForm(PersonFilterForm):
    field_order = ["q", "art", "region", "thema", "angebot"]

    art = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *Organisation.Kind.choices],
        required=False,
    )


class RegionForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All of Saxony")), *Region.choices], required=False
    )


# --- Profiles ------------------------------------------------------------------------


class _ImageMixin(forms.BaseForm):
    def _clean_image(self, name, rendition):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        return render(open_validated(upload), rendition)


class OrganisationForm(ContentLanguageMixin, ImageRightsMixin, _ImageMixin, forms.Form):
    """What members change; their changes wait for the moderation."""

    content_fields = ("name", "description", "place", "logo_alt", "logo_credit")
    confirm_rights_for = ("logo",)

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HINT,
        max_length=10000,
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "–"), *Region.choices], required=False
    )
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    website = VisibleURLField(label=_("Website"), required=False, assume_scheme="https")
    topics = TermChoiceField(queryset=Topic.objects.all(), required=False, label=_("Topics"))
    offers = TermChoiceField(
        queryset=SupportCategory.objects.all(),
        required=False,
        label=_("What does the organisation offer?"),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=IMAGE_HINT,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    logo_rights = rights_field()
    logo_alt = forms.CharField(
        label=_("Logo description (alt text)"),
        max_length=200,
        required=False,
        help_text=_("Required with a logo: what the logo shows, e.g. “Logo of Dorfladen Plus”."),
    )
    logo_credit = credit_field(_("Logo credit"))

    def __init__(self, *args, has_logo: bool = False, **kwargs):
        self.has_logo = has_logo
        super().__init__(*args, **kwargs)

    def clean_logo(self):
        return self._clean_image("logo", LOGO)

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if (cleaned.get("logo") or self.has_logo) and not cleaned.get("logo_alt"):
            self.add_error("logo_alt", _("Please describe the logo for people who cannot see it."))
        return cleaned


class PersonForm(ContentLanguageMixin, ImageRightsMixin, _ImageMixin, forms.Form):
    """A person's own profile."""

    content_fields = ("name", "role", "affiliation", "bio", "photo_alt", "photo_credit")
    confirm_rights_for = ("photo",)

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("I take part as"), choices=[("", "–"), *Person.Kind.choices], required=False
    )
    role = forms.CharField(
        label=_("Role"),
        max_length=200,
        required=False,
        help_text=_("E.g. “Managing director”, “Mentor for social enterprises”."),
    )
    affiliation = forms.CharField(label=_("Affiliation"), max_length=200, required=False)
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "–"), *Region.choices], required=False
    )
    bio = forms.CharField(
        label=_("Short biography"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HINT,
        max_length=5000,
    )
    topics = TermChoiceField(queryset=Topic.objects.all(), required=False, label=_("Expertise"))
    offers = TermChoiceField(
        queryset=SupportCategory.objects.all(), required=False, label=_("What do you offer?")
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=IMAGE_HINT,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    photo_rights = rights_field()
    photo_alt = forms.CharField(
        label=_("Photo description (alt text)"),
        max_length=200,
        required=False,
        help_text=_("Required with a photo: describe what it shows."),
    )
    photo_credit = credit_field(_("Photo credit"))

    def __init__(self, *args, has_photo: bool = False, **kwargs):
        self.has_photo = has_photo
        super().__init__(*args, **kwargs)

    def clean_photo(self):
        return self._clean_image("photo", PHOTO)

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if (cleaned.get("photo") or self.has_photo) and not cleaned.get("photo_alt"):
            self.add_error(
                "photo_alt", _("Please describe the photo for people who cannot see it.")
            )
        return cleaned


#: What someone may say they are when they create their own profile.
SELF_SERVICE_KINDS = [Person.Kind.EXPERT, Person.Kind.MENTOR, Person.Kind.SPEAKER]


class ExpertProfileForm(PersonForm):
    """A new expert profile, created by its person: the profile and the consent to the text
    the page shows (its version, so a text changed meanwhile is not agreed to)."""

    field_order = ["kind", "name", "role", "affiliation", "organisation"]

    organisation = forms.ModelChoiceField(
        label=_("Organisation in the directory"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="–",
        help_text=_("Optional. The moderation checks the link; later changes go through it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_("I have read the consent text and agree that my profile is shown publicly."),
        error_messages={"required": _("Please agree to the consent text to create a profile.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.required = True
        kind.choices = [(value.value, value.label) for value in SELF_SERVICE_KINDS]
        kind.widget = forms.RadioSelect(choices=kind.choices)
        kind.error_messages["required"] = _("Please choose how you take part.")
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = Organisation.objects.public().order_by(*german_order("name"))


class ConsentForm(forms.Form):
    """Confirms the version the person read, so a text changed meanwhile is not agreed to."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class AccountConsentForm(forms.Form):
    """The consent buttons in the account: which one was pressed."""

    GIVE, WITHDRAW = "give", "withdraw"
    action = forms.ChoiceField(choices=[(GIVE, GIVE), (WITHDRAW, WITHDRAW)])
