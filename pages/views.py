import functools
from datetime import UTC, timedelta
from pathlib import Path
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from accounts.public import permission_denied as log_denial
from events.public import upcoming_events
from network.public import platform_partners
from pages.forms import FeedbackForm, FeedbackPrefillForm
from pages.models import ContentPage, Feedback
from pages.services import receive_feedback
from projects.public import best_practice_projects, newest_projects
from zukunftsplattform.pagecache import page_cache_exempt
from zukunftsplattform.ratelimit import ratelimit_post

FEEDBACK_PAGES: dict[str, str] = {
    ContentPage.Slug.BARRIEREFREIHEIT: Feedback.Kind.ACCESSIBILITY,
    ContentPage.Slug.KONTAKT: Feedback.Kind.CONTACT,
}


@require_safe
def home(request):

    best_practice = best_practice_projects(limit=3)
    context = {
        # Different projects in the two sections: the newest leave out the best practice.
        "newest_projects": newest_projects(limit=6, exclude=best_practice),
        "best_practice": best_practice,
        "upcoming_events": upcoming_events(limit=3),
        "partners": platform_partners(),
    }
    return render(request, "pages/home.html", context)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit_post("feedback", limit=5, period=600)
def content_page(request, slug):
    """A legal page; the accessibility and contact pages carry a feedback form.

    The form is CSRF-exempt on purpose: a CSRF token would set a cookie for every
    anonymous reader of these pages, and a forged submission could only send us a
    message – which the rate limit bounds anyway.
    """
    page = get_object_or_404(ContentPage, slug=slug)
    kind = FEEDBACK_PAGES.get(page.slug)
    form = None
    if kind:
        form = FeedbackForm(
            request.POST if request.method == "POST" else None,
            initial={"page_url": FeedbackPrefillForm(request.GET).page_url()},
        )
        if request.method == "POST" and form.is_valid():
            receive_feedback(kind=kind, **form.cleaned_data)
            messages.success(request, _("Thank you! Your message has reached the editorial team."))
            return redirect(request.path)
    elif request.method == "POST":
        return HttpResponse(status=405)
    return render(request, "pages/content_page.html", {"page": page, "form": form})


@page_cache_exempt
@require_safe
def healthz(request):
    """For the load balancer: 200 when this instance can reach its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /en/konto/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, where browsers and feed readers look without asking the page: the
    portal's mark from our static files (drawn by scripts/make_icons.py)."""
    return HttpResponse(_favicon_bytes(), content_type="image/vnd.microsoft.icon")


@functools.cache
def _favicon_bytes() -> bytes:
    return Path(cast(str, finders.find("img/favicon.ico"))).read_bytes()


@require_safe
def security_txt(request):
    """RFC 9116. Expires is kept under a year ahead, as the RFC recommends."""
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: de, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):

    log_denial(request)
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def too_many_requests(request, exception=None):
    return render(request, "errors/429.html", status=429)


def server_error(request):
    # No context processors here: rendering must not depend on anything that may be broken.

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
