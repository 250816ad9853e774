"""The shapes of YAML a case file is made of, checked with messages an editor can act on: a
set of 'key: value' lines (with "did you mean" for a mistyped key), a single value whose
characters are all ones a reader can see, a list.

What the values mean is `validation.py`'s; this is only whether they have the right shape.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import yaml

from .characters import character_findings, is_blank, position
from .loading import at, is_null, key_text
from .problems import N_, Problem

#: Fields people type that the build works out itself.
DERIVED_KEYS = frozenset(("county", "counties", "lan", "län"))


class ShapeChecker:
    """The shape checks of `validation.Checker`; problems are collected, never raised."""

    file: str
    problems: list[Problem]
    source: str

    def report(self, node: yaml.Node, path: str, message: str, expected: str = "",
               **params: object) -> None:
        self.problems.append(at(node, self.file, path, message, expected, params))

    def mapping(self, node: yaml.Node, path: str, allowed: Iterable[str]
                ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """A mapping's entries by key, reporting unknown keys with a 'did you mean'."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, path, N_("this should be a set of 'key: value' lines"),
                        N_("expected the keys {keys}"), keys=", ".join(allowed))
            return None
        allowed = list(allowed)
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_text(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_node, path, N_("a field name is written as {key}"),
                            N_("write the field name as a plain word, one of {keys}"),
                            key=key, keys=", ".join(allowed))
                continue
            if key not in allowed:
                self.unknown_key(key_node, path, key, allowed)
                continue
            entries[key] = (key_node, value_node)
        return entries

    def unknown_key(self, node: yaml.Node, path: str, key: str, allowed: list[str]) -> None:
        if not path and key.casefold() in DERIVED_KEYS:
            self.report(node, key, N_("the county is not written in the case file"),
                        N_("it follows from the municipality codes in based_in and "
                           "municipalities: delete this line"))
            return
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        where = f"{path}.{key}" if path else key
        if close:
            self.report(node, where, N_("unknown field"), N_('did you mean "{suggestion}"?'),
                        suggestion=close[0])
        else:
            self.report(node, where, N_("unknown field"), N_("expected one of {keys}"),
                        keys=", ".join(allowed))

    def scalar(self, node: yaml.Node, path: str) -> str | None:
        """The text of a scalar, exactly as typed; a list or mapping here is a problem."""
        if isinstance(node, yaml.ScalarNode) and not is_null(node):
            value = str(node.value)
            self.check_characters(node, path, value)
            if is_blank(value):
                self.report(node, path, N_("the value is made only of invisible characters"),
                            N_("write the text with letters and digits"))
                return None
            return value
        if is_null(node):
            self.report(node, path, N_("the value is empty"), N_("write a value after the "
                                                                 "colon"))
        else:
            self.report(node, path, N_("expected a single value here, not a list or a "
                                       "set of keys"))
        return None

    def check_characters(self, node: yaml.Node, path: str, value: str) -> None:
        """Control, direction, invisible and look-alike characters, at the very character
        when it is typed as itself in the file (not as an escape like "\\x7f")."""
        for finding in character_findings(value):
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            index = self.source.find(finding.text, node.start_mark.index,
                                     node.end_mark.index) if self.source else -1
            if index >= 0:
                line, column = position(self.source, index)
            self.problems.append(Problem(self.file, line, column, path, finding.message,
                                         finding.expected, finding.params))

    def sequence(self, node: yaml.Node, path: str) -> list[yaml.Node] | None:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.report(node, path, N_("expected a list"),
                    N_("write it as [a, b] or as lines starting with '- '"))
        return None


def node_at(root: yaml.Node, *keys: str) -> yaml.Node:
    """The value node at a path of keys, or the deepest one found, for a message's position."""
    node = root
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        node = next((value for k, value in node.value if k.value == key), node)
    return node
