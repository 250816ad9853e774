"""The pipeline's two structural promises, checked in the source so a change cannot quietly
break them: data flows one way (files -> validated model -> pages -> site), and one module
alone writes to disk (`output.py`), so a failed build cannot leave half-written files behind
anywhere else."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MODULES = sorted(PACKAGE.glob("*.py"))

#: Reading and checking the content: nothing here may know about pages or the site.
READING = {"model", "problems", "loading", "validation", "registry", "corpus", "history",
           "translation", "related", "parallel", "i18n", "schema", "template"}
#: Turning the validated model into pages: nothing here may know how the site is built.
RENDERING = {"pages", "markup", "html_blocks", "feeds", "opendata", "sitemaps", "sweden_map",
             "start_page"}
#: What comes after, down the chain.
BUILDING = {"build", "mkdocs_build", "search_parser", "output", "preview", "cli", "bench"}
FORBIDDEN = {**dict.fromkeys(READING, RENDERING | BUILDING),
             **dict.fromkeys(RENDERING, BUILDING)}

#: Calls that change the file system, by the name of the function or method called.
WRITING_CALLS = {"write_text", "write_bytes", "mkdir", "makedirs", "rmtree", "copytree",
                 "copyfile", "copyfileobj", "copy", "copy2", "move", "replace", "rename",
                 "remove", "unlink", "rmdir", "symlink_to", "touch", "mkdtemp", "mkstemp",
                 "TemporaryDirectory", "NamedTemporaryFile", "SpooledTemporaryFile"}


def imported_siblings(tree: ast.Module) -> set[str]:
    """The package's own modules a module imports, however it names them: `from .x import y`,
    `from . import x`, `from generator.x import y`, `from generator import x`,
    `import generator.x`."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and module.split(".")[0] != PACKAGE.name:
                continue
            inside = module.split(".")[1:] if node.level == 0 else module.split(".")
            if inside and inside[0]:
                found.add(inside[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith(PACKAGE.name + "."))
    return found


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


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_no_module_reaches_back_up_the_chain(path: Path) -> None:
    forbidden = FORBIDDEN.get(path.stem, set())
    assert not imported_siblings(parse(path)) & forbidden


def test_every_module_has_a_place_in_the_chain() -> None:
    """A new module must say which layer it is in, or the rule above would not see it."""
    others = {"__init__", "__main__", "catalog", "content_po", "glossary", "reviewing",
              "translations_cli", "yaml_edit", "synthetic"}
    placed = READING | RENDERING | BUILDING | others
    assert {path.stem for path in MODULES} <= placed


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "output.py"],
                         ids=lambda path: path.name)
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
    imports = ast.parse("from .a import x\nfrom . import b, c\nfrom generator.d import y\n"
                        "from generator import e\nimport generator.f\nimport os\n"
                        "from yaml import g\n")
    assert imported_siblings(imports) == {"a", "b", "c", "d", "e", "f"}
