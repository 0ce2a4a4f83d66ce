"""Checks shared by the forms people fill in."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email


class ReadableEmailField(forms.EmailField):
    """An email address whose domain is stored as people write it (``väterzeit.de``).

    Browsers send the domain of an ``<input type="email">`` in its ASCII form
    (``xn--vterzeit-0za.de``): saving an unchanged form would turn the address shown on the
    page into that form and show the moderation a change nobody made.
    """

    def to_python(self, value):
        value = super().to_python(value)
        local, at, domain = value.rpartition("@")
        if not at or "xn--" not in domain.lower():
            return value
        try:
            return f"{local}@{domain.encode('ascii').decode('idna')}"
        except UnicodeError as error:  # not a valid ASCII form of any domain
            raise ValidationError(validate_email.message, code=validate_email.code) from error


class VisibleURLField(forms.URLField):
    """A web address without control or invisible characters.

    Bidi overrides and zero-width characters pass Django's URL check (its host pattern
    allows most of Unicode), but they let an address shown as link text read as another.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in value or ""):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value
