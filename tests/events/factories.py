from datetime import datetime, timedelta

import factory
from django.utils import timezone

from events import services
from events.models import AgendaItem, Event, Registration, Series
from network.default_consent import ensure_consent_text
from network.models import ConsentRecord, ConsentText, Person
from network.services import current_consent_text
from tests.factories import UserFactory


def berlin(*args) -> datetime:
    """An aware datetime in Saxony's local time."""
    return timezone.make_aware(datetime(*args))


def in_days(days: int, hour: int = 10) -> datetime:
    local = timezone.localtime() + timedelta(days=days)
    return timezone.make_aware(datetime(local.year, local.month, local.day, hour))


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = "Sozial. Innovativ. Sächsisch."
    slug = factory.Sequence(lambda n: f"reihe-{n}")
    summary = "Die Dialogreihe des Sozialministeriums."


class EventFactory(factory.django.DjangoModelFactory):
    """A published, upcoming event with open registration. ``draft=True`` for a draft."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Event.Status.DRAFT, published_at=None)
        cancelled = factory.Trait(
            status=Event.Status.CANCELLED, cancellation_reason="Krankheit im Team."
        )
        past = factory.Trait(
            start=factory.LazyFunction(lambda: in_days(-10)),
            end=factory.LazyAttribute(lambda o: o.start + timedelta(hours=6)),
        )

    title = factory.Sequence(lambda n: f"Dialogforum {n}")
    slug = factory.Sequence(lambda n: f"dialogforum-{n}")
    status = Event.Status.PUBLISHED
    summary = "Gute Ideen für den ländlichen Raum."
    description = "Wir sprechen über **Nachbarschaft** und Teilhabe."
    start = factory.LazyFunction(lambda: in_days(14))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=6))
    format = Event.Format.ON_SITE
    venue_name = "Kulturpalast"
    street_address = "Schloßstraße 2"
    postal_code = "01067"
    locality = "Dresden"
    capacity = 30
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):
        if create:
            services.save_event(event=obj)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda o: o.event.start)
    ends_at = factory.LazyAttribute(lambda o: o.event.start + timedelta(hours=1))
    title = factory.Sequence(lambda n: f"Impuls {n}")

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.speakers.set(extracted)

    @factory.post_generation
    def presented_projects(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.presented_projects.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person in the network; ``consent=True`` makes the profile public."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Referentin {n}")
    slug = factory.Sequence(lambda n: f"referentin-{n}")
    role = "Projektleitung"
    email = factory.Sequence(lambda n: f"referentin{n}@example.org")

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):
        if create:
            from network.services import refresh_person

            refresh_person(obj)

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):
        if create and extracted:
            # Transactional tests empty the table the migration seeded; put the text back.
            ensure_consent_text(ConsentText)
            ConsentRecord.objects.create(
                person=obj,
                text=current_consent_text(),
                given_at=timezone.now(),
                how=ConsentRecord.How.EMAIL_LINK,
                email=obj.email,
            )


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed guest registration, as the services would leave it."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Gast {n}")
    email = factory.Sequence(lambda n: f"gast{n}@example.org")
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


def fill(event, count: int) -> list[Registration]:
    """Confirmed registrations for ``count`` seats."""
    return RegistrationFactory.create_batch(count, event=event)


__all__ = ["UserFactory"]
