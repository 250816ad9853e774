"""From the validated corpus to the pages of the site, per language, as Markdown text.

Pure functions: no file is read or written here. Each page is Markdown with YAML front matter
whose body is HTML produced by autoescaping Jinja2 templates, so every value from a case file is
escaped exactly once, here, and the result is ordinary Markdown that MkDocs (or Zensical) builds.
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import i18n
from .corpus import Corpus
from .markup import markdown_html, plain_html
from .model import LANGUAGES, CaseStudy, Status, Text, TranslationMethod
from .problems import N_
from .registry import Registry
from .translation import State, case_status

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
OVERVIEW = "ideslussar/index.md"
#: Where each language's pages live below the site root; paths below it are the same.
LANGUAGE_ROOTS: dict[str, str] = {"sv": "", "en": "en/"}

STATUS_LABELS: dict[Status, str] = {
    Status.ONGOING: N_("Ongoing"),
    Status.PERMANENT: N_("Made permanent"),
    Status.ENDED: N_("Ended"),
    Status.UNKNOWN: N_("Status not known"),
}
SECTION_HEADINGS: dict[str, str] = {
    "what": N_("What it is"),
    "how": N_("How it works"),
    "results": N_("Results"),
    "lessons": N_("Lessons learned"),
}


@dataclass(frozen=True)
class SourcePage:
    """A page of the site in one language, as Markdown for MkDocs."""

    lang: str
    path: str  # relative to the language's docs folder: "ideslussar/orebro.md"
    text: str

    @property
    def url(self) -> str:
        """The page's address below its language root ("ideslussar/orebro.html")."""
        return html_path(self.path)


def html_path(md_path: str) -> str:
    return md_path.removesuffix(".md") + ".html"


def case_path(case: CaseStudy) -> str:
    return f"ideslussar/{case.slug}.md"


def relative_url(from_md: str, to_md: str) -> str:
    """A link from one page to another that works on any host and from a file:// folder."""
    start = posixpath.dirname(from_md) or "."
    return posixpath.relpath(html_path(to_md), start)


def counterpart_url(page_path: str, lang: str, other: str) -> str:
    """A link from a page to the same page in another language."""
    here = LANGUAGE_ROOTS[lang] + page_path
    return relative_url(here, LANGUAGE_ROOTS[other] + page_path)


def front_matter_value(text: str) -> Markup:
    """A front-matter string: HTML-escaped (Material prints titles and descriptions raw) and
    then quoted as JSON, which is valid YAML."""
    return Markup(json.dumps(str(escape(" ".join(text.split()))), ensure_ascii=False))  # noqa: S704


@dataclass(frozen=True)
class Renderer:
    """Renders the pages of one language; the templates see only what it offers them."""

    lang: str
    registry: Registry
    env: jinja2.Environment

    def gettext(self, message: str) -> str:
        return i18n.translations(self.lang).gettext(message)

    def text(self, value: Text, *, markdown: bool = False, fallback_notice: bool = True
             ) -> Markup:
        """A text in the page's language, or the Swedish marked `lang="sv"` while it is
        untranslated, so no Swedish is ever passed off as English."""
        own = value.get(self.lang)
        render: Callable[[str], Markup] = markdown_html if markdown else plain_html
        if own is not None:
            return render(own)
        tag = "div" if markdown else "span"
        notice = ""
        if fallback_notice:
            notice = self.env.get_template("notice.html").render(kind="missing", inline=True)
        return Markup(f'<{tag} lang="sv">{render(value.sv)}</{tag}>{notice}')  # noqa: S704

    def municipality_names(self, codes: Iterable[str]) -> list[str]:
        return [self.registry.municipalities[code].name for code in codes]

    def counties(self, case: CaseStudy) -> list[str]:
        """Counties are derived from the municipalities, never typed by an editor."""
        codes = ([case.based_in] if case.based_in else []) + list(case.municipalities)
        names = {self.registry.municipalities[c].county.name: None for c in codes}
        return list(names)

    def theme_names(self, case: CaseStudy) -> list[str]:
        return [self.registry.themes[key].name(self.lang) for key in case.themes]

    def period(self, case: CaseStudy) -> str:
        start, end = case.period.start, case.period.end
        if start and end:
            return f"{i18n.format_month(start, self.lang)}\u2013{i18n.format_month(end, self.lang)}"
        if start:
            return self.gettext("from {start}").format(start=i18n.format_month(start, self.lang))
        if end:
            return self.gettext("until {end}").format(end=i18n.format_month(end, self.lang))
        return ""

    def context(self, page_path: str) -> dict[str, Any]:
        """What every template may use; helpers are bound to the page for relative links."""
        return {
            "lang": self.lang,
            "r": self,
            "i18n": i18n,
            "url": lambda target: relative_url(page_path, target),
            "counterpart": lambda other: counterpart_url(page_path, self.lang, other),
            "case_path": case_path,
            "status_label": lambda status: self.gettext(STATUS_LABELS[status]),
            "section_headings": SECTION_HEADINGS,
            "meta": front_matter_value,
            "State": State,
            "MACHINE": TranslationMethod.MACHINE,
        }

    def render(self, template: str, page_path: str, **values: Any) -> SourcePage:
        text = self.env.get_template(template).render(**self.context(page_path), **values)
        return SourcePage(self.lang, page_path, text)

    def case_page(self, case: CaseStudy) -> SourcePage:
        statuses = case_status(case, self.lang) if self.lang != "sv" else {}
        return self.render("case.html", case_path(case), case=case, statuses=statuses,
                           translated=self.lang != "sv")

    def overview(self, cases: tuple[CaseStudy, ...]) -> SourcePage:
        return self.render("overview.html", OVERVIEW, cases=cases)


@functools.cache
def environment(lang: str) -> jinja2.Environment:
    """One environment per language, with that language's catalog installed."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                             extensions=["jinja2.ext.i18n"], trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def render_language(corpus: Corpus, lang: str) -> list[SourcePage]:
    renderer = Renderer(lang, corpus.registry, environment(lang))
    pages = [SourcePage(lang, page.path, page.markdown) for page in corpus.pages
             if page.lang == lang]
    pages.append(renderer.overview(corpus.cases))
    pages.extend(renderer.case_page(case) for case in corpus.cases)
    return pages


def render_site(corpus: Corpus) -> dict[str, list[SourcePage]]:
    """Every page of the site, by language."""
    return {lang: render_language(corpus, lang) for lang in LANGUAGES}
