"""Every upload confirms the right to publish the image; its credit line is moderated with
it and shown with the image on detail pages."""

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projects.models import Project
from tests.events.factories import EventFactory
from tests.factories import log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
NO_RIGHTS = "Bitte bestätigen Sie, dass Sie das Recht haben, dieses Bild zu veröffentlichen."


def png(name="bild.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (20, 120, 90)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_project_cover_without_the_box_is_refused_and_keeps_the_rest(client, user, media):
    client.force_login(user)
    response = client.post(
        "/projekte/neu/",
        {
            "title": "Gemeinschaftsgarten Plauen",
            "stage": "idee",
            "cover": png(),
            "cover_alt": "Beete im Hof",
            "cover_credit": "Foto: Mia Muster / CC BY 4.0",
        },
    )
    assert response.status_code == 200
    body = page(response)
    assert NO_RIGHTS in body
    assert 'href="#id_cover_rights"' in body  # the error summary leads to the box
    assert 'value="Gemeinschaftsgarten Plauen"' in body
    assert 'value="Foto: Mia Muster / CC BY 4.0"' in body and 'value="Beete im Hof"' in body
    assert not Project.objects.exists()


def test_project_cover_with_the_box_keeps_its_credit_shown_on_the_page(client, user, media):
    client.force_login(user)
    response = client.post(
        "/projekte/neu/",
        {
            "title": "Gemeinschaftsgarten Plauen",
            "stage": "idee",
            "cover": png(),
            "cover_rights": "on",
            "cover_alt": "Beete im Hof",
            "cover_credit": "Foto: Mia Muster / CC BY 4.0",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.cover and project.cover_credit == "Foto: Mia Muster / CC BY 4.0"
    Project.objects.filter(pk=project.pk).update(status=Project.Status.PUBLISHED)
    client.logout()
    detail = page(client.get(project.get_absolute_url()))
    assert (
        '<figcaption class="image-credit" lang="de">Foto: Mia Muster / CC BY 4.0</figcaption>'
        in detail
    )


def test_editing_text_without_a_new_upload_asks_for_no_box(client, user):
    project = ProjectFactory(owner=user, title="Ohne neues Bild")
    client.force_login(user)
    response = client.post(
        f"/projekte/{project.slug}/bearbeiten/",
        {"title": "Ohne neues Bild", "stage": "idee", "cover_credit": "Foto: Team"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.cover_credit == "Foto: Team"


def test_a_new_cover_credit_waits_in_the_moderation_diff(client, user, moderator, media):
    project = ProjectFactory(owner=user, published=True, title="Repair-Café Zwickau")
    client.force_login(user)
    response = client.post(
        f"/projekte/{project.slug}/bearbeiten/",
        {
            "title": "Repair-Café Zwickau",
            "stage": "idee",
            "cover": png(),
            "cover_rights": "on",
            "cover_alt": "Menschen reparieren ein Radio",
            "cover_credit": "Foto: Karl Kamera",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert "Karl Kamera" not in page(client.get(project.get_absolute_url()))

    log_in_with_second_factor(client, moderator)
    review = page(client.get(f"/admin/projects/project/{project.pk}/moderate/"))
    assert "Bildnachweis des Titelbilds" in review and "Foto: Karl Kamera" in review


def test_organisation_logo_credit_is_moderated_and_then_shown(
    client, user, moderator, media, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(name="Tafel Riesa", members=[user])
    client.force_login(user)
    data = {"name": "Tafel Riesa", "kind": "verein", "logo": png(), "logo_alt": "Logo der Tafel"}
    refused = client.post(f"/netzwerk/organisationen/{organisation.slug}/bearbeiten/", data)
    assert refused.status_code == 200 and NO_RIGHTS in page(refused)
    assert 'value="Logo der Tafel"' in page(refused)

    data = {**data, "logo": png(), "logo_rights": "on", "logo_credit": "Logo: Tafel Riesa e. V."}
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(f"/netzwerk/organisationen/{organisation.slug}/bearbeiten/", data)
    assert sent.status_code == 302

    log_in_with_second_factor(client, moderator)
    url = f"/admin/network/organisation/{organisation.pk}/review/"
    review = page(client.get(url))
    assert "Bildnachweis des Logos" in review and "Logo: Tafel Riesa e. V." in review
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "approve"})
    client.logout()
    detail = page(client.get(organisation.get_absolute_url()))
    assert ">Logo: Tafel Riesa e. V.</figcaption>" in detail


def test_own_photo_needs_the_box_and_shows_its_credit(client, user, media):
    person = PersonFactory(name="Lina Linked", user=user, consent=True)
    client.force_login(user)
    url = f"/netzwerk/personen/{person.slug}/bearbeiten/"
    data = {"name": "Lina Linked", "photo": png(), "photo_alt": "Lina lacht"}
    refused = client.post(url, {**data, "photo_credit": "Foto: Paul Porträt"})
    assert refused.status_code == 200 and NO_RIGHTS in page(refused)
    assert 'value="Foto: Paul Porträt"' in page(refused)
    sent = client.post(
        url, {**data, "photo": png(), "photo_rights": "on", "photo_credit": "Foto: Paul Porträt"}
    )
    assert sent.status_code == 302
    client.logout()
    assert ">Foto: Paul Porträt</figcaption>" in page(client.get(person.get_absolute_url()))


def test_event_picture_in_the_admin_needs_the_box(client, media):
    from tests.factories import UserFactory

    admin = verified(UserFactory(is_staff=True, is_superuser=True))
    log_in_with_second_factor(client, admin)
    event = EventFactory(title="Dialogforum Bautzen")
    change = f"/admin/events/event/{event.pk}/change/"
    form = page(client.get(change))
    assert "Ich habe das Recht, dieses Bild zu veröffentlichen" in form
    assert 'name="image_credit"' in form


def test_event_page_shows_the_picture_credit(client, media):
    from events.forms import EVENT_IMAGE_RENDITION
    from zukunftsplattform import illustrations

    event = EventFactory(
        title="Dialogforum Görlitz",
        image=illustrations.rendered(illustrations.cover(3), EVENT_IMAGE_RENDITION),
        image_alt="Zeichnung: Menschen im Gespräch",
        image_credit="Foto: Staatsministerium",
    )
    body = page(client.get(event.get_absolute_url()))
    assert ">Foto: Staatsministerium</figcaption>" in body


def test_demo_pictures_are_credited_as_the_platforms_own_work(demo_portal):
    from events.models import Event, Photo
    from network.models import Organisation, Person

    credit = "Illustration: Zukunftsplattform"
    assert set(Project.objects.exclude(cover="").values_list("cover_credit", flat=True)) == {credit}
    assert set(Organisation.objects.exclude(logo="").values_list("logo_credit", flat=True)) == {
        credit
    }
    assert set(Person.objects.exclude(photo="").values_list("photo_credit", flat=True)) == {credit}
    assert set(Event.objects.exclude(image="").values_list("image_credit", flat=True)) == {credit}
    assert set(Photo.objects.values_list("credit", flat=True)) == {credit}
