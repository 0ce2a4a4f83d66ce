from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event, Series


class EventsSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("-start", "pk")

    def lastmod(self, item):
        return item.updated_at


class SeriesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return (
            Series.objects.filter(events__status__in=["published", "cancelled"])
            .distinct()
            .order_by("slug")
        )

    def lastmod(self, item):
        return item.updated_at


class EventListsSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["events:list"]

    def location(self, item):
        return reverse(item)
