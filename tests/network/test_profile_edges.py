"""Edges of the directory a person meets rarely: a replaced photo, two moderators at
once, a profile looked at without its consent state loaded."""

import pytest
from django.core.files.storage import default_storage

from network import organisation_admin as network_admin
from network import services
from network.models import Person
from network.permissions import is_public_person
from tests.factories import log_in_with_second_factor
from tests.network.factories import PersonFactory
from tests.network.test_moderation import edit_data, organisation, png

__all__ = ["organisation"]  # the fixture, shared with the moderation tests

pytestmark = pytest.mark.django_db


def test_a_replaced_own_photo_leaves_the_storage(
    client, linked_user, django_capture_on_commit_callbacks
):
    PersonFactory(slug="lina", name="Lina Linked", user=linked_user)
    client.force_login(linked_user)
    first = {"name": "Lina Linked", "photo": png(), "photo_alt": "Lina lacht", "photo_rights": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/netzwerk/personen/lina/bearbeiten/", first)
    old = Person.objects.get(slug="lina").photo.name
    assert default_storage.exists(old)

    second = {
        "name": "Lina Linked",
        "photo": png((400, 300)),
        "photo_alt": "Lina im Garten",
        "photo_rights": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/netzwerk/personen/lina/bearbeiten/", second).status_code == 302

    new = Person.objects.get(slug="lina").photo.name
    assert new != old and default_storage.exists(new)
    assert not default_storage.exists(old)


def test_two_moderators_deciding_one_change_at_once_get_a_message_not_an_error(
    client, organisation, moderator, member, categories, topics, monkeypatch
):
    client.force_login(member)
    edited = client.post(
        "/netzwerk/organisationen/dorfbewegung/bearbeiten/", edit_data(categories, topics)
    )
    assert edited.status_code == 302
    decide = network_admin.OrganisationAdmin.decide

    def the_other_moderator_was_faster(self, obj, action, *, by, message):
        services.approve_organisation_change(organisation=obj, by=moderator)
        decide(self, obj, action, by=by, message=message)

    monkeypatch.setattr(network_admin.OrganisationAdmin, "decide", the_other_moderator_was_faster)
    log_in_with_second_factor(client, moderator)
    response = client.post(
        f"/admin/network/organisation/{organisation.pk}/review/", {"action": "approve"}
    )

    assert response.status_code == 200
    assert "Es gibt keine offenen Änderungen." in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.place == "Döbeln"  # the first decision stands


def test_a_profile_read_on_its_own_knows_whether_it_is_public():
    public = PersonFactory(consent=True)
    without_consent = PersonFactory()

    # As another app reads them: plain rows, no consent state annotated.
    assert is_public_person(Person.objects.get(pk=public.pk))
    assert not is_public_person(Person.objects.get(pk=without_consent.pk))
