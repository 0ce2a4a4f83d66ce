"""Images nobody shows any more leave the storage: replaced, rejected, superseded uploads."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from network import services as network_services
from projects import services
from tests.network.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def upload(name: str) -> dict:
    """Renditions as the project form hands them to the services (already re-encoded)."""
    return {"main": ContentFile(b"RIFF-webp-" + name.encode(), name=name)}


def cover(name: str) -> dict:
    return {
        "main": ContentFile(b"cover-" + name.encode(), name=name),
        "card": ContentFile(b"card-" + name.encode(), name=f"card-{name}"),
    }


def test_a_replaced_image_of_a_draft_is_deleted_after_commit(
    draft, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=draft, user=owner, data={"cover": cover("erst.webp")})
    draft.refresh_from_db()
    first, first_card = draft.cover.name, draft.cover_card.name
    assert default_storage.exists(first) and default_storage.exists(first_card)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=draft, user=owner, data={"cover": cover("dann.webp")})
    draft.refresh_from_db()
    assert not default_storage.exists(first) and not default_storage.exists(first_card)
    assert default_storage.exists(draft.cover.name) and default_storage.exists(
        draft.cover_card.name
    )


def test_an_image_is_kept_until_the_transaction_commits(draft, owner):
    services.update_project(project=draft, user=owner, data={"logo": upload("erst.webp")})
    draft.refresh_from_db()
    first = draft.logo.name
    services.update_project(project=draft, user=owner, data={"logo": upload("dann.webp")})
    assert default_storage.exists(first)  # the test's transaction never commits


def test_approved_changes_delete_the_replaced_public_image(
    published, owner, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=published, user=owner, data={"logo": upload("alt.webp")})
        services.submit_project(project=published, user=owner)
        services.publish_project(project=published, moderator=moderator)
    published.refresh_from_db()
    old = published.logo.name
    assert default_storage.exists(old)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=published, user=owner, data={"logo": upload("neu.webp")})
        services.submit_project(project=published, user=owner)
    published.refresh_from_db()
    assert published.logo.name == old and default_storage.exists(old)  # public until approved
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_project(project=published, moderator=moderator)
    published.refresh_from_db()
    assert published.logo.name != old and default_storage.exists(published.logo.name)
    assert not default_storage.exists(old)


def test_a_pending_upload_replaced_by_a_newer_one_is_deleted(
    published, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=published, user=owner, data={"logo": upload("a.webp")})
    published.refresh_from_db()
    first = published.revision["logo"]["main"]
    assert default_storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=published, user=owner, data={"logo": upload("b.webp")})
    published.refresh_from_db()
    assert not default_storage.exists(first)
    assert default_storage.exists(published.revision["logo"]["main"])


def test_rejected_changes_delete_their_uploads_and_keep_the_public_image(
    published, owner, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=published, user=owner, data={"cover": cover("x.webp")})
        services.submit_project(project=published, user=owner)
    published.refresh_from_db()
    pending = set(published.revision["cover"].values())
    assert all(default_storage.exists(name) for name in pending)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_project(project=published, moderator=moderator, reason="Zu groß.")
    assert not any(default_storage.exists(name) for name in pending)


def test_withdrawn_changes_keep_their_uploads_for_more_editing(
    published, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=published, user=owner, data={"logo": upload("w.webp")})
        services.submit_project(project=published, user=owner)
        services.withdraw_submission(project=published, user=owner)
    published.refresh_from_db()
    assert default_storage.exists(published.revision["logo"]["main"])


def test_an_image_another_project_still_shows_is_not_deleted(
    draft, published, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=draft, user=owner, data={"logo": upload("geteilt.webp")})
    draft.refresh_from_db()
    shared = draft.logo.name
    type(published).objects.filter(pk=published.pk).update(logo=shared)  # as demo data do
    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(project=draft, user=owner, data={"logo": upload("eigen.webp")})
    assert default_storage.exists(shared)


def test_an_organisation_proposal_replaced_or_rejected_deletes_its_logo(
    moderator, django_capture_on_commit_callbacks
):
    member = moderator  # a moderator who is a member proposes like any member
    organisation = OrganisationFactory(name="Verein mit Logo", kind="verein", members=[member])
    data = {"name": "Verein mit Logo", "kind": "verein"}
    with django_capture_on_commit_callbacks(execute=True):
        network_services.propose_organisation_change(
            organisation=organisation,
            data={**data, "logo": ContentFile(b"eins", name="eins.webp")},
            by=member,
        )
    organisation.refresh_from_db()
    first = organisation.revision["logo"]
    with django_capture_on_commit_callbacks(execute=True):
        network_services.propose_organisation_change(
            organisation=organisation,
            data={**data, "logo": ContentFile(b"zwei", name="zwei.webp")},
            by=member,
        )
    organisation.refresh_from_db()
    second = organisation.revision["logo"]
    assert not default_storage.exists(first) and default_storage.exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        network_services.reject_organisation_change(
            organisation=organisation, by=moderator, message="Unscharf."
        )
    assert not default_storage.exists(second)


def test_a_logo_or_photo_replaced_or_cleared_directly_is_deleted_after_commit(
    moderator, django_capture_on_commit_callbacks
):
    """Edits that need no moderation (staff on an organisation, a person on their own
    profile) delete the image they replace or clear."""
    organisation = OrganisationFactory(name="Verein mit Logo", kind="verein")
    person = PersonFactory(name="Lina Linked")
    data = {"name": "Verein mit Logo", "kind": "verein", "logo_alt": "Logo"}

    def edit_organisation(logo):
        network_services.update_organisation(
            organisation=organisation, data={**data, "logo": logo}, by=moderator
        )
        organisation.refresh_from_db()
        return organisation.logo.name

    def edit_person(photo):
        network_services.update_person(
            person=person,
            data={"name": person.name, "photo": photo, "photo_alt": "Foto"},
            by=moderator,
            staff=True,
        )
        person.refresh_from_db()
        return person.photo.name

    for edit in (edit_organisation, edit_person):
        with django_capture_on_commit_callbacks(execute=True):
            first = edit(ContentFile(b"eins", name="eins.webp"))
        with django_capture_on_commit_callbacks(execute=True):
            second = edit(ContentFile(b"zwei", name="zwei.webp"))
        assert not default_storage.exists(first) and default_storage.exists(second), edit
        with django_capture_on_commit_callbacks(execute=True):
            assert edit(False) == ""  # "clear" ticked in the admin
        assert not default_storage.exists(second), edit
