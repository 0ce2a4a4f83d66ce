"""Rate limits behind the load balancer: each visitor has a bucket of their own.

The portal runs behind a TLS-terminating balancer, so every request's socket peer is the
balancer. The client's address comes from ``X-Forwarded-For`` only when the peer is one of
``TRUSTED_PROXIES``; otherwise the header is the client's own words and is ignored.
"""

import http.client
import importlib.util
import socketserver
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.test import RequestFactory

from tests.factories import UserFactory, verified
from zukunftsplattform.ratelimit import client_ip

pytestmark = pytest.mark.usefixtures("one_rate_limit_window")
BALANCER = "10.0.0.5"


@pytest.fixture
def behind_balancer(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/29"]


def address(remote_addr: str, forwarded: str | None = None) -> str:
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


@pytest.mark.parametrize(
    ("remote_addr", "forwarded", "expected"),
    [
        # no balancer in front: the socket peer, whatever the header claims
        ("203.0.113.7", None, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
        # from the balancer: the address it appended
        (BALANCER, "198.51.100.1", "198.51.100.1"),
        # the client's own header stands left of what the balancer appended
        (BALANCER, "1.2.3.4, 198.51.100.1", "198.51.100.1"),
        (BALANCER, "1.2.3.4,198.51.100.1", "198.51.100.1"),
        # two trusted hops (balancer behind balancer)
        (BALANCER, "198.51.100.1, 10.0.0.6", "198.51.100.1"),
        # IPv6 and ports as some balancers write them
        (BALANCER, "[2001:db8::7]:443", "2001:db8::7"),
        (BALANCER, "198.51.100.1:51234", "198.51.100.1"),
        # the balancer sent no header, or one that is no address: the balancer itself
        (BALANCER, None, BALANCER),
        (BALANCER, "unknown", BALANCER),
        ("not-an-address", "198.51.100.1", "unknown"),
    ],
)
def test_client_address_trusts_the_forwarded_header_only_from_a_trusted_proxy(
    behind_balancer, remote_addr, forwarded, expected
):
    assert address(remote_addr, forwarded) == expected


def test_trusted_proxies_setting_refuses_what_is_no_address(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8,load-balancer")
    spec = importlib.util.spec_from_file_location(
        "settings_probe", Path(__file__).parent.parent / "zukunftsplattform" / "settings.py"
    )
    with pytest.raises(ImproperlyConfigured, match="load-balancer"):
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


def test_gunicorn_trusts_the_same_proxies_for_the_scheme(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/29")
    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", Path(__file__).parent.parent / "gunicorn.conf.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.forwarded_allow_ips == "10.0.0.0/29"


@pytest.mark.django_db
def test_failed_logins_behind_the_balancer_lock_out_only_that_client(client, behind_balancer):
    """20 wrong logins from one visitor must not shut the login for everyone else."""
    from tests.test_rate_limits import allauth_limit

    user = verified(UserFactory(password="richtig-gutes-Passwort-1"))
    limit = allauth_limit("login", "ip")

    def login(client_address, n, password="falsches-Passwort"):  # noqa: S107
        return client.post(
            "/konto/login/",
            {
                "login": f"jemand{n}@example.org" if n is not None else user.email,
                "password": password,
            },
            REMOTE_ADDR=BALANCER,
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for n in range(limit):
        assert login("198.51.100.66", n).status_code == 200
    assert login("198.51.100.66", limit).status_code == 429
    # The attacker's header tricks do not give them a fresh bucket ...
    assert login("1.2.3.4, 198.51.100.66", limit + 1).status_code == 429
    # ... and another visitor behind the same balancer still logs in.
    response = login("198.51.100.77", None, password="richtig-gutes-Passwort-1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_forwarded_header_cannot_escape_the_limit(client):
    """A client talking to the portal directly cannot pick a new bucket per request."""
    for n in range(5):
        response = client.post(
            "/kontakt/",
            {"message": f"Nachricht {n}"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        assert response.status_code == 302
    refused = client.post(
        "/kontakt/",
        {"message": "noch eine"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert refused.status_code == 429


# --- Through a real proxy in front of the live server ---------------------------------------


class _Proxy(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def _proxy_to(upstream: str):
    target = urlparse(upstream)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _forward(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            seen = self.headers.get("X-Forwarded-For")
            # As a balancer does: append the address of whoever connected to us.
            headers["X-Forwarded-For"] = (
                f"{seen}, {self.client_address[0]}" if seen else self.client_address[0]
            )
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in {"transfer-encoding", "connection", "content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            connection.close()

        do_GET = do_POST = _forward

    return Handler


@pytest.fixture
def proxy(live_server, settings, seeded_like_a_fresh_installation):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the proxy; the clients come from 127.0.0.2+
    server = _Proxy(("127.0.0.1", 0), _proxy_to(live_server.url))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _post_from(source: str, port: int, path: str, body: str, forwarded: str | None = None):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(source, 0)
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    connection.request("POST", path, body=body, headers=headers)
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.django_db(transaction=True)
def test_contact_form_limit_through_a_proxy_counts_each_visitor(proxy):
    """Five messages from one visitor silence only that visitor, not the contact form."""
    for n in range(5):
        assert _post_from("127.0.0.2", proxy, "/kontakt/", f"message=Nachricht+{n}") == 302
    assert _post_from("127.0.0.2", proxy, "/kontakt/", "message=zu+viel") == 429
    # A forged header from the same visitor does not help ...
    assert _post_from("127.0.0.2", proxy, "/kontakt/", "message=x", forwarded="127.0.0.9") == 429
    # ... and someone else behind the same proxy is still heard.
    assert _post_from("127.0.0.3", proxy, "/kontakt/", "message=Hallo") == 302
