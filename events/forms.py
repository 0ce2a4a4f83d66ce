from django import forms
from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from zukunftsplattform.images import (
    ImageRightsMixin,
    Rendition,
    open_validated,
    render,
    rights_field,
)
from zukunftsplattform.pdf import sanitised_pdf
from zukunftsplattform.search import search

PHOTO_CHOICES = [
    ("ja", _("Yes, I agree to appear in photos of the event.")),
    ("nein", _("No, please do not photograph me.")),
]


class RegistrationForm(forms.Form):
    """What a signed-in participant tells us; name and email come from the account."""

    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        help_text=_(
            "E.g. step-free seat, sign-language interpretation, induction loop, easy language."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        help_text=_("E.g. vegetarian, vegan, allergies."),
        required=False,
        max_length=300,
    )
    photo_consent = forms.TypedChoiceField(
        label=_("Photos at the event"),
        help_text=_("We take photos for the documentation. You can change your mind at the event."),
        choices=PHOTO_CHOICES,
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )

    def service_kwargs(self) -> dict:
        return {
            "accessibility_needs": self.cleaned_data["accessibility_needs"].strip(),
            "dietary_needs": self.cleaned_data["dietary_needs"].strip(),
            "photo_consent": self.cleaned_data["photo_consent"],
        }


class GuestRegistrationForm(RegistrationForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send you a link to confirm your registration."),
        max_length=254,
    )
    field_order = ["name", "email", "accessibility_needs", "dietary_needs", "photo_consent"]

    def service_kwargs(self) -> dict:
        return {
            **super().service_kwargs(),
            "name": self.cleaned_data["name"].strip(),
            "email": self.cleaned_data["email"].strip().lower(),
        }


class EventFilterForm(forms.Form):
    UPCOMING, PAST, ALL = "kommende", "vergangene", "alle"

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(),
    )

    def when(self) -> str:
        """``zeit`` is not a field: unknown values mean upcoming; a search without it, all."""
        value = self.data.get("zeit")
        if value in {self.UPCOMING, self.PAST, self.ALL}:
            return value
        return self.ALL if self.query() else self.UPCOMING

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""

    def filter(self, events):
        """The published ``events`` this form asks for: upcoming soonest first, past most
        recent first, all newest first; with search words, best match first."""
        when = self.when()
        if when == self.UPCOMING:
            events = events.upcoming()
        elif when == self.PAST:
            events = events.past()
        else:
            events = events.order_by("-start", "-pk")
        if query := self.query():
            events = search(events, query)
        return events


class CancelForm(forms.Form):
    """Where to go after a cancellation: only a path on this site, else nowhere."""

    next = forms.CharField(required=False, max_length=2000)

    def next_path(self) -> str:
        """The posted path if it is safe to redirect to, else ""."""
        value = self.cleaned_data.get("next", "") if self.is_valid() else ""
        # A path of this site, nothing a Location header could not carry or a browser would
        # read as another host (//, \\, schemes, control characters).
        if (
            value.startswith("/")
            and value.isprintable()
            and url_has_allowed_host_and_scheme(value, allowed_hosts=set())
        ):
            return value
        return ""


# --- Staff uploads (admin) ---------------------------------------------------------------

SLIDES_MAX_BYTES = 20 * 1024 * 1024
PHOTO_RENDITION = Rendition(1600, 1200)


def validated_pdf(upload) -> bytes:
    """The bytes of a PDF (decided by its bytes, not its name) of a bounded size."""
    if upload.size > SLIDES_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)s MB."),
            code="too_large",
            params={"size": SLIDES_MAX_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise ValidationError(_("Please upload a PDF file."), code="format")
    return data


class SlidesForm(forms.ModelForm):
    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload
            name = upload.name.rsplit("/", 1)[-1]
            if not name.lower().endswith(".pdf"):
                name = f"{name}.pdf"
            # Stored is what a strict parser wrote anew, never the uploaded bytes.
            return sanitised_pdf(validated_pdf(upload), name=name)
        return upload


#: The event's own picture: wide like a project cover, one size for card and page.
EVENT_IMAGE_RENDITION = Rendition(1200, 675)


class EventImageFormMixin(ImageRightsMixin, forms.BaseForm):
    """The event's picture (admin): validated and re-encoded like every upload, with alt
    text, the confirmed right to publish it and its credit line."""

    confirm_rights_for = ("image",)  # the box itself: EventAdminForm (a mixin has no fields)

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and hasattr(upload, "content_type"):  # a new upload
            return render(open_validated(upload), EVENT_IMAGE_RENDITION)
        return upload

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error(
                "image_alt", _("Please describe the picture for people who cannot see it.")
            )
        return cleaned


class PhotoForm(ImageRightsMixin, forms.ModelForm):
    confirm_rights_for = ("image",)
    image_rights = rights_field()

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload and hasattr(upload, "content_type"):  # a new upload
            return render(open_validated(upload), PHOTO_RENDITION)
        return upload
