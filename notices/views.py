"""The notice form (``/melden/<kind>/<slug>/``): anyone may report a public page.

The form has its own page, so the detail pages it is linked from stay cacheable. For
visitors it is CSRF-exempt, like the feedback form: a CSRF token would set a cookie for
every reader, and a forged notice could only send us a report – which the rate limit
bounds. A signed-in person's notice is linked to their account, so theirs is protected.
"""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from notices.forms import ReportForm
from notices.permissions import get_reportable_or_404
from notices.services import receive_report
from zukunftsplattform.ratelimit import ratelimit_post

#: Notices per client address and period (seconds): enough for a person, not for a flood.
RATE_LIMIT, RATE_PERIOD = 5, 600


def _csrf_when_signed_in(view):
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return protected(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)


@_csrf_when_signed_in
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit_post("notices", limit=RATE_LIMIT, period=RATE_PERIOD)
def report(request, kind, slug):
    target, content = get_reportable_or_404(kind, slug)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        receive_report(
            content=content,
            reporter=request.user,
            language=request.LANGUAGE_CODE,
            **form.cleaned_data,
        )
        messages.success(
            request,
            _(
                "Thank you. Your report has reached the moderation; a person will look at "
                "it and decide."
            ),
        )
        return redirect(content.get_absolute_url())
    context = {
        "form": form,
        "content": content,
        "target": target,
        "title": target.title(content),
    }
    return render(request, "notices/report_form.html", context)
