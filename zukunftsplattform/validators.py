"""Checks shared by the forms people fill in."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError


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
