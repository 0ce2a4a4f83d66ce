"""Addresses keep German letters; an address an object had before redirects permanently."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import SlugField

from events.models import Event, Series
from network import services as network_services
from network.models import Organisation, Person
from projects import services as project_services
from projects.models import Project
from tests.events.factories import EventFactory, SeriesFactory
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform.german import slugify_de
from zukunftsplattform.slugs import TRIGGER, reslug_lost_letters, unique_slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Meißen", "meissen"),
        ("Görlitz", "goerlitz"),
        ("Weißwasser/O.L.", "weisswasser-ol"),
        ("Älter werden in Löbau-Zittau", "aelter-werden-in-loebau-zittau"),
        ("ÜBER GRENZEN", "ueber-grenzen"),
        ("Łužica – Lausitz", "luzica-lausitz"),
    ],
)
def test_slug_keeps_german_letters(name, slug):
    assert slugify_de(name) == slug


def test_new_project_organisation_and_person_slug_keeps_german_letters(db):
    project = project_services.create_project(
        owner=verified(UserFactory()), data={"title": "Tafel Görlitz"}
    )
    organisation = network_services.create_organisation(
        data={"name": "Diakonie Meißen", "kind": Organisation.Kind.ASSOCIATION}
    )
    person = network_services.create_person(data={"name": "Jana Weißwasser"})
    assert (project.slug, organisation.slug, person.slug) == (
        "tafel-goerlitz",
        "diakonie-meissen",
        "jana-weisswasser",
    )


def test_unique_slug_avoids_addresses_other_objects_had_before(db):
    ProjectFactory(slug="tafel-goerlitz-neu")
    Project.objects.update(slug="ganz-anders")  # "tafel-goerlitz-neu" now redirects there
    OrganisationFactory(name="Tafel Görlitz", slug="tafel-goerlitz")
    assert unique_slug(Project, "Tafel Görlitz neu") == "tafel-goerlitz-neu-2"
    assert unique_slug(Organisation, "Tafel Görlitz") == "tafel-goerlitz-2"


@pytest.fixture
def seeded_db(db):
    from network.default_consent import ensure_consent_text
    from network.models import ConsentText

    ensure_consent_text(ConsentText)  # people are public only with consent to a text


def _project(**kwargs):
    return ProjectFactory(published=True, **kwargs)


def _person(**kwargs):
    return PersonFactory(consent=True, **kwargs)


OBJECTS = {
    "project": (_project, "/projekte/{}/"),
    "organisation": (OrganisationFactory, "/netzwerk/organisationen/{}/"),
    "person": (_person, "/netzwerk/personen/{}/"),
    "series": (SeriesFactory, "/veranstaltungen/reihe/{}/"),
    "event": (EventFactory, "/veranstaltungen/{}/"),
}


@pytest.mark.parametrize("kind", OBJECTS)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_old_address_redirects_permanently_to_the_new_one(client, seeded_db, kind, prefix):
    factory, path = OBJECTS[kind]
    obj = factory(slug="goerlitz-alt")
    type(obj).objects.filter(pk=obj.pk).update(slug="goerlitz-neu")  # any write path

    response = client.get(prefix + path.format("goerlitz-alt") + "?seite=2")

    assert response.status_code == 301
    assert response["Location"] == prefix + path.format("goerlitz-neu") + "?seite=2"
    assert client.get(response["Location"]).status_code == 200


def test_old_address_of_a_sub_page_redirects_to_the_same_sub_page(client, seeded_db):
    event = EventFactory(slug="dialog-alt")
    Event.objects.filter(pk=event.pk).update(slug="dialog-neu")
    response = client.get("/veranstaltungen/dialog-alt/termin.ics")
    assert response.status_code == 301
    assert response["Location"] == "/veranstaltungen/dialog-neu/termin.ics"


def test_old_address_after_two_renames_redirects_to_the_current_one(client, seeded_db):
    organisation = OrganisationFactory(slug="erste")
    for slug in ["zweite", "dritte"]:
        organisation.slug = slug
        organisation.save()  # the instance still holds no previous slugs: history stays
    organisation.refresh_from_db()
    assert sorted(organisation.previous_slugs) == ["erste", "zweite"]
    assert client.get("/netzwerk/organisationen/erste/")["Location"] == (
        "/netzwerk/organisationen/dritte/"
    )


def test_old_address_of_a_hidden_profile_answers_404_not_its_new_name(client, seeded_db):
    person = PersonFactory(slug="anna-alt")  # no consent: not public
    Person.objects.filter(pk=person.pk).update(slug="anna-neu")
    draft = ProjectFactory(slug="entwurf-alt")
    Project.objects.filter(pk=draft.pk).update(slug="entwurf-neu")

    for path in ["/netzwerk/personen/anna-alt/", "/projekte/entwurf-alt/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert "neu" not in response.get("Location", "")


def test_current_slug_wins_over_an_address_another_object_had(client, seeded_db):
    old = OrganisationFactory(slug="treffpunkt")
    Organisation.objects.filter(pk=old.pk).update(slug="treffpunkt-alt")
    OrganisationFactory(name="Neuer Treffpunkt", slug="treffpunkt")
    response = client.get("/netzwerk/organisationen/treffpunkt/")
    assert response.status_code == 200
    assert "Neuer Treffpunkt" in response.content.decode()


def test_slug_changed_in_the_admin_redirects(client, seeded_db):
    staff = verified(UserFactory(is_staff=True, is_superuser=True))
    log_in_with_second_factor(client, staff)
    series = SeriesFactory(title="Dialog Görlitz", slug="dialog-gorlitz")
    response = client.post(
        f"/admin/events/series/{series.pk}/change/",
        {"title": series.title, "slug": "", "summary": series.summary, "description": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    series.refresh_from_db()
    assert series.slug == "dialog-goerlitz"  # an empty address is made from the title
    client.logout()
    response = client.get("/veranstaltungen/reihe/dialog-gorlitz/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/veranstaltungen/reihe/dialog-goerlitz/",
    )


def test_data_migration_gives_lost_letters_back_and_keeps_chosen_slugs(seeded_db):
    lost = OrganisationFactory(name="Tafel Meißen", slug="tafel-meien")
    lost_by_the_admin = OrganisationFactory(name="Görlitzer Tafel", slug="gorlitzer-tafel-2")
    chosen = OrganisationFactory(name="Bürgerstiftung Görlitz", slug="buergerstiftung")
    plain = OrganisationFactory(name="Nachbarschaftshilfe", slug="nachbarschaftshilfe")
    person = PersonFactory(name="Jörg Weiß", slug="jorg-wei")

    assert reslug_lost_letters(Organisation, "name") == 2
    assert reslug_lost_letters(Person, "name") == 1

    for obj in [lost, lost_by_the_admin, chosen, plain, person]:
        obj.refresh_from_db()
    assert (lost.slug, lost.previous_slugs) == ("tafel-meissen", ["tafel-meien"])
    assert (lost_by_the_admin.slug, lost_by_the_admin.previous_slugs) == (
        "goerlitzer-tafel",
        ["gorlitzer-tafel-2"],
    )
    assert (chosen.slug, plain.slug) == ("buergerstiftung", "nachbarschaftshilfe")
    assert (person.slug, person.previous_slugs) == ("joerg-weiss", ["jorg-wei"])


def test_every_model_with_an_address_remembers_its_previous_ones():
    with_slug = {
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and any(f.name == "slug" and isinstance(f, SlugField) for f in model._meta.get_fields())
    }
    # Fixed vocabularies: their slugs are filter values and page names chosen in code.
    fixed = {
        "taxonomy.topic",
        "taxonomy.targetgroup",
        "taxonomy.supportcategory",
        "pages.contentpage",
    }
    remembering = {model for model in with_slug if model._meta.label_lower not in fixed}
    assert {model._meta.label_lower for model in remembering} == {
        "projects.project",
        "network.organisation",
        "network.person",
        "events.series",
        "events.event",
    }
    for model in remembering:
        assert model._meta.get_field("previous_slugs")


@pytest.mark.django_db
def test_every_table_with_previous_slugs_has_the_trigger():
    tables = [model._meta.db_table for model in (Project, Organisation, Person, Series, Event)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER],
        )
        assert set(tables) <= {row[0] for row in cursor.fetchall()}


def test_a_form_sent_to_an_old_address_is_redirected_with_its_method(client, seeded_db):
    # 308, not 301: the browser sends the same POST (and its body) to the new address.
    event = EventFactory(slug="forum-alt")
    Event.objects.filter(pk=event.pk).update(slug="forum-neu")
    response = client.post("/veranstaltungen/forum-alt/anmelden/", {"name": "Gabi"})
    assert response.status_code == 308
    assert response["Location"] == "/veranstaltungen/forum-neu/anmelden/"
