"""The shared review machinery of the admin: the pending-changes filter of the lists."""

import pytest

from network import services
from taxonomy.models import SupportCategory
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_moderators_filter_organisations_by_pending_changes(client, moderator):
    member = verified(UserFactory())
    waiting = OrganisationFactory(name="Mit Änderungen", members=[member])
    services.propose_organisation_change(
        organisation=waiting,
        data={
            "name": "Mit Änderungen",
            "kind": "verein",
            "offers": [SupportCategory.objects.first()],
        },
        by=member,
    )
    OrganisationFactory(name="Ohne Änderungen")
    log_in_with_second_factor(client, moderator)
    with_changes = client.get("/admin/network/organisation/?pending=yes").content.decode()
    assert "Mit Änderungen" in with_changes and "Ohne Änderungen" not in with_changes
    without = client.get("/admin/network/organisation/?pending=no").content.decode()
    assert "Ohne Änderungen" in without and "Mit Änderungen" not in without
