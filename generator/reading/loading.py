"""Reading the editors' YAML files strictly: bytes in, a tree of positioned nodes out.

PyYAML follows YAML 1.1, where `no` is False, `0114` is the octal number 76, `12:30` is 750 and
a duplicated key silently wins. We never let the YAML library decide a value's type: files are
*composed* (parsed into nodes that keep their line and column), never constructed, and every
scalar stays the text the editor typed. The validator decides types per field, from the model,
so "0114" stays "0114". Nothing here executes tags, expands aliases or follows includes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .languages import LANGUAGES
from .problems import N_, Problem

try:  # libyaml's parser is about ten times faster; fall back to pure Python where it is absent.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
#: The plain scalars YAML reads as null; every other untagged scalar stays text.
NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
#: The tags plain YAML gives its values; anything else (`!!python/object`, `!include`) is refused.
ALLOWED_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                         ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
MAX_FILE_BYTES = 1_000_000  # a case study is a few KB; anything larger is a mistake or hostile

Node = yaml.Node


@dataclass(frozen=True)
class Document:
    """A parsed file: its root node, and the text it was parsed from (for messages)."""

    file: str
    root: Node
    text: str = ""  # what it was parsed from


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8, accepting a byte-order mark and CRLF, rejecting other bytes."""
    try:
        data = path.read_bytes()
    except OSError as error:  # a folder, a file the editor may not read, a broken disk
        return None, [Problem(shown_as, 1, 1, "", N_("the file cannot be read: {error}"),
                              N_("check that you may read the file"),
                              {"error": error.strerror or str(error)})]
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(shown_as, 1, 1, "", N_("the file is {size} bytes long"),
                              N_("a file the site is made from is at most {limit} bytes"),
                              {"size": len(data), "limit": MAX_FILE_BYTES})]
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(shown_as, line, column, "", N_("this byte is not UTF-8 text"),
                              N_("save the file as UTF-8 (in most editors: 'Save with "
                                 "encoding' > UTF-8)"))]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def not_a_file(shown_as: str) -> Problem:
    """A name that looks like an input but is a folder or a device (a named pipe would make
    reading it wait for ever): reported, never read."""
    return Problem(shown_as, 1, 1, "", N_("this is not a file but a folder or a device"),
                   N_("put the file itself here"))


def tab_problems(text: str, shown_as: str) -> list[Problem]:
    """YAML forbids tabs in indentation, and libyaml's own message for it is cryptic."""
    problems: list[Problem] = []
    if "\t" not in text:  # nearly every file: no need to look at each line
        return problems
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(shown_as, number, indent.index("\t") + 1, "",
                                    N_("a tab is used for indentation"),
                                    N_("indent with spaces only")))
    return problems


class _TextLoader(_BaseLoader):
    """libyaml's parser with the one resolution the validator needs: null or not.

    Values are never constructed, so YAML 1.1's int, float, bool and timestamp patterns
    decide nothing here; skipping them (a regex search per scalar in PyYAML's Python
    resolver, about a hundred scalars per case file) makes reading a thousand files cheaper.
    Explicit tags are not resolved at all and still reach `structure_problems`.
    """

    def resolve(self, kind: type[Node], value: object, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return NULL_TAG if implicit[0] and value in NULL_WORDS else STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


def parse(text: str, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Compose one YAML document into nodes, or report where and why it cannot be read. A
    document can come with problems (a text cut short by a comment): any problem means the
    file is not valid."""
    problems = tab_problems(text, shown_as)
    if problems:
        return None, problems
    try:
        root = yaml.compose(text, Loader=_TextLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = within(text, *((mark.line + 1, mark.column + 1) if mark else (1, 1)))
        colon = (colon_in_text(text, line, shown_as)
                 if "mapping values" in (error.problem or "") else None)
        if colon is not None:
            return None, [colon]
        return None, [Problem(shown_as, line, column, "", N_("the file is not valid YAML: "
                                                             "{detail}"),
                              N_("check the indentation and the colons near this line"),
                              {"detail": error.problem or "unreadable"})]
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, anywhere
        # libyaml counts bytes, PyYAML characters: the character itself says where it is.
        found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        index = found if found >= 0 else min(error.position, len(text))
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        return None, [Problem(shown_as, line, column, "", N_(
            "the file holds the character {character}, which YAML does not allow"), N_(
            "delete it: it is invisible in most editors"),
            {"character": f"U+{error.character:04X}" if isinstance(error.character, int)
             else repr(error.character)})]
    except yaml.YAMLError as error:
        return None, [Problem(shown_as, 1, 1, "", N_("the file is not valid YAML: {detail}"),
                              "", {"detail": str(error)})]
    if root is None:
        return None, [Problem(shown_as, 1, 1, "", N_("the file is empty"),
                              N_("start from the template: ideslussar new SLUG"))]
    problems = structure_problems(root, shown_as)
    if problems:
        return None, problems
    # A text cut at " #" is reported, but the file is still checked, so that the editor sees
    # every other mistake in the same run.
    return Document(shown_as, root, text), comment_in_text_problems(root, text, shown_as)


#: The keys whose values are always texts (a language of a text field).
TEXT_KEYS = frozenset(LANGUAGES)
#: ` #` right after a word: YAML starts a comment there, and an editor meant "#1".
TEXT_HASH = re.compile(r"^ #")


def comment_in_text_problems(root: Node, text: str, shown_as: str) -> list[Problem]:
    """A plain text followed by ` #…` on its line: YAML made the rest a comment, and the text
    would be published cut short (`satsning #1 för nya idéer` becomes `satsning`). A comment
    set off by two spaces (`Sollentuna kommun  # ...`) is a comment and is left alone."""
    if "#" not in text:
        return []
    problems = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if (str(key.value) in TEXT_KEYS and isinstance(value, yaml.ScalarNode)
                        and not value.style and not is_null(value)):
                    end = value.end_mark.index
                    line_end = text.find("\n", end)
                    rest = text[end: len(text) if line_end == -1 else line_end]
                    if TEXT_HASH.match(rest):
                        whole = f"{value.value}{rest}".replace('"', '\\"')
                        problems.append(at(value, shown_as, "", N_(
                            'the text stops at " #": YAML reads everything after it as a '
                            "comment, so it would not be published"),
                            N_('to keep it, put the whole text in double quotes: "{whole}"'),
                            {"whole": whole}))
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems


def colon_in_text(text: str, line: int, shown_as: str) -> Problem | None:
    """YAML's "mapping values are not allowed here", for a text with `: ` in it (`sv: Mål:
    bättre idéer`): say so, and show the line with the text in quotes."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    written = lines[line - 1]
    match = re.match(r"^(\s*(?:- )?[A-Za-z_]+:\s)(.*:\s.*)$", written)
    if match is None or match.group(2).lstrip().startswith(('"', "'", "|", ">")):
        return None
    value = match.group(2).strip().replace('"', '\\"')
    return Problem(shown_as, line, len(match.group(1)) + 1, "", N_(
        'the text has a colon followed by a space (": "), which YAML reads as a new key'),
        N_('put the whole text in double quotes: {fixed}'),
        {"fixed": f'{match.group(1).strip()} "{value}"'})


def within(text: str, line: int, column: int) -> tuple[int, int]:
    """A position as an editor can find it: the parser places "unexpected end of file"
    after the last line break, on a line the editor's file does not have; that is the end
    of the last line."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    if line <= len(lines):
        return line, column
    return max(len(lines), 1), len(lines[-1]) + 1 if lines else 1


def structure_problems(root: Node, shown_as: str) -> list[Problem]:
    """Aliases, custom tags and duplicated keys: each is either hostile or a silent loss."""
    problems: list[Problem] = []
    seen: set[int] = set()
    aliased: set[int] = set()  # told once per anchor, however often it is used
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            if id(node) not in aliased:
                aliased.add(id(node))
                problems.append(at(node, shown_as, "", N_("anchors and aliases (&, *) are "
                                                          "not supported"),
                                   N_("write the value out in full")))
            continue
        seen.add(id(node))
        if node.tag not in ALLOWED_TAGS:
            problems.append(at(node, shown_as, "", N_("the tag {tag} is not supported"),
                               N_("remove it"), {"tag": node.tag}))
        if isinstance(node, yaml.MappingNode):
            problems.extend(duplicate_key_problems(node, shown_as))
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems


def key_text(node: Node) -> str:
    """A mapping key as a message shows it: a plain key as typed, a complex key (YAML's
    `? [a, b]`) by its kind and text, never as a Python object."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(key_text(item) for item in node.value) + "]"
    return "{" + ", ".join(f"{key_text(k)}: {key_text(v)}" for k, v in node.value) + "}"


def duplicate_key_problems(node: yaml.MappingNode, shown_as: str) -> list[Problem]:
    first_line: dict[str, int] = {}
    problems = []
    for key, _value in node.value:
        name = key_text(key)
        if name in first_line:
            problems.append(at(key, shown_as, name, N_("the key is written twice, on lines "
                                                       "{first} and {second}"),
                               N_("keep one of them"),
                               {"first": first_line[name], "second": key.start_mark.line + 1}))
        else:
            first_line[name] = key.start_mark.line + 1
    return problems


def is_null(node: Node) -> bool:
    """`~`, `null` or nothing at all, unquoted; a quoted "null" is the text null."""
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG and not node.style


def at(node: Node, shown_as: str, field: str, message: str, expected: str = "",
       params: dict[str, object] | None = None) -> Problem:
    """A problem positioned at a node."""
    mark = node.start_mark
    return Problem(shown_as, mark.line + 1, mark.column + 1, field, message, expected,
                   params or {})


def load(path: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file (see `parse`: any problem means the file is not valid)."""
    text, problems = read_text(path, shown_as)
    if text is None:
        return None, problems
    return parse(text, shown_as)


def field_place(path: Path, field: str) -> tuple[int, int]:
    """Where a valid case file writes a field's value (`"name.sv"`), for the problems found
    only when the files are compared (a counterpart, a name used twice): the model keeps no
    places, so the file is read again, which happens only for such a problem. (1, 1) when
    the file or the field cannot be found: the file as a whole."""
    text, _ = read_text(path, "")
    try:
        node = yaml.compose(text, Loader=_TextLoader) if text is not None else None
    except yaml.YAMLError:
        return 1, 1
    for key in field.split("."):
        if not isinstance(node, yaml.MappingNode):
            return 1, 1
        node = next((value for name, value in node.value
                     if isinstance(name, yaml.ScalarNode) and name.value == key), None)
    return (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
