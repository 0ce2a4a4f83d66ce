import factory
from django.utils import timezone

from projects.models import CallRound, FundingProgramme, Project, ProjectMembership
from taxonomy.models import Region
from tests.factories import UserFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project as services would leave it. Use ``published=True`` for a public one."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=Project.Status.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )

    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    summary = "Ein Projekt für mehr Zusammenhalt im Quartier."
    challenge = "Viele Menschen sind allein."
    approach = "Wir bringen Nachbar*innen zusammen."
    region = Region.DRESDEN
    stage = Project.Stage.TRIAL

    @factory.post_generation
    def owner(obj, create, extracted, **kwargs):
        if create:
            ProjectMembership.objects.create(
                project=obj, user=extracted or UserFactory(), role=ProjectMembership.Role.OWNER
            )

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):
        if create:
            from projects.services import refresh_search, render_fields

            render_fields(obj)
            obj.save()
            refresh_search(obj)


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    name = factory.Sequence(lambda n: f"Förderprogramm {n}")


class CallRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallRound

    programme = factory.SubFactory(FundingProgrammeFactory)
    name = factory.Sequence(lambda n: f"{n}. Aufruf")
