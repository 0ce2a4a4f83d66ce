"""The "Notifications" page in the account: the digest setting and what one follows."""

from django.urls import reverse

from accounts import personal_data
from following import services
from following.models import DigestSetting, Follow
from taxonomy.models import Region
from tests.events.factories import SeriesFactory
from tests.network.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

URL = "/konto/benachrichtigungen/"


def test_settings_are_linked_from_the_account_navigation(client, user):
    client.force_login(user)

    page = client.get("/konto/")
    assert f'href="{URL}"' in page.text and "Benachrichtigungen" in page.text


def test_digest_is_off_until_chosen(client, user):
    client.force_login(user)

    page = client.get(URL)
    assert page.status_code == 200
    assert 'name="weekly"' in page.text and "checked" not in page.text
    assert not DigestSetting.objects.exists()


def test_choosing_the_digest_and_a_region(client, user):
    client.force_login(user)

    response = client.post(URL, {"weekly": "on", "region": Region.LEIPZIG}, follow=True)

    assert "Gespeichert: Sie erhalten den Wochenüberblick." in response.text
    setting = services.digest_setting(user)
    assert setting.weekly and setting.region == Region.LEIPZIG

    client.post(URL, {"region": ""})
    assert not services.digest_setting(user).weekly


def test_unknown_region_is_refused_at_the_field(client, user):
    client.force_login(user)

    response = client.post(URL, {"weekly": "on", "region": "atlantis"})

    assert response.status_code == 200
    assert 'href="#id_region"' in response.text  # the error summary points at the field
    assert 'aria-invalid="true"' in response.text or "kern-form-input--error" in response.text
    assert not DigestSetting.objects.exists()


def test_settings_list_what_one_follows_and_unfollow_it(client, user):
    project = ProjectFactory(published=True, title="Nachbarschaftsgarten")
    series = SeriesFactory(title="Sozial. Innovativ. Sächsisch.")
    services.follow(user=user, target=project)
    services.follow(user=user, target=series)
    client.force_login(user)

    page = client.get(URL)
    assert "Nachbarschaftsgarten" in page.text and "Sozial. Innovativ. Sächsisch." in page.text

    follow = Follow.objects.get(project=project)
    response = client.post(reverse("following:remove", args=[follow.pk]), follow=True)
    assert "Nachbarschaftsgarten" not in response.text.split("Was Sie verfolgen")[1]
    assert not services.is_following(user, project) and services.is_following(user, series)


def test_what_is_no_longer_public_shows_no_name(client, user, moderator):
    organisation = OrganisationFactory(name="Bald versteckt")
    services.follow(user=user, target=organisation)
    organisation.is_published = False
    organisation.save()
    client.force_login(user)

    page = client.get(URL)
    assert "Bald versteckt" not in page.text and "Nicht mehr öffentlich" in page.text


def test_someone_elses_follow_cannot_be_removed(client, user, other_user):
    follow = services.follow(user=other_user, target=SeriesFactory())
    client.force_login(user)

    assert client.post(reverse("following:remove", args=[follow.pk])).status_code == 404
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_follows_and_setting_are_in_the_export_and_go_with_the_account(user):
    series = SeriesFactory(title="Dialogreihe")
    services.follow(user=user, target=series)
    services.save_digest_setting(user=user, weekly=True, region=Region.DRESDEN)

    data = personal_data.collect(user)["following"]
    assert data["follows"][0]["series"] == "Dialogreihe" and data["follows"][0]["project"] is None
    assert data["digest"] == {**data["digest"], "weekly": True, "region": Region.DRESDEN}

    user.delete()
    assert not Follow.objects.exists() and not DigestSetting.objects.exists()
