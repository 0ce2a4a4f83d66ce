from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from pages import views as pages_views
from pages.sitemaps import ContentPagesSitemap, StaticPagesSitemap

# Admin login goes through allauth: rate limits, second factor, one login page.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Zukunftsplattform – Redaktion"
admin.site.site_title = "Zukunftsplattform"

sitemaps = {"static": StaticPagesSitemap, "pages": ContentPagesSitemap}

urlpatterns = [
    path("healthz", pages_views.healthz, name="healthz"),
    path("robots.txt", pages_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", pages_views.security_txt, name="security_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("pages.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "pages.views.bad_request"
handler403 = "pages.views.permission_denied"
handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
