"""The expert profile form and the moderation's decision on a profile: a hostile value is
refused with a summary and kept, or stored exactly as typed."""

import pytest

from network import services as network_services
from network.forms import ExpertProfileForm
from network.models import Person
from tests.factories import log_in_with_second_factor
from tests.hostile.corpus import HOSTILE_TEXT, post_corpus_together
from tests.hostile.test_forms import CHOICE_VALUES, _varied

pytestmark = pytest.mark.django_db

URL = "/netzwerk/expertenprofil-anlegen/"


def test_expert_profile_form_refuses_or_stores_hostile_values(client, user):
    client.force_login(user)
    version = network_services.current_consent_text().version

    def base():
        # One profile per account: each POST starts from an account without one.
        for person in Person.objects.filter(user=user):
            person.delete()
        return {"name": "Greta", "kind": "expert", "version": version, "consent": "on"}

    def stored(name):
        return getattr(Person.objects.get(user=user), name)

    names = [
        "name", "kind", "role", "affiliation", "organisation", "region", "bio", "topics",
        "offers", "photo_alt", "version", "consent",
    ]  # fmt: skip
    text, choice = _varied(ExpertProfileForm, [n for n in names if n not in {"version"}])
    post_corpus_together(client, URL, base=base, fields=text, stored=stored)
    post_corpus_together(client, URL, base=base, fields=[*choice, "version"], values=CHOICE_VALUES)


def test_profile_decision_refuses_or_stores_hostile_messages(client, superuser, user):
    person = network_services.propose_own_profile(
        user=user, data={"name": "Greta", "kind": "expert"},
        text=network_services.current_consent_text(),
    )  # fmt: skip
    log_in_with_second_factor(client, superuser)
    url = f"/admin/network/person/{person.pk}/review/"
    for key, value in {**HOSTILE_TEXT, **CHOICE_VALUES}.items():
        for data in [{"action": value}, {"action": "decline", "message": value}]:
            Person.objects.filter(pk=person.pk).update(moderation_status="proposed")
            response = client.post(url, data, follow=True)
            label = f"POST {url} {data}={key}"
            assert response.status_code == 200, f"{response.status_code}: {label}"
            assert "<script>alert(1)" not in response.content.decode(), label
            person.refresh_from_db()
            if person.moderation_status == "declined":
                assert person.moderator_message == value.strip(), label
