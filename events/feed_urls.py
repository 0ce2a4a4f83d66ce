from django.urls import path

from events.feeds import NewEventsAtomFeed, NewEventsFeed

app_name = "event_feeds"

urlpatterns = [
    path("rss/", NewEventsFeed(), name="rss"),
    path("atom/", NewEventsAtomFeed(), name="atom"),
]
