"""The follow button, the notification settings and the unsubscribe link: a hostile value
changes nothing it should not and is never an error."""

import pytest

from following import services
from following.models import DigestSetting, Follow
from tests.events.factories import SeriesFactory
from tests.hostile.corpus import FILTER_VALUES, SLUGGISH, assert_harmless, post_corpus
from tests.hostile.test_forms import CHOICE_VALUES
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_follow_button_refuses_hostile_values(client, user):
    project = ProjectFactory(published=True, title="Projekt zum Folgen")
    client.force_login(user)
    url = f"/folgen/projekt/{project.slug}/"
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        for headers in [{}, {"HX-Request": "true"}]:
            response = client.post(url, {"action": value}, headers=headers)
            label = f"POST {url} action={key} {headers}"
            assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
            assert_harmless(response, label)
    assert not Follow.objects.exists()


def test_follow_addresses_with_hostile_parts_are_not_found(client, user):
    client.force_login(user)
    for key, value in {**SLUGGISH, "unknown-slug": FILTER_VALUES["unknown-slug"]}.items():
        for kind in ["projekt", "reihe", value]:
            response = client.post(f"/folgen/{kind}/{value}/", {"action": "follow"})
            assert response.status_code == 404, f"{response.status_code}: {kind}/{key}"


def test_notification_settings_refuse_hostile_values(client, user):
    client.force_login(user)

    def stored(name):
        return getattr(DigestSetting.objects.get(user=user), name)

    post_corpus(
        client,
        "/konto/benachrichtigungen/",
        base={"weekly": "on", "region": ""},
        fields=["region"],
        values=CHOICE_VALUES,
        stored=stored,
    )
    for key, value in CHOICE_VALUES.items():  # any value of a checkbox means "on"
        response = client.post("/konto/benachrichtigungen/", {"weekly": value})
        assert response.status_code == 302, f"weekly={key}"


def test_remove_follow_with_hostile_values_removes_nothing(client, user):
    follow = services.follow(user=user, target=SeriesFactory())
    client.force_login(user)
    for key, value in CHOICE_VALUES.items():
        response = client.post(f"/konto/benachrichtigungen/folge/{follow.pk}/entfernen/x/")
        assert response.status_code == 404, key
        response = client.post(
            f"/konto/benachrichtigungen/folge/{follow.pk}/entfernen/", {"pk": value}
        )
        assert response.status_code == 302, key
        follow = services.follow(user=user, target=follow.series)


def test_hostile_unsubscribe_tokens_are_not_found(client, user):
    services.save_digest_setting(user=user, weekly=True, region="")
    for key, value in {**SLUGGISH, **CHOICE_VALUES}.items():
        token = value.replace("/", "").strip() or "leer"
        for method in [client.get, client.post]:
            response = method(f"/benachrichtigungen/abbestellen/{token}/")
            assert response.status_code == 404, f"{method.__name__} {key}"
    assert services.digest_setting(user).weekly
