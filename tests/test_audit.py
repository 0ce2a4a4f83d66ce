import logging

import pytest

from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_login_success_and_failure_are_logged_without_the_password(client, user, caplog):
    with caplog.at_level(logging.INFO, logger="zukunftsplattform.audit"):
        client.post("/konto/login/", {"login": user.email, "password": "falsches-Passwort-123"})
        client.post("/konto/login/", {"login": user.email, "password": "richtig-gutes-Passwort-1"})
    actions = [getattr(r, "action", None) for r in caplog.records]
    assert "login.failure" in actions and "login.success" in actions
    assert (
        "falsches-Passwort-123" not in caplog.text and "richtig-gutes-Passwort-1" not in caplog.text
    )
    success = next(r for r in caplog.records if getattr(r, "action", None) == "login.success")
    assert success.actor == user.pk


def test_permission_denial_is_logged_with_actor_and_path(client, user, caplog):
    project = ProjectFactory(published=True)
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="zukunftsplattform.audit"):
        response = client.get(f"/projekte/{project.slug}/bearbeiten/")
    assert response.status_code == 403
    denial = next(r for r in caplog.records if getattr(r, "action", None) == "permission.denied")
    assert denial.actor == user.pk and denial.path == f"/projekte/{project.slug}/bearbeiten/"


def test_moderation_steps_are_logged(user, caplog):
    from projects import services

    with caplog.at_level(logging.INFO, logger="zukunftsplattform.audit"):
        project = services.create_project(owner=user, data={"title": "Protokolliert"})
    record = next(r for r in caplog.records if getattr(r, "action", None) == "project.draft")
    assert record.actor == user.pk and record.project == project.pk
