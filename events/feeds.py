"""RSS and Atom feeds of newly published events (newest announcement first)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from events.formatting import format_range
from events.models import Event
from zukunftsplattform.publisher import PUBLISHER_NAME

FEED_SIZE = 30


class NewEventsFeed(Feed):
    title = _("Events – Future Platform for Social Innovation")
    description = _("New events of the dialogue series and the platform's partners in Saxony.")
    author_name = PUBLISHER_NAME  # Atom (RFC 4287) requires an author for the feed

    def link(self):
        return reverse("events:list")

    def items(self):
        return (
            Event.objects.published()
            .select_related("series")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        if item.is_cancelled:
            return _("Cancelled: %(title)s") % {"title": item.title}
        return item.title

    def item_description(self, item):
        place = "Online" if item.format == Event.Format.ONLINE else (item.locality or "")
        parts = [format_range(item.start, item.end), place, item.summary]
        # Feed readers treat the description as HTML (Atom says so: type="html").
        return escape(" – ".join(part for part in parts if part))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.series.title] if item.series_id else []


class NewEventsAtomFeed(NewEventsFeed):
    feed_type = Atom1Feed
    subtitle = NewEventsFeed.description
