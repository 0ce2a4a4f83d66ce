"""Find the Chromium the browser tests drive, or explain how to get one.

The tests use the system's Chromium (Playwright never downloads a browser here).
CHROMIUM_PATH overrides the search.
"""

import os
import shutil
import sys

CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]


def find() -> str | None:
    if path := os.environ.get("CHROMIUM_PATH"):
        return path if os.access(path, os.X_OK) else None
    for name in CANDIDATES:
        if path := shutil.which(name):
            return path
    return None


if __name__ == "__main__":
    path = find()
    if path:
        print(f"browser tests use {path}")
        sys.exit(0)
    sys.stderr.write(
        "\nNo Chromium found for the browser tests.\n"
        "  Debian/Ubuntu:  sudo apt-get install chromium\n"
        "  Fedora:         sudo dnf install chromium\n"
        "  macOS:          brew install --cask chromium   (or set CHROMIUM_PATH to Google Chrome)\n"
        "Or point CHROMIUM_PATH at any Chromium-based browser binary.\n\n"
    )
    sys.exit(1)
