import json

from django import template
from django.forms import (
    CheckboxInput,
    CheckboxSelectMultiple,
    RadioSelect,
    Select,
    SelectMultiple,
    Textarea,
)
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


#: Filter fields that are no filter: the search words stay outside the "Filter" control,
#: the sort order narrows nothing.
NOT_FILTERS = {"q", "sortierung"}


@register.filter
def active_filter_count(form) -> int:
    """How many filters of a list's filter form are set (shown on the "Filter" control)."""
    return sum(1 for name in form.fields if name not in NOT_FILTERS and form.data.get(name))


@register.filter
def is_filter(field) -> bool:
    """Everything but the search words sits behind the "Filter" control."""
    return field.name != "q"


@register.filter
def widget_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, (CheckboxSelectMultiple, RadioSelect)):
        return "choices"
    if isinstance(widget, CheckboxInput):
        return "checkbox"
    if isinstance(widget, (Select, SelectMultiple)):
        return "select"
    if isinstance(widget, Textarea):
        return "textarea"
    return "input"


@register.simple_tag
def render_widget(field, css_class=""):
    """Render a field's widget with the KERN class and its hint and error described."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {}
    if css_class:
        existing = field.field.widget.attrs.get("class", "")
        attrs["class"] = f"{existing} {css_class}".strip()
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(value) -> str:
    """Serialise schema.org data for a <script type="application/ld+json"> block, safely."""
    return mark_safe(json.dumps(value, ensure_ascii=False).translate(_JSON_ESCAPES))


@register.filter
def datetime_attr(value) -> str:
    """A moment for a ``datetime`` attribute: local time, ISO 8601, whole seconds.

    Django's ``date:'c'`` writes microseconds, which HTML does not allow (at most three
    decimals), and the seconds' fractions mean nothing to a reader.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def absolute(context, path) -> str:
    return context["request"].build_absolute_uri(path)


@register.filter
def german(value) -> str:
    """German text people wrote, inside an English (or any) sentence: ``<span lang="de">``.

    For a title inside a translated phrase (``History of “{{ title }}”``), where the
    phrase's element cannot carry the language itself (WCAG 3.1.2).
    """
    return format_html('<span lang="de">{}</span>', value)
