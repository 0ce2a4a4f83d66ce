"""German full-text search shared by every list: what a person means, best match first.

**Documents** (``search_document`` → ``update_search_columns``). Each model hands over its
public text in four weights: A the title or name; B what it is *about* (topics, target
groups, region, place, kind); C the summary; D the rest (long texts, English names of the
vocabulary). Stored as ``search_vector`` (German tsvector, GIN index). Long words of the
A–C fields also add their *tails* to D – "Schuldnerberatung" adds "beratung",
"Begegnungsgarten" adds "garten" – so that a word inside a compound is found; only
capitalised words (German compounds are nouns) and tails of at least five letters, so
that "gestalten" does not turn into "alten" – and a short list of shorter heads people
search for on their own ("Sprachcafé" adds "café", "Generationenhaus" "haus"). ``search_text`` keeps the short words (A–C)
for typo tolerance (trigram GIN index).

**Queries** (``search``). The words of a query are ANDed; each word matches

- its German stem anywhere ("Kindern" finds "Kinder"), and as a *prefix* in the A–C
  fields: "Reparatur" finds "Reparaturwerkstatt", "Senioren" finds "Seniorengenossenschaft";
- gender forms as one word: "Seniorinnen", "Senior*innen", "Innovator:innen",
  "InnovatorInnen" are searched as "Senior"/"Innovator", whose stem prefix finds every
  spelling in the documents;
- umlauts typed as ae/oe/ue ("Gruenau", "Fluechtlinge") as ä/ö/ü; ß and ss are one
  letter for the German stemmer already ("Weisswasser" finds "Weißwasser"); other accents
  are indexed without them too ("Cafe" finds "Café");
- staff-edited synonyms (``taxonomy.Synonym``, admin: Gemeinsame Begriffe → Synonyme): a word in a synonym
  set also matches every other term of it ("Flüchtlinge" finds "Geflüchtete"). They are
  read inside the same SQL statement (a tiny table), so a change counts at the next
  search, and the page cache's trigger on the table drops cached result pages.

Ranking is ``ts_rank`` with the weights (A 1.0, B 0.4, C 0.2, D 0.1) over every lexeme the
query's stems begin: a word or compound in the title comes before a topic, which comes
before the summary, which comes before a mention in a long text. Only the words typed
rank; what only a synonym found comes after them.

Full text answers first. Only when it finds nothing does the trigram comparison run over
the short words ("Nachbarschft" → "Nachbarschaft"): it is far more expensive per row
(docs/performance.md).

Why this and not ``unaccent`` or a compound dictionary: the German Snowball stemmer in
PostgreSQL already folds ä→a and ß→ss (and, from PostgreSQL 18, ae→a), so folding is only
needed for the query's ae/oe/ue on older servers; no extension beyond pg_trgm is needed,
and a hunspell compound dictionary would have to be installed on every database server.
Compound tails in the index rather than trigram similarity in the main query: the trigram
comparison costs per row what the GIN lookup of a few more lexemes does not.
"""

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.contrib.postgres.search import SearchQueryField, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField, Func, Value
from django.db.models.expressions import CombinedExpression

from taxonomy.public import Synonym

CONFIG = "german"
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
# Word similarity above this counts as a match (pg_trgm's default for %> is 0.6).
TYPO_THRESHOLD = 0.5
# Prefix matching only for stems this long: "Bus" must not find "Business", nor "Alter"
# (stem alt) "Alternative".
PREFIX_FROM = 4
# Compound tails: from words of at least this length, tails of at least this length.
TAIL_WORD_LENGTH = 8
TAIL_LENGTH = 5
TAIL_HEAD = 3
# Shorter compound heads people search for on their own ("Sprachcafé", "Generationenhaus",
# "Seniorenrat"). Any four-letter tail would add noise ("Gesellschaft" → "haft" would
# find a search for "Haft"), so the short ones are these words only.
SHORT_TAILS = frozenset(
    ["café", "cafe", "haus", "hof", "netz", "raum", "zeit", "werk", "park", "bank", "kita",
     "bahn", "rat", "tag", "bus", "club", "team", "dorf", "chor", "buch"]
)  # fmt: skip
# Weights where a query word may match as a prefix (title, about, summary).
PREFIX_WEIGHTS = "ABC"

WORD = re.compile(r"[^\W_]+")
# "Senior*innen", "Lehrer/-innen", "Innovator:innen", "Expert_in": the base form.
GENDER_MARKED = re.compile(r"([^\W_]{2,})[*:_/·'’]-?(?:in|innen)(?![^\W_])", re.IGNORECASE)
# Binnen-I: "InnovatorInnen", "SeniorIn".
BINNEN_I = re.compile(r"([a-zäöüß])I(?:n|nnen)(?![^\W_])")
# "Seniorinnen", "Lehrerin", "Nachbarinnen", "Studentin": person nouns only, so that
# "Termin", "Medizin" or "beginnen" stay as they are.
FEMININE = re.compile(
    r"(?<![^\W_])([^\W_]{2,}(?:or|er|ent|ant|ist|eur|ar|at|og|eg|ot|zt|nd|ts))(?:in|innen)(?![^\W_])",
    re.IGNORECASE,
)
DIGRAPHS = [(re.compile(r"ae"), "ä"), (re.compile(r"oe"), "ö"), (re.compile(r"(?<![aeq])ue"), "ü")]
# PostgreSQL's German stop words that contain an umlaut or ß: typed as "fuer" or
# "ueber", the word is a stop word too (tests/test_search_relevance.py checks the list).
UMLAUT_STOP_WORDS = frozenset(
    ["daß", "für", "können", "könnte", "über", "während", "würde", "würden"]
)

# The lexemes of a text (%s: the SQL that gives it) as a tsquery, joined by {joiner}.
# Matching: each lexeme exact anywhere, or – from PREFIX_FROM letters of the *stem* on,
# so "Alter" (alt) does not find "Alternative" – as a prefix in the A–C fields.
# Ranking: the long lexemes as a prefix only (ts_rank merges an exact and a prefix item of
# the same lexeme and would then ignore "Pflegenetz" in a title for "Pflege").
MATCH_LONG = "(''%%1$s'':*{weights} | ''%%1$s'')"
RANK_LONG = "''%%1$s'':*"
LEXEMES_SQL = """(
    SELECT to_tsquery('simple', string_agg(CASE WHEN length(lexeme) >= {prefix_from}
        THEN format('{long}', lexeme)
        ELSE format('''%%1$s''', lexeme) END, '{joiner}'))
    FROM unnest(tsvector_to_array(to_tsvector('{config}', {text}))) AS lexeme
    -- "inn": the "innen" of "Senior*innen" (the base word finds every form). A lexeme
    -- with a quote or backslash (never from a query's words) would break tsquery syntax.
    WHERE lexeme <> 'inn' AND lexeme !~ '[''\\\\]'
)"""
# Every other term of the synonym sets that contain the word: terms ORed, a term's words
# ANDed ("Menschen mit Behinderung").
SYNONYMS_SQL = """(
    SELECT to_tsquery('simple', string_agg({term}::text, ' | '))
    FROM {table} s
    CROSS JOIN LATERAL regexp_split_to_table(s.terms, '\\s*[,;\\n]\\s*') AS part(text)
    WHERE s.search_vector @@ to_tsquery('{config}', %s)
)"""


def clean_query(raw: str | None) -> str:
    """Trim and bound the query; control characters never reach the database."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _base_forms(text: str) -> str:
    """Gender forms to their base word: "Senior*innen", "Seniorinnen" → "Senior"."""
    text = GENDER_MARKED.sub(r"\1", text)
    text = BINNEN_I.sub(r"\1", text)
    return FEMININE.sub(r"\1", text)


def query_words(query: str) -> list[list[str]]:
    """The query's words, each with its spellings (lowercase), stop words left out.

    >>> query_words("Angebote fuer Seniorinnen in Gruenau")
    [['angebote'], ['senior'], ['in'], ['gruenau', 'grünau']]
    """
    words = []
    for word in WORD.findall(_base_forms(query).lower())[:MAX_QUERY_WORDS]:
        spellings = [word]
        umlauts = word
        for pattern, letter in DIGRAPHS:
            umlauts = pattern.sub(letter, umlauts)
        if umlauts != word:
            if umlauts in UMLAUT_STOP_WORDS:
                continue
            spellings.append(umlauts)
        words.append(spellings)
    return words


def _exact(spellings: list[str]) -> str:
    # Words are letters and digits only (``WORD``); the quotes keep tsquery syntax out.
    return " | ".join(f"'{spelling}'" for spelling in spellings)


class PortalQuery(Expression):
    """The tsquery of a query: its words ANDed, each with spellings, prefix and synonyms."""

    output_field = SearchQueryField()

    def __init__(self, words: list[list[str]], *, for_rank: bool = False):
        super().__init__()
        self.words = words
        self.for_rank = for_rank

    def as_sql(self, compiler, connection):

        long = (RANK_LONG if self.for_rank else MATCH_LONG).format(weights=PREFIX_WEIGHTS)

        def lexemes(text_sql, joiner):
            return LEXEMES_SQL.format(
                text=text_sql, joiner=joiner, config=CONFIG, long=long, prefix_from=PREFIX_FROM
            )

        synonyms = SYNONYMS_SQL.format(
            term=lexemes("part.text", " & "),
            table=connection.ops.quote_name(Synonym._meta.db_table),
            config=CONFIG,
        )
        own = lexemes("%s", " | ")
        parts, params = [], []
        for spellings in self.words:
            if self.for_rank:  # synonyms find, the words typed rank
                parts.append(f"coalesce({own}, ''::tsquery)")
                params.append(" ".join(spellings))
                continue
            parts.append(f"(coalesce({own}, ''::tsquery) || coalesce({synonyms}, ''::tsquery))")
            params += [" ".join(spellings), _exact(spellings)]
        return "(" + " && ".join(parts) + ")", params


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class _Rank(Func):
    function = "ts_rank"
    output_field = FloatField()


def search(queryset, raw_query: str):
    """Filter ``queryset`` by the query and annotate ``search_rank``; order best first.

    Full-text matches when there are any (one indexed EXISTS query decides); otherwise
    typo-tolerant trigram matches on the short words.
    """
    query = clean_query(raw_query)
    if not query:
        return queryset
    words = query_words(query)
    if words:
        ts_query = PortalQuery(words)
        full_text = queryset.filter(_Matches(F("search_vector"), ts_query))
        if full_text.exists():
            rank = _Rank(F("search_vector"), PortalQuery(words, for_rank=True))
            return full_text.annotate(search_rank=rank).order_by("-search_rank", "pk")
    return (
        queryset.filter(search_text__trigram_word_similar=query)
        # The words as a literal (the stubs expect a field name there).
        .annotate(search_rank=TrigramWordSimilarity(Value(query), "search_text"))  # type: ignore[arg-type]
        .order_by("-search_rank", "pk")
    )


def _strip_accents(word: str) -> str:
    """ "Café" → "Cafe"; German umlauts and ß stay (the stemmer folds those itself)."""
    kept = {"ä", "ö", "ü", "Ä", "Ö", "Ü"}
    return "".join(
        ch
        for part in word
        for ch in (part if part in kept else unicodedata.normalize("NFKD", part))
        if not unicodedata.combining(ch)
    )


def _tails(text: str) -> list[str]:
    """Compound tails of the capitalised long words: "Schuldnerberatung" → "beratung", …

    Tails of at least ``TAIL_LENGTH`` letters, and the ``SHORT_TAILS`` words at the end:
    "Sprachcafé" → "café" and, without the accent, "cafe".
    """
    tails = []
    for word in WORD.findall(text):
        if len(word) < TAIL_WORD_LENGTH or not word[0].isupper():
            continue
        for lower in dict.fromkeys([word.lower(), _strip_accents(word).lower()]):
            tails += [lower[i:] for i in range(TAIL_HEAD, len(lower) - TAIL_LENGTH + 1)]
            tails += [short for short in SHORT_TAILS if lower.endswith(short)]
    return list(dict.fromkeys(tails))


def search_document(*, a=(), b=(), c=(), d=()) -> dict[str, str]:
    """The four weighted texts and the short words of one object's public text.

    ``a`` title or name, ``b`` what it is about (topics, target groups, region, place,
    kind …), ``c`` the summary, ``d`` the rest; each an iterable of strings.
    """
    short = " ".join(filter(None, [*a, *b, *c]))
    extra = [_strip_accents(w) for w in WORD.findall(short) if _strip_accents(w) != w]
    return {
        "A": " ".join(filter(None, a)),
        "B": " ".join(filter(None, b)),
        "C": " ".join(filter(None, c)),
        "D": " ".join([*filter(None, d), *_tails(short), *extra]),
        "words": short[:2000],
    }


def document_vector(document: dict[str, str]):
    """The tsvector expression of a ``search_document``."""
    vector: SearchVector | CombinedExpression | None = None
    for weight in "ABCD":
        part = SearchVector(Value(document[weight]), weight=weight, config=CONFIG)
        vector = part if vector is None else vector + part
    return vector


def update_search_columns(model, pk, *, document: dict[str, str]) -> None:
    """Store the weighted tsvector and the short words of a ``search_document``."""
    model.objects.filter(pk=pk).update(
        search_vector=document_vector(document), search_text=document["words"]
    )


def bulk_update_search_columns(model, documents: dict[int, dict[str, str]]) -> None:
    """``update_search_columns`` for many rows in one statement (the bench data)."""
    if not documents:
        return

    table = connection.ops.quote_name(model._meta.db_table)
    rows = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(documents))
    vector = " || ".join(
        f"setweight(to_tsvector('{CONFIG}', v.{w.lower()}), '{w}')" for w in "ABCD"
    )
    params: list[Any] = []
    for pk, document in documents.items():
        params += [pk, *(document[w] for w in "ABCD"), document["words"]]
    # Only table and column names and placeholders are formatted into the statement.
    sql = f"UPDATE {table} SET search_vector = {vector}, search_text = v.words "  # noqa: S608
    sql += f"FROM (VALUES {rows}) AS v(id, a, b, c, d, words) WHERE {table}.id = v.id"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# Each app registers how to index its objects (``AppConfig.ready``); ``manage.py
# refresh_search`` runs them all after a release that changes how text is read.
_REINDEXERS: dict[str, tuple[Callable, Callable]] = {}


def register_reindexer(name: str, objects: Callable, refresh: Callable) -> None:
    """``objects()`` gives every object of a kind, ``refresh(obj)`` indexes one."""
    _REINDEXERS[name] = (objects, refresh)


def reindex_everything() -> dict[str, int]:
    """Index every object of every kind again: {kind: how many}."""
    counts = {}
    for name, (objects, refresh) in _REINDEXERS.items():
        counts[name] = 0
        for obj in objects().iterator(chunk_size=500):
            refresh(obj)
            counts[name] += 1
    return counts
