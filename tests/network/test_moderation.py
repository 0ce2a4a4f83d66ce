"""Members propose, moderators decide; people edit their own profile; the admin's tools."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from network import services
from network.models import ConsentRecord, ConsentText, Organisation, Person
from taxonomy.models import Region
from tests.factories import log_in, log_in_with_second_factor
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def png(size=(300, 200), exif=False) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, "teal")
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "Kamerahersteller"
        kwargs["exif"] = data.tobytes()
    image.save(buffer, format="JPEG" if exif else "PNG", **kwargs)
    return SimpleUploadedFile(
        "logo.jpg" if exif else "logo.png",
        buffer.getvalue(),
        content_type="image/jpeg" if exif else "image/png",
    )


@pytest.fixture
def organisation(member, categories, topics):
    return OrganisationFactory(
        name="Dorfbewegung Sachsen",
        slug="dorfbewegung",
        kind=Organisation.Kind.NETWORK,
        region=Region.MITTELSACHSEN,
        description="Dörfer lernen voneinander.",
        members=[member],
        offers=[categories["kooperation"]],
        topics=[topics["laendlicher-raum"]],
    )


def edit_data(categories, topics, **changes):
    data = {
        "name": "Dorfbewegung Sachsen",
        "kind": "netzwerk",
        "description": "Dörfer lernen voneinander – **jetzt auch online**.",
        "region": "mittelsachsen",
        "place": "Döbeln",
        "website": "https://dorfbewegung.example",
        "topics": [topics["laendlicher-raum"].pk],
        "offers": [categories["kooperation"].pk, categories["raeume"].pk],
        "logo_alt": "",
    }
    if "logo" in changes:
        data["logo_rights"] = "on"  # “I have the right to publish this image”
    data.update(changes)
    return data


def test_member_changes_wait_for_the_moderation_and_the_public_sees_the_approved_version(
    client, organisation, member, moderator, categories, topics, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/netzwerk/organisationen/dorfbewegung/bearbeiten/", edit_data(categories, topics)
        )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.has_pending_changes and organisation.revision_by == member
    staff_mail = mail.outbox[-1]
    assert staff_mail.to == ["redaktion@zukunftsplattform.example"]
    assert f"/admin/network/organisation/{organisation.pk}/review/" in staff_mail.body

    client.logout()
    public = client.get("/netzwerk/organisationen/dorfbewegung/").content.decode()
    assert "jetzt auch online" not in public and "Räume" not in public
    assert organisation not in Organisation.objects.filter(offers=categories["raeume"])

    client.force_login(member)
    own = client.get("/netzwerk/organisationen/dorfbewegung/").content.decode()
    assert "Änderungen warten auf die Moderation" in own
    form = client.get("/netzwerk/organisationen/dorfbewegung/bearbeiten/").content.decode()
    assert "jetzt auch online" in form  # the member continues from their proposal

    log_in_with_second_factor(client, moderator)
    review = client.get(f"/admin/network/organisation/{organisation.pk}/review/").content.decode()
    assert "jetzt auch online" in review and "Räume" in review and "Döbeln" in review
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/network/organisation/{organisation.pk}/review/", {"action": "approve"})
    organisation.refresh_from_db()
    assert not organisation.has_pending_changes
    assert organisation.place == "Döbeln"
    assert "<strong>jetzt auch online</strong>" in organisation.description_html
    assert set(organisation.offers.values_list("slug", flat=True)) == {"kooperation", "raeume"}
    assert mail.outbox[-1].to == [member.email]
    assert (
        mail.outbox[-1].subject
        == "[Zukunftsplattform] Your changes to “Dorfbewegung Sachsen” are public"
    )

    client.logout()
    public = client.get("/netzwerk/organisationen/", {"q": "online"}).content.decode()
    assert "Dorfbewegung Sachsen" in public  # the search index follows the approval


def test_rejected_changes_need_a_message_which_reaches_the_member(
    client, organisation, member, moderator, categories, topics, django_capture_on_commit_callbacks
):
    services.propose_organisation_change(
        organisation=organisation,
        data={**edit_data(categories, topics), "offers": [categories["raeume"]], "topics": []},
        by=member,
    )
    log_in_with_second_factor(client, moderator)
    url = f"/admin/network/organisation/{organisation.pk}/review/"
    client.post(url, {"action": "reject", "message": ""})
    organisation.refresh_from_db()
    assert organisation.has_pending_changes  # no message, no rejection

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "reject", "message": "Bitte ohne Werbung."})
    organisation.refresh_from_db()
    assert not organisation.has_pending_changes
    assert organisation.place == ""
    assert "Bitte ohne Werbung." in mail.outbox[-1].body


@pytest.mark.parametrize("role", ["anonymous", "other user", "member"])
def test_only_moderators_review_changes(
    client, organisation, member, other_user, role, categories, topics
):
    services.propose_organisation_change(
        organisation=organisation,
        data={**edit_data(categories, topics), "offers": [categories["raeume"]], "topics": []},
        by=member,
    )
    user = {"anonymous": None, "other user": other_user, "member": member}[role]
    if user:
        log_in_with_second_factor(client, user)
    response = client.post(
        f"/admin/network/organisation/{organisation.pk}/review/", {"action": "approve"}
    )
    assert response.status_code == 302 and "/login/" in response["Location"]
    organisation.refresh_from_db()
    assert organisation.has_pending_changes


def test_moderator_who_is_not_a_member_changes_the_profile_directly(
    client, organisation, moderator, categories, topics
):
    log_in(client, moderator)
    client.post(
        "/netzwerk/organisationen/dorfbewegung/bearbeiten/",
        edit_data(categories, topics, place="Leisnig"),
    )
    organisation.refresh_from_db()
    assert organisation.place == "Leisnig" and not organisation.has_pending_changes


def test_a_new_logo_is_re_encoded_and_shown_only_after_approval(
    client, organisation, member, moderator, categories, topics
):
    client.force_login(member)
    response = client.post(
        "/netzwerk/organisationen/dorfbewegung/bearbeiten/",
        edit_data(categories, topics, logo=png(exif=True), logo_alt=""),
    )
    assert "Bitte beschreiben Sie das Logo" in response.content.decode()
    client.post(
        "/netzwerk/organisationen/dorfbewegung/bearbeiten/",
        edit_data(categories, topics, logo=png(exif=True), logo_alt="Logo: ein Dorf"),
    )
    organisation.refresh_from_db()
    assert not organisation.logo
    pending = organisation.revision["logo"]
    assert pending.endswith(".webp")
    services.approve_organisation_change(organisation=organisation, by=moderator)
    organisation.refresh_from_db()
    assert organisation.logo.name == pending
    with Image.open(organisation.logo.path) as image:
        assert image.format == "WEBP"
        assert not image.getexif()


def test_a_file_that_is_not_an_image_is_refused(client, organisation, member, categories, topics):
    client.force_login(member)
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(
        "/netzwerk/organisationen/dorfbewegung/bearbeiten/",
        edit_data(categories, topics, logo=fake, logo_alt="Logo"),
    )
    assert response.status_code == 200
    assert "Diese Datei konnte nicht als Bild gelesen werden." in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.has_pending_changes


def test_a_person_edits_their_own_profile_at_once_and_the_editors_hear_of_it(
    client, linked_user, categories, topics, django_capture_on_commit_callbacks
):
    person = PersonFactory(slug="lina", name="Lina Linked", user=linked_user, consent=True)
    client.force_login(linked_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/netzwerk/personen/lina/bearbeiten/",
            {
                "name": "Lina Linked",
                "role": "Mentorin für Vereine",
                "bio": "Ich helfe *gern*.",
                "region": "leipzig",
                "topics": [topics["bildung"].pk],
                "offers": [categories["mentoring"].pk],
            },
        )
    assert response.status_code == 302
    html = client.get("/netzwerk/personen/lina/").content.decode()
    assert "Mentorin für Vereine" in html and "<em>gern</em>" in html
    assert mail.outbox[-1].to == ["redaktion@zukunftsplattform.example"]
    assert f"/admin/network/person/{person.pk}/change/" in mail.outbox[-1].body
    person.refresh_from_db()
    assert person.email  # the form never touches the private address


def test_own_photo_is_re_encoded_and_needs_a_description(client, linked_user):
    PersonFactory(slug="lina", name="Lina Linked", user=linked_user)
    client.force_login(linked_user)
    data = {"name": "Lina Linked", "photo": png(exif=True)}
    response = client.post("/netzwerk/personen/lina/bearbeiten/", data)
    assert "Bitte beschreiben Sie das Foto" in response.content.decode()
    data = {"name": "Lina Linked", "photo": png(exif=True), "photo_alt": "Lina lacht"}
    data["photo_rights"] = "on"
    assert client.post("/netzwerk/personen/lina/bearbeiten/", data).status_code == 302
    person = Person.objects.get(slug="lina")
    with Image.open(person.photo.path) as image:
        assert image.format == "WEBP" and not image.getexif()


def test_merge_moves_everything_to_the_kept_organisation(moderator, member, other_user, categories):
    keep = OrganisationFactory(
        name="Caritas Görlitz", members=[member], offers=[categories["beratung"]]
    )
    duplicate = OrganisationFactory(
        name="Caritas Region Görlitz",
        members=[other_user],
        offers=[categories["qualifizierung"]],
        website="https://caritas.example",
        is_platform_partner=True,
    )
    person = PersonFactory(organisation=duplicate)
    carried = ProjectFactory(title="Getragen")
    carried.carrying_organisation = duplicate
    carried.save()
    both = ProjectFactory(title="Partner bei beiden")
    both.partner_organisations.add(keep, duplicate)
    only = ProjectFactory(title="Partner beim Duplikat")
    only.partner_organisations.add(duplicate)

    services.merge_organisations(keep=keep, duplicates=[duplicate], by=moderator)

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    keep.refresh_from_db()
    assert set(keep.members.all()) == {member, other_user}
    assert set(keep.offers.values_list("slug", flat=True)) == {"beratung", "qualifizierung"}
    assert keep.website == "https://caritas.example" and keep.is_platform_partner
    person.refresh_from_db()
    carried.refresh_from_db()
    assert person.organisation == keep and carried.carrying_organisation == keep
    assert list(both.partner_organisations.all()) == [keep]
    assert list(only.partner_organisations.all()) == [keep]


def test_merge_through_the_admin_action(client, moderator):
    keep = OrganisationFactory(name="Behalten")
    duplicate = OrganisationFactory(name="Dublette")
    log_in_with_second_factor(client, moderator)
    data = {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk]}
    page = client.post("/admin/network/organisation/", data)
    assert "Doppelte Organisationen zusammenführen" in page.content.decode()
    client.post("/admin/network/organisation/", {**data, "keep": keep.pk})
    assert list(Organisation.objects.all()) == [keep]


def test_admin_pages_for_the_directory_work_for_moderators(client, moderator, member, categories):
    organisation = OrganisationFactory(name="Mit Änderungen", members=[member])
    services.propose_organisation_change(
        organisation=organisation,
        data={"name": "Mit Änderungen", "kind": "verein", "offers": [categories["raeume"]]},
        by=member,
    )
    person = PersonFactory(name="Withdrawn Wanda", consent=True)
    services.withdraw_consent(person=person, how="test", send_receipt=False)
    PersonFactory(name="Public Paul", consent=True)
    log_in_with_second_factor(client, moderator)
    for path, expected in [
        ("/admin/network/organisation/", "Änderungen prüfen"),
        ("/admin/network/organisation/?pending=yes", "Mit Änderungen"),
        (
            "/admin/network/organisation/?kind__exact=verein&is_platform_partner__exact=0",
            "Mit Änderungen",
        ),
        (f"/admin/network/organisation/{organisation.pk}/change/", "Mit Änderungen"),
        ("/admin/network/organisation/add/", "Organisation"),
        ("/admin/network/person/", "Withdrawn Wanda"),
        ("/admin/network/person/?einwilligung=withdrawn", "Verborgen: Einwilligung widerrufen"),
        (f"/admin/network/person/{person.pk}/change/", "Verlauf der Einwilligungen"),
        ("/admin/network/person/add/", "Jetzt per E-Mail um Einwilligung bitten"),
        ("/admin/network/consenttext/", "Einwilligungstext"),
        ("/admin/network/consenttext/add/", "Text (Deutsch, Markdown)"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert expected in response.content.decode(), path
    filtered = client.get("/admin/network/person/?einwilligung=withdrawn").content.decode()
    assert "Withdrawn Wanda" in filtered and "Public Paul" not in filtered


def test_staff_add_a_person_in_the_admin_and_the_person_is_asked_by_email(
    client, moderator, django_capture_on_commit_callbacks
):
    log_in_with_second_factor(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/network/person/add/",
            {
                "name": "Nora Neu",
                "slug": "nora-neu",
                "email": "nora@example.org",
                "language": "de",
                "ask_for_consent": "on",
                "consents-TOTAL_FORMS": "0",
                "consents-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get(slug="nora-neu")
    assert not person.consents.exists()
    assert mail.outbox[-1].to == ["nora@example.org"]
    assert "/netzwerk/einwilligung/" in mail.outbox[-1].body
    assert client.get("/netzwerk/personen/nora-neu/").status_code == 200  # moderator preview
    client.logout()
    assert client.get("/netzwerk/personen/nora-neu/").status_code == 404


def test_consent_text_versions_in_the_admin(client, moderator, django_capture_on_commit_callbacks):
    PersonFactory(consent=True)
    log_in_with_second_factor(client, moderator)
    client.post(
        "/admin/network/consenttext/add/",
        {
            "purpose": "public_profile",
            "title_de": "Neue Fassung",
            "title_en": "New version",
            "body_de": "Text",
            "body_en": "Text",
        },
    )
    new = ConsentText.objects.get(title_de="Neue Fassung")
    assert new.version == 2 and new.published_at is None
    first = ConsentText.objects.get(version=1)
    response = client.get(f"/admin/network/consenttext/{first.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="body_de"' not in page  # in force: read only
    assert "Aktivitätsprotokoll" in page  # and, like every version, with its records
    draft_page = client.get(f"/admin/network/consenttext/{new.pk}/change/").content.decode()
    assert 'name="body_de"' in draft_page and "Aktivitätsprotokoll" in draft_page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/network/consenttext/", {"action": "put_in_force", "_selected_action": [new.pk]}
        )
    new.refresh_from_db()
    assert new.published_at is not None
    assert not Person.objects.public().exists()
    assert "erneut" in mail.outbox[-1].subject
    assert ConsentRecord.objects.filter(text=first, withdrawn_at__isnull=True).count() == 1


def test_moderation_group_has_exactly_the_directory_permissions():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Moderation")
        .permissions.filter(content_type__app_label="network")
        .values_list("codename", flat=True)
    )
    assert "moderate_directory" in codenames and "change_person" in codenames
    assert "change_consentrecord" not in codenames and "add_consentrecord" not in codenames
    assert "delete_consenttext" not in codenames


def test_admin_actions_ask_for_consent_and_withdraw_it(
    client, moderator, django_capture_on_commit_callbacks
):
    public_person = PersonFactory(name="Schon Öffentlich", consent=True)
    asked = PersonFactory(name="Noch Nicht")
    no_email = PersonFactory(name="Ohne Adresse", email="")
    log_in_with_second_factor(client, moderator)
    ids = [public_person.pk, asked.pk, no_email.pk]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/network/person/",
            {"action": "send_consent_request", "_selected_action": ids},
        )
    assert [m.to for m in mail.outbox] == [[asked.email]]
    asked.refresh_from_db()
    assert asked.consent_requested_at is not None

    client.post("/admin/network/person/", {"action": "withdraw_consent", "_selected_action": ids})
    assert not Person.objects.public().exists()
    record = public_person.consents.get()
    assert record.withdrawn_how == f"Durch die Moderation ({moderator.email}) auf Wunsch der Person"
