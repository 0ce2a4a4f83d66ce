"""Schemathesis against the served OpenAPI document: every operation, with generated valid
and invalid parameters, answers as the document says (status codes, content types,
response bodies and headers) and never with a server error.

In-process through the WSGI application on the test database, with a little published
content (and its unpublished neighbours) so lists have records to conform."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from taxonomy.models import SupportCategory, Topic
from tests.events.factories import AgendaItemFactory, EventFactory, SeriesFactory
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform.wsgi import application

#: Filters naming a term of the vocabulary, which staff maintain: the document can say
#: what a slug looks like, not which slugs exist.
TERM_PARAMETERS = {"thema", "bedarf", "angebot"}


def valid_data_is_accepted(ctx, response, case):
    """Schemathesis' ``positive_data_acceptance``, except that a filter naming a topic or
    support category that does not exist may be refused, with 422 naming that filter (as
    the document says)."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code != 422:
        return positive_data_acceptance(ctx, response, case)
    known = {*Topic.objects.values_list("slug", flat=True)}
    known |= {*SupportCategory.objects.values_list("slug", flat=True)}
    for error in response.json()["detail"]:
        where, name = error["loc"][:2]
        value = (case.query or {}).get(name)
        if where != "query" or name not in TERM_PARAMETERS or value in known:
            raise AssertionError(f"A valid request was refused: {error}")
    return None


# Loaded once from the application itself (the document needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def content(db, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 0  # hundreds of requests from one client
    organisation = OrganisationFactory()
    project = ProjectFactory(published=True, carrying_organisation=organisation)
    ProjectFactory()  # a draft
    person = PersonFactory(consent=True, organisation=organisation)
    PersonFactory()  # no consent
    event = EventFactory(series=SeriesFactory())
    AgendaItemFactory(event=event, speakers=[person], presented_projects=[project])
    EventFactory(past=True, cancelled=True)
    # As Django's test client does: a request's end must not close the test's connection
    # (and with it the transaction the test runs in).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_its_openapi_document_says(case):
    case.call_and_validate(
        excluded_checks=[positive_data_acceptance], additional_checks=[valid_data_is_accepted]
    )
