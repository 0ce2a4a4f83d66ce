"""The one admin review page of the change moderation, for every model that uses it.

Projects (``/admin/projects/project/<pk>/moderate/``) and organisations
(``/admin/network/organisation/<pk>/review/``) show the same page: who proposed the change
and when, the per-field diff with both versions of an image, and exactly the decisions
their lifecycle table offers the moderation.
"""

import html
import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from network import services as network_services
from projects import services as project_services
from projects.models import Project
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def logo(name: str) -> ContentFile:
    return ContentFile(b"RIFF-webp-" + name.encode(), name=name)


class Proposal:
    """A published object with a public logo and a waiting change of its name and logo."""

    def __init__(self, kind, moderator):
        self.kind, self.author = kind, verified(UserFactory())
        if kind == "organisation":
            self.obj = OrganisationFactory(name="Dorfladen Kohren", members=[self.author])
            data = {"name": "Dorfladen Kohren", "kind": self.obj.kind, "logo_alt": "Alter Laden"}
            self._propose({**data, "logo": logo("alt.webp")})
            network_services.approve_organisation_change(organisation=self.obj, by=moderator)
            self._propose({**data, "name": "Dorfladen Kohren-Sahlis", "logo": logo("neu.webp")})
            self.url = f"/admin/network/organisation/{self.obj.pk}/review/"
            self.old, self.new = "Dorfladen Kohren", "Dorfladen Kohren-Sahlis"
            self.decisions = ["approve", "reject"]
        else:
            self.obj = ProjectFactory(owner=self.author, published=True, title="Dorfladen Kohren")
            self._propose({"logo": {"main": logo("alt.webp")}, "logo_alt": "Alter Laden"})
            project_services.publish_project(project=self.obj, moderator=moderator)
            self._propose({"title": "Dorfladen Kohren-Sahlis", "logo": {"main": logo("neu.webp")}})
            self.url = f"/admin/projects/project/{self.obj.pk}/moderate/"
            self.old, self.new = "Dorfladen Kohren", "Dorfladen Kohren-Sahlis"
            self.decisions = ["approve", "request_changes", "reject", "archive"]
        self.obj.refresh_from_db()

    def _propose(self, data):
        if self.kind == "organisation":
            network_services.propose_organisation_change(
                organisation=self.obj, data=data, by=self.author
            )
        else:
            project_services.update_project(project=self.obj, user=self.author, data=data)
            project_services.submit_project(project=self.obj, user=self.author)

    @property
    def public_logo(self) -> str:
        return self.obj.logo.name

    @property
    def proposed_logo(self) -> str:
        value = self.obj.revision["logo"]
        return value["main"] if isinstance(value, dict) else value

    def pending(self) -> bool:
        self.obj.refresh_from_db()
        return self.obj.has_pending_changes


def offered(page: str) -> list[str]:
    return re.findall(r'name="action" value="([^"]+)"', page)


@pytest.fixture(params=["project", "organisation"])
def proposal(request, moderator):
    return Proposal(request.param, moderator)


def test_review_page_shows_who_proposed_what_with_both_images(client, proposal, moderator):
    log_in_with_second_factor(client, moderator)
    page = client.get(proposal.url).content.decode()
    assert f"<del>{proposal.old}</del>" in page and f"<ins>{proposal.new}</ins>" in page
    public, proposed = proposal.public_logo, proposal.proposed_logo
    assert public and proposed and public != proposed
    assert f'<img src="{default_storage.url(public)}" alt="Alter Laden"' in page
    assert f'<img src="{default_storage.url(proposed)}"' in page
    assert f"von {html.escape(str(proposal.author))} am " in page
    assert "Bis zur Freigabe sieht die Öffentlichkeit die derzeitige Fassung." in page
    assert offered(page) == proposal.decisions
    if proposal.kind == "project":
        assert f'href="/projekte/{proposal.obj.slug}/vorschau/"' in page
        assert "(mit den eingereichten Änderungen)" in page


def test_review_page_offers_a_submission_only_its_own_decisions(client, moderator):
    owner = verified(UserFactory())
    project = ProjectFactory(owner=owner, title="Neu eingereicht")
    project_services.submit_project(project=project, user=owner)
    log_in_with_second_factor(client, moderator)
    page = client.get(f"/admin/projects/project/{project.pk}/moderate/").content.decode()
    assert offered(page) == ["publish", "request_changes", "reject"]
    assert f"von {html.escape(str(owner))} am " in page


def test_review_page_refuses_a_decision_the_table_does_not_offer(client, proposal, moderator):
    log_in_with_second_factor(client, moderator)
    refused = "request_changes" if proposal.kind == "organisation" else "publish"
    response = client.post(proposal.url, {"action": refused, "message": "Bitte kürzen."})
    assert response.status_code == 200
    assert "keine gültige Auswahl" in response.content.decode()
    assert proposal.pending()


def test_rejecting_on_the_review_page_needs_a_message(
    client, proposal, moderator, django_capture_on_commit_callbacks
):
    log_in_with_second_factor(client, moderator)
    response = client.post(proposal.url, {"action": "reject", "message": "  "})
    assert response.status_code == 200
    assert "Bitte schreiben Sie eine Nachricht" in response.content.decode()
    assert proposal.pending()

    proposed = proposal.proposed_logo
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            proposal.url, {"action": "reject", "message": "Bitte ohne Bindestrich."}
        )
    assert response.status_code == 302
    assert not proposal.pending()
    assert "Bitte ohne Bindestrich." in mail.outbox[-1].body
    assert not default_storage.exists(proposed)  # the rejected upload is gone
    assert default_storage.exists(proposal.public_logo)


def test_approving_on_the_review_page_publishes_and_deletes_the_old_image(
    client, proposal, moderator, django_capture_on_commit_callbacks
):
    old, proposed = proposal.public_logo, proposal.proposed_logo
    log_in_with_second_factor(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(proposal.url, {"action": "approve"})
    assert response.status_code == 302
    assert not proposal.pending()
    assert proposal.public_logo == proposed and default_storage.exists(proposed)
    assert not default_storage.exists(old)
    assert proposal.new in client.get(proposal.obj.get_absolute_url()).content.decode()


def test_requesting_changes_to_a_published_project_on_the_review_page(client, moderator):
    proposal = Proposal("project", moderator)
    log_in_with_second_factor(client, moderator)
    response = client.post(
        proposal.url, {"action": "request_changes", "message": "Bitte den Ort nennen."}
    )
    assert response.status_code == 302
    proposal.obj.refresh_from_db()
    assert proposal.obj.revision_state == Project.RevisionState.CHANGES_REQUESTED
    assert proposal.obj.title == proposal.old  # the public version stays
    assert proposal.obj.moderator_message == "Bitte den Ort nennen."


def test_change_pages_link_to_the_review_page(client, proposal, moderator):
    log_in_with_second_factor(client, moderator)
    opts = proposal.obj._meta
    change = f"/admin/{opts.app_label}/{opts.model_name}/{proposal.obj.pk}/change/"
    page = client.get(change).content.decode()
    link = re.search(r'<a href="(/admin/[^"]+)">Änderungen prüfen</a>', page)
    assert link and client.get(link.group(1)).status_code == 200
    assert link.group(1).endswith(f"/{proposal.obj.pk}/{proposal.url.split('/')[-2]}/")
    assert f"<ins>{proposal.new}</ins>" in page
