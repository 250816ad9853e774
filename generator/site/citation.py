"""How to cite a case study: the line on its page and the files reference managers import.

One `Citation` per case and language holds what every form says (title, site, publisher,
version date, address, language, how it was translated, the Vinnova page it rests on), so
the page, BibTeX, RIS and CSL-JSON cannot disagree. BibTeX for LaTeX users, RIS for EndNote,
Zotero and Mendeley, CSL-JSON for Zotero and the citation processors of Pandoc.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..reading.history import FileDates
from ..reading.languages import language
from ..reading.model import ORIGINAL_LANGUAGE, CaseStudy, TranslationMethod
from ..reading.publisher import Publisher
from ..reading.translation import State, case_status
from . import i18n
from .json_text import indented

#: Vinnova's project database (Swedish and English pages): a case's own page there is the
#: source its facts rest on.
VINNOVA_PROJECTS = ("https://www.vinnova.se/p/", "https://www.vinnova.se/en/p/")
#: The citation files by extension (see `pages.CASE_DATA`): their media type and name.
FORMATS = {"bib": ("application/x-bibtex", "BibTeX"),
           "ris": ("application/x-research-info-systems", "RIS"),
           "csl.json": ("application/vnd.citationstyles.csl+json", "CSL-JSON")}
BIBTEX_SPECIAL = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"})


@dataclass(frozen=True)
class Citation:
    """What every form of a case's citation says, in one language."""

    key: str  # "ideslussar-orebro-en"
    title: str
    site: str  # the site's name
    publisher: str  # who publishes this copy of the site (`extra.publisher`), else the site
    version: datetime.date  # when the case study last changed
    version_text: str  # "version of 28 November 2026", in the page's language
    url: str
    lang: str
    translation: str  # "Machine-translated from Swedish.", what is untranslated; "" in Swedish
    source: str | None  # the case's page in Vinnova's project database, or Vinnova's own page
    source_text: str  # "Based on Vinnova's project page: <address>." or ""

    @property
    def note(self) -> str:
        return " ".join(part for part in (self.translation, self.source_text) if part)


def vinnova_source(case: CaseStudy) -> str | None:
    """The Vinnova page a case rests on: its project page if the sources name one, else the
    first page of Vinnova's they name."""
    vinnova = [link.url for link in case.sources
               if link.url.startswith("https://www.vinnova.se/")]
    projects = [url for url in vinnova if url.startswith(VINNOVA_PROJECTS)]
    return next(iter(projects or vinnova), None)


def citation(case: CaseStudy, lang: str, url: str, dates: FileDates,
             publisher: Publisher | None) -> Citation:
    """The citation of a case's page in `lang`, whose public address is `url`; the publisher
    is the one the configuration states, else the site itself."""
    gettext = i18n.site_translations(lang).gettext
    parts = []
    if lang != ORIGINAL_LANGUAGE:
        statuses = case_status(case, lang).values()
        methods = {status.method for status in statuses if status.state is not State.MISSING}
        if TranslationMethod.MACHINE in methods:
            parts.append(gettext("Machine-translated from Swedish."))
        elif TranslationMethod.HUMAN in methods:
            parts.append(gettext("Translated from Swedish."))
        if any(status.state is State.MISSING for status in statuses):
            parts.append(gettext("Some texts are not yet translated and are in Swedish."))
    translation = " ".join(parts)
    source = vinnova_source(case)
    version = dates.updated.date()
    return Citation(
        key=f"ideslussar-{case.slug}-{lang}",
        title=" ".join((case.name.get(lang) or case.name.sv).split()),
        site=gettext("Idea sluices in municipalities"),
        publisher=(publisher.name.get(lang) if publisher else None)
        or gettext("Idea sluices in municipalities"),
        version=version,
        version_text=gettext("version of {date}").format(date=i18n.format_day(version, lang)),
        url=url,
        lang=lang,
        translation=translation,
        source=source,
        source_text=(gettext("Based on Vinnova's project page: {url}.").format(url=source)
                     if source else ""),
    )


def bibtex(entry: Citation) -> str:
    """A BibTeX @misc entry (BibTeX and biblatex both read it), UTF-8."""

    def value(text: str) -> str:
        return text.translate(BIBTEX_SPECIAL)

    url = entry.url.replace("{", "%7B").replace("}", "%7D")
    fields = [
        ("title", "{" + value(entry.title) + "}"),  # inner braces keep its capitals
        ("howpublished", value(entry.site)),
        ("publisher", value(entry.publisher)),
        ("year", str(entry.version.year)),
        ("date", entry.version.isoformat()),
        ("url", url),
        ("language", language(entry.lang).name.lower()),
        ("note", value(entry.version_text[:1].upper() + entry.version_text[1:] + ". "
                       + entry.note).strip()),
    ]
    body = ",\n".join(f"  {name} = {{{text}}}" for name, text in fields)
    return f"@misc{{{entry.key},\n{body}\n}}\n"


def ris(entry: Citation) -> str:
    """An RIS record of an electronic source; RIS wants CRLF line ends and one line a tag."""

    def line(tag: str, text: str) -> str:
        return f"{tag}  - {' '.join(text.split())}\r\n"

    lines = [line("TY", "ELEC"), line("TI", entry.title), line("T2", entry.site),
             line("PB", entry.publisher), line("PY", str(entry.version.year)),
             line("DA", entry.version.strftime("%Y/%m/%d")), line("UR", entry.url),
             line("LA", entry.lang), line("N1", entry.note or entry.version_text)]
    if entry.source:
        lines.append(line("L2", entry.source))
    return "".join(lines) + "ER  - \r\n"


def csl_json(entry: Citation) -> str:
    """A CSL-JSON item list (what Zotero and Pandoc's citeproc read)."""
    item = {"id": entry.key, "type": "webpage", "title": entry.title,
            "container-title": entry.site, "publisher": entry.publisher,
            "issued": {"date-parts": [[entry.version.year, entry.version.month,
                                       entry.version.day]]},
            "URL": entry.url, "language": entry.lang,
            "note": (entry.version_text + ". " + entry.note).strip()}
    return indented([item]) + "\n"


WRITERS = {"bib": bibtex, "ris": ris, "csl.json": csl_json}

