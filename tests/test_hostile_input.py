"""Hostile input, portal-wide: whatever arrives, the answer is never a 500.

Three corpora go through every public surface:

- random, oversized and malformed values (NUL bytes, 10k characters, bidi overrides,
  emoji, combining marks, SQL- and template-looking text, broken UTF-8, absurd page
  numbers, repeated parameters, invalid slugs and tokens) into every filter parameter,
  every public form and the logged-in profile forms: a form that refuses a value says
  what was wrong in the error summary (linking to the field) and shows the value again,
  escaped; a form that accepts it stores exactly what was typed;
- the XSS payloads of ``tests/projects/test_hostile_input.py`` through every text field of
  organisations, people, events and feedback that reaches a page or the admin: no
  element, attribute or URL scheme that could run script appears;
- malicious uploads into organisation logos, person photos, event photos and slides:
  refused with a clear German message, or cleaned (re-encoded, no metadata, no tail).

Values come from a fixed-seed ``random.Random``, so a failure can be reproduced.
"""

import io
import itertools
import json
import random
import re
import string
from collections import Counter
from html.parser import HTMLParser

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import modelform_factory
from django.utils.html import escape
from PIL import Image

from events import services as event_services
from events.forms import EventImageFormMixin, PhotoForm, SlidesForm
from events.models import Event, Photo, Registration, Slides
from network import services as network_services
from network.admin import OrganisationAdminForm, PersonAdminForm
from network.forms import OrganisationForm, PersonForm
from network.models import Organisation
from pages.models import Feedback
from projects.models import Project
from tests.events.factories import (
    POLYGLOT_HTML,
    AgendaItemFactory,
    EventFactory,
    SeriesFactory,
    active_content,
    encrypted_pdf_bytes,
)
from tests.events.factories import pdf_bytes as slide_pdf
from tests.factories import UserFactory, log_in_with_second_factor
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from tests.projects.test_hostile_input import XSS, png_bytes
from zukunftsplattform.images import MAX_PIXELS, MAX_SIDE

pytestmark = pytest.mark.django_db

RNG = random.Random(20260606)

# Characters a person (or a bot) can send that tend to break things, by family.
POOLS = [
    string.ascii_letters + string.digits + "  ",
    "äöüßÄÖÜẞéèçñøłżİı",
    "\u202e\u202d\u202a\u2066\u2067\u2069\u200e\u200f",  # bidi overrides and isolates
    "\u200b\u200c\u200d\u2060\ufeff\u00ad",  # zero-width and invisible
    "\u0300\u0301\u0308\u0336\u0489\u20dd\u0e49",  # combining marks
    "😀🚀👩\u200d🔬🏳\ufe0f\u200d🌈🇩🇪🫶",  # emoji, ZWJ sequences, flags
    "𝕳𝖊𝖑𝖑𝖔𐍈𠜎",  # astral planes
    "<>&\"'`{}%$\\/;=()[]#?*|",
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85",  # NUL and other control characters
    "\t\n\r \u00a0\u3000\u2028\u2029",  # whitespace of every kind
]


def random_text(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(rng.choice(POOLS)) for _ in range(length))


HOSTILE_TEXT = {
    "nul": "Nach\x00barschaft",
    "only-nul": "\x00",
    "10k-ascii": "A" * 10_000,
    "10k-random": random_text(RNG, 10_000),
    "rtl-override": "\u202eFeedback\u202c.exe",
    "emoji": "👩🏽\u200d🔬 Zukunft 🚀🇩🇪",
    "combining": "Z\u0334\u0321\u0322a\u0337l\u0338g\u0336o\u0335 \u0489",
    "zero-width": "Nach\u200bbar\u200dschaft\ufeff",
    "astral": "𝕳𝖊𝖑𝖑𝖔 𐍈 𠜎",
    "sql-or": "' OR 1=1 --",
    "sql-drop": "x'); DROP TABLE projects_project; --",
    "template-var": "{{ request.user.password }}{{ 7|add:7 }}",
    "template-tag": "{% debug %}{% load static %}{# x #}",
    "script": "<script>alert(1)</script>",
    "attribute-break": '" autofocus onfocus="alert(1)" x="',
    "control": "\x01\x07\x1b[31mrot\x7f",
    "crlf": "Zeile 1\r\nSet-Cookie: x=1\r\n\r\nZeile 3",
    "whitespace": " \t \u00a0\u3000 ",
    "percent": "%00%27%3Cscript%3E%E2%80%AE",
    "random-17": random_text(RNG, 17),
    "random-300": random_text(RNG, 300),
}

# Values for choice and slug parameters on top of the text corpus.
SLUGGISH = {
    "unknown-slug": "gibt-es-nicht",
    "slug-nul": "dresden\x00",
    "upper": "DRESDEN",
    "dots": "../../etc/passwd",
    "number": "1",
    "negative": "-1",
    "empty": "",
}
PAGE_NUMBERS = {
    "minus-one": "-1",
    "zero": "0",
    "fraction": "1.5",
    "exponent": "1e9",
    "huge": "9" * 40,
    "too-many-digits": "9" * 5000,  # more than Python's int() allows by default
    "nan": "NaN",
    "infinity": "inf",
    "word": "zwei",
    "padded": " 2 ",
    "nul": "1\x00",
    "empty": "",
}
FILTER_VALUES = {**HOSTILE_TEXT, **SLUGGISH}

_ips = itertools.count(1)


def fresh_ip() -> str:
    """A new client address per request, so loops over a corpus never meet a rate limit."""
    n = next(_ips)
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


_emails = itertools.count(1)


def fresh_email(prefix: str = "gast") -> str:
    return f"{prefix}{next(_emails)}@example.org"


# --- What "nothing executes" means ----------------------------------------------------------

DANGEROUS_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "svg", "math", "object", "embed",
    "applet", "base", "template", "noscript",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "xlink:href", "data"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def _scheme(value: str) -> str:
    # Browsers ignore ASCII whitespace and control characters inside a scheme.
    return "".join(ch for ch in value if ord(ch) > 32).lower()


class Injections(HTMLParser):
    """Everything in a document that could run script or restyle the page.

    Our own pages may carry script only from /static/ and JSON-LD (which must parse as
    JSON and cannot contain ``<``); anything else a browser would build is reported.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._json: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            if values.get("type") == "application/ld+json":
                self._json = []
            elif not (values.get("src") or "").startswith("/static/"):
                values.pop("nonce", None)  # new in every response
                self.found.append(f"script {values}")
        elif tag == "svg" and values.get("class") == "chart":
            pass  # the chart network/needs_and_offers.html draws on the server
        elif tag in DANGEROUS_TAGS:
            self.found.append(tag)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found.append("meta refresh")
        if tag == "img" and not (values.get("src") or "").startswith("/"):
            self.found.append(f"foreign img {values.get('src')!r}")
        if tag == "link" and not (values.get("href") or "").startswith(("/", "http")):
            self.found.append(f"link {values}")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}={value!r}]")
            if name in URL_ATTRIBUTES and _scheme(value or "").startswith(BAD_SCHEMES):
                self.found.append(f"{tag}[{name}={value!r}]")

    def handle_data(self, data):
        if self._json is not None:
            self._json.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._json is not None:
            text = "".join(self._json)
            self._json = None
            if "<" in text:
                self.found.append("markup inside JSON-LD")
            try:
                json.loads(text)
            except ValueError:
                self.found.append("JSON-LD broken")


def injections(html: str) -> list[str]:
    parser = Injections()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_harmless(response, label):
    assert response.status_code < 500, f"{response.status_code} for {label}"
    if response.get("Content-Type", "").startswith("text/html"):
        found = injections(response.content.decode())
        assert found == [], f"{label}: {found}"


# --- What "the user sees what was wrong and keeps what they typed" means --------------------

NOT_ECHOED = (forms.widgets.ChoiceWidget, forms.CheckboxInput, forms.FileInput, forms.PasswordInput)


def error_summary(html: str) -> str:
    match = re.search(r'<div[^>]*id="error-summary".*?</ul>', html, re.S)
    return match.group(0) if match else ""


def check_refusal(response, form, typed: dict[str, str], label: str) -> None:
    """An invalid form: summary linking to every faulty field, typed text shown again."""
    html = response.content.decode()
    summary = error_summary(html)
    assert summary, f"no error summary: {label}"
    assert 'lang="de"' in html and "Bitte korrigieren Sie" in summary, label
    for name in form.errors:
        if name == "__all__" or form.fields[name].widget.is_hidden:
            continue
        target = form[name].auto_id
        assert f'href="#{target}"' in summary, f"summary does not link to {name}: {label}"
        assert f'id="{target}"' in html, f"link target {target} missing: {label}"
    for name, value in typed.items():
        if isinstance(form.fields[name].widget, NOT_ECHOED):
            continue
        assert escape(value) in html, f"{name} not kept: {label}"


def post_corpus(client, url, *, base, fields, stored=None, values=None, ip=True):
    """POST ``base`` with each hostile value in each field; check refusal or storage.

    ``stored(name)`` returns what was saved for a field after an accepted POST.
    Returns the number of requests made.
    """
    count = 0
    values = values or HOSTILE_TEXT
    for name in fields:
        for key, value in values.items():
            data = {**base(), name: value} if callable(base) else {**base, name: value}
            extra = {"REMOTE_ADDR": fresh_ip()} if ip else {}
            response = client.post(url, data, **extra)
            count += 1
            label = f"POST {url} {name}={key}"
            assert response.status_code in {200, 302, 400}, f"{response.status_code}: {label}"
            assert_harmless(response, label)
            if response.status_code == 302:
                if stored is not None:
                    assert stored(name) == value.strip(), f"not stored as typed: {label}"
                continue
            form = response.context["form"]
            assert form.errors, f"{response.status_code} without errors: {label}"
            check_refusal(response, form, {name: value}, label)
    return count


# --- Data the lists show -----------------------------------------------------------------------


@pytest.fixture
def listed(db):
    """A few public rows in every list, so filters, pagination and cards all run."""
    for n in range(3):
        ProjectFactory(published=True, title=f"Nachbarschaftsprojekt {n}", region="dresden")
        OrganisationFactory(name=f"Nachbarschaftsverein {n}", is_platform_partner=n == 0)
        PersonFactory(name=f"Nachbarin {n}", consent=True)
        EventFactory(title=f"Nachbarschaftsforum {n}")
        EventFactory(title=f"Vergangenes Forum {n}", past=True)


LIST_PARAMETERS = {
    "/projekte/": [
        "q", "thema", "region", "phase", "bedarf", "angebot", "gute_praxis", "sortierung", "seite",
    ],
    "/netzwerk/organisationen/": ["q", "art", "region", "thema", "angebot", "seite"],
    "/netzwerk/personen/": ["q", "thema", "angebot", "region", "seite"],
    "/veranstaltungen/": ["zeit", "q", "seite"],
    "/suche/": ["q"],
    "/gute-praxis/": ["seite"],
    "/netzwerk/bedarfe-und-angebote/": ["region"],
    "/kontakt/": ["seite"],  # prefills "which page is it about?"
}  # fmt: skip
LIST_CASES = [(path, param) for path, params in LIST_PARAMETERS.items() for param in params]


@pytest.mark.parametrize(("path", "param"), LIST_CASES, ids=[f"{p}?{q}" for p, q in LIST_CASES])
def test_hostile_filter_value_never_breaks_a_list(client, listed, path, param):
    values = PAGE_NUMBERS if param == "seite" else FILTER_VALUES
    for key, value in values.items():
        for htmx in (False, True):
            headers = {"HX-Request": "true"} if htmx else {}
            response = client.get(path, {param: value}, headers=headers)
            label = f"GET {path}?{param}={key}{' (htmx)' if htmx else ''}"
            assert response.status_code == 200, f"{response.status_code}: {label}"
            assert_harmless(response, label)
            form = response.context.get("form") if response.context else None
            if htmx or form is None or param not in form.fields:
                continue
            if form.errors:
                check_refusal(response, form, {param: value}, label)
            elif not isinstance(form.fields[param].widget, NOT_ECHOED) and value.strip():
                assert escape(value) in response.content.decode(), f"not kept: {label}"


@pytest.mark.parametrize("path", list(LIST_PARAMETERS))
def test_repeated_and_broken_parameters_never_break_a_list(client, listed, path):
    params = LIST_PARAMETERS[path]
    repeated = {param: ["dresden", "\x00", "A" * 10_000, "-1"] for param in params}
    response = client.get(path, repeated)
    assert response.status_code == 200
    assert_harmless(response, f"{path} repeated")
    # Broken percent-encoding and invalid UTF-8 in the raw query string.
    for raw in ["%ff%fe%00", "%", "%%%", "%E2%80", "q=%C0%AF", "=&=&&"]:
        query = "&".join(f"{param}={raw}" for param in params) + f"&{raw}"
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, f"{path}?{query}"
        assert_harmless(response, f"{path}?{query}")


HOSTILE_PATHS = [
    "/projekte/%00/",
    "/projekte/%E2%80%AE/",
    "/projekte/" + "a" * 5000 + "/",
    "/projekte/..%2F..%2Fetc%2Fpasswd/",
    "/projekte/einladung/%00/",
    "/projekte/einladung/" + "x" * 5000 + "/",
    "/veranstaltungen/%00/",
    "/veranstaltungen/%F0%9F%9A%80/anmelden/",
    "/veranstaltungen/%00/termin.ics",
    "/veranstaltungen/reihe/%00/",
    "/veranstaltungen/reihe/%00/kalender.ics",
    "/veranstaltungen/anmeldung/%00/",
    "/veranstaltungen/anmeldung/%00/bestaetigen/",
    "/veranstaltungen/anmeldung/" + "x" * 64 + "/",
    "/veranstaltungen/anmeldung/" + "x" * 5000 + "/",
    "/veranstaltungen/anmeldung/%E2%80%AE%F0%9F%9A%80/",
    "/netzwerk/organisationen/%00/",
    "/netzwerk/personen/%00/",
    "/netzwerk/personen/%00/bearbeiten/",
    "/netzwerk/einwilligung/%00/",
    "/netzwerk/einwilligung/%00/widerrufen/",
    "/netzwerk/einwilligung/" + "x" * 5000 + "/",
    "/konto/confirm-email/%00/",
    "/konto/password/reset/key/%00-%00/",
    "/%00/",
    "/en/projekte/%00/",
    # Longer than any file or path name the file system allows (OSError, not "not found").
    "/media/" + "a" * 300,
    "/media/events/slides/" + "a" * 5000 + ".pdf",
    "/media/" + "a/" * 3000,
    # Huge values in every other kind of placeholder.
    "/veranstaltungen/" + "x" * 5000 + "/",
    "/veranstaltungen/" + "x" * 5000 + "/termin.ics",
    "/veranstaltungen/reihe/" + "x" * 5000 + "/",
    "/veranstaltungen/anmeldung/" + "x" * 5000 + "/absagen/",
    "/netzwerk/organisationen/" + "x" * 5000 + "/",
    "/netzwerk/personen/" + "x" * 5000 + "/bearbeiten/",
    "/netzwerk/einwilligung/" + "x" * 5000 + "/widerrufen/",
    "/projekte/" + "9" * 5000 + "/team/",
    "/en/netzwerk/organisationen/" + "x" * 5000 + "/bearbeiten/",
]


@pytest.mark.parametrize("anonymous", [True, False], ids=["anonymous", "logged-in"])
def test_hostile_paths_are_not_found_never_an_error(client, user, anonymous):
    if not anonymous:
        client.force_login(user)
    requests = 0
    for path in HOSTILE_PATHS:
        for method in ("get", "post"):
            response = getattr(client, method)(path, REMOTE_ADDR=fresh_ip())
            requests += 1
            label = f"{method.upper()} {path[:80]}"
            assert response.status_code in {302, 404, 405}, f"{response.status_code}: {label}"
            if response.status_code == 302:
                assert response["Location"].startswith(
                    ("/konto/login/", "/en/konto/login/", "/veranstaltungen/")
                )
            assert_harmless(response, label)
    assert requests == 2 * len(HOSTILE_PATHS)


def test_hostile_next_parameter_never_leaves_the_site(client, user):
    for target in ["javascript:alert(1)", "//evil.example/", "https://evil.example/", "\x00"]:
        response = client.post(
            "/konto/login/?" + f"next={target}",
            {"login": user.email, "password": "richtig-gutes-Passwort-1"},
            REMOTE_ADDR=fresh_ip(),
        )
        assert response.status_code == 302
        assert not response["Location"].startswith(("javascript:", "//", "http")), target
        client.logout()


def test_hostile_next_after_cancelling_a_registration_stays_on_the_site(client, user):
    """The cancellation is committed before ``next`` is read: a bad one must not hide it."""
    client.force_login(user)
    event = EventFactory(capacity=500)
    for key, value in {**FILTER_VALUES, "word": "meine-anmeldungen"}.items():
        registration = event_services.register_user(event=event, user=user)
        url = f"/veranstaltungen/anmeldung/{registration.token}/absagen/"
        response = client.post(url, {"next": value})
        assert response.status_code == 302, f"{response.status_code}: next={key}"
        assert response["Location"].startswith("/") and not response["Location"].startswith(
            ("//", "/\\")
        ), key
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CANCELLED, key
        registration.delete()


# --- Every public form, and the forms behind a login ------------------------------------------

PASSWORD = "richtig-gutes-Passwort-1"
# Choice, checkbox and relation fields: a smaller corpus (the value is never echoed).
CHOICE_VALUES = {
    key: FILTER_VALUES[key]
    for key in [
        "nul", "10k-ascii", "emoji", "sql-or", "script", "whitespace", "unknown-slug", "negative",
    ]
} | {"huge-number": "9" * 40, "float": "1.5"}  # fmt: skip


def _varied(form_class, names, **kwargs):
    """Split field names into text fields (full corpus) and choice fields (small corpus)."""
    fields = form_class(**kwargs).fields
    text = [n for n in names if not isinstance(fields[n].widget, NOT_ECHOED)]
    choice = [n for n in names if isinstance(fields[n].widget, NOT_ECHOED)]
    return text, choice


@pytest.mark.parametrize("path", ["/kontakt/", "/barrierefreiheit/"])
def test_feedback_form_refuses_or_stores_hostile_values(client, path):
    def stored(name):
        return getattr(Feedback.objects.latest("pk"), name)

    base = {"message": "Die Seite ist gut lesbar.", "name": "Bea", "email": "bea@example.org"}
    count = post_corpus(
        client, path, base=base, fields=["message", "page_url", "name", "email"], stored=stored
    )
    assert count == 4 * len(HOSTILE_TEXT)


@pytest.fixture
def open_event(db):
    return EventFactory(title="Dialogforum Freiberg", capacity=500)


def test_guest_registration_refuses_or_stores_hostile_values(client, open_event):
    url = f"/veranstaltungen/{open_event.slug}/anmelden/"

    def base():
        return {"name": "Gabi Gast", "email": fresh_email(), "photo_consent": "nein"}

    def stored(name):
        return getattr(Registration.objects.latest("pk"), name)

    text = ["name", "email", "accessibility_needs", "dietary_needs"]
    post_corpus(client, url, base=base, fields=text, stored=stored)
    post_corpus(client, url, base=base, fields=["photo_consent"], values=CHOICE_VALUES)


def test_signed_in_registration_refuses_or_stores_hostile_values(client, user, open_event):
    client.force_login(user)
    url = f"/veranstaltungen/{open_event.slug}/anmelden/"

    def stored(name):
        # One active registration per person: read it, then make room for the next POST.
        registration = Registration.objects.get(user=user, event=open_event)
        registration.delete()
        return getattr(registration, name)

    base = {"photo_consent": "ja"}
    post_corpus(
        client, url, base=base, fields=["accessibility_needs", "dietary_needs"], stored=stored
    )
    post_corpus(client, url, base=base, fields=["photo_consent"], values=CHOICE_VALUES)


def test_signup_refuses_or_stores_hostile_values(client):
    from accounts.models import User

    def base():
        return {
            "email": fresh_email("neu"),
            "display_name": "Neue Person",
            "password1": PASSWORD,
            "password2": PASSWORD,
        }

    def stored(name):
        return getattr(User.objects.latest("date_joined"), name)

    fields = ["email", "display_name", "password1", "password2"]
    post_corpus(client, "/konto/signup/", base=base, fields=fields, stored=stored)


def test_login_and_password_reset_refuse_hostile_values(client, user):
    base = {"login": user.email, "password": "ganz-falsches-Passwort"}
    post_corpus(client, "/konto/login/", base=base, fields=["login", "password"])
    assert "_auth_user_id" not in client.session
    post_corpus(client, "/konto/password/reset/", base={"email": user.email}, fields=["email"])


PROJECT_FIELDS = [
    "title", "summary", "stage", "region", "place", "challenge", "approach", "impact_reached",
    "impact_outcomes", "evidence_links", "topics", "target_groups", "sdgs", "needs",
    "needs_note", "offers", "offers_note", "carrying_organisation", "partner_organisations",
    "funding_programme", "call_round", "website", "contact_email", "contact_phone", "logo_alt",
    "cover_alt",
]  # fmt: skip


def as_text(value):
    """Evidence links are stored as a list, typed one per line."""
    return "\n".join(value) if isinstance(value, list) else value


@pytest.fixture
def innovator(user):
    return user


def test_project_create_refuses_or_stores_hostile_values(client, innovator):
    from projects.forms import ProjectForm

    client.force_login(innovator)

    def stored(name):
        return as_text(
            getattr(Project.objects.filter(memberships__user=innovator).latest("pk"), name)
        )

    # A title of its own for each new project: hundreds of one title would make each
    # create probe every "-2", "-3" … slug before it (minutes of queries, no more checks).
    titles = itertools.count()

    def base():
        return {"title": f"Projekt mit Gegenwind {next(titles)}", "stage": "idee"}

    text, choice = _varied(ProjectForm, PROJECT_FIELDS)
    post_corpus(client, "/projekte/neu/", base=base, fields=text, stored=stored, ip=False)
    post_corpus(client, "/projekte/neu/", base=base, fields=choice, values=CHOICE_VALUES, ip=False)


def test_project_edit_refuses_or_stores_hostile_values(client, innovator):
    from projects.forms import ProjectForm

    project = ProjectFactory(owner=innovator, title="Bestehendes Projekt")
    client.force_login(innovator)
    url = f"/projekte/{project.slug}/bearbeiten/"

    def stored(name):
        project.refresh_from_db()
        return as_text(getattr(project, name))

    base = {"title": "Bestehendes Projekt", "stage": "idee"}
    text, choice = _varied(ProjectForm, PROJECT_FIELDS)
    post_corpus(client, url, base=base, fields=text, stored=stored, ip=False)
    post_corpus(client, url, base=base, fields=choice, values=CHOICE_VALUES, ip=False)


def test_own_person_profile_refuses_or_stores_hostile_values(client, user):
    person = PersonFactory(name="Lina Linked", user=user)
    client.force_login(user)
    url = f"/netzwerk/personen/{person.slug}/bearbeiten/"

    def stored(name):
        person.refresh_from_db()
        return getattr(person, name)

    names = ["name", "role", "affiliation", "region", "bio", "topics", "offers", "photo_alt"]
    text, choice = _varied(PersonForm, names)
    post_corpus(client, url, base={"name": "Lina Linked"}, fields=text, stored=stored, ip=False)
    post_corpus(client, url, base={"name": "Lina"}, fields=choice, values=CHOICE_VALUES, ip=False)


def test_organisation_proposal_refuses_or_stores_hostile_values(client, user):
    organisation = OrganisationFactory(name="Verein im Wind", members=[user])
    client.force_login(user)
    url = f"/netzwerk/organisationen/{organisation.slug}/bearbeiten/"

    def stored(name):
        organisation.refresh_from_db()
        return organisation.revision[name]

    base = {"name": "Verein im Wind", "kind": "verein"}
    names = ["name", "kind", "description", "region", "place", "website", "topics", "offers"]
    text, choice = _varied(OrganisationForm, [*names, "logo_alt"])
    post_corpus(client, url, base=base, fields=text, stored=stored, ip=False)
    post_corpus(client, url, base=base, fields=choice, values=CHOICE_VALUES, ip=False)


def test_team_actions_refuse_hostile_values(client, innovator):
    """The buttons of the team page: a hostile member or action changes nobody's role."""
    from projects.models import ProjectMembership

    project = ProjectFactory(owner=innovator, title="Projekt mit Team")
    editor = UserFactory()
    ProjectMembership.objects.create(project=project, user=editor, role="editor")
    team = set(project.memberships.values_list("user_id", "role"))
    client.force_login(innovator)
    url = f"/projekte/{project.slug}/team/"
    values = {**CHOICE_VALUES, **SLUGGISH}
    member = project.memberships.get(user=editor).pk
    cases = [({"action": action}, "member") for action in ["remove", "owner", "invite"]]
    cases.append(({"member": member}, "action"))
    for base, field in cases:
        for key, value in values.items():
            response = client.post(url, {**base, field: value})
            label = f"POST {url} {base} {field}={key}"
            assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
            assert_harmless(response, label)
    assert set(project.memberships.values_list("user_id", "role")) == team


def test_account_consent_buttons_refuse_hostile_values(client, user):
    from network.public import is_public_person

    person = PersonFactory(name="Lina Linked", user=user, consent=True)
    client.force_login(user)
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        response = client.post("/netzwerk/einwilligung/konto/", {"action": value})
        assert response.status_code == 302, f"{response.status_code}: action={key}"
        assert is_public_person(person), f"a hostile action withdrew consent: {key}"
    response = client.post("/netzwerk/einwilligung/konto/", {}, follow=True)
    assert "Es wurde nichts geändert" in response.content.decode()
    assert is_public_person(person)


def test_organisation_review_refuses_or_stores_hostile_messages(client, superuser):
    member = UserFactory()
    organisation = OrganisationFactory(name="Verein im Wind", members=[member])
    log_in_with_second_factor(client, superuser)
    url = f"/admin/network/organisation/{organisation.pk}/review/"
    for key, value in {**HOSTILE_TEXT, **CHOICE_VALUES}.items():
        network_services.propose_organisation_change(
            organisation=organisation,
            data={"name": "Verein im Wind", "kind": "verein", "description": "Neu."},
            by=member,
        )
        for field in ["message", "action"]:
            response = client.post(url, {field: value}, follow=True)
            label = f"POST {url} {field}={key}"
            assert response.status_code == 200, f"{response.status_code}: {label}"
            assert "<script>alert(1)" not in response.content.decode(), label  # admin: own SVGs


def test_save_and_submit_button_refuses_hostile_values(client, innovator):
    """The edit form's two buttons: whatever ``submit`` carries, the answer is no 500 and
    an incomplete project is not submitted."""
    project = ProjectFactory(owner=innovator, title="Projekt im Entwurf", status="draft")
    client.force_login(innovator)
    url = f"/projekte/{project.slug}/bearbeiten/"
    for key, value in {**CHOICE_VALUES, **SLUGGISH, "empty": ""}.items():
        response = client.post(url, {"title": "Projekt im Entwurf", "submit": value})
        label = f"POST {url} submit={key}"
        assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
        project.refresh_from_db()
        assert project.status == "draft", label


def test_merge_choice_refuses_hostile_values(client, superuser):
    """The admin's merge page: a hostile or foreign choice shows the page again with an
    error and deletes nothing."""
    keep = OrganisationFactory(name="Behalten")
    duplicate = OrganisationFactory(name="Dublette")
    outsider = OrganisationFactory(name="Nicht ausgewählt")
    log_in_with_second_factor(client, superuser)
    data = {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk]}
    hostile = {**CHOICE_VALUES, **SLUGGISH, "not-selected": str(outsider.pk)}
    for key, value in hostile.items():
        if value in {str(keep.pk), str(duplicate.pk)}:
            continue  # a real choice
        response = client.post("/admin/network/organisation/", {**data, "keep": value})
        label = f"merge keep={key}"
        assert response.status_code == 200, f"{response.status_code}: {label}"
        page = response.content.decode()
        assert "Doppelte Organisationen zusammenführen" in page, label
        assert value == "" or "errorlist" in page, label  # nothing chosen: asked again
        assert Organisation.objects.count() == 3, label


@pytest.mark.parametrize(
    "changelist, action",
    [
        ("/admin/network/organisation/", "hide_selected"),
        ("/admin/network/organisation/", "show_selected"),
        ("/admin/network/organisation/", "approve_selected_changes"),
        ("/admin/network/person/", "withdraw_consent"),
        ("/admin/projects/project/", "publish_selected"),
        ("/admin/events/event/", "publish"),
        ("/admin/network/organisation/", "gibt-es-nicht"),
    ],
)
def test_admin_actions_refuse_hostile_selections(client, superuser, changelist, action):
    """Rows ticked for an action go through a form: a forged selection gets a message
    (Django's admin answered 500 for a selection that is not a number)."""
    organisation = OrganisationFactory(name="Sichtbar bleiben")
    log_in_with_second_factor(client, superuser)
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        if value == str(organisation.pk):
            continue  # a real selection
        response = client.post(changelist, {"action": action, "_selected_action": value})
        label = f"{action} _selected_action={key}"
        assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
    organisation.refresh_from_db()
    assert organisation.is_published


def test_project_decision_refuses_hostile_values(client, superuser):
    """The admin's decision page: an unknown decision or a hostile message changes nothing."""
    project = ProjectFactory(status="submitted", title="Wartet auf Entscheidung")
    log_in_with_second_factor(client, superuser)
    url = f"/admin/projects/project/{project.pk}/moderate/"
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        response = client.post(url, {"action": value, "message": "Bitte prüfen."})
        label = f"POST {url} action={key}"
        assert response.status_code == 200, f"{response.status_code}: {label}"
        project.refresh_from_db()
        assert project.status == "submitted", label
    for key, value in HOSTILE_TEXT.items():
        response = client.post(url, {"action": "request_changes", "message": value})
        label = f"POST {url} message={key}"
        assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
        assert "<script>alert(1)" not in response.content.decode(), label


# --- XSS payloads through every text field that reaches a page --------------------------------


def image_upload(name="bild.png", size=(120, 80)):
    return SimpleUploadedFile(name, png_bytes(size), "image/png")


def rendered(upload, rendition):
    from zukunftsplattform.images import open_validated, render

    return render(open_validated(upload), rendition)


def html_of(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, f"{response.status_code} for {path}"
    return response.content.decode()


def assert_pages_harmless(client, paths, payload):
    for path in paths:
        found = injections(html_of(client, path))
        assert found == [], (path, payload, found)


def assert_feed_harmless(client, path, payload):
    """A feed is well-formed XML, and what it declares as HTML is harmless HTML."""
    from xml.etree import ElementTree

    body = client.get(path).content.decode()
    root = ElementTree.fromstring(body)  # noqa: S314 - our own response
    atom = "{http://www.w3.org/2005/Atom}"
    for element in [*root.iter("description"), *root.iter(f"{atom}summary")]:
        found = injections(element.text or "")
        assert found == [], (path, payload, found)


def assert_admin_harmless(client, path, baseline_path, payload):
    """The admin ships its own script and icons: compare with the same page for benign text."""
    extra = Counter(injections(html_of(client, path))) - Counter(
        injections(html_of(client, baseline_path))
    )
    assert not extra, (path, payload, extra)


@pytest.fixture
def superuser(db):
    from allauth.account.models import EmailAddress

    admin = UserFactory(is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    return admin


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_organisation_fields_is_rendered_harmless(client, user, superuser, payload):
    from network.forms import LOGO

    def data(name):
        return {
            "name": name,
            "kind": "verein",
            "description": payload,
            "region": "dresden",
            "place": payload[:100],
            "logo": rendered(image_upload(), LOGO),
            "logo_alt": payload[:200],
            "is_platform_partner": True,
        }

    staff_made = network_services.create_organisation(data=data(f"Verein {payload}"[:200]))
    benign = network_services.create_organisation(data={**data("Harmloser Verein"), **{
        "description": "Gut.", "place": "Riesa", "logo_alt": "Logo"}})  # fmt: skip
    # A member proposes the same payloads through the form; the moderation approves.
    proposed = OrganisationFactory(name="Verein mit Vorschlag", members=[user])
    client.force_login(user)
    response = client.post(
        f"/netzwerk/organisationen/{proposed.slug}/bearbeiten/",
        {
            "name": f"Vorschlag {payload}"[:200],
            "kind": "verein",
            "description": payload,
            "place": payload[:100],
            "logo": image_upload(),
            "logo_alt": payload[:200],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    log_in_with_second_factor(client, superuser)
    admin = "/admin/network/organisation"
    assert_admin_harmless(
        client, f"{admin}/{proposed.pk}/review/", f"{admin}/{proposed.pk}/change/", payload
    )
    assert_admin_harmless(
        client, f"{admin}/{staff_made.pk}/change/", f"{admin}/{benign.pk}/change/", payload
    )
    network_services.approve_organisation_change(organisation=proposed, by=superuser)
    client.logout()
    PersonFactory(name="Mitglied", organisation=staff_made, consent=True)
    ProjectFactory(published=True, carrying_organisation=staff_made)
    assert_pages_harmless(
        client,
        [
            staff_made.get_absolute_url(),
            proposed.get_absolute_url(),
            "/netzwerk/organisationen/",
            "/netzwerk/organisationen/?q=Verein",
            "/suche/?q=Verein",
            "/",
        ],
        payload,
    )


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_person_fields_is_rendered_harmless(client, user, payload):
    from network.forms import PHOTO

    organisation = OrganisationFactory(name="Verein der Expertinnen")
    fields = {
        "role": payload[:200],
        "affiliation": payload[:200],
        "bio": payload,
        "photo_alt": payload[:200],
        "region": "dresden",
    }
    # Entered by the editorial team ...
    staff_made = network_services.create_person(
        data={
            "name": f"Expertin {payload}"[:200],
            "email": "expertin@example.org",
            "organisation": organisation,
            "photo": rendered(image_upload(), PHOTO),
            **fields,
        }
    )
    network_services.give_consent(person=staff_made, how="email_link", send_receipt=False)
    # ... and edited by the person themselves.
    own = PersonFactory(name="Lina Linked", user=user, consent=True)
    client.force_login(user)
    response = client.post(
        f"/netzwerk/personen/{own.slug}/bearbeiten/",
        {"name": f"Lina {payload}"[:200], **fields, "photo": image_upload()},
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    event = EventFactory(title="Forum mit Expertinnen")
    AgendaItemFactory(event=event, title="Impuls", speakers=[staff_made, own])
    assert_pages_harmless(
        client,
        [
            staff_made.get_absolute_url(),
            own.get_absolute_url(),
            "/netzwerk/personen/",
            "/netzwerk/personen/?q=Expertin",
            "/suche/?q=Expertin",
            organisation.get_absolute_url(),
            event.get_absolute_url(),
        ],
        payload,
    )


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_event_fields_is_rendered_harmless(client, user, superuser, payload):
    from django.core.files.base import ContentFile

    series = SeriesFactory(title=f"Reihe {payload}"[:200], summary=payload[:300])
    series.description = payload
    event_services.render_series(series)
    series.save()
    texts = {
        "summary": payload[:300],
        "description": payload,
        "venue_name": payload[:200],
        "street_address": payload[:200],
        "locality": payload[:100],
        "accessibility_notes": payload,
        "documentation_summary": payload,
        "documentation_results": payload,
    }
    upcoming = EventFactory(title=f"Forum {payload}"[:200], series=series, **texts)
    past = EventFactory(title=f"Rückblick {payload}"[:200], series=series, past=True, **texts)
    cancelled = EventFactory(title=f"Abgesagt {payload}"[:200], series=series, **texts)
    event_services.cancel_event(event=cancelled, reason=payload)
    benign = EventFactory(title="Harmloses Forum")
    for event in (upcoming, past):
        AgendaItemFactory(event=event, title=payload[:200], description=payload)
    Slides.objects.create(
        event=past, title=payload[:200], file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="f.pdf")
    )
    Photo.objects.create(
        event=past,
        image=rendered(image_upload(), event_services_photo_rendition()),
        alt_text=payload[:300],
        caption=payload[:300],
    )
    registration = event_services.register_user(
        event=upcoming, user=user, accessibility_needs=payload, dietary_needs=payload[:300]
    )
    guest = event_services.register_guest(
        event=upcoming, name=payload[:200], email="gast@example.org", accessibility_needs=payload
    )
    client.force_login(user)
    assert_pages_harmless(
        client,
        [
            upcoming.get_absolute_url(),
            registration.get_absolute_url(),
            "/veranstaltungen/meine-anmeldungen/",
        ],
        payload,
    )
    client.logout()
    assert_pages_harmless(
        client,
        [
            upcoming.get_absolute_url(),
            past.get_absolute_url(),
            cancelled.get_absolute_url(),
            guest.get_absolute_url(),
            f"/veranstaltungen/reihe/{series.slug}/",
            "/veranstaltungen/",
            "/veranstaltungen/?zeit=vergangene",
            "/veranstaltungen/?q=Forum",
            "/suche/?q=Forum",
            "/",
        ],
        payload,
    )
    for feed in ["/feeds/veranstaltungen/rss/", "/feeds/veranstaltungen/atom/"]:
        assert_feed_harmless(client, feed, payload)
    calendar = client.get("/veranstaltungen/kalender.ics")
    assert calendar.status_code == 200 and calendar["Content-Type"].startswith("text/calendar")
    log_in_with_second_factor(client, superuser)
    assert_admin_harmless(
        client,
        f"/admin/events/event/{upcoming.pk}/change/",
        f"/admin/events/event/{benign.pk}/change/",
        payload,
    )
    assert_admin_harmless(
        client,
        "/admin/events/registration/",
        f"/admin/events/registration/?event__id__exact={benign.pk}",
        payload,
    )


def event_services_photo_rendition():
    from events.forms import PHOTO_RENDITION

    return PHOTO_RENDITION


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_project_feeds_is_harmless_html(client, payload):
    ProjectFactory(published=True, title=f"Projekt {payload}"[:120], summary=payload[:300])
    for feed in ["/feeds/projekte/rss/", "/feeds/projekte/atom/"]:
        assert_feed_harmless(client, feed, payload)


@pytest.mark.parametrize("payload", XSS)
def test_payload_in_feedback_is_harmless_in_the_admin(client, superuser, payload):
    for message, name in [("Harmlos.", "Bea"), (payload, payload[:200])]:
        response = client.post(
            "/kontakt/",
            {"message": message, "name": name, "page_url": payload[:500], "email": "a@example.org"},
            REMOTE_ADDR=fresh_ip(),
        )
        assert response.status_code == 302
    benign, hostile = Feedback.objects.order_by("pk")
    log_in_with_second_factor(client, superuser)
    admin = "/admin/pages/feedback"
    assert_admin_harmless(
        client, f"{admin}/{hostile.pk}/change/", f"{admin}/{benign.pk}/change/", payload
    )
    assert_admin_harmless(client, f"{admin}/", f"{admin}/?q=Harmlos", payload)


# --- Malicious uploads into every image and file field ----------------------------------------


def _bytes(fmt="PNG", size=(300, 200), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 1 if mode == "1" else (200, 30, 30)).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 3.0, 0.0), 3: "E", 4: (13.0, 44.0, 0.0)}  # GPS IFD
    exif[0x010F] = "Kamerahersteller"
    return _bytes("JPEG", (2400, 1600), exif=exif)


def _bomb() -> bytes:
    side = int(MAX_PIXELS**0.5) + 2000
    return _bytes("PNG", (side, side), mode="1", optimize=True)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
# Any of these tells the person what was wrong (ours, or Django's for model image fields,
# which open the file before our check does).
NOT_AN_IMAGE = ("PNG, JPEG oder WebP", "nicht als Bild gelesen", "gültiges Bild")
TOO_MANY_PIXELS = ("zu viele Pixel", "gültiges Bild")
# Model image fields (admin) also refuse unknown extensions; the others judge by content.
EXTENSION_OR_CLEANED = ("Dateiendung",)

# (case, file name, content, refusal phrases, or None when the file must be cleaned)
IMAGE_UPLOADS = [
    ("svg-with-script", "bild.svg", lambda: SVG, NOT_AN_IMAGE),
    ("svg-named-png", "bild.png", lambda: SVG, NOT_AN_IMAGE),
    ("gif-named-png", "bild.png", lambda: _bytes("GIF", (10, 10)), NOT_AN_IMAGE),
    ("html-named-png", "bild.png", lambda: b"<html><script>alert(1)</script></html>", NOT_AN_IMAGE),
    ("truncated-jpeg", "kaputt.jpg", lambda: _bytes("JPEG")[:200], NOT_AN_IMAGE),
    ("decompression-bomb", "riesig.png", _bomb, TOO_MANY_PIXELS),
    ("too-wide", "streifen.png", lambda: _bytes("PNG", (MAX_SIDE + 1, 1), mode="1"), TOO_MANY_PIXELS),
    ("over-8-mb", "gross.png", lambda: b"\x89PNG" + b"0" * (9 * 1024 * 1024), ("größer als 8 MB", "gültiges Bild")),
    ("polyglot-tail", "logo.jpg", lambda: _bytes() + b"<script>alert(1)</script>", None),
    ("webp-named-gif", "foto.gif", lambda: _bytes("WEBP"), None),
    ("png-named-exe", "foto.exe", _bytes, EXTENSION_OR_CLEANED),
    ("exif-gps", "urlaub.jpg", _jpeg_with_gps, None),
    ("large-but-allowed", "breit.png", lambda: _bytes("PNG", (6000, 2000), mode="1"), None),
    ("path-in-name", "../../../etc/passwd.png", lambda: _bytes(), None),
    ("nul-in-name", "bild\x00.php.png", lambda: _bytes(), None),
]  # fmt: skip


def _organisation_member_form(upload):
    data = {"name": "Verein", "kind": "verein", "logo_alt": "Logo des Vereins"}
    return OrganisationForm(data=data, files={"logo": upload}), "logo"


def _organisation_admin_form(upload):
    data = {"name": "Verein", "slug": "verein", "kind": "verein", "logo_alt": "Logo"}
    return OrganisationAdminForm(data=data, files={"logo": upload}), "logo"


def _person_own_form(upload):
    return PersonForm(
        data={"name": "Lina", "photo_alt": "Porträt"}, files={"photo": upload}
    ), "photo"


def _person_admin_form(upload):
    data = {"name": "Lina", "slug": "lina", "language": "de", "photo_alt": "Porträt"}
    return PersonAdminForm(data=data, files={"photo": upload}), "photo"


def _event_photo_form(upload):
    form_class = modelform_factory(
        Photo, form=PhotoForm, fields=["image", "alt_text", "caption", "position"]
    )
    event = EventFactory(past=True)
    data = {"alt_text": "Publikum im Saal", "position": 0}
    return form_class(data=data, files={"image": upload}, instance=Photo(event=event)), "image"


def _event_image_form(upload):
    """The event's own picture, as the event admin's form cleans it."""
    form_class = modelform_factory(
        Event,
        form=type("EventImageForm", (EventImageFormMixin, forms.ModelForm), {}),
        fields=["image", "image_alt"],
    )
    data = {"image_alt": "Menschen im Gespräch"}
    return form_class(data=data, files={"image": upload}, instance=EventFactory()), "image"


IMAGE_TARGETS = {
    "organisation-logo-member": _organisation_member_form,
    "organisation-logo-admin": _organisation_admin_form,
    "person-photo-own": _person_own_form,
    "person-photo-admin": _person_admin_form,
    "event-photo-admin": _event_photo_form,
    "event-image-admin": _event_image_form,
}


def _stored_bytes(value) -> bytes:
    value.seek(0)
    return value.read()


@pytest.mark.parametrize("target", list(IMAGE_TARGETS))
@pytest.mark.parametrize(
    ("name", "content", "refusal"),
    [case[1:] for case in IMAGE_UPLOADS],
    ids=[case[0] for case in IMAGE_UPLOADS],
)
def test_malicious_image_upload_is_refused_or_cleaned(target, name, content, refusal):
    form, field = IMAGE_TARGETS[target](SimpleUploadedFile(name, content(), "image/png"))
    if refusal and not (refusal is EXTENSION_OR_CLEANED and form.is_valid()):
        assert not form.is_valid()
        message = " ".join(form.errors[field])
        assert any(phrase in message for phrase in refusal), message
        return
    assert form.is_valid(), form.errors
    stored = _stored_bytes(form.cleaned_data[field])
    assert stored[:4] == b"RIFF" and stored[8:12] == b"WEBP"
    assert b"<script" not in stored
    assert re.fullmatch(r"[0-9a-f]{32}\.webp", form.cleaned_data[field].name)
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert "exif" not in image.info and "xmp" not in image.info
        assert max(image.size) <= 1600


@pytest.fixture
def media_served(settings):
    """Uploads land where /media/ is served from (fixed when the URLconf was first loaded,
    possibly under another test's MEDIA_ROOT)."""
    from django.urls import resolve

    settings.MEDIA_ROOT = resolve(f"{settings.MEDIA_URL}x").kwargs["document_root"]


def test_cleaned_person_photo_reaches_the_page_without_metadata(client, user, media_served):
    person = PersonFactory(name="Lina Linked", user=user, consent=True)
    client.force_login(user)
    response = client.post(
        f"/netzwerk/personen/{person.slug}/bearbeiten/",
        {"name": "Lina Linked", "photo_alt": "Porträt", "photo": SimpleUploadedFile(
            "urlaub.jpg", _jpeg_with_gps() + b"<script>alert(1)</script>", "image/jpeg")},
    )  # fmt: skip
    assert response.status_code == 302
    person.refresh_from_db()
    served = client.get(person.photo.url)
    body = b"".join(served.streaming_content)
    served.close()
    assert served["Content-Type"] == "image/webp"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"<script" not in body and b"Kamerahersteller" not in body
    with Image.open(io.BytesIO(body)) as image:
        assert not image.getexif()


def pdf_bytes(tail: bytes = b"") -> bytes:
    return slide_pdf(tail=tail)


NOT_A_PDF = "nicht als PDF gelesen"
# (case, file name, content, refusal phrase or None when accepted, stored name ends with)
SLIDE_UPLOADS = [
    ("svg-named-pdf", "folien.pdf", lambda: SVG, "PDF-Datei", None),
    ("html-named-pdf", "folien.pdf", lambda: b"<html><script>alert(1)</script></html>", "PDF-Datei", None),
    ("html-before-header", "folien.pdf", lambda: POLYGLOT_HTML + pdf_bytes(), "PDF-Datei", None),
    ("png-named-pdf", "folien.pdf", _bytes, "PDF-Datei", None),
    ("empty", "folien.pdf", lambda: b"", "", None),
    ("over-20-mb", "gross.pdf", lambda: pdf_bytes(b"0" * (21 * 1024 * 1024)), "größer als 20 MB", None),
    ("header-only", "folien.pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", NOT_A_PDF, None),
    ("truncated", "folien.pdf", lambda: pdf_bytes()[:400], NOT_A_PDF, None),
    ("broken-xref", "folien.pdf", lambda: pdf_bytes().replace(b"0000000", b"0000001", 3), NOT_A_PDF, None),
    ("password", "folien.pdf", encrypted_pdf_bytes, "Passwort", None),
    ("pdf-named-exe", "folien.exe", pdf_bytes, None, ".exe.pdf"),
    ("pdf-named-html", "folien.html", pdf_bytes, None, ".html.pdf"),
    ("pdf-with-html-tail", "folien.pdf", lambda: pdf_bytes(b"<script>alert(1)</script>"), None, ".pdf"),
    ("html-pdf-polyglot", "folien.pdf", lambda: slide_pdf(
        html=True, comment=b"%" + POLYGLOT_HTML + b"\n", tail=POLYGLOT_HTML), None, ".pdf"),
    ("pdf-with-javascript", "folien.pdf", lambda: slide_pdf(active=True), None, ".pdf"),
    ("path-in-name", "../../etc/folien.pdf", pdf_bytes, None, ".pdf"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "refusal", "suffix"),
    [case[1:] for case in SLIDE_UPLOADS],
    ids=[case[0] for case in SLIDE_UPLOADS],
)
def test_malicious_slides_are_refused_or_stored_as_pdf(
    client, media_served, name, content, refusal, suffix
):
    form_class = modelform_factory(Slides, form=SlidesForm, fields=["title", "file", "position"])
    event = EventFactory(past=True)
    upload = SimpleUploadedFile(name, content(), "application/pdf")
    form = form_class(
        data={"title": "Folien", "position": 0},
        files={"file": upload},
        instance=Slides(event=event),
    )
    if refusal is not None:
        assert not form.is_valid()
        assert refusal in " ".join(form.errors["file"])
        return
    assert form.is_valid(), form.errors
    slides = form.save()
    assert slides.file.name.startswith("events/slides/") and ".." not in slides.file.name
    assert slides.file.name.endswith(suffix)
    # What is stored was written anew: no markup a browser could sniff, nothing that runs.
    slides.file.open("rb")
    stored = slides.file.read()
    slides.file.close()
    assert stored.startswith(b"%PDF-") and stored.rstrip().endswith(b"%%EOF")
    assert not re.search(rb"<\s*(html|script|body)", stored, re.IGNORECASE)
    assert b"/JS" not in stored and b"/JavaScript" not in stored
    assert active_content(stored) == []
    # Served as a PDF download that no browser may sniff into HTML.
    served = client.get(slides.file.url)
    served.close()
    assert served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"


# --- Behind the load balancer: whatever X-Forwarded-For says --------------------------------

HOSTILE_FORWARDED = [
    *HOSTILE_TEXT.values(),
    ", ".join(f"10.{n // 250}.{n % 250}.1" for n in range(2000)),  # a very long chain
    "::ffff:999.1.1.1",
    "[::1",
    "1.2.3.4:99999",
    "2001:db8::1%eth0",
    ",,,,",
    " ",
]


def test_hostile_forwarded_header_never_breaks_the_rate_limited_forms(client, user, settings):
    """From a trusted proxy, any header value gives an answer, never a 500."""
    settings.TRUSTED_PROXIES = ["10.250.0.1"]
    for n, forwarded in enumerate(HOSTILE_FORWARDED):
        for path, data in [
            ("/konto/login/", {"login": user.email, "password": "falsch"}),
            ("/kontakt/", {"message": f"Nachricht {n}"}),
        ]:
            response = client.post(
                path, data, REMOTE_ADDR="10.250.0.1", HTTP_X_FORWARDED_FOR=forwarded
            )
            assert response.status_code in {200, 302, 429}, (path, forwarded[:60])
            assert_harmless(response, f"{path} X-Forwarded-For {forwarded[:60]!r}")
