"""The whole build, in order: validated corpus -> pages -> Markdown sources -> HTML -> site/.

Each step is a call into the module that owns it; this module only sequences them, times
them and reports. By the time it runs, `corpus.read_corpus` has already read and validated
every input, so nothing here can stop half-way because of an editor's mistake.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import output
from .corpus import Corpus
from .feeds import feeds
from .mkdocs_build import LanguageBuild, build_all, language_config, read_base_config
from .model import LANGUAGES
from .opendata import data_files
from .pages import LANGUAGE_ROOTS, SourcePage, image_path, render_site
from .schema import schema_text
from .sitemaps import sitemaps


@dataclass
class BuildReport:
    """What a build did, for people and for the benchmark."""

    site_dir: Path
    pages: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def summary(self) -> str:
        counts = ", ".join(f"{count} {lang}" for lang, count in self.pages.items())
        timing = ", ".join(f"{step} {secs:.2f} s" for step, secs in self.seconds.items())
        return f"Built {self.site_dir}: pages {counts} ({timing})"


def prepare(corpus: Corpus, config_file: Path, work_dir: Path, site_url: str | None
            ) -> tuple[list[LanguageBuild], dict[str, list[SourcePage]], str]:
    """Render every page and write the sources and configurations MkDocs will read."""
    base = read_base_config(config_file)
    url = site_url or str(base.get("site_url") or "http://localhost:8000/")
    pages = render_site(corpus, url)
    builds = []
    for lang in LANGUAGES:
        docs_dir = work_dir / lang / "docs"
        site_dir = work_dir / lang / "site"
        files: dict[str, str | bytes] = {page.path: page.text for page in pages[lang]}
        files.update({image_path(case): corpus.images[case.slug] for case in corpus.cases
                      if case.image is not None})
        output.write_tree(docs_dir, files)
        config = language_config(base, config_file.parent, lang, docs_dir, site_dir, url)
        config_path = work_dir / lang / "mkdocs.yml"
        output.write_config(config_path, config)
        builds.append(LanguageBuild(lang, config_path, docs_dir, site_dir))
    return builds, pages, url


def build_site(corpus: Corpus, repo_root: Path, site_dir: Path, *, site_url: str | None = None,
               strict: bool = True, config_file: Path | None = None,
               work_dir: Path | None = None) -> BuildReport:
    """Build the bilingual site into `site_dir`, replacing it only when everything succeeded."""
    started = time.perf_counter()
    work = (work_dir or repo_root / ".build").resolve()
    builds, pages, url = prepare(corpus, config_file or repo_root / "mkdocs.yml", work, site_url)
    generated = time.perf_counter()
    warnings = build_all(builds, strict)
    built = time.perf_counter()
    md_paths = [page.path for page in pages[LANGUAGES[0]]]
    extra = {**sitemaps(url, md_paths), **feeds(corpus, url),
             **data_files(corpus, url, schema_text(corpus.registry))}
    output.publish({LANGUAGE_ROOTS[b.lang].rstrip("/"): b.site_dir for b in builds}, extra,
                   site_dir)
    done = time.perf_counter()
    return BuildReport(site_dir, {lang: len(pages[lang]) for lang in LANGUAGES},
                       {"generate": generated - started, "mkdocs": built - generated,
                        "publish": done - built}, warnings)
