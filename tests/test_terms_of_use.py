"""Terms of use: accepted at sign-up, asked again when staff put a new version in force."""

import html

import pytest
from django.core.exceptions import ValidationError

from accounts import terms as terms_services
from accounts.models import TermsAcceptance, TermsOfUse, User
from accounts.personal_data import collect
from projects.models import Project
from tests.factories import (
    ACCEPTED_TERMS,
    TermsOfUseFactory,
    UserFactory,
    log_in_with_second_factor,
    verified,
)

pytestmark = pytest.mark.django_db
PASSWORD = "richtig-gutes-Passwort-1"
SIGNUP = {
    "email": "neu@example.org",
    "display_name": "Nora Neu",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_signup_page_has_the_required_box_linking_the_terms_in_force(client):
    body = page(client.get("/konto/signup/"))
    assert "Ich akzeptiere die Nutzungsbedingungen" in body
    assert 'name="accept_terms"' in body and 'name="terms_version" value="1"' in body
    assert 'href="/nutzungsbedingungen/"' in body
    assert "Nutzungsbedingungen lesen (Version 1" in body


def test_signup_with_the_box_records_the_version_and_time(client):
    response = client.post("/konto/signup/", {**SIGNUP, **ACCEPTED_TERMS})
    assert response.status_code == 302
    acceptance = TermsAcceptance.objects.get(user__email="neu@example.org")
    assert acceptance.terms.version == 1 and acceptance.accepted_at is not None


def test_signup_without_the_box_is_refused_and_keeps_what_was_typed(client):
    response = client.post("/konto/signup/", {**SIGNUP, "terms_version": "1"})
    assert response.status_code == 200
    body = page(response)
    assert "Bitte akzeptieren Sie die Nutzungsbedingungen, um fortzufahren." in body
    assert 'href="#id_accept_terms"' in body  # the error summary leads to the box
    assert 'value="neu@example.org"' in body and 'value="Nora Neu"' in body
    assert not User.objects.filter(email="neu@example.org").exists()


def test_signup_for_a_version_replaced_meanwhile_asks_to_read_the_new_one(client):
    TermsOfUseFactory(published=True)
    response = client.post("/konto/signup/", {**SIGNUP, **ACCEPTED_TERMS})
    assert response.status_code == 200
    assert "Die Nutzungsbedingungen haben sich gerade geändert." in page(response)
    assert not User.objects.filter(email="neu@example.org").exists()


def test_public_terms_page_shows_the_version_in_force_and_the_footer_links_it(client):
    draft = TermsOfUseFactory(title_de="Entwurf, noch nicht in Kraft")
    body = page(client.get("/nutzungsbedingungen/"))
    assert "Nutzungsbedingungen der Zukunftsplattform" in body and "Version 1" in body
    assert draft.title_de not in body
    assert 'href="/nutzungsbedingungen/"' in page(client.get("/"))
    assert "Terms of use of the Future Platform" in page(client.get("/en/nutzungsbedingungen/"))


def test_a_new_version_sends_a_signed_in_person_to_it_until_accepted(client, user):
    client.force_login(user)
    assert client.get("/konto/").status_code == 200
    new = TermsOfUseFactory(published=True, title_de="Nutzungsbedingungen, Fassung 2")

    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/nutzungsbedingungen/?next=%2Fkonto%2F"
    interstitial = page(client.get(response["Location"]))
    assert "Bitte akzeptieren Sie die neuen Nutzungsbedingungen" in interstitial
    assert "Nutzungsbedingungen, Fassung 2" in interstitial
    assert "Neu: Beiträge dürfen keine Werbung enthalten." in interstitial
    for link in ['href="/konto/daten/"', 'href="/konto/loeschen/"', 'href="/konto/logout/"']:
        assert link in interstitial

    # Without the box: refused with the box named, still asked.
    refused = client.post(
        "/konto/nutzungsbedingungen/", {"terms_version": new.version, "next": "/konto/"}
    )
    assert refused.status_code == 200
    assert "Bitte akzeptieren Sie die Nutzungsbedingungen" in page(refused)

    accepted = client.post(
        "/konto/nutzungsbedingungen/",
        {"accept_terms": "on", "terms_version": new.version, "next": "/konto/"},
    )
    assert accepted.status_code == 302 and accepted["Location"] == "/konto/"
    assert TermsAcceptance.objects.filter(user=user, terms=new).exists()
    assert client.get("/konto/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/projekte/",
        "/nutzungsbedingungen/",
        "/datenschutz/",
        "/konto/daten/",
        "/konto/logout/",
    ],
)
def test_before_accepting_public_pages_data_and_logout_stay_open(client, path):
    user = verified(UserFactory())
    TermsOfUseFactory(published=True)
    client.force_login(user)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/konto/", "/konto/email/", "/projekte/neu/"])
def test_before_accepting_the_signed_in_area_is_closed(client, path):
    user = verified(UserFactory())
    TermsOfUseFactory(published=True)
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/nutzungsbedingungen/?next=")


def test_before_accepting_no_form_of_the_signed_in_area_is_taken(client):
    user = verified(UserFactory())
    TermsOfUseFactory(published=True)
    client.force_login(user)
    response = client.post("/projekte/neu/", {"title": "Heimlich angelegt", "stage": "idee"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/nutzungsbedingungen/"
    assert not Project.objects.filter(title="Heimlich angelegt").exists()


def test_logging_out_before_accepting_works(client):
    user = verified(UserFactory())
    TermsOfUseFactory(published=True)
    client.force_login(user)
    client.post("/konto/logout/")
    assert "_auth_user_id" not in client.session


def test_interstitial_never_redirects_elsewhere(client, user):
    TermsOfUseFactory(published=True)
    client.force_login(user)
    response = client.post(
        "/konto/nutzungsbedingungen/",
        {"accept_terms": "on", "terms_version": "2", "next": "https://example.com/"},
    )
    assert response["Location"] == "/konto/"


def test_interstitial_when_nothing_is_pending_goes_on(client, user):
    client.force_login(user)
    response = client.get("/konto/nutzungsbedingungen/?next=/projekte/")
    assert response.status_code == 302 and response["Location"] == "/projekte/"


def test_staff_reach_the_admin_right_after_putting_a_version_in_force(client):
    admin = verified(UserFactory(is_staff=True, is_superuser=True))
    log_in_with_second_factor(client, admin)
    draft = TermsOfUseFactory()
    response = client.post(
        "/admin/accounts/termsofuse/",
        {"action": "put_in_force", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "ist in Kraft" in page(response)
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert terms_services.current_terms() == draft
    assert client.get("/admin/").status_code == 200
    assert client.get("/konto/").status_code == 302  # their own account asks them too
    assert draft.activity.filter(action="terms.publish", actor=admin).exists()


def test_terms_in_force_cannot_be_changed():
    terms = TermsOfUse.objects.get(version=1)
    terms.body_de = "Still geändert"
    with pytest.raises(ValidationError, match=r"nicht geändert werden"):
        terms_services.save_terms(terms=terms, by=None)


def test_a_new_draft_gets_the_next_number_and_a_record():
    admin = UserFactory(is_staff=True)
    draft = terms_services.save_terms(
        terms=TermsOfUse(title_de="Fassung", title_en="Version", body_de="**Neu**", body_en="New"),
        by=admin,
    )
    assert draft.version == 2 and draft.body_de_html == "<p><strong>Neu</strong></p>"
    assert draft.activity.filter(action="terms.create", actor=admin).exists()


def test_the_data_export_lists_each_accepted_version(user):
    new = TermsOfUseFactory(published=True)
    terms_services.accept_terms(user=user, terms=new)
    exported = collect(user)["terms_of_use_accepted"]
    assert [row["version"] for row in exported] == [1, new.version]
    assert all(row["accepted_at"] for row in exported)


def test_deleting_the_account_deletes_its_acceptances(user):
    user.delete()
    assert not TermsAcceptance.objects.exists()


def test_before_accepting_an_htmx_request_sends_the_whole_page_to_the_terms(client):
    user = verified(UserFactory())
    TermsOfUseFactory(published=True)
    client.force_login(user)
    response = client.post(
        "/projekte/neu/",
        {"title": "Heimlich angelegt", "stage": "idee"},
        headers={"HX-Request": "true"},
    )
    # htmx follows HX-Redirect with a full page load: the person lands on the terms, not in a
    # fragment of the page they were on.
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/konto/nutzungsbedingungen/"
    assert not Project.objects.filter(title="Heimlich angelegt").exists()


def test_before_a_first_version_is_in_force_sign_up_asks_nothing_and_nobody_is_stopped(client):
    TermsOfUse.objects.update(published_at=None)  # a portal whose staff wrote only a draft
    form = page(client.get("/konto/signup/"))
    assert 'name="accept_terms"' not in form
    response = client.post("/konto/signup/", SIGNUP)
    assert response.status_code == 302
    nora = User.objects.get(email="neu@example.org")
    assert not nora.terms_acceptances.exists()
    client.force_login(verified(UserFactory()))
    assert client.get("/konto/").status_code == 200


def test_a_draft_cannot_be_accepted(user):
    draft = TermsOfUseFactory()
    with pytest.raises(ValidationError, match="nicht in Kraft"):
        terms_services.accept_terms(user=user, terms=draft)
    assert not TermsAcceptance.objects.filter(terms=draft).exists()


def test_putting_the_version_in_force_again_warns_and_changes_nothing(client):
    admin = verified(UserFactory(is_staff=True, is_superuser=True))
    log_in_with_second_factor(client, admin)
    in_force = terms_services.current_terms()
    response = client.post(
        "/admin/accounts/termsofuse/",
        {"action": "put_in_force", "_selected_action": [in_force.pk]},
        follow=True,
    )
    assert "Die gewählte Fassung ist bereits in Kraft." in page(response)
    assert terms_services.current_terms() == in_force
    assert not in_force.activity.filter(action="terms.publish").exists()
