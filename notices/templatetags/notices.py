from django import template

from notices.public import report_url as _report_url

register = template.Library()


@register.simple_tag
def report_url(obj) -> str:
    """The address of the notice form for ``obj`` (a public detail page's content)."""
    return _report_url(obj)
