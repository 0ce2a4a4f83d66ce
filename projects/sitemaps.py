from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from projects.models import Project


class ProjectSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Project.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ProjectListsSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["projects:list", "projects:best_practice"]

    def location(self, item):
        return reverse(item)
