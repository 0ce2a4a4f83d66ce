"""Addresses of projects, organisations, people, series and events, and their history.

An address (slug) comes from the name once (:func:`unique_slug`) and stays when the
name changes: links people shared keep working. Staff may change it in the admin, and a
data migration changed the slugs that had lost their umlauts. Either way the old address
answers with a permanent redirect to the new one.

**Why a column, not a redirect table.** Each model keeps ``previous_slugs`` (an array
with a GIN index). Django's ``redirects`` app stores paths: every old path would need a
row per language (``/projekte/x/``, ``/en/projekte/x/``) and per sub-page (``…/verlauf/``,
``…/termin.ics``), rows for a path rename each time the slug changes again, and the
``sites`` framework. A slug that belongs to its object redirects every address built
from it, in both languages, always to the current slug, and leaves with the object.

**Why a trigger.** ``portal_remember_previous_slug`` (installed by each app's migration,
:data:`TRIGGER_SQL`) adds the old slug to ``previous_slugs`` whenever the ``slug`` column
changes – through a service, the admin, a data migration or ``QuerySet.update()`` – so
no write path can forget it. It merges what Python wrote with what the row had, so a
stale instance cannot drop history, and it never keeps the current slug in the list.

**Who is redirected.** The permission helpers (``get_project_for_user`` …) look an old
slug up and raise :class:`SlugMoved` only *after* their access check: someone who may not
see the object gets the same 404 as before and learns nothing about its new address
(a person's slug is their name). :class:`SlugMovedMiddleware` answers 301 for GET and
HEAD and 308 otherwise, with the same view, language and query string.
"""

import re

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from zukunftsplattform.german import slugify_de

TRIGGER = "portal_remember_previous_slug"
FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION portal_remember_previous_slug() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.previous_slugs := ARRAY(
        SELECT DISTINCT slug
        FROM unnest(
            OLD.previous_slugs || NEW.previous_slugs
            || CASE WHEN NEW.slug IS DISTINCT FROM OLD.slug THEN ARRAY[OLD.slug] END
        ) AS slug
        WHERE slug IS DISTINCT FROM NEW.slug
        ORDER BY slug
    );
    RETURN NEW;
END
$$;
"""


def previous_slugs_field():
    return ArrayField(
        models.SlugField(max_length=220),
        verbose_name=_("previous addresses"),
        default=list,
        blank=True,
        editable=False,
    )


def previous_slugs_index(name: str) -> GinIndex:
    return GinIndex(fields=["previous_slugs"], name=name)


def remember_previous_slugs(table: str) -> migrations.RunSQL:
    """The migration operation that puts the trigger on ``table``."""
    return migrations.RunSQL(
        [
            FUNCTION_SQL,
            f'CREATE OR REPLACE TRIGGER {TRIGGER} BEFORE UPDATE OF slug, previous_slugs ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()",
        ],
        [f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"'],
    )


def unique_slug(model, text: str, *, exclude_pk=None, reserved=(), fallback: str = "") -> str:
    """A free slug for ``text`` on ``model``: its own, or with ``-2``, ``-3`` … appended.

    Free means no other object uses it now or used it before (``previous_slugs``), so an
    old address keeps leading to the object that had it. ``reserved`` are paths the
    address must not take; ``fallback`` is the slug for a name without letters or digits.
    """
    max_length = model._meta.get_field("slug").max_length
    base = slugify_de(text)[: max_length - 4].strip("-") or fallback or model._meta.model_name
    others = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    remembers = any(field.name == "previous_slugs" for field in model._meta.get_fields())

    def taken(slug):
        used = models.Q(slug=slug)
        if remembers:
            used |= models.Q(previous_slugs__contains=[slug])
        return slug in reserved or others.filter(used).exists()

    slug, n = base, 2
    while taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


class SlugFromNameAdminForm(forms.ModelForm):
    """Admin form: an empty address is made from ``slug_source`` (also after a rename).

    Instead of the admin's prepopulating JavaScript, which writes ö as o.
    """

    slug_source = "name"
    reserved_slugs: set[str] = set()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Leave empty to make it from the name. An address changed later keeps "
                "working: the old one redirects to the new one."
            )

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if "slug" in self.fields and not cleaned.get("slug") and cleaned.get(self.slug_source):
            cleaned["slug"] = unique_slug(
                self._meta.model,
                cleaned[self.slug_source],
                exclude_pk=self.instance.pk,
                reserved=self.reserved_slugs,
            )
        return cleaned


class SlugMoved(Exception):
    """The object was asked for by an address it had before; answered with a redirect."""

    def __init__(self, slug: str):
        super().__init__(slug)
        self.slug = slug


def get_by_slug(queryset, slug: str):
    """The object with this slug now, else the one that had it before; else 404.

    Callers check access first and then call :func:`ensure_current_slug`.
    """
    found = queryset.filter(slug=slug).first()
    if found is None:
        found = queryset.filter(previous_slugs__contains=[slug]).order_by("-pk").first()
    if found is None:
        raise Http404
    return found


def ensure_current_slug(obj, slug: str) -> None:
    """Raise :class:`SlugMoved` when ``obj`` was found by a previous slug."""
    if obj.slug != slug:
        raise SlugMoved(obj.slug)


class SlugMovedMiddleware:
    """Answer :class:`SlugMoved` with a permanent redirect to the same page's new address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SlugMoved):
            return None
        match = request.resolver_match
        url = reverse(
            match.view_name, args=match.args, kwargs={**match.kwargs, "slug": exception.slug}
        )
        if request.META.get("QUERY_STRING"):
            url += "?" + request.META["QUERY_STRING"]
        response = HttpResponsePermanentRedirect(url)
        if request.method not in {"GET", "HEAD"}:
            response.status_code = 308  # keeps the method and body (a form sent to an old link)
        return response


def _made_from(slug: str, base: str) -> bool:
    """Whether ``slug`` is ``base``, perhaps cut short or with ``-2`` … appended."""
    core = re.sub(r"-\d+$", "", slug)
    return bool(base) and (
        slug == base or core == base or (len(core) >= 50 and base.startswith(core))
    )


def _lost_letters(slug: str, text: str) -> bool:
    """Whether ``slug`` is what the old code made of ``text`` (Python's ``slugify``, or the
    admin's JavaScript, which writes ß as ss but ö as o) and differs from what it should be.
    A slug someone chose differently stays."""
    if _made_from(slug, slugify_de(text)):
        return False
    olds = {slugify(text), slugify(text.replace("ß", "ss").replace("ẞ", "SS"))}
    return any(_made_from(slug, old) for old in olds)


def reslug_lost_letters(model, source: str, *, reserved=()) -> int:
    """Data migrations: give objects whose slug lost German letters their proper one.

    The trigger keeps the old slug in ``previous_slugs``, so old links redirect. Objects
    whose slug was chosen by hand, or has no German letters to lose, keep it. ``updated_at``
    changes too, so cached cards link to the new address.
    """
    changed = 0
    for obj in model.objects.order_by("pk").only("pk", "slug", source, "updated_at").iterator():
        text = getattr(obj, source)
        if not _lost_letters(obj.slug, text):
            continue
        obj.slug = unique_slug(model, text, exclude_pk=obj.pk, reserved=reserved)
        obj.save(update_fields=["slug", "updated_at"])
        changed += 1
    return changed
