from django.core.paginator import Paginator

PAGE_PARAM = "seite"


def paginate(request, queryset, *, per_page: int = 20):
    """The requested page; a missing, invalid or too large number gives the first or last page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(PAGE_PARAM))


def query_without_page(request) -> str:
    """The current filters as a query string, to build page links that keep them."""
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return params.urlencode()
