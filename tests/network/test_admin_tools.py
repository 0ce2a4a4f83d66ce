"""The directory's admin: forms that refuse incomplete input, bulk actions, merging."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from network import services
from network.models import Organisation, Person
from tests.factories import log_in_with_second_factor
from tests.network.factories import OrganisationFactory
from tests.network.test_moderation import png

pytestmark = pytest.mark.django_db


def test_staff_add_an_organisation_with_members_in_the_admin(client, moderator, member):
    log_in_with_second_factor(client, moderator)
    response = client.post(
        "/admin/network/organisation/add/",
        {
            "name": "Neuer Verein",
            "slug": "neuer-verein",
            "kind": "verein",
            "is_published": "on",
            "members": [member.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get(slug="neuer-verein")
    assert list(organisation.members.all()) == [member]


def test_a_logo_without_a_description_is_refused_in_the_admin(client, moderator):
    log_in_with_second_factor(client, moderator)
    response = client.post(
        "/admin/network/organisation/add/",
        {"name": "Mit Logo", "slug": "mit-logo", "kind": "verein", "logo": png()},
    )
    assert "Bitte beschreiben Sie das Logo" in response.content.decode()
    assert not Organisation.objects.filter(slug="mit-logo").exists()


def test_a_photo_without_a_description_and_consent_without_email_are_refused(client, moderator):
    log_in_with_second_factor(client, moderator)
    response = client.post(
        "/admin/network/person/add/",
        {
            "name": "Ohne Alles",
            "slug": "ohne-alles",
            "language": "de",
            "photo": png(),
            "ask_for_consent": "on",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
        },
    )
    page = response.content.decode()
    assert "Bitte beschreiben Sie das Foto" in page
    assert "Um die Einwilligung zu erfragen, wird eine E-Mail-Adresse benötigt" in page
    assert not Person.objects.filter(slug="ohne-alles").exists()


def test_moderators_approve_pending_changes_in_bulk(client, moderator, member):
    organisation = OrganisationFactory(name="Alter Name", members=[member])
    untouched = OrganisationFactory(name="Ohne Änderung")
    services.propose_organisation_change(
        organisation=organisation, data={"name": "Neuer Name", "kind": "verein"}, by=member
    )
    log_in_with_second_factor(client, moderator)
    page = client.post(
        "/admin/network/organisation/",
        {"action": "approve_selected_changes", "_selected_action": [organisation.pk, untouched.pk]},
        follow=True,
    ).content.decode()
    assert "Änderungen von 1 Organisation" in page
    organisation.refresh_from_db()
    assert organisation.name == "Neuer Name"


def test_merging_needs_at_least_two_organisations(client, moderator):
    only = OrganisationFactory(name="Allein")
    log_in_with_second_factor(client, moderator)
    page = client.post(
        "/admin/network/organisation/",
        {"action": "merge_selected", "_selected_action": [only.pk]},
        follow=True,
    ).content.decode()
    assert "mindestens zwei Organisationen" in page
    assert Organisation.objects.filter(pk=only.pk).exists()


def test_merge_keeps_the_kept_organisation_even_when_listed_and_takes_over_the_logo(moderator):
    keep = OrganisationFactory(name="Behalten")
    duplicate = OrganisationFactory(name="Dublette", logo_alt="Ein Baum")
    duplicate.logo.save("logo.webp", ContentFile(b"logo"), save=True)

    services.merge_organisations(keep=keep, duplicates=[keep, duplicate], by=moderator)

    assert list(Organisation.objects.all()) == [keep]
    keep.refresh_from_db()
    assert keep.logo.name == duplicate.logo.name and keep.logo_alt == "Ein Baum"


def test_deciding_when_nothing_is_pending_says_so_and_a_rejection_needs_a_message(
    moderator, member
):
    organisation = OrganisationFactory(name="Alter Name", members=[member])
    with pytest.raises(ValidationError, match="keine offenen Änderungen"):
        services.approve_organisation_change(organisation=organisation, by=moderator)
    services.propose_organisation_change(
        organisation=organisation, data={"name": "Neuer Name", "kind": "verein"}, by=member
    )
    with pytest.raises(ValidationError) as refused:
        services.reject_organisation_change(organisation=organisation, by=moderator, message="")
    assert "keine offenen Änderungen" not in str(refused.value)
    assert Organisation.objects.with_pending_changes().filter(pk=organisation.pk).exists()


def test_a_proposed_organisation_is_published_only_by_its_review(client, moderator, member):
    proposed = services.propose_organisation(
        data={"name": "Wartender Verein", "kind": "verein"}, by=member
    )
    log_in_with_second_factor(client, moderator)
    page = client.get(f"/admin/network/organisation/{proposed.pk}/change/").content.decode()
    # The checkbox that would publish it past the first moderation is not offered.
    assert 'name="is_published"' not in page
    assert "Wartender Verein" in page


def test_a_proposed_profile_with_a_photo_shows_it_on_the_review_page(client, moderator, user):
    person = services.propose_own_profile(
        user=user,
        data={"name": "Greta Gründerin", "kind": "mentor", "role": "Mentorin"},
        text=services.current_consent_text(),
    )
    person.photo.save("greta.png", png(), save=False)
    Person.objects.filter(pk=person.pk).update(photo=person.photo.name, photo_alt="Greta lacht")
    log_in_with_second_factor(client, moderator)
    page = client.get(f"/admin/network/person/{person.pk}/review/").content.decode()
    assert 'alt="Greta lacht"' in page and person.photo.url in page
