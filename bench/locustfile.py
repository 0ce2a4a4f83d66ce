"""Locust load for one page: every simulated visitor requests the same path, back to back.

``bench/run.py`` starts this once per page (headless, 16 users, a fixed run time); it can
also be used by hand against a server you started yourself, e.g.::

    .venv/bin/locust -f bench/locustfile.py --headless -u 16 -r 16 -t 10s \
        -H http://127.0.0.1:8791 --bench-path /projekte/

Each visitor is anonymous and sends its next request as soon as the last one is answered
(a closed loop, no think time), so throughput and latency show what the server can do
with 16 connections. Anything but 200 counts as an error (redirects are not followed).
The run also stops by itself after ``--bench-max-requests`` responses.
"""

import gevent
from locust import FastHttpUser, constant, events, task

_done = 0


@events.init_command_line_parser.add_listener
def _add_arguments(parser):
    parser.add_argument("--bench-path", default="/healthz", help="The path every visitor requests.")
    parser.add_argument(
        "--bench-max-requests",
        type=int,
        default=200_000,
        help="Stop after this many responses, even before the run time is over.",
    )
    parser.add_argument(
        "--bench-unique",
        action="store_true",
        help="Add a new query parameter to every request, so no cache can answer it.",
    )


class Visitor(FastHttpUser):
    wait_time = constant(0)
    # A browser's first visit: German, no cookies, no cached copy.
    default_headers = {"Accept-Language": "de", "Accept": "text/html,*/*;q=0.8"}

    @task
    def visit(self):
        global _done
        options = self.environment.parsed_options
        path = options.bench_path
        url = path
        if options.bench_unique:
            url = f"{path}{'&' if '?' in path else '?'}_bench={_done}-{id(self)}"
        with self.client.get(
            url, name=path, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
        _done += 1
        if _done == options.bench_max_requests:
            gevent.spawn(self.environment.runner.quit)
