"""The weekly digest: what changed for what a person follows, new projects that match
what they offer or need, and new events in their region. Only public content, ever: each
part comes from the other apps' public APIs, which answer published things only.

``send_digests`` runs from the hourly scheduler; it sends each person at most one digest
an ISO week (Europe/Berlin), from Monday ``DIGEST_FROM_HOUR`` on, and records it
(``DigestDelivery``), so running it again sends nothing twice.
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.public import User
from events.public import new_events
from following import services
from following.models import DigestDelivery, DigestSetting, Follow
from network.public import (
    new_projects_needing,
    new_projects_offering,
    offers_of_user,
    organisation_updates,
)
from projects.public import categories_of_member, project_ids_of_member, public_updates
from taxonomy.public import SupportCategory
from zukunftsplattform import mail
from zukunftsplattform.mail import absolute_url

#: The digest goes out with the first scheduler run of the week from this hour (Monday).
DIGEST_FROM_HOUR = 7
#: At most this many entries in each part of the digest.
LIMIT = 10
#: A first digest looks back this far.
FIRST_LOOK_BACK = timedelta(days=7)

SECTIONS = ("projects", "organisations", "series_events", "needing", "offering", "region_events")


def week_of(now) -> date:
    """The Monday (Europe/Berlin) of the ISO week ``now`` falls in."""
    today = timezone.localdate(now)
    return today - timedelta(days=today.weekday())


def digest_for(user, *, since, region: str = "", now=None) -> dict[str, list]:
    """What the person's digest lists, part by part (see ``SECTIONS``), each part at most
    ``LIMIT`` entries."""
    follows = Follow.objects.filter(user=user)
    ids = {
        kind: list(follows.exclude(**{kind: None}).values_list(f"{kind}_id", flat=True))
        for kind in ("project", "organisation", "series")
    }
    series_events = (
        new_events(since=since, series_ids=ids["series"], now=now)[:LIMIT] if ids["series"] else []
    )
    region_events = (
        new_events(since=since, region=region, exclude=[e.pk for e in series_events], now=now)[
            :LIMIT
        ]
        if region
        else []
    )
    mine = categories_of_member(user)
    offers = list(SupportCategory.objects.filter(pk__in=mine["offers"] | offers_of_user(user)))
    needs = list(SupportCategory.objects.filter(pk__in=mine["needs"]))
    own = project_ids_of_member(user)
    needing = new_projects_needing(offers, since=since, exclude=own, region=region, limit=LIMIT)
    offering = new_projects_offering(
        needs,
        since=since,
        exclude=[*own.values_list("pk", flat=True), *(p.pk for p in needing)],
        region=region,
        limit=LIMIT,
    )
    return {
        "projects": public_updates(ids["project"], since=since)[-LIMIT:] if ids["project"] else [],
        "organisations": (
            organisation_updates(ids["organisation"], since=since)[:LIMIT]
            if ids["organisation"]
            else []
        ),
        "series_events": series_events,
        "needing": needing,
        "offering": offering,
        "region_events": region_events,
    }


def _since(user, now):
    last = DigestDelivery.objects.filter(user=user).order_by("-sent_at").first()
    earliest = now - FIRST_LOOK_BACK
    return max(last.sent_at, earliest) if last else earliest


def send_digest(user, *, setting: DigestSetting, now) -> bool:
    """This week's digest for ``user``, once: ``True`` if a mail went out. An empty
    digest sends nothing but is recorded too (the week is done)."""
    week = week_of(now)
    since = _since(user, now)
    with transaction.atomic():
        try:
            with transaction.atomic():
                delivery = DigestDelivery.objects.create(user=user, week=week)
        except IntegrityError:
            return False  # this week's digest is done (or another run is doing it)
        content = digest_for(user, since=since, region=setting.region, now=now)
        delivery.items = {key: len(content[key]) for key in SECTIONS}
        delivery.mailed = any(content.values())
        delivery.save(update_fields=["items", "mailed"])
        if not delivery.mailed:
            return False
        language = user.language or "de"
        with translation.override(language):
            unsubscribe_url = absolute_url(
                reverse("following:unsubscribe", args=[services.unsubscribe_token(user)])
            )
            settings_url = absolute_url(reverse("following:settings"))
        mail.send(
            "following/email/digest",
            to=[user.email],
            context={
                "user": user,
                **content,
                "region": setting.get_region_display() if setting.region else "",
                "since": since,
                "unsubscribe_url": unsubscribe_url,
                "settings_url": settings_url,
            },
            language=language,
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            after_commit=True,
        )
    return True


def send_digests(*, now=None) -> int:
    """Send this week's digest to everyone who chose it and has not had it; the number
    of mails sent. Safe to run every hour."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.weekday() == 0 and local.hour < DIGEST_FROM_HOUR:
        return 0
    week = week_of(now)
    settings = (
        DigestSetting.objects.filter(weekly=True, user__is_active=True)
        .exclude(user__digest_deliveries__week=week)
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    for setting in settings:
        user: User = setting.user
        sent += send_digest(user, setting=setting, now=now)
    return sent
