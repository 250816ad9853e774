"""Links from the hand-written pages to the site's pages, followed before anything is written.

A content page links to another page by its Markdown file (`ideslussar/orebro-forstudie.md`),
and MkDocs refuses the build when that file is not among the pages. It says so late (after
every page was rendered), in English only, without the line, and names the file as the build's
copy of it. The commonest cause is an editor's own change: a case file renamed or removed,
while a content page still links to its page. So the same rule is checked here, with the
corpus: every relative link to a `.md` file leads to a page of its language, or the editor is
told where the link is, which pages exist that it may have meant, and what to do, in their
language, with every other problem of the content.

Only links to `.md` files are followed: a link to a picture or a folder is MkDocs' to judge.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from .reading.corpus import ContentPage
from .reading.links import link_target
from .reading.model import CaseStudy
from .reading.page_checks import page_links
from .reading.problems import N_, Problem
from .reading.registry import Registry
from .site.urls import (
    COMPARE,
    COUNTIES,
    OPEN_DATA,
    OVERVIEW,
    THEMES,
    case_counties,
    case_path,
    county_path,
    theme_path,
)

#: The pages every language has, whatever its cases (`render.render_language` writes them).
LISTS = (OVERVIEW, COUNTIES, THEMES, COMPARE, OPEN_DATA)
#: The folder of the case pages, as a link from a page at the top reads it.
CASE_FOLDER = posixpath.dirname(OVERVIEW) + "/"


def generated_pages(cases: Iterable[CaseStudy], registry: Registry) -> set[str]:
    """The pages the generator writes in every language (the same paths in each): the lists,
    and a page for every case, for every county and every theme that has a case."""
    found = set(LISTS)
    for case in cases:
        found.add(case_path(case))
        found.update(county_path(county) for county in case_counties(case, registry))
        found.update(theme_path(registry.themes[key]) for key in case.themes)
    return found


#: A backslash escape in a link's address, which Markdown removes before MkDocs reads it.
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def linked_page(page: ContentPage, target: str) -> str | None:
    """The page's path that a link leads to, as MkDocs resolves it (relative to the linking
    page's folder); None for what is not a relative link to a `.md` file."""
    parts = urlsplit(link_target(ESCAPE.sub(r"\1", target)))
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or target.startswith(("/", "\\")) \
            or not path.endswith(".md"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.path), path)).lstrip("/")


def link_problems(cases: Iterable[CaseStudy], pages: Iterable[ContentPage],
                  registry: Registry) -> list[Problem]:
    """Each link of a content page that leads to no page of its language."""
    pages = list(pages)
    generated = generated_pages(cases, registry)
    known = {lang: generated | {page.path for page in pages if page.lang == lang}
             for lang in {page.lang for page in pages}}
    problems = []
    for page in pages:
        for line, column, target in page_links(page.markdown):
            resolved = linked_page(page, target)
            if resolved is not None and resolved not in known[page.lang]:
                problems.append(missing_page(page, line, column, target, resolved,
                                             known[page.lang]))
    return problems


def missing_page(page: ContentPage, line: int, column: int, target: str, resolved: str,
                 known: set[str]) -> Problem:
    """The problem of one link to no page: what it may have meant, else what pages are."""
    message = (N_('the link "{link}" leads to no page: there is no case file named '
                  "{slug}.yml in municipalities/")
               if posixpath.dirname(resolved) + "/" == CASE_FOLDER
               else N_('the link "{link}" leads to no page of the site'))
    params: dict[str, object] = {"link": target,
                                 "slug": posixpath.splitext(posixpath.basename(resolved))[0]}
    close = difflib.get_close_matches(resolved, sorted(known), n=1, cutoff=0.6)
    if close:
        params["suggestion"] = posixpath.relpath(close[0], posixpath.dirname(page.path) or ".")
        expected = N_('link to "{suggestion}" if that is the page you mean, or remove the link')
    else:
        expected = N_("link to a page that exists (a case's page is {folder} and its case "
                      "file's name with .md), or remove the link")
        params["folder"] = CASE_FOLDER
    return Problem(page.shown_as, line, column, "", message, expected, params)
