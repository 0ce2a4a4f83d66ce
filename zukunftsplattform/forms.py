"""What the portal's forms share."""

from django import forms
from django.conf import settings


class ContentLanguageMixin(forms.BaseForm):
    """Fields that hold content are in the content language, whatever the page's language.

    People write projects, organisations and profiles in German (the site's default
    language). On the English edit pages the widget carries ``lang`` so a screen reader
    reads the text in the field – and what the person types there – as German (WCAG 3.1.2).
    """

    content_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.content_fields:
            self.fields[name].widget.attrs["lang"] = settings.LANGUAGE_CODE
