"""What the directory's services share: the fields they set and record, and helpers."""

from django.db.models.fields.files import FieldFile

from accounts.public import audit
from network.models import (
    ORGANISATION_REVISION_FIELDS,
)
from taxonomy.public import SupportCategory, Topic
from zukunftsplattform.markdown import render_markdown
from zukunftsplattform.moderation import delete_files_after_commit
from zukunftsplattform.search import update_search_columns

M2M_FIELDS = {"topics": Topic, "offers": SupportCategory}
PERSON_FIELDS = [
    "name",
    "kind",
    "role",
    "affiliation",
    "bio",
    "photo",
    "photo_alt",
    "photo_credit",
    "region",
    "topics",
    "offers",
]
# What only staff set (admin): the person's own profile form has none of these.
PERSON_STAFF_FIELDS = ["slug", "organisation", "email", "language", "user"]
ORGANISATION_STAFF_FIELDS = ["slug", "is_platform_partner"]
# What an activity record keeps before and after a change. Links to accounts and contact
# addresses are recorded as changed without their values (accounts.audit.changes).
ORGANISATION_RECORDED = [
    *ORGANISATION_REVISION_FIELDS, "slug", "is_published", "is_platform_partner", "members",
]  # fmt: skip
PERSON_RECORDED = [*PERSON_FIELDS, *PERSON_STAFF_FIELDS]
PRIVATE = {"members", "user", "email"}


def _sync_search_columns(obj) -> None:
    """Copy the stored search columns onto the instance, so a later save() keeps them."""
    obj.search_vector, obj.search_text = (
        type(obj).objects.filter(pk=obj.pk).values_list("search_vector", "search_text").get()
    )


def refresh_profile(obj, *, text: str, document_of) -> None:
    """Render the profile's Markdown field ``text`` (into ``<text>_html``) and index what the
    public sees for search: ``document_of(obj, topics=..., offers=...)``."""
    html = render_markdown(getattr(obj, text))
    type(obj).objects.filter(pk=obj.pk).update(**{f"{text}_html": html})
    setattr(obj, f"{text}_html", html)
    document = document_of(
        obj,
        topics=obj.topics.values_list("name_de", "name_en"),
        offers=obj.offers.values_list("name_de", "name_en"),
    )
    update_search_columns(type(obj), obj.pk, document=document)
    _sync_search_columns(obj)


def _set_fields(obj, data: dict, fields: list[str]) -> None:
    for name in fields:
        if name in data and name not in M2M_FIELDS:
            value = data[name]
            if name in {"logo", "photo"}:
                old = getattr(obj, name).name
                if value is False:  # "clear" ticked in the admin
                    setattr(obj, name, "")
                elif value and not isinstance(value, FieldFile):
                    # a new upload (already validated and re-encoded); a FieldFile is the
                    # stored file the admin hands back unchanged
                    getattr(obj, name).save(value.name, value, save=False)
                if old and getattr(obj, name).name != old:  # replaced or cleared
                    delete_files_after_commit(type(obj), {old})
                continue
            if name in {"organisation", "user"}:
                setattr(obj, name, value)
                continue
            setattr(obj, name, value if value is not None else "")


def _changes(before: dict, obj, fields) -> dict:
    return audit.changes(before, audit.snapshot(obj, fields), private=PRIVATE)


def _set_m2m(obj, data: dict) -> None:
    for name in M2M_FIELDS:
        if name in data:
            getattr(obj, name).set(data[name] or [])
