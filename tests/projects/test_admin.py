"""What moderators do in the admin: archive, best practice, the bulk actions."""

from html.parser import HTMLParser

import pytest

from projects import services
from projects.models import Project
from tests.factories import log_in_with_second_factor
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


class _FormValues(HTMLParser):
    """The values a browser would send from the admin change form (no JavaScript)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "checkbox"}:
            self.values[name] = attrs.get("value") or ""
        elif tag == "input" and name and "checked" in attrs:
            self.values[name] = attrs.get("value") or "on"
        elif tag == "textarea" and name:
            self._textarea, self.values[name] = name, ""

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def _change_form(client, project):
    parser = _FormValues()
    parser.feed(client.get(f"/admin/projects/project/{project.pk}/change/").content.decode())
    return parser.values


def test_moderator_archives_a_published_project_on_the_decision_page(client, published, moderator):
    log_in_with_second_factor(client, moderator)
    response = client.post(
        f"/admin/projects/project/{published.pk}/moderate/",
        {"action": "archive", "message": "Das Projekt ist beendet."},
    )
    assert response.status_code == 302
    assert Project.objects.get(pk=published.pk).status == Project.Status.ARCHIVED
    client.logout()
    assert client.get(f"/projekte/{published.slug}/").status_code in {404, 410}


def test_moderator_marks_a_published_project_as_best_practice_with_its_story(
    client, published, moderator
):
    log_in_with_second_factor(client, moderator)
    data = _change_form(client, published)
    data |= {"is_best_practice": "on", "story_what_worked": "Feste Treffzeiten halfen."}
    response = client.post(f"/admin/projects/project/{published.pk}/change/", data, follow=True)
    assert response.status_code == 200
    published.refresh_from_db()
    assert published.is_best_practice
    assert (
        "Feste Treffzeiten halfen." in client.get(f"/projekte/{published.slug}/").content.decode()
    )


def test_a_draft_cannot_become_best_practice_in_the_admin(client, draft, moderator):
    log_in_with_second_factor(client, moderator)
    data = _change_form(client, draft) | {"is_best_practice": "on"}
    response = client.post(f"/admin/projects/project/{draft.pk}/change/", data, follow=True)
    assert "Nur veröffentlichte Projekte können als Gute Praxis ausgewählt werden." in (
        response.content.decode()
    )
    assert not Project.objects.get(pk=draft.pk).is_best_practice


def test_bulk_publish_publishes_submissions_and_names_the_ones_it_could_not(
    client, draft, owner, moderator
):
    from taxonomy.models import Topic

    draft.topics.set([Topic.objects.first()])
    services.submit_project(project=draft, user=owner)
    untouched = ProjectFactory(title="Noch ein Entwurf")
    log_in_with_second_factor(client, moderator)
    response = client.post(
        "/admin/projects/project/",
        {"action": "publish_selected", "_selected_action": [draft.pk, untouched.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 Projekt(e) erledigt; die Teams wurden benachrichtigt." in page
    assert "Noch ein Entwurf: " in page
    assert Project.objects.get(pk=draft.pk).status == Project.Status.PUBLISHED
    assert Project.objects.get(pk=untouched.pk).status == Project.Status.DRAFT


def test_bulk_archive_takes_published_projects_off_the_site(client, published, moderator):
    log_in_with_second_factor(client, moderator)
    response = client.post(
        "/admin/projects/project/",
        {"action": "archive_selected", "_selected_action": [published.pk]},
        follow=True,
    )
    assert "1 Projekt(e) erledigt" in response.content.decode()
    assert Project.objects.get(pk=published.pk).status == Project.Status.ARCHIVED
