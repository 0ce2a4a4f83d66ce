"""The dashboard page and its exports; both read the same GET form and the same figures."""

from django.contrib import admin
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from insights import charts, exports
from insights.figures import FIGURES, Period, all_figures
from insights.forms import PeriodForm, default_period
from insights.permissions import dashboard_access
from insights.snapshots import ensure_current_snapshot


def _period(request) -> tuple[PeriodForm, Period | None]:
    form = PeriodForm(request.GET or None)
    if not request.GET:
        start, end = default_period()
        return form, Period(start, end)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, Period(data["start"], data["end"], data.get("region") or "")


@require_safe
@dashboard_access
def dashboard(request):
    ensure_current_snapshot()  # the first use gives the trends a current point
    form, period = _period(request)
    if period and not request.GET:
        form = PeriodForm(initial={"von": period.start, "bis": period.end})
    figures = [(f, charts.draw(f)) for f in all_figures(period)] if period else []
    context = {
        **admin.site.each_context(request),
        "title": _("Dashboard"),
        "form": form,
        "period": period,
        "figures": figures,
        "query": request.GET.urlencode(),
    }
    return render(request, "insights/dashboard.html", context)


@require_safe
@dashboard_access
def export(request, figure: str, extension: str):
    if (figure != "alle" and figure not in FIGURES) or (figure == "alle" and extension != "xlsx"):
        raise Http404
    _form, period = _period(request)
    if period is None:
        return dashboard(request)  # the page tells what is wrong
    if figure == "alle":
        return exports.xlsx_response(all_figures(period), period, name="dashboard")
    built = FIGURES[figure](period)
    if extension == "csv":
        return exports.csv_response(built, period)
    return exports.xlsx_response([built], period, name=built.slug)
