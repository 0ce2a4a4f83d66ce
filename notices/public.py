"""What other parts of the portal may use of notices: the address of the notice form for a
public project, organisation, person or event (the detail pages link it through the
template ``notices/includes/report_link.html``)."""

from django.urls import reverse

from notices.targets import target_of


def report_url(obj) -> str:
    """``/melden/<kind>/<slug>/`` for a reportable object, else ""."""
    target = target_of(obj)
    if target is None:
        return ""
    return reverse("notices:report", kwargs={"kind": target.kind, "slug": obj.slug})
