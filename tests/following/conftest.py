"""A person who follows things, and a portal where public and unpublished things changed
this week."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from following import services
from network import services as network_services
from projects import services as project_services
from taxonomy.models import Region, SupportCategory
from tests.events.factories import EventFactory, SeriesFactory
from tests.factories import UserFactory, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory


@pytest.fixture
def follower(db):
    return verified(UserFactory(display_name="Fritzi Folger", email="fritzi@example.org"))


def _published(moderator, **kwargs):
    """A project published through the moderation, as the public saw it happen."""
    project = ProjectFactory(**kwargs)
    project_services.submit_project(project=project, user=project.memberships.get().user)
    return project_services.publish_project(project=project, moderator=moderator)


@pytest.fixture
def week(follower, moderator, django_capture_on_commit_callbacks):
    """What the follower follows and what happened this week, public and not."""
    rooms, mentoring = SupportCategory.objects.order_by("pk")[:2]
    with django_capture_on_commit_callbacks(execute=True):
        followed = _published(moderator, title="Nachbarschaftsgarten Pieschen")
        archived = _published(moderator, title="Archiviertes Projekt")
        project_services.archive_project(project=archived, moderator=moderator)
        organisation = OrganisationFactory(name="Bürgerstiftung Dresden")
        hidden = OrganisationFactory(name="Versteckter Verein")
        series = SeriesFactory(title="Sozial. Innovativ. Sächsisch.")
        for target in [followed, archived, organisation, hidden, series]:
            services.follow(user=follower, target=target)
        network_services.update_organisation(
            organisation=organisation, data={"description": "Neu: Beratung."}, by=moderator
        )
        network_services.update_organisation(
            organisation=hidden, data={"description": "Geheim."}, by=moderator
        )
        network_services.set_organisation_visibility(
            organisation=hidden, published=False, by=moderator
        )
        series_event = EventFactory(title="Dialogforum Weißwasser", series=series)
        EventFactory(title="Entwurf in der Reihe", series=series, draft=True)
        region_event = EventFactory(title="Werkstatt in Leipzig", region=Region.LEIPZIG)
        EventFactory(title="Leipziger Entwurf", region=Region.LEIPZIG, draft=True)
        EventFactory(title="Chemnitzer Abend", region=Region.CHEMNITZ)
        # What the follower offers (their network profile) and needs (their project).
        PersonFactory(user=follower, offers=[rooms], consent=True)
        own = ProjectFactory(owner=follower, title="Eigenes Projekt")
        own.needs.set([mentoring])
        needing = _published(moderator, title="Jugendtreff sucht Räume")
        needing.needs.set([rooms])
        offering = _published(moderator, title="Mentoring für Gründende")
        offering.offers.set([mentoring])
        draft_needing = ProjectFactory(title="Entwurf sucht Räume")
        draft_needing.needs.set([rooms])
        services.save_digest_setting(user=follower, weekly=True, region=Region.LEIPZIG)
    return SimpleNamespace(
        followed=followed,
        organisation=organisation,
        series_event=series_event,
        region_event=region_event,
        needing=needing,
        offering=offering,
        rooms=rooms,
        mentoring=mentoring,
        now=timezone.now() + timedelta(minutes=1),
    )


@pytest.fixture(autouse=True)
def _digest_any_hour(monkeypatch):
    """The digest waits for Monday 7:00 only on Mondays; tests run at any hour."""
    from following import digest

    monkeypatch.setattr(digest, "DIGEST_FROM_HOUR", 0)
