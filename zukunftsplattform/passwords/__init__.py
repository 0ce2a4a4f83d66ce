"""A common-password check that knows German passwords.

Django's ``CommonPasswordValidator`` compares the whole password with 20,000 common
passwords, mostly English. This one adds about 49,000 from zxcvbn-ts
(``@zxcvbn-ts/language-common``, MIT, see ``LICENSE-zxcvbn-ts.txt`` and ``VERSION``;
``scripts/update_password_list.sh`` updates it), German ones such as "passwort",
"hallo123" and "schatzi" among them, and our own German list (``german.txt``). It also
refuses a listed password with digits or symbols before or after it and in simple
leetspeak: "Passwort123!", "Sommer2025!" and "P@ssw0rt" are what people type when a form
asks for ten characters with a digit, and what attackers try first.
"""

import gzip
import string
import unicodedata
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HERE = Path(__file__).resolve().parent
DECORATION = string.digits + string.punctuation + string.whitespace + "§€°´"
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


def _read(path: Path) -> set[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def candidates(password: str) -> set[str]:
    """The forms of ``password`` that are looked up: as typed (lowercased), without the
    digits and symbols around it, and that core read as leetspeak."""
    typed = unicodedata.normalize("NFKC", password).strip().lower()
    core = typed.strip(DECORATION)
    return {form for form in (typed, core, core.translate(LEET)) if form}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def __init__(self, password_list_path=None):
        super().__init__(*([password_list_path] if password_list_path else []))
        self.passwords |= _read(HERE / "zxcvbn-ts-passwords.txt.gz") | _read(HERE / "german.txt")

    def validate(self, password, user=None):
        if candidates(password) & self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self):
        return _(
            "This password is one of the most common passwords, or one of them with digits "
            "or symbols added, and would be among the first an attacker tries. Please "
            "choose another one, for example several words that have nothing to do with "
            "each other."
        )

    def get_help_text(self):
        return _(
            "Your password can’t be a commonly used password, not even with digits or "
            "symbols added."
        )
