"""The benchmark's events, their agendas and registrations (a part of ``bench.seed.Seeder``)."""

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from faker import Faker

from bench.seed_texts import AGENDA, SERIES, TOPIC_TEXT, markdown, rendered
from events.models import AgendaItem, Event, Registration, Series

BATCH = 2_000


class EventSeeding:
    """Events in the past three years and the coming one; registrations filling some up.

    Runs after the users, people and projects of ``bench.seed.Seeder``, which provides:
    """

    sizes: dict[str, int]
    rng: random.Random
    fake: Faker
    now: datetime
    user_ids: list[int]
    public_person_ids: list[int]
    published_project_ids: list[int]
    slug: Callable[..., str]
    region_and_place: Callable[[], tuple[str, str]]
    link: Callable[..., None]

    def events(self):
        series = Series.objects.bulk_create(
            Series(
                slug=slug,
                title=title,
                summary=f"Die Veranstaltungsreihe „{title}“ bringt Menschen aus ganz Sachsen zusammen.",
                description="Jede Ausgabe findet in einer anderen Region statt.",
                description_html=markdown("Jede Ausgabe findet in einer anderen Region statt."),
            )
            for slug, title in SERIES
        )
        count = self.sizes["events"]
        rows = []
        for i in range(count):
            # Four fifths in the past three years, the rest in the coming year.
            days = -self.rng.uniform(1, 1100) if i < count * 0.8 else self.rng.uniform(1, 365)
            start = (self.now + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
            region, place = self.region_and_place()
            topic = self.rng.choice(list(TOPIC_TEXT))
            series_obj = self.rng.choice(series)
            title = f"{series_obj.title} – {TOPIC_TEXT[topic][0][0]} in {place}"
            fmt = self.rng.choice(Event.Format.values)
            description = (
                f"{TOPIC_TEXT[topic][1]}\n\nWir laden ein zu Impulsen, Projektvorstellungen und "
                f"Gesprächen. {TOPIC_TEXT[topic][2]}"
            )
            documented = days < 0 and self.rng.random() < 0.7
            summary_doc = rendered(
                "Rund {guests} Gäste diskutierten in {place}.",
                guests=self.rng.randint(30, 200),
                place=place,
            )
            roll = self.rng.random()
            status = (
                Event.Status.DRAFT
                if roll < 0.03
                else Event.Status.CANCELLED
                if roll < 0.05
                else Event.Status.PUBLISHED
            )
            rows.append(
                Event(
                    series=series_obj,
                    title=title,
                    slug=self.slug(title, max_length=110),
                    status=status,
                    summary=f"{TOPIC_TEXT[topic][0][0]} und mehr: ein Nachmittag in {place}.",
                    description=description,
                    description_html=markdown(description),
                    start=start,
                    end=start + timedelta(hours=self.rng.choice([2, 3, 4, 6])),
                    format=fmt,
                    venue_name="" if fmt == "online" else f"Bürgerhaus {place}",
                    street_address="" if fmt == "online" else self.fake.street_address(),
                    postal_code="" if fmt == "online" else self.fake.postcode(),
                    locality="" if fmt == "online" else place,
                    region=region,
                    online_url="" if fmt == "vor-ort" else f"https://meet.bench.example/{i}",
                    step_free_access=self.rng.random() < 0.7,
                    hearing_loop=self.rng.random() < 0.2,
                    sign_language=self.rng.random() < 0.2,
                    quiet_room=self.rng.random() < 0.3,
                    capacity=self.rng.choice([None, 60, 80, 120, 150, 200]),
                    cancellation_reason="Leider erkrankt." if status == "cancelled" else "",
                    cancelled_at=self.now if status == "cancelled" else None,
                    documentation_summary=summary_doc[0] if documented else "",
                    documentation_summary_html=summary_doc[1] if documented else "",
                    published_at=None if status == "draft" else start - timedelta(days=60),
                )
            )
        created = Event.objects.bulk_create(rows, batch_size=BATCH)
        agenda, speakers, presented, resulting = [], [], [], []
        for event in created:
            titles = self.rng.sample(AGENDA, 4)
            for n, title in enumerate(titles):
                agenda.append(
                    AgendaItem(
                        event=event,
                        starts_at=event.start + timedelta(minutes=30 * n),
                        ends_at=event.start + timedelta(minutes=30 * (n + 1)),
                        title=title,
                        description="Mit Zeit für Fragen aus dem Publikum.",
                    )
                )
            if event.start < self.now and self.rng.random() < 0.5:
                resulting += [(event.pk, p) for p in self.rng.sample(self.published_project_ids, 2)]
        agenda = AgendaItem.objects.bulk_create(agenda, batch_size=BATCH)
        for item in agenda:
            speakers += [(item.pk, p) for p in self.rng.sample(self.public_person_ids, 2)]
            if self.rng.random() < 0.3:
                presented += [(item.pk, p) for p in self.rng.sample(self.published_project_ids, 2)]
        self.link(AgendaItem._meta.get_field("speakers"), speakers)
        self.link(AgendaItem._meta.get_field("presented_projects"), presented)
        self.link(Event._meta.get_field("resulting_projects"), resulting)
        self.registrations(created)

    def registrations(self, events):
        public = [e for e in events if e.status != Event.Status.DRAFT]
        total = self.sizes["registrations"]
        # Spread the registrations unevenly: popular events fill up and have a waitlist.
        weights = [self.rng.uniform(0.3, 1.7) for _ in public]
        scale = total / sum(weights)
        rows, remaining = [], total
        for index, (event, weight) in enumerate(zip(public, weights, strict=True)):
            n = remaining if index == len(public) - 1 else min(remaining, round(weight * scale))
            remaining -= n
            past = event.start < self.now
            users = iter(self.rng.sample(self.user_ids, min(n // 10, len(self.user_ids))))
            waitlist = 0
            for i in range(n):
                created_at = event.start - timedelta(days=self.rng.uniform(1, 50))
                roll = self.rng.random()
                if roll < 0.08:
                    status = Registration.Status.CANCELLED
                elif roll < 0.1 and not past:
                    status = Registration.Status.PENDING
                elif event.capacity is not None and i >= event.capacity:
                    status = Registration.Status.WAITLISTED
                else:
                    status = Registration.Status.CONFIRMED
                if status == Registration.Status.WAITLISTED:
                    waitlist += 1
                rows.append(
                    Registration(
                        event=event,
                        user_id=next(users, None) if i % 10 == 0 else None,
                        name=self.fake.name(),
                        email=f"gast{i}.e{event.pk}@bench.example",
                        status=status,
                        waitlist_number=waitlist if status == "waitlisted" else None,
                        photo_consent=self.rng.random() < 0.6,
                        created_at=created_at,
                        placed_at=created_at if status != "pending" else None,
                        confirmed_at=created_at if status == "confirmed" else None,
                        cancelled_at=created_at + timedelta(days=1)
                        if status == "cancelled"
                        else None,
                        attended=(self.rng.random() < 0.85)
                        if past and status == "confirmed"
                        else None,
                    )
                )
        Registration.objects.bulk_create(rows, batch_size=BATCH)
