"""The glossary of the field's terms (translations/glossary.yml) and the check that the English
texts use its renderings.

A term is consistent when (1) wherever its Swedish form occurs in a Swedish text, one of its
chosen English renderings occurs in that text's English counterpart, and (2) none of its
forbidden variants occurs in any English text. Counterparts are the `sv`/`en` pairs of the case
files, the same-named pages in content/sv and content/en, and the msgstr/msgid pairs of the
interface catalog. The check reads the files as they are, so it needs no valid corpus and can
tell a translator every place at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..reading import catalogs
from ..reading.corpus import case_files
from ..reading.loading import load
from ..site.i18n import DOMAINS
from . import catalog
from .yaml_edit import entry

GLOSSARY_FILE = Path("translations") / "glossary.yml"
#: What an English text may hold without it being checked for forbidden variants: text in
#: parentheses, in quotes, and the visible text of links (titles of Swedish sources).
QUOTED = (re.compile(r"\[[^\]]*\]\([^)]*\)"), re.compile(r"`[^`]*`"), re.compile(r"\([^()]*\)"),
          re.compile(r"“[^”]*”"), re.compile(r'"[^"\n]*"'))


@dataclass(frozen=True)
class Term:
    """One term: its Swedish pattern, accepted English renderings and forbidden variants."""

    sv: re.Pattern[str]
    en: tuple[str, ...]
    forbidden: tuple[re.Pattern[str], ...]
    note: str

    @property
    def label(self) -> str:
        return self.sv.pattern.removeprefix(r"\b(?:").removesuffix(")")


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    names: tuple[str, ...]  # proper names that stay Swedish in English


@dataclass(frozen=True)
class Pair:
    """A Swedish text and its English counterpart, and where they are (for messages)."""

    where: str
    sv: str
    en: str


def load_glossary(root: Path) -> Glossary:
    data = yaml.safe_load((root / GLOSSARY_FILE).read_text(encoding="utf-8"))
    terms = tuple(
        Term(sv=re.compile(rf"\b(?:{item['sv']})", re.IGNORECASE),
             en=tuple(item["en"]),
             forbidden=tuple(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
                             for pattern in item.get("forbidden", [])),
             note=item.get("note", ""))
        for item in data["terms"])
    return Glossary(terms, tuple(data.get("names", [])))


def folded(text: str, names: tuple[str, ...]) -> str:
    """The text with its white space folded (a phrase may be wrapped over two lines) and its
    proper names left out (a name is not a use of the term it contains)."""
    text = " ".join(text.split())
    for name in names:
        text = text.replace(name, " ")
    return text


def unquoted(text: str, names: tuple[str, ...]) -> str:
    """The English text without what it may legitimately quote in Swedish."""
    for name in names:
        text = text.replace(name, " ")
    for pattern in QUOTED:
        text = pattern.sub(" ", text)
    return text


def case_pairs(root: Path) -> Iterator[Pair]:
    """Every `sv`/`en` pair in the case files, read from the YAML nodes (valid or not)."""
    for path in case_files(root / "municipalities"):
        shown = path.relative_to(root).as_posix()
        document, _problems = load(path, shown)
        if document is None:
            continue
        stack: list[yaml.Node] = [document.root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                sv, en = entry(node, "sv"), entry(node, "en")
                if sv and en and isinstance(sv[1], yaml.ScalarNode) \
                        and isinstance(en[1], yaml.ScalarNode) and en[1].value not in ("~", ""):
                    yield Pair(f"{shown}:{sv[1].start_mark.line + 1}", str(sv[1].value),
                               str(en[1].value))
                    continue
                stack.extend(value for _key, value in node.value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)


def page_pairs(root: Path) -> Iterator[Pair]:
    """The hand-written pages, Swedish and English by file name."""
    for sv_page in sorted((root / "content" / "sv").rglob("*.md")):
        relative = sv_page.relative_to(root / "content" / "sv")
        en_page = root / "content" / "en" / relative
        if en_page.is_file():
            yield Pair(f"content/en/{relative.as_posix()}", sv_page.read_text(encoding="utf-8"),
                       en_page.read_text(encoding="utf-8"))


def catalog_pairs(root: Path) -> Iterator[Pair]:
    """The interface catalog: msgstr is the Swedish, msgid the English."""
    for domain in DOMAINS:
        for lang in catalog.CATALOG_LANGUAGES:
            path = catalog.po_path(root, lang, domain)
            for message in catalog.read_catalog(path, lang):
                if not message.id:
                    continue
                ids = [message.id] if isinstance(message.id, str) else list(message.id)
                yield Pair(f"{catalog.relative(path, root)}: {ids[0]!r}",
                           " ".join(catalogs.strings_of(message)), " ".join(str(i) for i in ids))


def all_pairs(root: Path) -> list[Pair]:
    return [*case_pairs(root), *page_pairs(root), *catalog_pairs(root)]


def used_terms(glossary: Glossary, sv: str) -> list[tuple[Term, str]]:
    """The terms a Swedish text uses, each with the first word that uses it. A match inside a
    longer term's match does not count: "Kommuner" in "Sveriges Kommuner och Regioner" is part
    of a name with its own rendering."""
    matches = [(term, match) for term in glossary.terms for match in term.sv.finditer(sv)]
    used: dict[int, tuple[Term, str]] = {}
    for term, match in matches:
        inside = any(other.start() <= match.start() and match.end() <= other.end()
                     and (other.end() - other.start()) > (match.end() - match.start())
                     for _term, other in matches)
        if not inside:
            used.setdefault(id(term), (term, match.group(0)))
    return list(used.values())


def problems(glossary: Glossary, pairs: list[Pair]) -> list[str]:
    """Every inconsistency, as `where: what is wrong`; empty when the texts agree."""
    found: list[str] = []
    for pair in pairs:
        sv, en = folded(pair.sv, glossary.names), folded(pair.en, glossary.names)
        free = unquoted(en, glossary.names)
        for term, said in used_terms(glossary, sv):
            if not any(rendering.lower() in en.lower() for rendering in term.en):
                found.append(f"{pair.where}: the Swedish says {said!r}; the English "
                             f"should say {' or '.join(repr(r) for r in term.en)}")
        for term in glossary.terms:
            for pattern in term.forbidden:
                match = pattern.search(free)
                if match:
                    found.append(f"{pair.where}: {match.group(0)!r} is not the chosen "
                                 f"rendering; write {term.en[0]!r}")
    return found
