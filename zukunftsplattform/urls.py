from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from accounts import views as accounts_views
from api import docs as api_docs
from events.sitemaps import EventListsSitemap, EventsSitemap, SeriesSitemap
from network.sitemaps import NetworkPagesSitemap, OrganisationSitemap, PersonSitemap
from pages import search as pages_search
from pages import views as pages_views
from pages.sitemaps import ContentPagesSitemap, StaticPagesSitemap
from projects.feeds import NewProjectsAtomFeed, NewProjectsFeed
from projects.sitemaps import ProjectListsSitemap, ProjectSitemap
from zukunftsplattform.media import serve_media

# Admin login goes through allauth: rate limits, second factor, one login page.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Zukunftsplattform – Redaktion"
admin.site.site_title = "Zukunftsplattform"

sitemaps = {
    "static": StaticPagesSitemap,
    "pages": ContentPagesSitemap,
    "project-lists": ProjectListsSitemap,
    "projects": ProjectSitemap,
    "event-lists": EventListsSitemap,
    "events": EventsSitemap,
    "event-series": SeriesSitemap,
    "network-pages": NetworkPagesSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
}

urlpatterns = [
    path("healthz", pages_views.healthz, name="healthz"),
    path("robots.txt", pages_views.robots_txt, name="robots_txt"),
    path("favicon.ico", pages_views.favicon, name="favicon"),
    path(".well-known/security.txt", pages_views.security_txt, name="security_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("admin/dashboard/", include("insights.urls")),  # before the admin's catch-all
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("projects.urls")),
    path("feeds/projekte/rss/", NewProjectsFeed(), name="projects_feed_rss"),
    path("feeds/projekte/atom/", NewProjectsAtomFeed(), name="projects_feed_atom"),
    path("suche/", pages_search.search, name="search"),
    path("nutzungsbedingungen/", accounts_views.terms_of_use, name="terms_of_use"),
    path("veranstaltungen/", include("events.urls")),
    path("netzwerk/", include("network.urls")),
    path("", include("contact.urls")),
    path("feeds/veranstaltungen/", include("events.feed_urls")),
    path("melden/", include("notices.urls")),
    path("", include("following.urls")),
    path("api/v1/docs/", api_docs.docs_page, name="api_docs"),
    path("daten/", include("opendata.urls")),
    path("", include("pages.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Uploaded images (already re-encoded on upload). Behind a CDN or an object store,
    # set SERVE_MEDIA=0 and let that serve MEDIA_URL.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

handler400 = "pages.views.bad_request"
handler403 = "pages.views.permission_denied"
handler404 = "pages.views.page_not_found"
# Not a Django hook: allauth answers its rate limits with <ROOT_URLCONF>.handler429.
handler429 = "pages.views.too_many_requests"
handler500 = "pages.views.server_error"
