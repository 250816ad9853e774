"""Checks of the hand-written pages in `content/`, and of where the site's inputs may be.

Decided once (see CONTRIBUTING.md): a content page is Markdown only. Raw HTML in it is
refused with `file:line:column`, not sanitised: the pages are few and short, Markdown covers
what they need, and a refusal is something an editor can see and fix, where a sanitiser
silently changes the page. Links are judged as a browser reads them (entities decoded), so
`&#106;avascript:` is refused like `javascript:`.

Inputs are read only from inside the repository: a symbolic link in `municipalities/`,
`content/` or to a picture is refused (it could publish `/etc/passwd` or `.git/config`, where
CI keeps its token), and so is any path through a hidden folder such as `.git`.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from .characters import character_findings, position
from .links import LINK_SCHEMES, MARKDOWN_LINK_PATTERNS, link_scheme, mailto_extras
from .loading import parse
from .model import LANGUAGES
from .problems import N_, Problem

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
#: `<` starting a tag, a closing tag, a comment, a declaration or a processing instruction.
RAW_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|/?[A-Za-z][A-Za-z0-9-]*$|[!?])")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
#: The first folder of a page's path that the site itself uses: a language's root (a page in
#: content/sv/en/ would move the English site), the theme's files, the open data, and the
#: folders of generated pages (`pages.py` places them; a test keeps the two in step, as
#: reading the content cannot depend on rendering it).
RESERVED_FOLDERS = frozenset((*LANGUAGES, "assets", "search", "data", "ideslussar", "lan",
                              "teman"))
#: Pages the generator writes itself, at the top of a language.
GENERATED_PAGES = frozenset(("oppna-data.md", "jamfor.md", "404.md"))


def code_free(line: str) -> str:
    """A line with its code spans blanked out (same length, so columns stay right): HTML
    and links inside backticks are shown as code, not read."""
    return CODE_SPAN.sub(lambda match: " " * len(match.group()), line)


#: Front matter as MkDocs finds it (`mkdocs.utils.meta`): YAML between two `---` lines.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def page_problems(markdown: str, shown_as: str) -> list[Problem]:
    """Raw HTML, links a browser would run, characters that break formats, front matter
    MkDocs would misread, and no text at all, in one page."""
    if not markdown.strip():
        return [Problem(shown_as, 1, 1, "", N_("the page is empty"),
                        N_("write its text, or remove the page in every language"))]
    problems = [Problem(shown_as, *position(markdown, finding.index), "", finding.message,
                        finding.expected, finding.params)
                for finding in character_findings(markdown)]
    problems.extend(front_matter_problems(markdown, shown_as))
    for number, line in prose_lines(markdown):
        problems.extend(line_problems(line, shown_as, number))
    return problems


def prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """The page's lines outside fenced code, numbered from 1, with their code spans blanked
    (`code_free`): the text a reader sees as text, where HTML and links are read."""
    fence = ""
    for number, line in enumerate(markdown.split("\n"), start=1):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1).startswith(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)[0] * 3
            continue
        yield number, code_free(line)


def page_links(markdown: str) -> list[tuple[int, int, str]]:
    """Every link target a page writes in Markdown (inline or as a reference), with its line
    and column: what `page_links` follows to the site's other pages."""
    return [(number, match.start(1) + 1, match.group(1))
            for number, line in prose_lines(markdown)
            for pattern in MARKDOWN_LINK_PATTERNS for match in pattern.finditer(line)]


def front_matter_problems(markdown: str, shown_as: str) -> list[Problem]:
    """Front matter MkDocs would misread: YAML that does not parse (MkDocs then publishes it
    as the page's first paragraph), a key written twice, a tag, or anchors and aliases (which
    MkDocs' YAML loader expands: a few lines can be gigabytes). Read as a case file is."""
    found = FRONT_MATTER.match(markdown)
    if found is None or all(not line.strip() or line.lstrip().startswith("#")
                            for line in found.group(1).split("\n")):
        return []  # no front matter, or only comments: MkDocs reads nothing from it
    document, problems = parse(found.group(1), shown_as)
    if document is not None and not isinstance(document.root, yaml.MappingNode):
        problems.append(Problem(shown_as, 1, 1, "", N_(
            "the front matter is not key: value lines"), N_(
            "write it as title: and description: lines between the two --- lines; if the "
            "page's first --- is meant as a horizontal line, write *** instead")))
    # The YAML starts on the page's second line; a key written twice names both lines.
    return [dataclasses.replace(problem, line=problem.line + 1, params={
        key: value + 1 if key in ("first", "second") and isinstance(value, int) else value
        for key, value in problem.params.items()}) for problem in problems]


def line_problems(line: str, shown_as: str, number: int) -> list[Problem]:
    problems = []
    for match in RAW_HTML.finditer(line):
        if AUTOLINK.match(line, match.start()):
            continue
        problems.append(Problem(shown_as, number, match.start() + 1, "",
                                N_('HTML ("{html}") is not allowed in a content page'),
                                N_("write Markdown instead; to show a < as text, write "
                                   "&lt;"), {"html": tag_at(line, match.start())}))
    targets = [(match.start(1), match.group(1)) for pattern in MARKDOWN_LINK_PATTERNS
               for match in pattern.finditer(line)]
    targets += [(match.start(1), match.group(1)) for match in AUTOLINK.finditer(line)]
    for column, target in targets:
        scheme = link_scheme(target)
        if scheme and scheme not in LINK_SCHEMES and "@" not in target.split(":", 1)[0]:
            problems.append(Problem(shown_as, number, column + 1, "",
                                    N_('the link "{link}" is not a web or e-mail address'),
                                    N_("links start with https://, http:// or mailto:, or "
                                       "lead to another page of the site"), {"link": target}))
        elif mailto_extras(target):
            problems.append(Problem(shown_as, number, column + 1, "",
                                    N_('the e-mail link "{link}" adds {extras}'),
                                    N_("write mailto: and the address only (a ?subject= may "
                                       "stay)"),
                                    {"link": target, "extras": ", ".join(mailto_extras(target))}))
    return problems


def tag_at(line: str, start: int) -> str:
    """The tag that starts at `start`, as a message quotes it (at most 40 characters)."""
    end = line.find(">", start)
    return line[start:end + 1] if 0 <= end < start + 40 else line[start:start + 40]


def path_problems(relative: str, shown_as: str) -> list[Problem]:
    """A content page at a path the site uses itself."""
    parts = relative.split("/")
    if parts[0] in RESERVED_FOLDERS or relative in GENERATED_PAGES:
        return [Problem(shown_as, 1, 1, "", N_('"{path}" is a path the site uses itself'),
                        N_("give the page another name, outside the folders {folders}"),
                        {"path": relative, "folders": ", ".join(sorted(RESERVED_FOLDERS))})]
    return []


def outside_problems(path: Path, repo_root: Path, shown_as: str) -> list[Problem]:
    """A file that is a symbolic link, is reached through one, or lies in a hidden folder such
    as `.git`: reading it could read anything on the machine."""
    absolute, root = Path(os.path.abspath(path)), Path(os.path.abspath(repo_root))
    if absolute.is_relative_to(root):
        relative = absolute.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            return [Problem(shown_as, 1, 1, "", N_("this file is in a hidden folder"),
                            N_("keep the site's files in the repository's own folders"))]
        linked = path.resolve() != root.resolve() / relative
    else:  # a file named on the command line, elsewhere: only the file itself is looked at
        linked = path.is_symlink()
    if linked:
        return [Problem(shown_as, 1, 1, "", N_("this file is a symbolic link"),
                        N_("put the file itself here, not a link to it"))]
    return []
