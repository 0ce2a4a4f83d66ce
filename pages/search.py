"""One search across the portal: projects, organisations, people and events together.

Each kind asks its own app's public search (German stemming and typo tolerance from
``zukunftsplattform.search``), shows its best few matches with the total, and links to
that kind's list filtered by the same words. Two queries per kind, however many match.
"""

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from events.public import search_events
from network.public import search_organisations, search_people
from projects.public import search_projects
from zukunftsplattform.ratelimit import ratelimit_search
from zukunftsplattform.search import MAX_QUERY_LENGTH, clean_query

PER_KIND = 4


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search term"),
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput(),
    )

    def query(self) -> str:
        return clean_query(self.cleaned_data["q"]) if self.is_valid() else ""


def _kinds():
    """(key, heading, search(query) -> queryset, list URL name, card template, card name)."""
    return [
        ("projects", _("Projects"), search_projects, "projects:list", "projects/card.html", "project"),
        (
            "organisations",
            _("Organisations"),
            search_organisations,
            "network:organisations",
            "network/organisation_card.html",
            "organisation",
        ),
        ("people", _("People"), search_people, "network:people", "network/person_card.html", "person"),
        ("events", _("Events"), search_events, "events:list", "events/card.html", "event"),
    ]  # fmt: skip


def _list_url(name: str, query: str) -> str:
    return f"{reverse(name)}?{urlencode({'q': query})}"


@require_safe
@ratelimit_search
def search(request):
    # Unbound on the first visit, so an empty form is not an error yet.
    form = SearchForm(request.GET if "q" in request.GET else None)
    query = form.query()
    groups = []
    if query:
        for key, heading, find, list_name, template, item_name in _kinds():
            results = find(query)
            groups.append(
                {
                    "key": key,
                    "heading": heading,
                    "count": results.count(),
                    "items": list(results[:PER_KIND]),
                    "list_url": _list_url(list_name, query),
                    "template": template,
                    "item_name": item_name,
                }
            )
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "total": sum(group["count"] for group in groups),
    }
    return render(request, "pages/search.html", context)
