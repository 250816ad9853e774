"""Changing a value in an editor's YAML file by editing its text, never by re-dumping it.

Case files are written by people: comments, blank lines, quoting and line wrapping are theirs,
and `yaml.dump` would throw all of it away. The commands that write (`translations review`
and `translations import`) therefore find the value's node with the same compose-based parser
the validator uses (`loading.parse`, whose marks are character offsets into the text), and
splice new text in at exactly that place. Everything outside the changed value stays
byte-for-byte as it was. Each change re-parses the text, so offsets are never stale.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TypeGuard

import yaml

from ..reading.loading import is_null, parse
from ..reading.model import FieldRecord
from ..reading.translation import render_field_record

INDENT = 2


class YamlEditError(Exception):
    """The file cannot be edited safely (it does not parse, or has an unexpected shape)."""


def compose(text: str) -> yaml.MappingNode:
    """The root mapping of a case file, with the same parser (and refusals) as validation."""
    document, problems = parse(text, "<edit>")
    if document is None:
        raise YamlEditError("; ".join(p.render(str) for p in problems))
    if not isinstance(document.root, yaml.MappingNode):
        raise YamlEditError("the file is not a set of 'key: value' lines")
    return document.root


def entry(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key node, value node) pair of a mapping entry, or None."""
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next(((k, v) for k, v in mapping.value if str(k.value) == key), None)


def node_at(root: yaml.Node, path: Sequence[str | int]) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key node, value node) at a path of keys and list indexes; None if absent."""
    node: yaml.Node = root
    key_node: yaml.Node | None = None
    for step in path:
        if isinstance(step, int):
            if not isinstance(node, yaml.SequenceNode) or step >= len(node.value):
                return None
            key_node, node = node, node.value[step]
        else:
            found = entry(node, step)
            if found is None:
                return None
            key_node, node = found
    return None if key_node is None else (key_node, node)


def field_path(field: str, lang: str) -> list[str | int]:
    """A translation field ("summary", "examples.2", "image.alt") as a path to its text."""
    steps: list[str | int] = [int(part) if part.isdigit() else part
                              for part in field.split(".")]
    return [*steps, lang]


def is_plain_safe(value: str) -> bool:
    """Whether `value` can be written unquoted and reads back as exactly this text."""
    if not value or "\n" in value or value != value.strip():
        return False
    try:
        node = yaml.compose(f"k: {value}\n", Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    scalar = node.value[0][1]
    return (isinstance(scalar, yaml.ScalarNode) and scalar.value == value
            and not is_null(scalar) and scalar.tag == "tag:yaml.org,2002:str")


def render_scalar(value: str, indent: int, *, block: bool, flow: bool = False) -> str:
    """A value as YAML text to follow `key: `: a literal block for multi-line text (its lines
    indented by `indent` spaces), plain when that is safe, double-quoted otherwise."""
    lines = value.split("\n")
    literal_ok = not flow and all(line == line.rstrip() for line in lines) \
        and not lines[0].startswith(" ") and "\t" not in value
    if (block or "\n" in value) and literal_ok:
        pad = " " * indent
        return "|\n" + "\n".join(pad + line if line else "" for line in lines)
    if not flow and is_plain_safe(value):
        return value
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def replace_value(text: str, node: yaml.Node, new: str) -> str:
    """Replace a scalar's text, keeping the line breaks and blank lines that end its span (a
    block scalar's span runs to the next line that is not part of it)."""
    start, end = node.start_mark.index, node.end_mark.index
    old = text[start:end]
    trailing = old[len(old.rstrip("\n ")):] if "\n" in old else ""
    if trailing and not new.endswith("\n") and "\n" not in trailing:
        trailing = ""
    return splice(text, start, end, new + trailing)


def set_text(text: str, field: str, lang: str, value: str, *, markdown: bool) -> str:
    """Set one language of a text field (an existing key: `en: ~` or `en: old text`)."""
    root = compose(text)
    found = node_at(root, field_path(field, lang))
    if found is None:
        raise YamlEditError(f"{field}.{lang} is not in the file")
    key_node, value_node = found
    parent = node_at(root, field_path(field, lang)[:-1])
    flow = bool(parent and getattr(parent[1], "flow_style", False))
    if not isinstance(value_node, yaml.ScalarNode):
        raise YamlEditError(f"{field}.{lang} is not a text")
    rendered = render_scalar(value, key_node.start_mark.column + INDENT, block=markdown,
                             flow=flow)
    if is_null(value_node) and value_node.start_mark.index == value_node.end_mark.index:
        # `en:` with nothing after it: the value goes right after the colon.
        colon = text.index(":", key_node.end_mark.index) + 1
        text, rendered = move_comment(text, colon, rendered)
        return splice(text, colon, colon, " " + rendered)
    text, rendered = move_comment(text, value_node.end_mark.index, rendered)
    return replace_value(text, value_node, rendered)


def move_comment(text: str, end: int, rendered: str) -> tuple[str, str]:
    """A comment after the old value (`en: ~  # waiting for a translator`) stays a comment.

    A block scalar's text starts on the next line, so the comment would end up at the end
    of its last line, inside the text: it moves to the block's header line (`en: |  # ...`),
    the one place on that line where YAML still reads it as a comment.
    """
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    rest = text[end:line_end]
    if not rendered.startswith("|") or not rest.strip().startswith("#") \
            or not rest[:1].isspace():
        return text, rendered
    return splice(text, end, line_end, ""), "|" + rest + rendered[1:]


# -- the translation block -------------------------------------------------------------------


def render_language(indent: int, lang: str, lines: Mapping[str, str]) -> list[str]:
    """A `<lang>:` entry of the translation block: one `field: {...}` line per field."""
    pad = " " * indent
    if not lines:
        return [f"{pad}{lang}: {{}}"]
    return [f"{pad}{lang}:"] + [f"{pad}{' ' * INDENT}{name}: {value}"
                                for name, value in lines.items()]


def mapping_is_block(node: yaml.Node) -> TypeGuard[yaml.MappingNode]:
    """A non-empty block-style mapping: the only shape that entries can be spliced into."""
    return isinstance(node, yaml.MappingNode) and not node.flow_style and bool(node.value)


def insert_entries(text: str, mapping: yaml.MappingNode, lines: list[str]) -> str:
    """Add entries (already indented) after the last entry of a block mapping."""
    last = mapping.value[-1][1]
    at = last.end_mark.index
    if at > 0 and text[at - 1] == "\n":
        return splice(text, at, at, "\n".join(lines) + "\n")
    line_end = text.find("\n", at)  # after a comment on the last entry's line, if any
    at = len(text) if line_end == -1 else line_end
    return splice(text, at, at, "\n" + "\n".join(lines))


def language_lines(text: str, node: yaml.Node) -> dict[str, str]:
    """The `field: {...}` entries of a `<lang>:` mapping as written (for a rewrite)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): text[value.start_mark.index:value.end_mark.index].strip()
            for key, value in node.value}


def rewrite_block(text: str, root: yaml.MappingNode, languages: Mapping[str, Mapping[str, str]],
                  *, replace: bool = False) -> str:
    """Write the whole translation block anew with `languages` (lang -> field -> record text)
    merged into what it holds (or, with `replace`, instead of what it holds for those
    languages): for shapes a splice cannot extend (flow style, an empty value, no block yet)
    and for the migration. Every other record it held is kept as written."""
    key_node, value_node = entry(root, "translation") or (None, None)
    merged: dict[str, dict[str, str]] = {}
    if isinstance(value_node, yaml.MappingNode):
        merged = {str(k.value): language_lines(text, v) for k, v in value_node.value}
    for lang, lines in languages.items():
        merged[lang] = dict(lines) if replace else {**merged.get(lang, {}), **lines}
    column = key_node.start_mark.column if key_node else 0
    block_lines = [" " * column + "translation:"]
    for lang, lines in merged.items():
        block_lines.extend(render_language(column + INDENT, lang, lines))
    block = "\n".join(block_lines)
    if key_node is None or value_node is None:
        prefix = "" if not text or text.endswith("\n") else "\n"
        return text + prefix + block + "\n"
    start, end = key_node.start_mark.index, value_node.end_mark.index
    old = text[start:end]
    trailing = old[len(old.rstrip("\n ")):] if "\n" in old else ""
    return splice(text, start, end, block + (trailing or ""))


def set_field_records(text: str, lang: str, records: Mapping[str, FieldRecord]) -> str:
    """Set the records of the given fields of `lang`, one line each, keeping every other
    record, comment and line of the file: a review or an import touches exactly its fields."""
    if not records:
        return text
    rendered = {name: render_field_record(record) for name, record in records.items()}
    root = compose(text)
    translation = entry(root, "translation")
    found = node_at(root, ["translation", lang]) if translation else None
    if translation is None or not mapping_is_block(translation[1]) or found is None \
            or not mapping_is_block(found[1]):
        return rewrite_block(text, root, {lang: rendered})
    new: dict[str, str] = {}
    for name, line in rendered.items():
        existing = entry(record_of(text, lang), name)
        if existing is None:
            new[name] = line
        elif text[existing[1].start_mark.index:existing[1].end_mark.index] != line:
            text = replace_value(text, existing[1], line)
    if new:
        mapping = record_of(text, lang)
        column = mapping.value[0][0].start_mark.column
        text = insert_entries(text, mapping, [f"{' ' * column}{k}: {v}" for k, v in new.items()])
    return text


def record_of(text: str, lang: str) -> yaml.MappingNode:
    """The `translation.<lang>` mapping of the text as it is now (after earlier splices)."""
    found = node_at(compose(text), ["translation", lang])
    if found is None or not isinstance(found[1], yaml.MappingNode):
        raise YamlEditError(f"translation.{lang} disappeared while editing")
    return found[1]
