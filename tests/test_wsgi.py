"""gunicorn serves ``zukunftsplattform.wsgi:application`` (gunicorn.conf.py, Dockerfile)."""

import io
import json

import pytest

from zukunftsplattform.wsgi import application


@pytest.mark.django_db(transaction=True)  # as in production: no test transaction around it
def test_the_wsgi_application_answers_the_load_balancers_health_check():
    answered = {}

    def start_response(status, headers):
        answered["status"], answered["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/healthz",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
    }
    body = b"".join(application(environ, start_response))
    assert answered["status"] == "200 OK"
    assert json.loads(body) == {"status": "ok", "database": "ok"}
