import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from notices.models import Report


class ReportFactory(factory.django.DjangoModelFactory):
    """A new report about ``content`` (a public project, organisation, person or event);
    ``decided=True``: decided, no action."""

    class Meta:
        model = Report
        exclude = ["content"]

    class Params:
        decided = factory.Trait(
            state=Report.State.DECIDED,
            decision=Report.Decision.NO_ACTION,
            decided_at=factory.LazyFunction(timezone.now),
            statement="Die Angaben sind öffentlich und sachlich.",
        )

    content = None
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.content))
    object_id = factory.LazyAttribute(lambda o: o.content.pk)
    content_title = factory.LazyAttribute(lambda o: str(o.content))
    content_path = factory.LazyAttribute(lambda o: o.content.get_absolute_url())
    reason = Report.Reason.PERSONAL_DATA
    description = "Auf der Seite steht meine private Telefonnummer."
    good_faith = True
