"""Every public form and the forms behind a login: a hostile value is refused with a
summary and kept, or stored exactly as typed."""

import itertools

import pytest

from events.models import Registration
from network import services as network_services
from network.forms import OrganisationForm, PersonForm
from network.models import Organisation
from pages.models import Feedback
from projects.models import Project
from tests.events.factories import EventFactory
from tests.factories import ACCEPTED_TERMS, UserFactory, log_in_with_second_factor
from tests.hostile.corpus import (
    FILTER_VALUES,
    HOSTILE_TEXT,
    NOT_ECHOED,
    SLUGGISH,
    assert_harmless,
    fresh_email,
    post_corpus,
    post_corpus_together,
)
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


# --- Every public form, and the forms behind a login ------------------------------------------

PASSWORD = "richtig-gutes-Passwort-1"
# Choice, checkbox and relation fields: a smaller corpus (the value is never echoed).
CHOICE_VALUES = {
    key: FILTER_VALUES[key]
    for key in [
        "nul", "10k-ascii", "emoji", "sql-or", "script", "whitespace", "unknown-slug", "negative",
    ]
} | {"huge-number": "9" * 40, "float": "1.5"}  # fmt: skip


def _varied(form_class, names, **kwargs):
    """Split field names into text fields (full corpus) and choice fields (small corpus)."""
    fields = form_class(**kwargs).fields
    text = [n for n in names if not isinstance(fields[n].widget, NOT_ECHOED)]
    choice = [n for n in names if isinstance(fields[n].widget, NOT_ECHOED)]
    return text, choice


@pytest.mark.parametrize("path", ["/kontakt/", "/barrierefreiheit/"])
def test_feedback_form_refuses_or_stores_hostile_values(client, path):
    def stored(name):
        return getattr(Feedback.objects.latest("pk"), name)

    base = {"message": "Die Seite ist gut lesbar.", "name": "Bea", "email": "bea@example.org"}
    count = post_corpus(
        client, path, base=base, fields=["message", "page_url", "name", "email"], stored=stored
    )
    assert count == 4 * len(HOSTILE_TEXT)


def test_report_form_refuses_or_stores_hostile_values(client):
    from notices.forms import ReportForm
    from notices.models import Report

    project = ProjectFactory(published=True, title="Gemeldetes Projekt")
    url = f"/melden/projekt/{project.slug}/"

    def stored(name):
        return getattr(Report.objects.latest("pk"), name)

    base = {
        "reason": "other",
        "description": "Hier steht eine Beleidigung.",
        "reporter_email": "bea@example.org",
        "good_faith": "on",
    }
    text, choice = _varied(ReportForm, ["description", "reporter_name", "reporter_email"])
    post_corpus(client, url, base=base, fields=text, stored=stored)
    _text, choice = _varied(ReportForm, ["reason", "good_faith"])
    post_corpus(client, url, base=base, fields=choice, values=CHOICE_VALUES)


def test_report_decision_refuses_hostile_values(client, superuser):
    """The admin's decision page: an unknown decision or a hostile statement changes
    nothing it should not; the content stays public until a valid restriction."""
    from notices.models import Report
    from tests.notices.factories import ReportFactory

    project = ProjectFactory(published=True, title="Gemeldet")
    report = ReportFactory(content=project)
    log_in_with_second_factor(client, superuser)
    url = f"/admin/notices/report/{report.pk}/decide/"
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        for field in ["action", "ground"]:
            data = {"action": "restrict", "ground": "law", "statement": "Grund.", field: value}
            response = client.post(url, data)
            label = f"POST {url} {field}={key}"
            assert response.status_code == 200, f"{response.status_code}: {label}"
            project.refresh_from_db()
            assert project.status == "published", label
    for key, value in HOSTILE_TEXT.items():
        report = ReportFactory(content=project)
        url = f"/admin/notices/report/{report.pk}/decide/"
        response = client.post(url, {"action": "dismiss", "statement": value})
        label = f"POST {url} statement={key}"
        assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
        assert "<script>alert(1)" not in response.content.decode(), label
        if response.status_code == 302:
            assert Report.objects.get(pk=report.pk).statement == value.strip(), label


@pytest.fixture
def open_event(db):
    return EventFactory(title="Dialogforum Freiberg", capacity=500)


def test_guest_registration_refuses_or_stores_hostile_values(client, open_event):
    url = f"/veranstaltungen/{open_event.slug}/anmelden/"

    def base():
        return {"name": "Gabi Gast", "email": fresh_email(), "photo_consent": "nein"}

    def stored(name):
        return getattr(Registration.objects.latest("pk"), name)

    text = ["name", "email", "accessibility_needs", "dietary_needs"]
    post_corpus(client, url, base=base, fields=text, stored=stored)
    post_corpus(client, url, base=base, fields=["photo_consent"], values=CHOICE_VALUES)


def test_signed_in_registration_refuses_or_stores_hostile_values(client, user, open_event):
    client.force_login(user)
    url = f"/veranstaltungen/{open_event.slug}/anmelden/"

    def stored(name):
        # One active registration per person: read it, then make room for the next POST.
        registration = Registration.objects.get(user=user, event=open_event)
        registration.delete()
        return getattr(registration, name)

    base = {"photo_consent": "ja"}
    post_corpus(
        client, url, base=base, fields=["accessibility_needs", "dietary_needs"], stored=stored
    )
    post_corpus(client, url, base=base, fields=["photo_consent"], values=CHOICE_VALUES)


def test_signup_refuses_or_stores_hostile_values(client):
    from accounts.models import User

    def base():
        return {
            "email": fresh_email("neu"),
            "display_name": "Neue Person",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **ACCEPTED_TERMS,
        }

    def stored(name):
        return getattr(User.objects.latest("date_joined"), name)

    fields = ["email", "display_name", "password1", "password2"]
    post_corpus(client, "/konto/signup/", base=base, fields=fields, stored=stored)
    # The box and the version it accepts: a ticked box is any value, a version only the
    # one in force; whatever else comes is refused with the box named.
    post_corpus(
        client,
        "/konto/signup/",
        base=base,
        fields=["accept_terms", "terms_version"],
        values=CHOICE_VALUES,
    )
    assert not User.objects.filter(terms_acceptances__isnull=True).exists()


def test_login_and_password_reset_refuse_hostile_values(client, user):
    base = {"login": user.email, "password": "ganz-falsches-Passwort"}
    post_corpus(client, "/konto/login/", base=base, fields=["login", "password"])
    assert "_auth_user_id" not in client.session
    post_corpus(client, "/konto/password/reset/", base={"email": user.email}, fields=["email"])


PROJECT_FIELDS = [
    "title", "summary", "stage", "region", "place", "challenge", "approach", "impact_reached",
    "impact_outcomes", "evidence_links", "topics", "target_groups", "sdgs", "needs",
    "needs_note", "offers", "offers_note", "carrying_organisation", "partner_organisations",
    "funding_programme", "call_round", "website", "contact_email", "contact_phone", "logo_alt",
    "cover_alt",
]  # fmt: skip


def as_text(value):
    """Evidence links are stored as a list, typed one per line."""
    return "\n".join(value) if isinstance(value, list) else value


@pytest.fixture
def innovator(user):
    return user


def test_project_create_refuses_or_stores_hostile_values(client, innovator):
    from projects.forms import ProjectForm

    client.force_login(innovator)

    def stored(name):
        return as_text(
            getattr(Project.objects.filter(memberships__user=innovator).latest("pk"), name)
        )

    # A title of its own for each new project: hundreds of one title would make each
    # create probe every "-2", "-3" … slug before it (minutes of queries, no more checks).
    titles = itertools.count()

    def base():
        return {"title": f"Projekt mit Gegenwind {next(titles)}", "stage": "idee"}

    text, choice = _varied(ProjectForm, PROJECT_FIELDS)
    post_corpus_together(client, "/projekte/neu/", base=base, fields=text, stored=stored, ip=False)
    post_corpus_together(
        client, "/projekte/neu/", base=base, fields=choice, values=CHOICE_VALUES, ip=False
    )


def test_project_edit_refuses_or_stores_hostile_values(client, innovator):
    from projects.forms import ProjectForm

    project = ProjectFactory(owner=innovator, title="Bestehendes Projekt")
    client.force_login(innovator)
    url = f"/projekte/{project.slug}/bearbeiten/"

    def stored(name):
        project.refresh_from_db()
        return as_text(getattr(project, name))

    base = {"title": "Bestehendes Projekt", "stage": "idee"}
    text, choice = _varied(ProjectForm, PROJECT_FIELDS)
    post_corpus_together(client, url, base=base, fields=text, stored=stored, ip=False)
    post_corpus_together(client, url, base=base, fields=choice, values=CHOICE_VALUES, ip=False)


def test_own_person_profile_refuses_or_stores_hostile_values(client, user):
    person = PersonFactory(name="Lina Linked", user=user)
    client.force_login(user)
    url = f"/netzwerk/personen/{person.slug}/bearbeiten/"

    def stored(name):
        person.refresh_from_db()
        return getattr(person, name)

    names = ["name", "role", "affiliation", "region", "bio", "topics", "offers", "photo_alt"]
    text, choice = _varied(PersonForm, names)
    post_corpus_together(
        client, url, base={"name": "Lina Linked"}, fields=text, stored=stored, ip=False
    )
    post_corpus_together(
        client, url, base={"name": "Lina"}, fields=choice, values=CHOICE_VALUES, ip=False
    )


def test_organisation_proposal_refuses_or_stores_hostile_values(client, user):
    organisation = OrganisationFactory(name="Verein im Wind", members=[user])
    client.force_login(user)
    url = f"/netzwerk/organisationen/{organisation.slug}/bearbeiten/"

    def stored(name):
        organisation.refresh_from_db()
        return organisation.revision[name]

    base = {"name": "Verein im Wind", "kind": "verein"}
    names = ["name", "kind", "description", "region", "place", "website", "topics", "offers"]
    text, choice = _varied(OrganisationForm, [*names, "logo_alt"])
    post_corpus_together(client, url, base=base, fields=text, stored=stored, ip=False)
    post_corpus_together(client, url, base=base, fields=choice, values=CHOICE_VALUES, ip=False)


def test_team_actions_refuse_hostile_values(client, innovator):
    """The buttons of the team page: a hostile member or action changes nobody's role."""
    from projects.models import ProjectMembership

    project = ProjectFactory(owner=innovator, title="Projekt mit Team")
    editor = UserFactory()
    ProjectMembership.objects.create(project=project, user=editor, role="editor")
    team = set(project.memberships.values_list("user_id", "role"))
    client.force_login(innovator)
    url = f"/projekte/{project.slug}/team/"
    values = {**CHOICE_VALUES, **SLUGGISH}
    member = project.memberships.get(user=editor).pk
    cases = [({"action": action}, "member") for action in ["remove", "owner", "invite"]]
    cases.append(({"member": member}, "action"))
    for base, field in cases:
        for key, value in values.items():
            response = client.post(url, {**base, field: value})
            label = f"POST {url} {base} {field}={key}"
            assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
            assert_harmless(response, label)
    assert set(project.memberships.values_list("user_id", "role")) == team


def test_account_consent_buttons_refuse_hostile_values(client, user):
    from network.public import is_public_person

    person = PersonFactory(name="Lina Linked", user=user, consent=True)
    client.force_login(user)
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        response = client.post("/netzwerk/einwilligung/konto/", {"action": value})
        assert response.status_code == 302, f"{response.status_code}: action={key}"
        assert is_public_person(person), f"a hostile action withdrew consent: {key}"
    response = client.post("/netzwerk/einwilligung/konto/", {}, follow=True)
    assert "Es wurde nichts geändert" in response.content.decode()
    assert is_public_person(person)


def test_organisation_review_refuses_or_stores_hostile_messages(client, superuser):
    member = UserFactory()
    organisation = OrganisationFactory(name="Verein im Wind", members=[member])
    log_in_with_second_factor(client, superuser)
    url = f"/admin/network/organisation/{organisation.pk}/review/"
    for key, value in {**HOSTILE_TEXT, **CHOICE_VALUES}.items():
        network_services.propose_organisation_change(
            organisation=organisation,
            data={"name": "Verein im Wind", "kind": "verein", "description": "Neu."},
            by=member,
        )
        for field in ["message", "action"]:
            response = client.post(url, {field: value}, follow=True)
            label = f"POST {url} {field}={key}"
            assert response.status_code == 200, f"{response.status_code}: {label}"
            assert "<script>alert(1)" not in response.content.decode(), label  # admin: own SVGs


def test_save_and_submit_button_refuses_hostile_values(client, innovator):
    """The edit form's two buttons: whatever ``submit`` carries, the answer is no 500 and
    an incomplete project is not submitted."""
    project = ProjectFactory(owner=innovator, title="Projekt im Entwurf", status="draft")
    client.force_login(innovator)
    url = f"/projekte/{project.slug}/bearbeiten/"
    for key, value in {**CHOICE_VALUES, **SLUGGISH, "empty": ""}.items():
        response = client.post(url, {"title": "Projekt im Entwurf", "submit": value})
        label = f"POST {url} submit={key}"
        assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
        project.refresh_from_db()
        assert project.status == "draft", label


def test_merge_choice_refuses_hostile_values(client, superuser):
    """The admin's merge page: a hostile or foreign choice shows the page again with an
    error and deletes nothing."""
    keep = OrganisationFactory(name="Behalten")
    duplicate = OrganisationFactory(name="Dublette")
    outsider = OrganisationFactory(name="Nicht ausgewählt")
    log_in_with_second_factor(client, superuser)
    data = {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk]}
    hostile = {**CHOICE_VALUES, **SLUGGISH, "not-selected": str(outsider.pk)}
    for key, value in hostile.items():
        if value in {str(keep.pk), str(duplicate.pk)}:
            continue  # a real choice
        response = client.post("/admin/network/organisation/", {**data, "keep": value})
        label = f"merge keep={key}"
        assert response.status_code == 200, f"{response.status_code}: {label}"
        page = response.content.decode()
        assert "Doppelte Organisationen zusammenführen" in page, label
        assert value == "" or "errorlist" in page, label  # nothing chosen: asked again
        assert Organisation.objects.count() == 3, label


@pytest.mark.parametrize(
    "changelist, action",
    [
        ("/admin/network/organisation/", "hide_selected"),
        ("/admin/network/organisation/", "show_selected"),
        ("/admin/network/organisation/", "approve_selected_changes"),
        ("/admin/network/person/", "withdraw_consent"),
        ("/admin/projects/project/", "publish_selected"),
        ("/admin/events/event/", "publish"),
        ("/admin/network/organisation/", "gibt-es-nicht"),
    ],
)
def test_admin_actions_refuse_hostile_selections(client, superuser, changelist, action):
    """Rows ticked for an action go through a form: a forged selection gets a message
    (Django's admin answered 500 for a selection that is not a number)."""
    organisation = OrganisationFactory(name="Sichtbar bleiben")
    log_in_with_second_factor(client, superuser)
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        if value == str(organisation.pk):
            continue  # a real selection
        response = client.post(changelist, {"action": action, "_selected_action": value})
        label = f"{action} _selected_action={key}"
        assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
    organisation.refresh_from_db()
    assert organisation.is_published


def test_project_decision_refuses_hostile_values(client, superuser):
    """The admin's decision page: an unknown decision or a hostile message changes nothing."""
    project = ProjectFactory(status="submitted", title="Wartet auf Entscheidung")
    log_in_with_second_factor(client, superuser)
    url = f"/admin/projects/project/{project.pk}/moderate/"
    for key, value in {**CHOICE_VALUES, **SLUGGISH}.items():
        response = client.post(url, {"action": value, "message": "Bitte prüfen."})
        label = f"POST {url} action={key}"
        assert response.status_code == 200, f"{response.status_code}: {label}"
        project.refresh_from_db()
        assert project.status == "submitted", label
    for key, value in HOSTILE_TEXT.items():
        response = client.post(url, {"action": "request_changes", "message": value})
        label = f"POST {url} message={key}"
        assert response.status_code in {200, 302}, f"{response.status_code}: {label}"
        assert "<script>alert(1)" not in response.content.decode(), label
