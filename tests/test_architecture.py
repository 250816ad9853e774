"""The pipeline's structural promises, checked in the source so a change cannot quietly break
them. The folders of `generator/` are the steps of the pipeline, and these tests read the
layers from the folders, so a new module is checked the moment it is placed:

- data flows one way: `reading` (files -> validated model), `site` (model -> pages and data
  files), `engine` (pages -> HTML), the modules at the top of the package (`build` sequences
  the steps, `output` writes), then `tools` (the commands); a module imports only from its own
  step and the steps before it, and no two modules import each other, even lazily;
- the engine behind one door: only `generator/engine/` imports MkDocs or Material;
- one module alone writes to disk (`output.py`), so a failed build cannot leave half-written
  files behind anywhere else;
- no module grows past about 400 lines: one module, one job."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
MODULES = sorted(PACKAGE.rglob("*.py"))
#: The steps, in the order data flows through them; "" is the top of the package.
LAYERS = ("reading", "site", "engine", "", "tools")
#: The engine's packages: only generator/engine/ may import them.
ENGINE_PACKAGES = {"mkdocs", "material"}
MAX_LINES = 400


def dotted(path: Path) -> str:
    """generator/site/pages.py -> "site.pages"; generator/site/__init__.py -> "site"."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    """The step a module of the package belongs to: its folder, or "" at the top
    (`__main__`, which only runs the command, belongs with the command)."""
    first = module.split(".")[0]
    if first == "__main__":
        return "tools"
    return first if (PACKAGE / first).is_dir() else ""


def resolve(package: list[str], name: str) -> str:
    """`name` inside `package` as a module of the package: a module if there is one by that
    name, else the package it is taken from."""
    candidate = [*package, name]
    as_module = PACKAGE.joinpath(*candidate)
    if as_module.with_suffix(".py").is_file() or as_module.is_dir():
        return ".".join(candidate)
    return ".".join(package)


def imports(tree: ast.Module, module: str) -> tuple[set[str], set[str]]:
    """What a module imports, anywhere in it (lazy imports too): the package's own modules as
    dotted names ("site.pages"), and the top-level names of everything else ("mkdocs"). Every
    spelling counts: `from .x import y`, `from ..sub.x import y`, `from . import x`,
    `from generator.x import y`, `from generator import x`, `import generator.x`,
    `importlib.import_module("x")`."""
    own: set[str] = set()
    other: set[str] = set()
    here = module.split(".")[:-1] if not (PACKAGE / module.replace(".", "/")).is_dir() \
        else module.split(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            parts = [part for part in (node.module or "").split(".") if part]
            if node.level == 0 and parts[0] != PACKAGE.name:
                other.add(parts[0])
                continue
            base = parts[1:] if node.level == 0 else [*here[:len(here) - (node.level - 1)],
                                                      *parts]
            own.update(resolve(base, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == PACKAGE.name:
                    own.add(".".join(parts[1:]))
                else:
                    other.add(parts[0])
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            other.add(node.args[0].value.split(".")[0])
    own.discard("")
    return own, other


#: Calls that change the file system, by the name of the function or method called.
WRITING_CALLS = {"write_text", "write_bytes", "mkdir", "makedirs", "rmtree", "copytree",
                 "copyfile", "copyfileobj", "copy", "copy2", "move", "replace", "rename",
                 "remove", "unlink", "rmdir", "symlink_to", "touch", "mkdtemp", "mkstemp",
                 "TemporaryDirectory", "NamedTemporaryFile", "SpooledTemporaryFile"}


def writes(tree: ast.Module) -> list[str]:
    """Calls in a module that write, rename or remove files: `x.write_text(...)`,
    `os.replace(...)`, `open(path, "w")` and the like, with their line numbers."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = (node.func.attr if isinstance(node.func, ast.Attribute)
                else node.func.id if isinstance(node.func, ast.Name) else "")
        if name in WRITING_CALLS and not looks_like_a_value_method(node, name):
            found.append(f"{name}() on line {node.lineno}")
        if name == "open" and opens_for_writing(node):
            found.append(f"open() for writing on line {node.lineno}")
    return found


def opens_for_writing(node: ast.Call) -> bool:
    """`open(path, "w")`, `path.open("w")`, `os.open(...)`, or a mode not written out."""
    func = node.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
            and func.value.id == "os":
        return True  # os.open takes flags; any use deserves a look
    position = 0 if isinstance(func, ast.Attribute) else 1  # Path.open(mode), open(path, mode)
    modes = [*node.args[position:position + 1],
             *(keyword.value for keyword in node.keywords if keyword.arg == "mode")]
    return any(not (isinstance(mode, ast.Constant) and isinstance(mode.value, str))
               or bool(set(mode.value) & set("wxa+")) for mode in modes)


def looks_like_a_value_method(node: ast.Call, name: str) -> bool:
    """`text.replace(old, new)`, `dataclasses.replace(case, field=...)` and `mapping.copy()`
    share names with file operations (`path.replace(target)`, `shutil.copy(a, b)`) but not
    their arguments."""
    on_module = (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                 and node.func.value.id in {"os", "shutil"})
    if on_module:
        return False
    if name == "replace":
        return len(node.args) != 1 or bool(node.keywords)
    if name == "copy":
        return not node.args
    return False


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


GRAPH = {dotted(path): imports(parse(path), dotted(path)) for path in MODULES}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_reaches_up_the_pipeline(module: str) -> None:
    own = LAYERS.index(layer(module))
    later = sorted(f"{target} (in {layer(target) or 'the top of the package'})"
                   for target in GRAPH[module][0]
                   if LAYERS.index(layer(target)) > own)
    assert later == [], (f"generator/{module.replace('.', '/')} ({layer(module) or 'top'}) "
                         f"imports from a later step: move the shared code down, or the module up")


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_only_the_engine_imports_mkdocs_or_material(module: str) -> None:
    if layer(module) != "engine":
        assert GRAPH[module][1] & ENGINE_PACKAGES == set(), (
            f"generator/{module.replace('.', '/')} imports the engine: go through "
            "generator/engine/ instead")


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_the_engine_is_used_through_its_door(module: str) -> None:
    """Outside the engine, code imports `generator.engine` (its __init__), never the modules
    behind it: what the rest needs of an engine is the door's short list."""
    if layer(module) != "engine":
        behind = sorted(target for target in GRAPH[module][0]
                        if layer(target) == "engine" and target != "engine")
        assert behind == [], (f"generator/{module.replace('.', '/')} imports {behind}: import "
                              "from generator.engine, adding to its door if it must")


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_grows_past_about_400_lines(path: Path) -> None:
    """A module that long does more than one job: split it by job, as site/pages.py was
    (urls, jinja_env, memo, render)."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines"


def test_no_two_modules_import_each_other() -> None:
    """Not even through others, and not even lazily: a cycle hides which module comes first."""
    cycles = []
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(GRAPH[module][0]):
            if target not in GRAPH or module.startswith(target + ".") or target == module:
                continue
            if state.get(target) == "open":
                cycles.append([*trail[trail.index(target):], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "output.py"]
                         + sorted((REPO / "benchmarks").glob("*.py")),
                         ids=lambda path: str(path.relative_to(REPO)))
def test_only_output_writes_to_disk(path: Path) -> None:
    assert writes(parse(path)) == []


def test_the_checks_see_what_they_look_for() -> None:
    sample = ast.parse('import os\nPath("a").write_text("x")\nos.replace(a, b)\n'
                       'open(p, "w")\nopen(p, mode="x")\n"a".replace("a", "b")\nopen(p)\n'
                       'path.open("a")\npath.open("rb")\nos.remove(p)\nopen(p, mode)\n'
                       'tempfile.mkdtemp()\n{}.copy()\n')
    assert [found.split(" on ")[0] for found in writes(sample)] == [
        "write_text()", "replace()", "open() for writing", "open() for writing",
        "open() for writing", "remove()", "open() for writing", "mkdtemp()"]
    assert writes(parse(PACKAGE / "output.py"))  # it does write, and is seen to
    sample = ast.parse("from .pages import x\nfrom . import feeds, i18n\n"
                       "from generator.reading.model import y\nfrom generator import output\n"
                       "import generator.engine.mkdocs_build\nimport os\nfrom yaml import g\n"
                       "from ..reading.corpus import z\nfrom ..engine import search_parser\n"
                       "from .. import build\n"
                       "def f():\n    from mkdocs.config import load_config\n"
                       "    importlib.import_module('material.plugins')\n")
    assert imports(sample, "site.opendata") == (
        {"site.pages", "site.feeds", "site.i18n", "reading.model", "output",
         "engine.mkdocs_build", "reading.corpus", "engine.search_parser", "build"},
        {"os", "yaml", "mkdocs", "material"})
    assert [layer(m) for m in ("reading.model", "build", "tools.cli", "engine", "__main__")] == [
        "reading", "", "tools", "engine", "tools"]
