import factory

from network import services
from network.models import ConsentRecord, Organisation, Person
from taxonomy.models import Region


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A visible organisation, indexed for search as the services leave it."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.ASSOCIATION
    region = Region.DRESDEN
    description = "Wir unterstützen Initiativen in der Nachbarschaft."

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)

    @factory.post_generation
    def offers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.offers.set(extracted)

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):
        if create:
            services.refresh_organisation(obj)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person; ``consent=True`` records consent to the text in force (so: public)."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role = "Expertin für Ehrenamt"
    email = factory.Sequence(lambda n: f"expertin{n}@example.org")
    region = Region.DRESDEN

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)

    @factory.post_generation
    def offers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.offers.set(extracted)

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):
        if create:
            services.refresh_person(obj)

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):
        if create and extracted:
            services.give_consent(
                person=obj, how=ConsentRecord.How.EMAIL_LINK, email=obj.email, send_receipt=False
            )
