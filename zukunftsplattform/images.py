"""Uploaded images: validated, re-encoded and resized before anything stores them.

Only PNG, JPEG and WebP are accepted; the file's bytes decide, not its name. Files and
pixel counts are bounded (decompression bombs are refused before decoding), and every
image is decoded and written anew as WebP, which drops EXIF/GPS and anything hidden
after the image data (polyglots).
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP"}
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels
MAX_SIDE = 12_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class Rendition:
    """A size a page uses: at most ``width`` × ``height`` pixels, aspect ratio kept."""

    width: int
    height: int
    quality: int = 82


def open_validated(upload) -> Image.Image:
    """Return the decoded image, or raise ValidationError with a message for the person."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The image is larger than %(size)s MB. Please upload a smaller file."),
            code="too_large",
            params={"size": MAX_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            # Pillow warns about (and above twice the limit refuses) decompression bombs.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
        with probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Please upload a PNG, JPEG or WebP image."), code="format")
            width, height = probe.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise ValidationError(
                    _("The image has too many pixels (at most %(mp)s megapixels)."),
                    code="too_many_pixels",
                    params={"mp": MAX_PIXELS // 1_000_000},
                )
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image has too many pixels (at most %(mp)s megapixels)."),
            code="too_many_pixels",
            params={"mp": MAX_PIXELS // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file could not be read as an image. Please upload a PNG, JPEG or WebP image."),
            code="invalid",
        ) from None
    return image


def render(image: Image.Image, rendition: Rendition) -> ContentFile:
    """Re-encode as WebP at most the rendition's size, upright, without metadata."""
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
    image.thumbnail((rendition.width, rendition.height), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    image.save(output, format="WEBP", quality=rendition.quality, method=4)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.webp")


# --- The right to publish, and the credit line ------------------------------------------

CREDIT_HINT = _(
    "Shown with the image, e.g. “Photo: Maria Muster / CC BY 4.0” or “Logo: Dorfladen Plus”."
)


def credit_field(label=None) -> forms.CharField:
    """The credit line typed with an image (“Bildnachweis”); stored on the model as
    ``<image>_credit`` and shown with the image on detail pages."""
    return forms.CharField(
        label=label or _("Image credit"), max_length=200, required=False, help_text=CREDIT_HINT
    )


def rights_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("I have the right to publish this image"),
        required=False,
        help_text=_("Needed with a new upload: you took it yourself or may publish it."),
    )


class ImageRightsMixin(forms.BaseForm):
    """Each new upload of an image field in ``confirm_rights_for`` needs its box
    ``<image>_rights`` (a ``rights_field()`` the form declares) ticked: the person confirms
    the right to publish the image.

    Put it before ``forms.Form``/``ModelForm`` in the bases; a form's own ``clean()``
    calls ``super().clean()`` as usual. Without a new file the box is not needed, so
    editing the text of a profile with an image asks nothing.
    """

    confirm_rights_for: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form built on the fly (modelform_factory) gets the box right after the upload;
        # forms that place it themselves (the admin's fieldsets need that) declare it.
        for name in self.confirm_rights_for:
            box = f"{name}_rights"
            if box not in self.fields and name in self.fields:
                fields = list(self.fields.items())
                at = [key for key, _field in fields].index(name) + 1
                self.fields = dict([*fields[:at], (box, rights_field()), *fields[at:]])

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        for name in self.confirm_rights_for:
            if self.files.get(self.add_prefix(name)) and not cleaned.get(f"{name}_rights"):
                self.add_error(
                    f"{name}_rights",
                    ValidationError(
                        _("Please confirm that you have the right to publish this image."),
                        code="no_rights",
                    ),
                )
        return cleaned
