"""The hostile-input corpus and what "refused or stored, never a 500" means.

Three corpora go through every public surface (one module each, and one for lists):

- ``test_lists_and_paths.py``, ``test_forms.py``: random, oversized and malformed values (NUL bytes, 10k characters, bidi overrides,
  emoji, combining marks, SQL- and template-looking text, broken UTF-8, absurd page
  numbers, repeated parameters, invalid slugs and tokens) into every filter parameter,
  every public form and the logged-in profile forms: a form that refuses a value says
  what was wrong in the error summary (linking to the field) and shows the value again,
  escaped; a form that accepts it stores exactly what was typed;
- ``test_xss.py``: the XSS payloads of ``tests/projects/test_hostile_input.py`` through every text field of
  organisations, people, events and feedback that reaches a page or the admin: no
  element, attribute or URL scheme that could run script appears;
- ``test_uploads.py``: malicious uploads into organisation logos, person photos, event photos and slides:
  refused with a clear German message, or cleaned (re-encoded, no metadata, no tail).

Values come from a fixed-seed ``random.Random``, so a failure can be reproduced.
"""

import itertools
import json
import random
import re
import string
from html.parser import HTMLParser

from django import forms
from django.utils.html import escape

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
        elif tag == "svg" and values.get("class") in {"chart", "saxony-map__svg"}:
            pass  # the chart network/needs_and_offers.html and the map taxonomy/maps.py draw
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


def _post(client, url, base, typed: dict, *, ip: bool, label: str):
    """POST ``base`` (a dict, or a callable making one) with ``typed`` on top: never a 500,
    nothing that could run script."""
    data = {**(base() if callable(base) else base), **typed}
    extra = {"REMOTE_ADDR": fresh_ip()} if ip else {}
    response = client.post(url, data, **extra)
    assert response.status_code in {200, 302, 400}, f"{response.status_code}: {label}"
    assert_harmless(response, label)
    return response


def post_corpus(client, url, *, base, fields, stored=None, values=None, ip=True):
    """POST ``base`` with each hostile value in each field; check refusal or storage.

    ``stored(name)`` returns what was saved for a field after an accepted POST.
    Returns the number of requests made.
    """
    count = 0
    values = values or HOSTILE_TEXT
    for name in fields:
        for key, value in values.items():
            label = f"POST {url} {name}={key}"
            response = _post(client, url, base, {name: value}, ip=ip, label=label)
            count += 1
            if response.status_code == 302:
                if stored is not None:
                    assert stored(name) == value.strip(), f"not stored as typed: {label}"
                continue
            form = response.context["form"]
            assert form.errors, f"{response.status_code} without errors: {label}"
            check_refusal(response, form, {name: value}, label)
    return count


def post_corpus_together(client, url, *, base, fields, stored=None, values=None, ip=True):
    """What :func:`post_corpus` checks, with each hostile value in all ``fields`` at once.

    The form judges each field on its own, so one POST per value says the same about every
    field as one POST per field and value: the fields it refuses must be named in the
    summary with the value kept; the others are sent again, without the refused ones, until
    the form takes them, and then each must be stored exactly as typed. A form that refuses
    without naming a field gets each remaining field on its own, as in :func:`post_corpus`.
    Returns the number of requests made.
    """
    count = 0
    values = values or HOSTILE_TEXT
    for key, value in values.items():
        pending = list(fields)
        while pending:
            label = f"POST {url} {', '.join(pending)}={key}"
            response = _post(client, url, base, dict.fromkeys(pending, value), ip=ip, label=label)
            count += 1
            if response.status_code == 302:
                for name in pending if stored is not None else []:
                    assert stored(name) == value.strip(), f"{name} not stored as typed: {label}"
                break
            form = response.context["form"]
            assert form.errors, f"{response.status_code} without errors: {label}"
            check_refusal(response, form, dict.fromkeys(pending, value), label)
            refused = [name for name in pending if name in form.errors]
            if not refused:
                alone = {key: value}
                count += post_corpus(
                    client, url, base=base, fields=pending, stored=stored, values=alone, ip=ip
                )
                break
            pending = [name for name in pending if name not in refused]
    return count
