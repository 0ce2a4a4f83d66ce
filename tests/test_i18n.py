import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if not path.is_relative_to(ROOT / ".venv") and not path.is_relative_to(ROOT / ".tools")
)


def test_every_catalogue_exists_in_german_and_english():
    assert ROOT / "locale/de/LC_MESSAGES/django.po" in CATALOGUES
    for path in CATALOGUES:
        language = path.parent.parent.name
        other = "en" if language == "de" else "de"
        assert (path.parent.parent.parent / other / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_not_fuzzy(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_the_source(path):
    po = polib.pofile(str(path))
    mo = polib.mofile(str(path.with_suffix(".mo")))
    assert {e.msgid: e.msgstr for e in mo if not e.msgid_plural and e.msgid} == {
        e.msgid: e.msgstr for e in po if not e.msgid_plural and e.msgid and not e.obsolete
    }


def test_german_uses_inclusive_language():
    texts = " ".join(
        entry.msgstr
        for path in CATALOGUES
        if path.parent.parent.name == "de"
        for entry in polib.pofile(str(path))
    )
    assert "Innovator*innen" in texts or "Partner*innen" in texts
    for generic_masculine in [" Innovatoren", " Nutzer ", " Teilnehmer ", " Mitarbeiter "]:
        assert generic_masculine not in texts


# Our apps (those with a folder here), the project package and the shared templates.
FIRST_PARTY = [
    *(app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()),
    "zukunftsplattform",
    "templates",
]
TEMPLATE_STRING = re.compile(
    r"""\{%\s*trans(?:late)?\s+(["'])((?:(?!\1).)+)\1(?![^%]*\bcontext\b)"""
)
PYTHON_STRING = re.compile(r"""\b(?:_|gettext|gettext_lazy)\(\s*(["'])((?:(?!\1)[^\\])+)\1\s*\)""")


def _source_strings() -> set[tuple[str, str]]:
    found = set()
    for folder in FIRST_PARTY:
        for path in (ROOT / folder).rglob("*"):
            if "migrations" in path.parts or path.suffix not in {".html", ".txt", ".py"}:
                continue
            text = path.read_text(encoding="utf-8")
            pattern = PYTHON_STRING if path.suffix == ".py" else TEMPLATE_STRING
            for match in pattern.finditer(text):
                found.add((str(path.relative_to(ROOT)), match.group(2)))
    return found


def test_every_literal_ui_string_has_a_german_translation():
    """A string in a template or in code that no catalogue holds would show in English."""
    german = {
        entry.msgid
        for path in CATALOGUES
        if path.parent.parent.name == "de"
        for entry in polib.pofile(str(path))
        if entry.msgstr and "fuzzy" not in entry.flags
    }
    found = _source_strings()
    assert len(found) > 500  # the patterns still find what the portal says
    missing = sorted(f"{where}: {text}" for where, text in found if text not in german)
    assert missing == []


GAPS = ROOT / "zukunftsplattform/django_gaps/locale/de/LC_MESSAGES/django.po"


def test_django_gaps_catalogue_fills_only_what_django_does_not_translate():
    """When Django's own German catalogue gains an entry, ours for it goes."""
    import allauth
    import django

    shipped = [
        *Path(django.__file__).parent.glob("**/locale/de/LC_MESSAGES/django.po"),
        *Path(allauth.__file__).parent.glob("locale/de/LC_MESSAGES/django.po"),
    ]
    translated = {
        (entry.msgctxt, entry.msgid)
        for path in shipped
        for entry in polib.pofile(str(path))
        if (entry.msgstr or any(entry.msgstr_plural.values())) and "fuzzy" not in entry.flags
    }
    ours = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(GAPS))}
    assert ours and ours.isdisjoint(translated), sorted(ours & translated)


@pytest.mark.django_db
def test_german_admin_and_forms_show_django_strings_in_german(client):
    from tests.factories import UserFactory, log_in_with_second_factor, verified
    from tests.projects.factories import ProjectFactory

    ProjectFactory()
    log_in_with_second_factor(client, verified(UserFactory(is_staff=True, is_superuser=True)))

    projects = client.get("/admin/projects/project/").content.decode()
    events = client.get("/admin/events/event/").content.decode()
    person = client.get("/admin/network/person/add/").content.decode()
    form = client.get("/projekte/neu/").content.decode()

    assert '<html lang="de"' in projects
    assert ">Ausführen</button>" in projects
    assert "Projekte durchsuchen" in projects
    assert "Nach Beginn filtern" in events
    for page in [projects, person, form]:
        assert "- Bitte auswählen -" in page
    for english in [">Run</button>", "Search Projekte", "Filter by", "Select an option"]:
        assert english not in projects + events + person + form


OUR_APPS = {"accounts", "projects", "network", "events", "pages", "taxonomy", "notices"}


def _shown_by(model_admin, request):
    """The names the admin shows of its model: list columns, filters, form and inline fields."""
    names = {n for n in model_admin.get_list_display(request) if isinstance(n, str)}
    names |= {
        f if isinstance(f, str) else f[0]
        for f in model_admin.get_list_filter(request)
        if not isinstance(f, type)
    }
    obj = model_admin.model()  # the change form (the add form of some admins differs)
    names |= set(model_admin.get_fields(request, obj))
    yield model_admin.model, names
    for inline in model_admin.get_inline_instances(request, obj):
        yield inline.model, set(inline.get_fields(request, obj))


@pytest.mark.django_db
def test_every_field_the_admin_shows_has_a_german_name(rf, admin_user):
    """A column or label the admin takes from a model field is translated ("Erstellt am", not
    "created at"): a field without its own name is named after its attribute, in English."""
    request = rf.get("/admin/")
    request.user = admin_user
    unnamed = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        for shown_model, names in _shown_by(model_admin, request):
            for name in names:
                try:
                    field = shown_model._meta.get_field(name.split("__")[0])
                except FieldDoesNotExist:  # a method or property of the admin: its own description
                    continue
                if getattr(field, "concrete", False) and not isinstance(
                    field.verbose_name, Promise
                ):
                    unnamed.add(f"{shown_model._meta.label}.{field.name}")
    assert sorted(unnamed) == [], sorted(unnamed)
