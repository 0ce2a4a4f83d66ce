from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pages.models import ContentPage


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["pages:home", "terms_of_use", "api_docs", "opendata:index"]

    def location(self, item):
        return reverse(item)


class ContentPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ContentPage.objects.order_by("slug")

    def location(self, item):
        return reverse("pages:content", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at
