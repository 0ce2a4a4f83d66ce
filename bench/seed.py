"""Fill the benchmark database: Saxony's portal at ten times today's size.

20,000 projects, 5,000 organisations, 10,000 people, 500 events with 50,000 registrations
(numbers scale with ``--scale``), in German, with topics, regions, needs and offers. Rows
go in with ``bulk_create``; Markdown is rendered once per distinct text; the search
columns are the apps' own search documents (``search_document_of…``), written by one UPDATE
per batch.

Run by ``make bench`` (``bench/run.py``) as ``python -m bench.seed [--reset] [--scale S]``.
Only for a database whose name contains "bench" (``make bench`` creates
``zukunftsplattform_bench`` in the private cluster): ``--reset`` empties the whole database.
Without ``--reset`` a seeded database is left as it is, so ``make bench`` can call this
every time. Everything happens in one transaction: an interrupted run leaves nothing behind.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zukunftsplattform.settings")
django.setup()  # a script of its own: the models below need the app registry

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from faker import Faker  # a dev dependency (factory-boy), like this script

from accounts.models import User
from bench.seed_events import BATCH, EventSeeding
from bench.seed_texts import (
    GENERIC_CHALLENGE,
    GENERIC_STEPS,
    ORG_PATTERNS,
    PLACES,
    ROLES,
    TOPIC_TEXT,
    rendered,
)
from events.models import Event
from events.services import search_document_of as event_document
from network.default_consent import ensure_consent_text
from network.models import ConsentRecord, ConsentText, Organisation, Person
from network.services import search_document_of_organisation, search_document_of_person
from pages.default_content import ensure_default_pages
from pages.models import ContentPage
from projects.models import FundingProgramme, Project, ProjectMembership
from projects.services import search_document_of as project_document
from taxonomy.models import SDG, Region, SupportCategory, Synonym, TargetGroup, Topic
from taxonomy.vocabulary import ensure_synonyms, ensure_vocabulary
from zukunftsplattform.german import slugify_de
from zukunftsplattform.search import bulk_update_search_columns

FULL_SCALE = {
    "users": 6_000,
    "organisations": 5_000,
    "people": 10_000,
    "projects": 20_000,
    "events": 500,
    "registrations": 50_000,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reset", action="store_true", help="Empty the database first.")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="Fraction of the full size (default 1)."
    )
    parser.add_argument("--seed", type=int, default=7, help="Random seed (default 7).")
    args = parser.parse_args(argv)
    name = connection.settings_dict["NAME"]
    if "bench" not in name:
        sys.exit(
            f"Refusing to seed {name!r}: the benchmark writes only to a database whose "
            "name contains 'bench' (make bench uses zukunftsplattform_bench)."
        )
    if args.reset:
        call_command("flush", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
    elif Project.objects.exists():
        print(
            f"{name} is already seeded ({Project.objects.count()} projects); "
            "--reset (make bench: --reseed) seeds it again."
        )
        return
    sizes = {key: max(1, round(value * args.scale)) for key, value in FULL_SCALE.items()}
    started = time.monotonic()
    with transaction.atomic():
        Seeder(sizes, random.Random(args.seed)).run()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{name} seeded in {time.monotonic() - started:.0f} s.")


class Seeder(EventSeeding):
    """Users, organisations, people and projects here; events in ``bench.seed_events``."""

    def __init__(self, sizes, rng):
        self.sizes = sizes
        self.rng = rng
        self.fake = Faker("de_DE")
        self.fake.seed_instance(rng.randrange(10**9))
        self.now = timezone.now()
        self.slugs: set[str] = set()

    def step(self, label, function):
        started = time.monotonic()
        result = function()
        print(f"  {label}: {time.monotonic() - started:.1f} s")
        return result

    def run(self):
        ensure_default_pages(ContentPage)
        ensure_vocabulary(Topic, TargetGroup, SupportCategory)
        ensure_synonyms(Synonym)
        self.consent_text = ensure_consent_text(ConsentText)
        self.topics = list(Topic.objects.all())
        self.target_groups = list(TargetGroup.objects.all())
        self.categories = list(SupportCategory.objects.all())
        self.step("users", self.users)
        self.step("organisations", self.organisations)
        self.step("people", self.people)
        self.step("projects", self.projects)
        self.step("events and registrations", self.events)
        self.step("timestamps", self.timestamps)
        self.step("search columns", self.search_columns)

    # --- helpers ----------------------------------------------------------------------

    def region_and_place(self):
        region = self.rng.choice(Region.values)
        return region, self.rng.choice(PLACES[region])

    def slug(self, text: str, *, max_length: int = 100) -> str:
        base = slugify_de(text)[:max_length] or "eintrag"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def sample(self, population, low, high):
        return self.rng.sample(population, self.rng.randint(low, high))

    def ago(self, max_days: int, min_days: int = 0):
        return self.now - timedelta(days=self.rng.uniform(min_days, max_days))

    def link(self, field, pairs):
        """Insert many-to-many rows: ``pairs`` of (owner pk, target pk)."""
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs]
        through.objects.bulk_create(rows, batch_size=BATCH * 5)

    # --- the data ---------------------------------------------------------------------

    def users(self):
        rows = [
            User(
                email=f"nutzer{i}@bench.example",
                display_name=self.fake.name(),
                password="!bench-no-login",  # noqa: S106 - "!" makes it unusable
                date_joined=self.ago(1500),
            )
            for i in range(self.sizes["users"])
        ]
        self.user_ids = [u.pk for u in User.objects.bulk_create(rows, batch_size=BATCH)]

    def organisations(self):
        rows = []
        for i in range(self.sizes["organisations"]):
            kind, pattern = self.rng.choice(ORG_PATTERNS)
            region, place = self.region_and_place()
            name = pattern.format(place=place)
            topic_slugs = [t.slug for t in self.sample(self.topics, 1, 2)]
            description, description_html = rendered(
                "{name} engagiert sich in {place} und Umgebung. "
                + " ".join(TOPIC_TEXT[slug][2] for slug in topic_slugs)
                + "\n\nWir suchen Partner*innen, die mit uns **Neues ausprobieren**.",
                name=name,
                place=place,
            )
            rows.append(
                Organisation(
                    name=name,
                    slug=self.slug(name),
                    kind=kind,
                    region=region,
                    place=place,
                    description=description,
                    description_html=description_html,
                    website=f"https://org{i}.bench.example",
                    # A dozen partners, like today: the home page shows all of them.
                    is_platform_partner=i < 12,
                    is_published=self.rng.random() > 0.03,
                )
            )
        created = Organisation.objects.bulk_create(rows, batch_size=BATCH)
        self.organisation_ids = [o.pk for o in created]
        self.organisation_names = {o.pk: o.name for o in created}
        self.link(
            Organisation._meta.get_field("topics"),
            [(o.pk, t.pk) for o in created for t in self.sample(self.topics, 1, 3)],
        )
        self.link(
            Organisation._meta.get_field("offers"),
            [(o.pk, c.pk) for o in created for c in self.sample(self.categories, 1, 3)],
        )
        members = [(o, u) for o in created[:1000] for u in self.rng.sample(self.user_ids, 2)]
        self.link(Organisation._meta.get_field("members"), [(o.pk, u) for o, u in members])

    def people(self):
        rows = []
        linked_users = iter(self.rng.sample(self.user_ids, min(2000, len(self.user_ids))))
        for i in range(self.sizes["people"]):
            name = self.fake.name()
            organisation_id = (
                self.rng.choice(self.organisation_ids) if self.rng.random() < 0.7 else None
            )
            topic_slugs = [t.slug for t in self.sample(self.topics, 1, 2)]
            role = self.rng.choice(ROLES)
            bio, bio_html = rendered(
                f"{{name}} arbeitet als {role} und kennt sich aus mit "
                + " und ".join(TOPIC_TEXT[s][0][0] for s in topic_slugs)
                + f". {TOPIC_TEXT[topic_slugs[0]][2]}",
                name=name,
            )
            rows.append(
                Person(
                    name=name,
                    slug=self.slug(name),
                    role=role,
                    organisation_id=organisation_id,
                    affiliation=self.organisation_names.get(organisation_id, "")
                    if organisation_id
                    else "",
                    bio=bio,
                    bio_html=bio_html,
                    region=self.rng.choice(Region.values),
                    email=f"person{i}@bench.example",
                    user_id=next(linked_users, None) if i % 5 == 0 else None,
                )
            )
        created = Person.objects.bulk_create(rows, batch_size=BATCH)
        self.link(
            Person._meta.get_field("topics"),
            [(p.pk, t.pk) for p in created for t in self.sample(self.topics, 1, 3)],
        )
        self.link(
            Person._meta.get_field("offers"),
            [(p.pk, c.pk) for p in created for c in self.sample(self.categories, 1, 3)],
        )
        # Most people consented to the text in force; some never answered, some withdrew.
        consents = []
        self.public_person_ids = []
        for person in created:
            roll = self.rng.random()
            if roll < 0.9:
                self.public_person_ids.append(person.pk)
            if roll < 0.95:
                consents.append(
                    ConsentRecord(
                        person=person,
                        text=self.consent_text,
                        given_at=self.ago(900),
                        how=ConsentRecord.How.EMAIL_LINK,
                        email=person.email,
                        withdrawn_at=self.ago(30) if roll >= 0.9 else None,
                        withdrawn_how="Link in der E-Mail" if roll >= 0.9 else "",
                    )
                )
        ConsentRecord.objects.bulk_create(consents, batch_size=BATCH)

    def project_texts(self, topic_slugs, place):
        """(Markdown, HTML) of the challenge, the approach and the outcomes; people reached."""
        main = TOPIC_TEXT[topic_slugs[0]]
        last = TOPIC_TEXT[topic_slugs[-1]][1]
        challenge = rendered(
            f"{main[1]} {self.rng.choice(GENERIC_CHALLENGE)}\n\n"
            f"In {{place}} zeigt sich das besonders deutlich: {last[0].lower()}{last[1:]}",
            place=place,
        )
        steps = self.rng.sample(GENERIC_STEPS, 3)
        approach = rendered(
            f"{main[2]}\n\nSo gehen wir vor:\n\n" + "\n".join(f"- {s}" for s in steps)
        )
        reached = self.rng.randint(12, 900)
        outcomes = rendered(
            "Seit dem Start haben **{reached} Menschen** teilgenommen. "
            "{volunteers} Ehrenamtliche sind regelmäßig dabei.",
            reached=reached,
            volunteers=self.rng.randint(5, 60),
        )
        return challenge, approach, outcomes, reached

    def projects(self):
        rows, topic_pairs, group_pairs, need_pairs, offer_pairs, partner_pairs = (
            [] for _ in range(6)
        )
        statuses = (
            [Project.Status.PUBLISHED] * 90
            + [Project.Status.DRAFT] * 5
            + [Project.Status.SUBMITTED] * 2
            + [Project.Status.ARCHIVED] * 3
        )
        programmes = [None] + [
            FundingProgramme.objects.get_or_create(name=name)[0]
            for name in ["Soziale Innovation Sachsen", "ESF Plus", "Bürgerstiftung"]
        ]
        for _ in range(self.sizes["projects"]):
            topics = self.sample(self.topics, 1, 3)
            topic_slugs = [t.slug for t in topics]
            region, place = self.region_and_place()
            title = f"{self.rng.choice(TOPIC_TEXT[topic_slugs[0]][0])} {place}"
            status = self.rng.choice(statuses)
            published = status in {Project.Status.PUBLISHED, Project.Status.ARCHIVED}
            best = published and self.rng.random() < 0.02
            challenge, approach, outcomes, reached = self.project_texts(topic_slugs, place)
            story = (
                (
                    rendered("Was gut lief: die **feste Sprechzeit** und ein verlässliches Team."),
                    rendered("Gelernt haben wir: ohne Räume der Kommune geht es nicht."),
                    rendered(
                        "So gelingt der Transfer: mit einem Starterpaket, das Orte wie "
                        "{place} in drei Monaten umsetzen.",
                        place=place,
                    ),
                )
                if best
                else (("", ""),) * 3
            )
            rows.append(
                Project(
                    slug=self.slug(title),
                    status=status,
                    title=title,
                    summary=f"{TOPIC_TEXT[topic_slugs[0]][2].split(',')[0]} – in {place}.",
                    challenge=challenge[0],
                    approach=approach[0],
                    impact_reached=f"{reached} Menschen, davon viele zum ersten Mal in einem Projekt.",
                    impact_outcomes=outcomes[0],
                    challenge_html=challenge[1],
                    approach_html=approach[1],
                    impact_outcomes_html=outcomes[1],
                    stage=self.rng.choice(Project.Stage.values),
                    sdgs=sorted(self.rng.sample(SDG.values, self.rng.randint(0, 3))),
                    region=region,
                    place=place,
                    carrying_organisation_id=self.rng.choice(self.organisation_ids)
                    if self.rng.random() < 0.8
                    else None,
                    funding_programme=self.rng.choice(programmes),
                    website="https://projekt.bench.example" if self.rng.random() < 0.5 else "",
                    contact_email="kontakt@projekt.bench.example",
                    needs_note="Wir freuen uns über jede Unterstützung.",
                    is_best_practice=best,
                    story_what_worked=story[0][0],
                    story_lessons=story[1][0],
                    story_transfer=story[2][0],
                    story_what_worked_html=story[0][1],
                    story_lessons_html=story[1][1],
                    story_transfer_html=story[2][1],
                    submitted_at=self.ago(1400) if status != Project.Status.DRAFT else None,
                    published_at=self.ago(1400) if published else None,
                )
            )
            topic_pairs.append(topics)
            group_pairs.append(self.sample(self.target_groups, 1, 3))
            need_pairs.append(self.sample(self.categories, 1, 3))
            offer_pairs.append(self.sample(self.categories, 0, 2))
            partner_pairs.append(self.rng.sample(self.organisation_ids, self.rng.randint(0, 2)))
        created = Project.objects.bulk_create(rows, batch_size=BATCH)
        field = Project._meta.get_field
        self.link(
            field("topics"),
            [(p.pk, t.pk) for p, ts in zip(created, topic_pairs, strict=True) for t in ts],
        )
        self.link(
            field("target_groups"),
            [(p.pk, g.pk) for p, gs in zip(created, group_pairs, strict=True) for g in gs],
        )
        self.link(
            field("needs"),
            [(p.pk, c.pk) for p, cs in zip(created, need_pairs, strict=True) for c in cs],
        )
        self.link(
            field("offers"),
            [(p.pk, c.pk) for p, cs in zip(created, offer_pairs, strict=True) for c in cs],
        )
        self.link(
            field("partner_organisations"),
            [(p.pk, o) for p, os in zip(created, partner_pairs, strict=True) for o in os],
        )
        memberships = []
        for project in created:
            owner, editor = self.rng.sample(self.user_ids, 2)
            memberships.append(
                ProjectMembership(project=project, user_id=owner, role=ProjectMembership.Role.OWNER)
            )
            if self.rng.random() < 0.3:
                memberships.append(
                    ProjectMembership(project=project, user_id=editor, role="editor")
                )
        ProjectMembership.objects.bulk_create(memberships, batch_size=BATCH)
        self.published_project_ids = [p.pk for p in created if p.status == Project.Status.PUBLISHED]

    def timestamps(self):
        """auto_now fields got "now": spread them as a real history would."""
        with connection.cursor() as cursor:
            for model, base in [
                (Project, "coalesce(published_at, submitted_at, now() - interval '30 days')"),
                (Organisation, "now() - interval '1500 days' * random()"),
                (Person, "now() - interval '1500 days' * random()"),
                (Event, "coalesce(published_at, now() - interval '10 days')"),
            ]:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(
                    f"UPDATE {table} SET created_at = {base}, "
                    f"updated_at = least(now(), {base} + interval '200 days' * random())"
                )

    def search_columns(self):
        """The apps' own search documents (``search_document_of…``), one UPDATE per batch."""

        def pairs(terms):
            return [(t.name_de, t.name_en) for t in terms.all()]

        kinds = [
            (
                Project.objects.prefetch_related("topics", "target_groups"),
                lambda p: project_document(
                    p, topics=pairs(p.topics), target_groups=pairs(p.target_groups)
                ),
            ),
            (
                Organisation.objects.prefetch_related("topics", "offers"),
                lambda o: search_document_of_organisation(
                    o, topics=pairs(o.topics), offers=pairs(o.offers)
                ),
            ),
            (
                Person.objects.prefetch_related("topics", "offers"),
                lambda p: search_document_of_person(
                    p, topics=pairs(p.topics), offers=pairs(p.offers)
                ),
            ),
            (
                Event.objects.select_related("series"),
                lambda e: event_document(e, series_title=e.series.title if e.series else ""),
            ),
        ]
        for queryset, document in kinds:
            ids = list(queryset.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH // 4):
                batch = queryset.filter(pk__in=ids[start : start + BATCH // 4])
                bulk_update_search_columns(queryset.model, {obj.pk: document(obj) for obj in batch})


if __name__ == "__main__":
    main()
