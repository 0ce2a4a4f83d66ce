import factory

from contact.models import ContactRequest
from tests.factories import UserFactory


class ContactRequestFactory(factory.django.DjangoModelFactory):
    """A message as sent (without mail): pass ``project``, ``organisation`` or ``person``
    and ``recipients`` (the accounts it reached)."""

    class Meta:
        model = ContactRequest
        skip_postgeneration_save = True

    sender = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"Anfrage {n}")
    message = "Wir hätten Räume für Ihr Projekt."

    @factory.post_generation
    def recipients(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.recipients.set(extracted)
