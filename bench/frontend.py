"""What a first visit costs: the bytes the home page transfers, and Lighthouse's view."""

import gzip
import json
import os
import re
import shutil
import subprocess
from urllib.parse import urljoin, urlsplit

from bench.server import BASE_DIR, Gunicorn, fetch


def first_visit(server: Gunicorn) -> dict:
    """Bytes a first visit of the home page transfers, compressed as whitenoise serves them.

    HTML and the CSS, JS and fonts it loads (fonts.css → the font files it names). Django
    does not compress HTML itself; its gzip size is shown for a compressing proxy.
    """
    encoding = {"Accept-Encoding": "br, gzip"}
    home = fetch(server.url("/"), headers=encoding)
    html = home["body"].decode()
    assets: dict[str, str] = {}
    for tag in re.findall(r"<(?:link|script)\b[^>]*>", html):
        href = re.search(r'\b(?:href|src)="([^"]+)"', tag)
        if not href or not href.group(1).startswith("/static/"):
            continue
        if "stylesheet" in tag:
            assets[href.group(1)] = "css"
        elif tag.startswith("<script"):
            assets[href.group(1)] = "js"
    for css in [path for path, kind in assets.items() if kind == "css"]:
        text = fetch(server.url(css))["body"].decode()
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text):
            if url.startswith("data:"):
                continue
            path = urlsplit(urljoin(css, url)).path
            if path.endswith((".woff2", ".woff", ".ttf", ".otf")):
                assets[path] = "font"
    rows = [{"path": "/", "kind": "html", "bytes": len(home["body"]), "encoding": "none"}]
    for path, kind in assets.items():
        response = fetch(server.url(path), headers=encoding)
        rows.append(
            {
                "path": path,
                "kind": kind,
                "bytes": len(response["body"]),
                "encoding": response["headers"].get("Content-Encoding", "none"),
            }
        )
    return {
        "files": rows,
        "total": sum(row["bytes"] for row in rows),
        "html_gzip": len(gzip.compress(home["body"])),
    }


LIGHTHOUSE_DIR = BASE_DIR / "bench" / "lighthouse"
LIGHTHOUSE_PAGES = ("home", "projects", "event_detail")
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
LIGHTHOUSE_METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "speed-index": "speed_index_ms",
}


def _chromium() -> str | None:
    if path := os.environ.get("CHROMIUM_PATH"):
        return path
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    return None


def lighthouse(server: Gunicorn, pages: list[dict]) -> dict:
    """Lighthouse (mobile, its default simulated throttling), performance category only.

    Installs the pinned Lighthouse of ``bench/lighthouse/package-lock.json`` with ``npm ci``
    on first use; needs Node.js >= 18 with npm, and a Chromium (``CHROMIUM_PATH`` or on PATH).
    """
    chromium, npm = _chromium(), shutil.which("npm")
    if not chromium or not npm:
        missing = " and ".join(
            what for what, found in (("Node.js/npm", npm), ("Chromium", chromium)) if not found
        )
        return {"skipped": f"needs {missing}"}
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=LIGHTHOUSE_DIR,
            check=True,
        )
    results = {}
    for page in pages:
        if page["key"] not in LIGHTHOUSE_PAGES:
            continue
        run = subprocess.run(
            [
                str(binary),
                server.url(page["path"]),
                "--only-categories=performance",
                "--output=json",
                "--output-path=stdout",
                "--quiet",
                f"--chrome-flags={CHROMIUM_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if run.returncode != 0:
            results[page["key"]] = {"name": page["name"], "error": run.stderr[-500:]}
            continue
        data = json.loads(run.stdout)
        entry = {"name": page["name"], "score": data["categories"]["performance"]["score"]}
        for audit, key in LIGHTHOUSE_METRICS.items():
            value = data["audits"][audit].get("numericValue")
            entry[key] = None if value is None else round(value, 3 if key == "cls" else 0)
        results[page["key"]] = entry
    return {"pages": results}
