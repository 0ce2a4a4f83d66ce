"""What German names need from the code: addresses (slugs) and alphabetical order.

**Slugs.** Django's ``slugify`` drops what it cannot decompose to ASCII: "Meißen" became
``meien`` and "Görlitz" ``gorlitz``. German writes umlauts and ß out (ä → ae, ß → ss)
when it has to do without them, so addresses do too: ``meissen``, ``goerlitz``.

**Order.** PostgreSQL's default collation in our cluster is ``C.UTF-8``: code-point order
puts "SEND" before "Sachgebiet" and "Äpfel" after "Zebra". A German collation would fix
that, but the bundled development and test server (embedded PostgreSQL 18) is built
without ICU and the machine has no German libc locale, so ``CREATE COLLATION`` cannot
make one there. :func:`german_order` sorts by a key in SQL instead: case folded, umlauts
as their base letter, ß as ss, accents of neighbouring languages (Sorbian, Polish, Czech)
removed – DIN 5007-1, the dictionary order a German reader expects, which is also what
an ICU ``de`` collation does at its first level. It behaves the same on every server, so
what the tests check is what production shows, and the lists' indexes are built on the
same expression.
"""

from django.contrib import admin
from django.db import models
from django.db.models.functions import Lower, Replace
from django.utils.text import slugify

# Spelt out in addresses, as German does without umlauts; the rest slugify decomposes
# (é → e, č → c) except letters without a decomposition, which are listed too.
_SLUG_LETTERS = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS",
        "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
        "đ": "d", "Đ": "D", "/": " ",  # "Weißwasser/O.L." has two words
    }
)  # fmt: skip

# Sorted as their base letter (DIN 5007-1); ß is handled apart because it becomes two.
_SORT_FROM = "ÀÁÂÃÄÅàáâãäåÇçĆćČčĎďÈÉÊËèéêëĚěÌÍÎÏìíîïŁłŃńŇňÑñÒÓÔÕÖØòóôõöøŘřŚśŠšŤťÙÚÛÜùúûüŮůÝýŹźŻżŽž"
_SORT_TO = "AAAAAAaaaaaaCcCcCcDdEEEEeeeeEeIIIIiiiiLlNnNnNnOOOOOOooooooRrSsSsTtUUUUuuuuUuYyZzZzZz"
assert len(_SORT_FROM) == len(_SORT_TO)


def slugify_de(text: str) -> str:
    """An ASCII address for a German name: ``"Weißwasser/O.L."`` → ``"weisswasser-ol"``."""
    return slugify(str(text).translate(_SLUG_LETTERS))


class Translate(models.Func):
    function = "translate"
    output_field = models.TextField()


def german_sort_key(field: str):
    """The SQL expression names are sorted by (see the module docstring)."""
    text = models.TextField()
    folded = Translate(
        models.F(field),
        models.Value(_SORT_FROM, output_field=text),
        models.Value(_SORT_TO, output_field=text),
    )
    return Replace(
        Lower(folded, output_field=text),
        models.Value("ß", output_field=text),
        models.Value("ss", output_field=text),
        output_field=text,
    )


def german_order(field: str) -> list:
    """``order_by(*german_order("name"))``: German alphabetical order, stable with ``pk``."""
    return [german_sort_key(field).asc(), "pk"]


def german_column(model, field: str):
    """An admin list column showing ``field``, sorted in German order by its header.

    ``name_in_german_order = german_column(Organisation, "name")`` on the ModelAdmin, and
    ``"name_in_german_order"`` in its ``list_display``.
    """

    @admin.display(
        description=model._meta.get_field(field).verbose_name,
        ordering=german_sort_key(field),
    )
    def column(admin_, obj):
        return getattr(obj, field)

    return column
