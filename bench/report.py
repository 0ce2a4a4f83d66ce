"""The budgets of issue 7, and the table, Markdown and JSON that ``make bench`` writes."""

import json
import platform
from datetime import UTC, datetime
from pathlib import Path

P99_MS = 100
ERRORS = 0
QUERIES = 10
WORKER_MB = 120
FIRST_VISIT_KB = 200
LIGHTHOUSE_SCORE = 0.95
# Throughput as a share of the trivial endpoint's, measured in the same run. The issue
# sets them for the project list, the broad search, detail pages and home; the other
# lists get the project list's budget (marked "*").
RATIO = {
    "home": 0.2,
    "projects": 0.15,
    "projects_filtered": 0.15,
    "search_narrow": 0.15,
    "search_broad": 0.10,
    "project_detail": 0.2,
    "person_detail": 0.2,
    "event_detail": 0.2,
    "showcase": 0.15,
    "organisations": 0.15,
    "people": 0.15,
    "events": 0.15,
}
BY_ANALOGY = {"showcase", "organisations", "people", "events"}
# Rows that show what the page cache cannot help with (every request a new URL): figures
# for planning, not pages of their own, so no throughput or latency budget.
INFORMATIONAL = {"projects_uncached", "search_broad_uncached"}
NO_QUERY_BUDGET = {"static", "trivial"}


def build(*, pages, runs, memory, transfer, lighthouse, args, searches=None) -> dict:
    trivial = [run for key, run in runs if key == "trivial"]
    base_rps = sum(run["rps"] for run in trivial) / len(trivial)
    rows = []
    for page in pages:
        measured = [run for key, run in runs if key == page["key"]]
        run = measured[0]
        if page["key"] == "trivial":  # first and last run, summed up
            run = {
                **run,
                "requests": sum(r["requests"] for r in measured),
                "errors": sum(r["errors"] for r in measured),
                "rps": base_rps,
                "p50_ms": max(r["p50_ms"] for r in measured),
                "p99_ms": max(r["p99_ms"] for r in measured),
                "rps_first_last": [round(r["rps"], 1) for r in measured],
            }
        row = {
            "key": page["key"],
            "name": page["name"],
            "path": page["path"],
            "status": page["status"],
            "queries": page["queries"],
            "queries_hit": page.get("queries_hit"),
            "render_ms": page.get("render_ms"),
            "bytes": page["bytes"],
            "matches": page.get("matches"),
            "requests": run["requests"],
            "errors": run["errors"],
            "rps": round(run["rps"], 1),
            "ratio": round(run["rps"] / base_rps, 3),
            "ratio_budget": RATIO.get(page["key"]),
            "p50_ms": run["p50_ms"],
            "p99_ms": run["p99_ms"],
            "max_ms": run["max_ms"],
            "server_cpu": round(run["server_cpu"], 2),
            "database_cpu": round(run.get("database_cpu", 0.0), 2),
            # CPU time (app + database) per request: unlike req/s, barely moved by other
            # processes competing for the cores.
            "cpu_ms": round(
                (run["server_cpu"] + run.get("database_cpu", 0.0)) / max(run["rps"], 1e-9) * 1000,
                2,
            ),
            "locust_cpu": round(run["locust_cpu"], 2),
        }
        if "rps_first_last" in run:
            row["rps_first_last"] = run["rps_first_last"]
        row["misses"] = misses(row)
        rows.append(row)
    memory_misses = [mb for mb in memory["after_load_mb"] if mb > WORKER_MB]
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": _cpus(), "python": platform.python_version()},
        "settings": {
            "users": args["users"],
            "duration_s": args["duration"],
            "workers": 2,
            "worker_class": "sync",
            "label": args.get("label", ""),
        },
        "budgets": {
            "p99_ms": P99_MS,
            "errors": ERRORS,
            "queries": QUERIES,
            "worker_mb": WORKER_MB,
            "first_visit_kb": FIRST_VISIT_KB,
            "lighthouse_score": LIGHTHOUSE_SCORE,
            "ratio": RATIO,
        },
        "pages": rows,
        "memory": {**memory, "misses": bool(memory_misses)},
        "first_visit": {**transfer, "misses": transfer["total"] > FIRST_VISIT_KB * 1024},
        "lighthouse": lighthouse,
        "searches": _searches(searches),
    }


def _searches(searches) -> dict | None:
    """The search pass with its mean and worst render per page kind."""
    if not searches:
        return None
    summary = {}
    for kind in sorted({row["page"] for row in searches["rows"]}):
        times = [row["render_ms"] for row in searches["rows"] if row["page"] == kind]
        summary[kind] = {
            "mean_ms": round(sum(times) / len(times), 1),
            "max_ms": max(times),
            "queries": sorted({row["queries"] for row in searches["rows"] if row["page"] == kind}),
        }
    return {**searches, "summary": summary}


def _search_lines(results) -> list[str]:
    found = results.get("searches")
    if not found:
        return []
    return [
        f"Search pass ({len(found['rows']) // len(found['summary'])} queries, render ms per "
        f"query, never cached), {kind}: mean {s['mean_ms']} ms, worst {s['max_ms']} ms, "
        f"queries {s['queries']}."
        for kind, s in found["summary"].items()
    ]


def _search_table(results) -> list[str]:
    found = results.get("searches")
    if not found:
        return []
    by_query: dict[str, dict] = {}
    for row in found["rows"]:
        by_query.setdefault(row["query"], {})[row["page"]] = row
    lines = [
        "Search pass (median of three renders, ms; projects found; queries):",
        "",
        "| query | /projekte/ ms | projects | queries | /suche/ ms | queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for query, pages in by_query.items():
        p, a = pages.get("projects", {}), pages.get("all", {})
        lines.append(
            f"| {query} | {p.get('render_ms')} | {p.get('projects')} | {p.get('queries')} "
            f"| {a.get('render_ms')} | {a.get('queries')} |"
        )
    return [*lines, ""]


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def misses(row) -> list[str]:
    found: list[str] = []
    if row["key"] in INFORMATIONAL:
        return found
    if row["status"] != 200:
        found.append(f"HTTP {row['status']}")
    if row["errors"] > ERRORS:
        found.append(f"{row['errors']} errors")
    if row["p99_ms"] is not None and row["p99_ms"] > P99_MS:
        found.append(f"p99 > {P99_MS} ms")
    if row["ratio_budget"] is not None and row["ratio"] < row["ratio_budget"]:
        found.append(f"ratio < {row['ratio_budget']}")
    if row["key"] not in NO_QUERY_BUDGET and (row["queries"] or 0) > QUERIES:
        found.append(f"queries > {QUERIES}")
    return found


COLUMNS = [
    ("Page", "name", "<"),
    ("req/s", "rps", ">"),
    ("ratio", "ratio_text", ">"),
    ("p50 ms", "p50_ms", ">"),
    ("p99 ms", "p99_ms", ">"),
    ("errors", "errors", ">"),
    ("queries render/cached", "queries", ">"),
    ("render ms", "render_ms", ">"),
    ("HTML KB", "kb", ">"),
    ("CPU ms/req", "cpu_ms", ">"),
    ("CPU app/db/load", "cpu", ">"),
    ("budget", "verdict", "<"),
]


def _cells(row) -> dict:
    budget = row["ratio_budget"]
    mark = "*" if row["key"] in BY_ANALOGY else ""
    return {
        **row,
        "name": row["name"] + (f" ({row['matches']} hits)" if row["matches"] is not None else ""),
        "ratio_text": f"{row['ratio']:.2f}" + (f" (≥{budget}{mark})" if budget else ""),
        "queries": "–"
        if row["queries"] is None
        else f"{row['queries']}/{'–' if row['queries_hit'] is None else row['queries_hit']}",
        "render_ms": "–" if row["render_ms"] is None else row["render_ms"],
        "kb": f"{row['bytes'] / 1024:.1f}",
        "cpu": f"{row['server_cpu']:.2f}/{row['database_cpu']:.2f}/{row['locust_cpu']:.2f}",
        "verdict": "info"
        if row["key"] in INFORMATIONAL
        else ("ok" if not row["misses"] else "MISS: " + ", ".join(row["misses"])),
    }


def table(results) -> str:
    cells = [_cells(row) for row in results["pages"]]
    widths = [max(len(title), *(len(str(c[key])) for c in cells)) for title, key, _ in COLUMNS]
    lines = [
        "  ".join(
            f"{title:{align}{w}}" for (title, _, align), w in zip(COLUMNS, widths, strict=True)
        ),
        "  ".join("-" * w for w in widths),
    ]
    for c in cells:
        lines.append(
            "  ".join(
                f"{c[key]!s:{align}{w}}" for (_, key, align), w in zip(COLUMNS, widths, strict=True)
            )
        )
    lines.append("")
    lines.extend(_summary(results))
    return "\n".join(lines)


def _lighthouse_lines(results) -> list[str]:
    found = results.get("lighthouse") or {}
    if "skipped" in found:
        return [f"Lighthouse (mobile): not measured ({found['skipped']})."]
    lines = []
    for entry in found.get("pages", {}).values():
        if "error" in entry:
            lines.append(f"Lighthouse (mobile), {entry['name']}: failed: {entry['error']}")
            continue
        verdict = "ok" if entry["score"] >= LIGHTHOUSE_SCORE else "MISS"
        lines.append(
            f"Lighthouse (mobile), {entry['name']}: {entry['score']:.2f} "
            f"(budget ≥ {LIGHTHOUSE_SCORE}, {verdict}); FCP {entry['fcp_ms']:.0f} ms, "
            f"LCP {entry['lcp_ms']:.0f} ms, TBT {entry['tbt_ms']:.0f} ms, CLS {entry['cls']}, "
            f"Speed Index {entry['speed_index_ms']:.0f} ms."
        )
    return lines


def _summary(results) -> list[str]:
    memory = results["memory"]
    visit = results["first_visit"]
    trivial = next(r for r in results["pages"] if r["key"] == "trivial")
    return [
        f"Trivial endpoint, first and last run: {trivial.get('rps_first_last')} req/s "
        "(ratios use the mean).",
        f"Worker memory after load (RSS): {memory['after_load_mb']} MB, peak "
        f"{memory['peak_mb']} MB (budget ≤ {WORKER_MB} MB"
        f"{', MISS' if memory['misses'] else ', ok'}); workers restarted during the run: "
        f"{'yes' if memory['workers_restarted'] else 'no'}.",
        f"First visit of the home page: {visit['total'] / 1024:.1f} KB transferred "
        f"(HTML uncompressed; budget ≤ {FIRST_VISIT_KB} KB"
        f"{', MISS' if visit['misses'] else ', ok'}); HTML gzipped by a proxy would be "
        f"{visit['html_gzip'] / 1024:.1f} KB.",
        *_lighthouse_lines(results),
        *_search_lines(results),
        "Queries render/cached: a URL the page cache has not seen / the same URL again "
        "(anonymous visitors' pages are kept until content changes). Render ms: median of "
        "five sequential renders. Rows marked info ask for a new URL on every request.",
        "CPU app/db/load: cores used by the two gunicorn workers / their PostgreSQL "
        "backends / Locust, averaged over the page's run (the machine has "
        f"{results['machine']['cpus']}; whatever is missing went to other processes).",
    ]


def markdown(results) -> str:
    cells = [_cells(row) for row in results["pages"]]
    header = "| " + " | ".join(title for title, _, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---:" if align == ">" else "---" for _, _, align in COLUMNS) + "|"
    body = [
        "| " + " | ".join(str(c[key]).replace("|", "\\|") for _, key, _ in COLUMNS) + " |"
        for c in cells
    ]
    settings = results["settings"]
    visit = results["first_visit"]
    files = [
        f"| {f['kind']} | `{f['path']}` | {f['encoding']} | {f['bytes'] / 1024:.1f} |"
        for f in visit["files"]
    ]
    return "\n".join(
        [
            f"# Benchmark {results['when']}",
            "",
            f"{settings['workers']} {settings['worker_class']} gunicorn workers, "
            f"{settings['users']} concurrent connections, {settings['duration_s']} s per page, "
            f"{results['machine']['cpus']} CPUs. {settings['label']}".rstrip(),
            "",
            header,
            rule,
            *body,
            "",
            *[f"- {line}" for line in _summary(results)],
            "",
            "First visit of the home page:",
            "",
            "| kind | path | encoding | KB |",
            "|---|---|---|---:|",
            *files,
            f"| **total** | | | **{visit['total'] / 1024:.1f}** |",
            "",
            *_search_table(results),
        ]
    )


def write(results, folder: Path) -> None:
    (folder / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (folder / "latest.md").write_text(markdown(results))
