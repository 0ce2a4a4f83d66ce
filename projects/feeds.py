from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from projects.models import Project
from zukunftsplattform.publisher import PUBLISHER_NAME


class NewProjectsFeed(Feed):
    title = _("New projects on the Future Platform for Social Innovation")
    description = _("Projects newly published on the platform.")
    link = reverse_lazy("projects:list")
    author_name = PUBLISHER_NAME  # Atom (RFC 4287) requires an author for the feed

    def items(self):
        return (
            Project.objects.published()
            .only("slug", "title", "summary", "published_at")
            .order_by("-published_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers treat the description as HTML (Atom says so: type="html").
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # Atom requires every entry's <updated>; what this feed announces is the publication.
        return item.published_at


class NewProjectsAtomFeed(NewProjectsFeed):
    feed_type = Atom1Feed
    subtitle = NewProjectsFeed.description
