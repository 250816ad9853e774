"""The thin MkDocs integration: one configuration and one build per language, run side by side.

Material supports one language per build (its UI strings, `<html lang>` and search index follow
`theme.language`), so the site is two ordinary MkDocs builds of the Markdown the generator
wrote: Swedish at the root, English under `/en/`. They share nothing, so they run in two
processes at once (see `build.py`). The configurations are plain files, so the same Markdown
can be built by `mkdocs` by hand, or by another MkDocs-compatible tool.
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import logging
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
from markupsafe import Markup, escape

from ..reading.config_file import read_config
from ..reading.languages import LANGUAGES, by_language, language
from ..site import i18n
from ..site.urls import LANGUAGE_ROOTS
from .pages_markdown import pages_markdown
from .theme_files import ThemeFiles, stored_theme_files

#: The theme: Material's templates, overridden where the site needs it. It is the engine's, so
#: it travels with the package and mkdocs.yml does not name it.
THEME_DIR = Path(__file__).resolve().parent / "theme"
#: The name each language has in the switcher, in that language.
LANGUAGE_LABELS = by_language("label")
#: Open Graph wants a territory with the language.
OG_LOCALES = by_language("og_locale")


@dataclass(frozen=True)
class LanguageBuild:
    """Where one language's build reads and writes."""

    lang: str
    config_file: Path
    docs_dir: Path
    site_dir: Path


def read_base_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml, read strictly (`reading.config_file`): its mistakes are an
    `InvalidContentError` with file, line and column."""
    return read_config(path, path.name)


def language_config(base: dict[str, Any], lang: str, docs_dir: Path, site_dir: Path,
                    site_url: str, hooks: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The shared configuration, completed for one language; `hooks` are MkDocs hook files
    run after the plugins (the build's: `search_hook.py`)."""
    catalog = i18n.site_translations(lang)

    def gettext(message: str) -> str:
        """A msgstr for MkDocs' configuration, HTML-escaped: Material prints `site_name`,
        `site_description` and the strings under `extra` into pages without escaping them."""
        return str(escape(catalog.gettext(message)))

    config = copy.deepcopy(base)
    root_url = site_url.rstrip("/") + "/"
    theme = config.setdefault("theme", {})
    theme["language"] = lang
    theme["custom_dir"] = str(THEME_DIR)
    config.update({
        "site_name": gettext("Idea sluices in municipalities"),
        "site_description": gettext("How Swedish municipalities let every employee explore, "
                                    "test and develop an idea: examples from the idea sluices."),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "site_url": root_url + LANGUAGE_ROOTS[lang],
    })
    config["plugins"] = [search_plugin(plugin, lang) for plugin in config.get("plugins", [])]
    config["hooks"] = [*config.get("hooks", []), *(str(hook) for hook in hooks)]
    extra = config.setdefault("extra", {})
    extra["alternate"] = [
        {"name": LANGUAGE_LABELS[other], "lang": other,
         "link": relative_root(lang, other),
         "prefix": relative_root(lang, other),
         "root_url": root_url + LANGUAGE_ROOTS[other],
         "locale": OG_LOCALES[other],
         # The 404 page is one page for the whole site on most hosts: it says in each other
         # language what happened and where that language's pages are.
         "not_found": i18n.site_translations(other).gettext(
             "Page not found. The site in English starts here:")}
        for other in LANGUAGES
    ]
    extra["ideslussar"] = {
        "strings": {"footer_label": gettext("About this site"),
                    "feed_title": gettext("New and updated case studies"),
                    "not_found_title": gettext("Page not found"),
                    "not_found_text": gettext(
                        "There is no page at this address. It may have moved, or the link "
                        "may have a typing error. These will take you on:"),
                    "not_found_search": gettext("Search the site"),
                    "not_found_overview": gettext("All idea sluices"),
                    "not_found_start": gettext("The start page")},
        "footer_links": [
            {"path": "tillganglighet.html", "title": gettext("Accessibility statement")},
            {"path": "om-programmet.html", "title": gettext("About the programme")},
            {"path": "oppna-data.html", "title": gettext("Open data")},
        ],
    }
    return config


def relative_root(lang: str, other: str) -> str:
    """From one language's root to another's: "en/" from Swedish, "../" from English."""
    if lang == other:
        return ""
    up = "../" * LANGUAGE_ROOTS[lang].count("/")
    return up + LANGUAGE_ROOTS[other]


def search_plugin(plugin: Any, lang: str) -> Any:
    """The search plugin in the page's language (Swedish stemming for Swedish)."""
    if plugin == "search":
        return {"search": {"lang": language(lang).search}}
    if isinstance(plugin, dict) and "search" in plugin:
        options = dict(plugin["search"] or {})
        options["lang"] = language(lang).search
        return {"search": options}
    return plugin


class SiteBuildError(Exception):
    """MkDocs refused to build a language; carries what it logged, for the editor."""

    def __init__(self, lang: str, messages: list[str]) -> None:
        super().__init__(f"the {lang} build failed: " + "; ".join(messages))
        self.lang = lang
        self.messages = messages

    def __reduce__(self) -> tuple[type[SiteBuildError], tuple[str, list[str]]]:
        """Raised in a worker process, it travels back to the parent as itself."""
        return SiteBuildError, (self.lang, self.messages)


#: What every language's build imports; `warm_up` imports it once, before the builds fork.
MKDOCS_MODULES = ("mkdocs.commands.build", "mkdocs.config", "mkdocs.config.defaults",
                  "mkdocs.theme", "material.templates", "material.plugins.search.plugin",
                  "markdown.extensions.toc", "markdown.extensions.tables",
                  "markdown.extensions.fenced_code", "markdown.extensions.attr_list",
                  "markdown.extensions.sane_lists", "markdown.extensions.md_in_html",
                  "generator.site.markup", "generator.engine.html_blocks",
                  "generator.engine.plain_pages", "generator.engine.search_parser",
                  "generator.engine.page_addresses")


def warm_up() -> None:
    """Import MkDocs, Material's search plugin and the Markdown extensions in this process, and
    read Babel's data of every language (each language's build formats with its own, merged
    onto the root locale both share, and the open data and feeds made beside them use all),
    so that forked language builds start with them (once per build, not once per language)."""
    for module in MKDOCS_MODULES:
        importlib.import_module(module)
    i18n.load_locales()


#: The build's shortcuts inside MkDocs, each switchable on its own: `once` renders Material's
#: navigation and configuration script once per folder, `one_markdown_parser` reuses one
#: Markdown parser for every page, `counting_search_parser` indexes with `search_parser`,
#: `raw_html_blocks` hands Markdown the pages' HTML blocks and plain paragraphs as it would
#: store them (`html_blocks`), `plain_pages` writes the HTML of pages made only of such blocks
#: and plain headings without Markdown (`plain_pages`), `plain_addresses` joins pages'
#: addresses as strings where `urljoin` would (`page_addresses`). With any of them the pages
#: are those plain `mkdocs build` writes from the same sources (tests/test_engine.py builds
#: with each alone and compares).
SHORTCUTS = frozenset({"once", "one_markdown_parser", "counting_search_parser",
                       "raw_html_blocks", "plain_pages", "plain_addresses"})


@dataclass(frozen=True)
class Built:
    """What one language's MkDocs build did: its warnings, the pages it rendered, and every
    page's search entries."""

    warnings: list[str]
    rendered: int
    search_entries: dict[str, Any]  # every page's, for the next build (`incremental_build`)


def build_one(lang: str, config_file: str, strict: bool, changed: set[str] | None = None,
              previous: dict[str, Any] | None = None,
              replacing: Callable[[Callable[..., Any]], Callable[..., Any]] | None = None,
              *, shortcuts: frozenset[str] = SHORTCUTS,
              bytecode: jinja2.BytecodeCache | None = None,
              theme_files: ThemeFiles | None = None) -> Built:
    """Build one language, or raise `SiteBuildError` with what MkDocs logged.

    With `changed` (an incremental build: see `incremental_build.py`), only those sources and
    the navigation's pages are rendered again, over the previous build's HTML, whose search
    entries are `previous`; `replacing` makes MkDocs' writes replace files. Either way every
    page's search entries come back, for the next build. `shortcuts` switches the build's
    shortcuts inside MkDocs (all by default). `bytecode` keeps the theme's compiled templates
    between builds (`site/bytecode.py`), `theme_files` the theme's static files
    (`theme_files.py`). Runs in a worker process, so it reports what
    MkDocs logged by value, not by logging.
    """
    if not shortcuts <= SHORTCUTS:
        raise ValueError(f"unknown shortcuts: {sorted(shortcuts - SHORTCUTS)}")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .html_blocks import HtmlBlocksExtension
    from .incremental_build import kept_search_entries, navigation_sources, only_changed
    from .page_addresses import plain_addresses
    from .plain_pages import plain_pages
    from .search_parser import counting_search_parser

    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file=config_file, strict=strict)
        # The generator writes the bilingual sitemaps over MkDocs' per-language ones
        # (`sitemaps.py`), so MkDocs is not asked to render one only to have it replaced.
        config.theme.static_templates.discard("sitemap.xml")
        if bytecode is not None:
            config.theme.get_env = with_bytecode(config.theme.get_env,  # type: ignore[method-assign]
                                                 bytecode)
        if "once" in shortcuts:
            config.theme.get_env = with_once(config.theme.get_env)  # type: ignore[method-assign]
        if "raw_html_blocks" in shortcuts:
            config.markdown_extensions.append(HtmlBlocksExtension())  # type: ignore[arg-type]
        with contextlib.ExitStack() as stack:
            if "one_markdown_parser" in shortcuts:
                stack.enter_context(one_markdown_parser())
            if "plain_pages" in shortcuts:
                stack.enter_context(plain_pages())
            if "counting_search_parser" in shortcuts:
                stack.enter_context(counting_search_parser())
            if "plain_addresses" in shortcuts:
                stack.enter_context(plain_addresses())
            if theme_files is not None:
                stack.enter_context(stored_theme_files(theme_files))
            entries = stack.enter_context(kept_search_entries(
                None if changed is None else previous or {}))
            if changed is not None:
                if replacing is None:
                    raise ValueError("an incremental build must replace the files it writes")
                stack.enter_context(only_changed(changed, navigation_sources(config.nav),
                                                 replacing, config.site_dir))
            build(config, dirty=changed is not None)
    except Exception as error:  # MkDocs' Abort, BuildError, PluginError and ConfigurationError
        raise SiteBuildError(lang, [*messages, str(error)]) from None
    finally:
        logger.removeHandler(handler)
    return Built(messages, entries.rendered, entries.stored())


def serve_live(config_file: Path, address: str) -> None:
    """Serve one language's written sources with live reload until interrupted: MkDocs' own
    server in dirty mode, so a rewritten source rebuilds only its page."""
    from mkdocs.commands.serve import serve

    serve(str(config_file), livereload=True, build_type="dirty", dev_addr=address)


def with_bytecode(get_env: Callable[[], jinja2.Environment], bytecode: jinja2.BytecodeCache
                  ) -> Callable[[], jinja2.Environment]:
    """The theme's Jinja environment, loading compiled templates from `bytecode`."""

    def get_env_with_bytecode() -> jinja2.Environment:
        env = get_env()
        env.bytecode_cache = bytecode
        return env

    return get_env_with_bytecode


def with_once(get_env: Callable[[], jinja2.Environment]) -> Callable[[], jinja2.Environment]:
    """The theme's Jinja environment, with `once` for the parts of Material's page that are
    the same on many pages: the primary navigation and the page's configuration script.

    Those parts depend on the page only through the folder its links are relative to and, in
    the navigation, which item is marked current. Rendered once per such key instead of once
    per page, they leave the thousand case pages' work. Templates use `once` only where it is
    defined, so plain `mkdocs build` renders the same HTML the long way (`test_scale.py`
    compares the two)."""

    def get_env_with_once() -> jinja2.Environment:
        env = get_env()
        memo: dict[tuple[str, str, str | None], Markup] = {}

        def render(context: jinja2.runtime.Context, part: str | Callable[[], str]) -> Markup:
            """A template by name, with the page's context (as an include), or a block."""
            if isinstance(part, str):
                return Markup(env.get_template(part).render(context.get_all()))  # noqa: S704
            return Markup(part())  # noqa: S704 - a block of the theme

        @jinja2.pass_context
        def once(context: jinja2.runtime.Context, name: str,
                 part: str | Callable[[], str]) -> Markup:
            page, nav = context["page"], context["nav"]
            if page is None:  # the 404 page, rendered once anyway, with links from the root
                return render(context, part)
            current = page.file.src_uri if in_navigation(page, nav) else None
            key = (name, posixpath.dirname(page.url), current)
            html = memo.get(key)
            if html is None:
                html = memo[key] = render(context, part)
            return html

        env.globals["once"] = once
        return env

    return get_env_with_once


def in_navigation(page: Any, nav: Any) -> bool:
    """Whether the navigation marks the page as current: it is one of the navigation's pages,
    or an item lists it among its `pages` (as Material's blog does with its posts)."""
    if page in nav.pages:
        return True
    pending = list(nav.items)
    while pending:
        item = pending.pop()
        if page in (getattr(item, "pages", None) or ()):
            return True
        pending.extend(getattr(item, "children", None) or ())
    return False


class ReusedMarkdown:
    """The `markdown` module as MkDocs' page rendering sees it, with one parser reused.

    MkDocs builds a new `markdown.Markdown` for every page: it loads and configures every
    extension again, about half a millisecond a page. Python-Markdown supports converting
    many documents with one instance, `reset()` between them, and MkDocs' own per-page
    processors are registered under fixed names, so registering them again replaces them.
    The output is the same byte for byte (`tests/test_scale.py` builds a site both ways).

    upstream: mkdocs/structure/pages.py sha256:28cc64c2f8b85b92
    """

    def __init__(self, module: Any) -> None:
        self._module = module
        self._made: list[tuple[Any, Any, Any]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def Markdown(self, *, extensions: Any, extension_configs: Any) -> Any:  # noqa: N802 - as markdown's
        """A reset parser for this configuration (one per build: the same each page)."""
        for known_extensions, known_configs, parser in self._made:
            if known_extensions == extensions and known_configs == extension_configs:
                return parser.reset()
        parser = self._module.Markdown(extensions=extensions,
                                       extension_configs=extension_configs)
        self._made.append((extensions, extension_configs, parser))
        return parser


def one_markdown_parser() -> contextlib.AbstractContextManager[None]:
    """For the length of one build, MkDocs' pages share one Markdown parser."""
    return pages_markdown(ReusedMarkdown)
