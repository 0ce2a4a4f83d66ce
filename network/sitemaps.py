from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from network.models import Organisation, Person


class OrganisationSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Organisation.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PersonSitemap(Sitemap):
    """Only people with consent to the text in force: a withdrawal removes them at once."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Person.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class NetworkPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["network:organisations", "network:people", "network:needs_and_offers"]

    def location(self, item):
        return reverse(item)
