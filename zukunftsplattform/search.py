"""German full-text search shared by every list: stemming, typo tolerance, best first.

A model that wants it keeps two columns up to date (see ``update_search_columns``):
``search_vector`` (a German tsvector over all public text, GIN index) for stemmed matches –
"Kindern" finds "Kinder" – and ``search_text``: the *short* public words (title, name,
summary, place, topics; trigram GIN index) so that a typo such as "Nachbarschft" still finds
"Nachbarschaft".

Full text answers first. Only when it finds nothing does the trigram comparison run: it is
far more expensive per row (measured in docs/performance.md), so it must neither run for
every query nor compare against long descriptions.
"""

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import F, Value

CONFIG = "german"
MAX_QUERY_LENGTH = 200
# Word similarity above this counts as a match (pg_trgm's default for %> is 0.6).
TYPO_THRESHOLD = 0.5


def clean_query(raw: str | None) -> str:
    """Trim and bound the query; control characters never reach the database."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search(queryset, raw_query: str):
    """Filter ``queryset`` by the query and annotate ``search_rank``; order best first.

    Stemmed full-text matches when there are any (one indexed EXISTS query decides);
    otherwise typo-tolerant trigram matches on the short words.
    """
    query = clean_query(raw_query)
    if not query:
        return queryset
    ts_query = SearchQuery(query, config=CONFIG, search_type="websearch")
    full_text = queryset.filter(search_vector=ts_query)
    if full_text.exists():
        return full_text.annotate(search_rank=SearchRank(F("search_vector"), ts_query)).order_by(
            "-search_rank", "pk"
        )
    return (
        queryset.filter(search_text__trigram_word_similar=query)
        .annotate(search_rank=TrigramWordSimilarity(Value(query), "search_text"))
        .order_by("-search_rank", "pk")
    )


def update_search_columns(model, pk, *, weighted_fields: dict[str, str], text: str) -> None:
    """Store the tsvector (fields weighted A–D) and the short words for trigram matching."""
    vector = None
    for field, weight in weighted_fields.items():
        part = SearchVector(field, weight=weight, config=CONFIG)
        vector = part if vector is None else vector + part
    model.objects.filter(pk=pk).update(search_vector=vector, search_text=text[:2000])
