"""The apps form a one-way street: each app imports only the apps below it.

The order is the one of ``INSTALLED_APPS`` (our apps, from the base up; the README's
"Architecture" draws it). The imports are read from the code itself, every ``.py`` file of
every app, function-local imports included, so a new file or a hidden import cannot slip by.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
OUR_APPS = [name for name in settings.INSTALLED_APPS if (ROOT / name / "__init__.py").exists()]
RANK = {app: index for index, app in enumerate(OUR_APPS)}


def _imported_apps(path: Path) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update((name.split(".")[0], node.lineno) for name in names if name.split(".")[0] in RANK)
    return found


def app_imports() -> list[tuple[str, str, str]]:
    """(importing app, imported app, file:line) for every import of one of our apps by another."""
    edges = []
    for app in OUR_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.relative_to(ROOT / app).parts:
                continue  # a migration is frozen history: it keeps what it imported then
            for imported, line in _imported_apps(path):
                if imported != app:
                    edges.append((app, imported, f"{path.relative_to(ROOT)}:{line}"))
    return edges


def test_every_app_of_ours_is_in_the_layer_order():
    on_disk = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert on_disk <= set(OUR_APPS), f"apps missing from INSTALLED_APPS: {sorted(on_disk - set(OUR_APPS))}"


def test_no_app_imports_an_app_above_it():
    upward = [
        f"{where}: {app} imports {imported}"
        for app, imported, where in app_imports()
        if RANK[imported] > RANK[app]
    ]
    assert upward == [], "imports against the layering:\n" + "\n".join(upward)


def test_the_app_import_graph_has_no_cycle():
    graph: dict[str, set[str]] = {app: set() for app in OUR_APPS}
    for app, imported, _where in app_imports():
        graph[app].add(imported)
    state: dict[str, str] = {}

    def visit(app, path):
        state[app] = "open"
        for nxt in sorted(graph[app]):
            if state.get(nxt) == "open":
                raise AssertionError("import cycle: " + " -> ".join([*path, app, nxt]))
            if nxt not in state:
                visit(nxt, [*path, app])
        state[app] = "done"

    for app in OUR_APPS:
        if app not in state:
            visit(app, [])


def test_the_checks_see_real_imports(tmp_path):
    # The reader finds a function-local import, the kind that used to dodge cycles.
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from workflows.services import complete_task\n", encoding="utf-8")
    assert ("workflows", 2) in _imported_apps(module)
