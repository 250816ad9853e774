"""No input can inject, leak or corrupt (issue 14): one test per class of hostile input.

Every input is made by copying the project's own files into a temporary folder and altering
them, as a pull request from anyone could.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import markdown
import pytest
import yaml

from generator import output
from generator.build import build_site
from generator.engine.mkdocs_build import SiteBuildError
from generator.reading.corpus import read_corpus
from generator.reading.model import Text
from generator.reading.page_checks import GENERATED_PAGES, RESERVED_FOLDERS
from generator.reading.problems import InvalidContentError, Problem
from generator.reading.registry import Theme
from generator.site import i18n, pages, urls
from generator.site_checks import check_site, format_problems
from generator.tools import preview as preview_module
from generator.tools.cli import main
from generator.tools.preview import Preview, watch

from .conftest import REPO, build, catalogs_at, copy_repo_content

ORIGINAL_CASE = "orebro.yml"


def repo_copy(tmp_path: Path) -> Path:
    """The repository's content and case files, in a folder of their own."""
    return copy_repo_content(tmp_path / "repo")


def mutate(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_text(case: Path, field: str, lang: str, value: str) -> int:
    """Give a one-line text of a case file (`field:`, then `  lang: …`) a new value, whatever
    the file says now; the line number it is on."""
    lines = case.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"{field}:")
    number = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(f"  {lang}: "))
    lines[number] = f"  {lang}: {value}"
    case.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def problems_of(root: Path) -> list[str]:
    """What `ideslussar build` would tell the editor, rendered in English."""
    with pytest.raises(InvalidContentError) as caught:
        read_corpus(root)
    gettext = i18n.cli_translations("en").gettext
    return [problem.render(gettext) for problem in caught.value.problems]


@pytest.fixture
def hostile_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the code and catalogs whose Swedish catalog a translator filled with HTML."""
    root = tmp_path / "code"
    shutil.copytree(REPO / "generator", root / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "translations", root / "translations")
    shutil.copy(REPO / "babel.cfg", root / "babel.cfg")
    po = root / "translations/sv/LC_MESSAGES/site.po"
    mutate(po, 'msgstr "Idéslussar i kommuner"',
           'msgstr "Idéslussar<img src=x onerror=alert(1)>"')
    mutate(po, 'msgstr "Alla idéslussar"', 'msgstr "<script>alert(2)</script>Alla"')
    mutate(po, 'msgstr "diarienummer %(ref)s"',
           'msgstr "<b onmouseover=alert(3)>diarienummer</b> %(ref)s"')
    with catalogs_at(root / "translations", monkeypatch):
        yield root


def test_html_in_a_catalog_is_refused_by_check_and_escaped_on_pages(
        hostile_catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translations", "check", "--root", str(hostile_catalog)]) == 1
    errors = capsys.readouterr().err
    assert re.search(r'"All idea sluices": the translation has characters the msgid does not '
                     r"have: < >; interface texts are plain text", errors)
    assert '"reference %(ref)s": the translation has characters' in errors
    site = tmp_path / "site"
    build(repo_copy(tmp_path), site)
    html = "\n".join(path.read_text(encoding="utf-8") for path in site.rglob("*.html"))
    for live in ("<img src=x", "<script>alert", "<b onmouseover"):
        assert live not in html
    page = (site / "ideslussar/orebro.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(2)&lt;/script&gt;Alla" in page  # a template string
    assert "<title>Idésluss i Örebro kommun - Idéslussar&lt;img src=x" in page  # config
    page = (site / "ideslussar/pitea-och-skelleftea.html").read_text(encoding="utf-8")
    assert "&lt;b onmouseover=alert(3)&gt;diarienummer&lt;/b&gt; 20" in page  # with a value


def test_raw_html_and_encoded_schemes_in_content_pages_are_refused(tmp_path: Path) -> None:
    """Decided once (CONTRIBUTING): a content page is Markdown; HTML is refused at file:line."""
    root = repo_copy(tmp_path)
    page = root / "content/sv/om-programmet.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[2:2] = ['Se <img src=x onerror="alert(1)"> här.', "<script>alert(1)</script>",
                  "[klicka](&#106;avascript:alert(1)) och `<kod>` och <https://www.vinnova.se/>",
                  "[skriv](mailto:info@example.org?bcc=alla@example.org&body=hej)"]
    page.write_text("\n".join(lines), encoding="utf-8")
    found = problems_of(root)
    assert found == [
        'content/sv/om-programmet.md:3:4: HTML ("<img src=x onerror=\"alert(1)\">") is not '
        "allowed in a content page; write Markdown instead; to show a < as text, write &lt;",
        # The lines went into the page's front matter, which MkDocs would then publish as
        # text: refused too (test_input_doors).
        "content/sv/om-programmet.md:4:1: the file is not valid YAML: could not find "
        "expected ':'; check the indentation and the colons near this line",
        'content/sv/om-programmet.md:4:1: HTML ("<script>") is not allowed in a '
        "content page; write Markdown instead; to show a < as text, write &lt;",
        'content/sv/om-programmet.md:4:17: HTML ("</script>") is not allowed in a content '
        "page; write Markdown instead; to show a < as text, write &lt;",
        'content/sv/om-programmet.md:5:10: the link "&#106;avascript:alert(1" is not a web or '
        "e-mail address; links start with https://, http:// or mailto:, or lead to another "
        "page of the site",
        'content/sv/om-programmet.md:6:9: the e-mail link "mailto:info@example.org?bcc='
        'alla@example.org&body=hej" adds bcc, body; write mailto: and the address only (a '
        "?subject= may stay)"]
    assert main(["validate", "--root", str(root)]) == 1  # an editor's check says it too
    # The last guard, in every page MkDocs converts, reads entities as a browser does.
    html = markdown.markdown("[a](&#106;avascript:x) [b](java&#x09;script:x) "
                             "[c](&#x6A;avascript&colon;x) ![d](//tracker.example/x.png)",
                             extensions=["generator.site.markup"])
    assert "href" not in html and "tracker" not in html


def test_svg_and_disguised_or_huge_pictures_are_refused(tmp_path: Path) -> None:
    root = repo_copy(tmp_path)
    images = root / "municipalities/images"
    images.mkdir()
    (images / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">'
                                     "<script>alert(1)</script></svg>", encoding="utf-8")
    (images / "sida.png").write_text("<html><script>alert(1)</script></html>",
                                     encoding="utf-8")
    with (images / "stor.jpg").open("wb") as huge:  # 100 MiB, sparse: no disk is used
        huge.write(b"\xff\xd8\xff")
        huge.truncate(100 * 1024 * 1024)
    alt = "  alt:\n    sv: En bild\n    en: A picture\n"
    for name, picture in (("orebro.yml", "logo.svg"), ("tranas.yml", "sida.png"),
                          ("kungsbacka.yml", "stor.jpg")):
        case = root / "municipalities" / name
        case.write_text(case.read_text(encoding="utf-8")
                        + f"image:\n  file: municipalities/images/{picture}\n{alt}",
                        encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in problems_of(root)]
    assert sorted(found) == sorted([
        "image.file: SVG pictures are not accepted: they can hold scripts; save the picture as "
        ".png (drawings) or .jpg (photos)",
        'image.file: "municipalities/images/sida.png" is not a PNG picture; open it in an image '
        "program and save it as PNG again",
        "image.file: the picture is 100.0 MB; a picture is at most 5 MB: make it smaller"])


def test_names_reaching_front_matter_and_headings_stay_text(tmp_path: Path) -> None:
    """A theme name from themes.yml with a Markdown link and a DEL character: the page keeps
    its front matter (its title) and the heading shows the name as text."""
    root = repo_copy(tmp_path)
    corpus = read_corpus(root)
    themes = dict(corpus.registry.themes)
    key = corpus.cases[0].themes[0]
    themes[key] = Theme(key, Text(sv="Tema [klicka](https://evil.example/) *fet*\x7f",
                                  en=themes[key].names["en"]))
    corpus = dataclasses.replace(corpus, registry=dataclasses.replace(corpus.registry,
                                                                      themes=themes))
    site = tmp_path / "site"
    build_site(corpus, root, site, site_url="http://127.0.0.1:8765/",
               config_file=REPO / "mkdocs.yml", work_dir=root / ".build")
    page = (site / f"teman/{key}.html").read_text(encoding="utf-8")
    assert "evil.example/\"" not in page and "<em>fet" not in page
    assert re.search(r"<h1[^>]*>Tema \[klicka\]\(https://evil.example/\) \*fet\*", page)
    assert "<title>Tema [klicka]" in page  # the front matter was kept
    # Front matter holds what YAML can: control characters come out as escapes.
    value = str(pages.front_matter_value("Namn\x7f\x1b[2J"))
    assert yaml.safe_load(f"title: {value}") == {"title": "Namn\x7f\x1b[2J"}


# -- the site is never half-published ------------------------------------------------------------


def cli_repo(tmp_path: Path) -> Path:
    """A repository copy `ideslussar build --root` can build: content, cases and
    configuration (the theme is the installed package's)."""
    root = repo_copy(tmp_path)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def start_build(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(root),
                             "--site-dir", str(root / "site")], cwd=root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "LANG": "C.UTF-8"})


def assert_complete(site: Path) -> None:
    for lang_root in ("", "en/"):
        for required in ("index.html", "404.html", "assets/javascripts", "feed.xml",
                         "ideslussar/orebro.html", "search/search_index.json"):
            assert (site / lang_root / required).exists(), lang_root + required


def test_two_builds_at_once_leave_one_complete_site(tmp_path: Path) -> None:
    root = cli_repo(tmp_path)
    first, second = start_build(root), start_build(root)
    outputs = [build.communicate(timeout=600) for build in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), outputs
    assert_complete(root / "site")
    waited = [err for _out, err in outputs if "Another build of" in err]
    assert len(waited) == 1 and "is running; waiting for it to finish" in waited[0]
    # Nothing half-built is left beside the site; the site the second build replaced is
    # kept whole, for the next build to bring up to date.
    assert sorted(path.name for path in root.iterdir() if path.name.startswith(".site.")) == [
        ".site.lock", ".site.spare"]
    assert_complete(root / ".site.spare")


def make_undeletable(path: Path) -> None:
    """A file no build can remove: immutable for root, in a read-only folder for others."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("stuck", encoding="utf-8")
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.parent.chmod(0o555)


def make_deletable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.parent.chmod(0o755)


def test_an_undeletable_file_in_site_stops_no_build(tmp_path: Path) -> None:
    root = cli_repo(tmp_path)
    stuck = root / "site/gammalt/fast.txt"
    make_undeletable(stuck)
    # A site an earlier build made (a folder without one is refused, not replaced).
    (root / "site/index.html").write_text("the earlier site", encoding="utf-8")
    try:
        told = []
        for _attempt in range(3):  # the builds after the one that could not clean up work too
            build = start_build(root)
            out, err = build.communicate(timeout=600)
            assert build.returncode == 0, err
            assert "Built " in out
            told.append("The previous site could not be removed completely" in err)
            assert_complete(root / "site")
            assert not (root / "site/gammalt").exists()
        # The replaced site is kept for the next build, which cannot remove the file from it
        # and says so once; it builds the site afresh, as do the builds after it.
        assert told == [False, True, False]
    finally:
        for leftover in root.glob(".site.old-*/gammalt/fast.txt"):
            make_deletable(leftover)


def test_a_failed_check_or_swap_leaves_the_previous_site(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")

    def built() -> dict[str, Path]:
        language = tmp_path / "built"  # linked into the site, and kept for the next build
        language.mkdir(exist_ok=True)
        (language / "index.html").write_text("new", encoding="utf-8")
        return {"": language}

    # The check sees the complete new site, with a malformed feed, before the swap.
    with pytest.raises(SiteBuildError) as caught:
        output.publish(built(), {"feed.xml": "<feed><title>a\x0bb</title></feed>"}, site,
                       lambda folder: check_site(folder, {"feed.xml": (
                           folder / "feed.xml").read_text(encoding="utf-8")}))
    assert caught.value.messages[0].startswith("feed.xml is not well-formed")
    assert "en/404.html is missing" in caught.value.messages
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    # The second rename fails: the previous site is put back.
    real_replace = os.replace

    def failing(source: str | Path, target: str | Path) -> None:
        if Path(target) == site.resolve() and ".new-" in str(source):
            raise OSError("disk full")
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", failing)
    with pytest.raises(OSError):
        output.publish(built(), {}, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["built", "site"]


def test_control_characters_never_reach_feeds_or_data(tmp_path: Path) -> None:
    """Typed as YAML escapes or as themselves, they are refused where they are; the feeds and
    data files of a good build are validated as part of it."""
    root = repo_copy(tmp_path)
    case = root / "municipalities" / ORIGINAL_CASE
    text = case.read_text(encoding="utf-8")
    name = re.search(r"^name:\n  sv: (.*)$", text, re.MULTILINE)
    assert name is not None
    case.write_text(text.replace(name.group(0), f'name:\n  sv: "{name.group(1)}\\x0b\\e[2J"'),
                    encoding="utf-8")
    line = text[:name.start()].count("\n") + 2
    assert problems_of(root) == [
        f"municipalities/{ORIGINAL_CASE}:{line}:7: name.sv: the text holds the control "
        "character U+000B CONTROL; delete it: it is invisible and breaks the feed and the data "
        "files",
        f"municipalities/{ORIGINAL_CASE}:{line}:7: name.sv: the text holds the control "
        "character U+001B CONTROL; delete it: it is invisible and breaks the feed and the data "
        "files"]
    assert format_problems({"feed.xml": "<feed>\x0b</feed>", "data/x.json": "{"}) == [
        "data/x.json is not well-formed: Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)",
        "feed.xml is not well-formed: not well-formed (invalid token): line 1, column 6"]


# -- the preview survives any save -----------------------------------------------------------------


def wait_for(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_preview_shows_problems_on_the_page_and_survives_any_save(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = cli_repo(tmp_path)
    work = tmp_path / "work"
    reports: list[list[Problem]] = []
    preview = Preview(root, work, "http://127.0.0.1:8000/", langs=("sv",), lang="en")
    assert preview.regenerate(reports.append)
    case = root / "municipalities" / ORIGINAL_CASE
    good = case.read_text(encoding="utf-8")
    page = work / "sv/docs/ideslussar/orebro.md"
    other_page = work / "sv/docs/om-programmet.md"
    bad_year = good.replace('start: "2016-11"', 'start: "0000-01"')
    bad_grant = good.replace("status:", f"vinnova_grant_sek: {'9' * 5000}\nstatus:", 1)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, reports.append, stop), daemon=True)
    watcher.start()
    try:
        for text in (bad_year, good, bad_grant, good, bad_year):  # rapid saves, 0.3 s apart
            case.write_text(text, encoding="utf-8")
            time.sleep(0.3)
        assert wait_for(lambda: "0000" in page.read_text(encoding="utf-8"))
        shown = page.read_text(encoding="utf-8")
        assert shown.startswith("---\n")  # the front matter is kept, the notice follows it
        assert "The last save has problems. This page shows the last version without them" in shown
        assert 'period.start: &#34;0000-01&#34; is outside the years a period may have' in shown
        assert "ides-problems" in other_page.read_text(encoding="utf-8")  # on every page
        case.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "ides-problems" not in page.read_text(encoding="utf-8"))
        # Something unexpected while updating: told on the page, and the watcher goes on.
        monkeypatch.setattr(preview_module, "read_corpus", failing_read)
        case.write_text(good + "\n", encoding="utf-8")
        assert wait_for(lambda: "could not be updated" in page.read_text(encoding="utf-8"))
        monkeypatch.undo()
        case.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "ides-problems" not in page.read_text(encoding="utf-8"))
        assert watcher.is_alive()
    finally:
        stop.set()
        watcher.join(timeout=10)
    errors = capsys.readouterr().err
    assert "Traceback" not in errors
    assert "The preview could not be updated: OSError: the disk went away" in errors
    fields = {problem.field for found in reports for problem in found}
    assert "period.start" in fields  # told in the terminal too


def failing_read(*args: object, **kwargs: object) -> None:
    raise OSError("the disk went away")


def test_a_taken_port_gets_a_message_with_another_port(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = cli_repo(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--root", str(root), "--address", f"127.0.0.1:{port}"]) == 2
    errors = capsys.readouterr().err
    assert errors == (f"Port {port} is already in use, perhaps by another preview; stop that "
                      f"one, or choose another port: --address 127.0.0.1:{port + 1}\n")


# -- nothing outside the repository is read ------------------------------------------------------


def test_symlinks_and_hidden_folders_are_never_read(tmp_path: Path) -> None:
    root = repo_copy(tmp_path)
    (root / "content/sv/os.md").symlink_to("/etc/os-release")
    (root / "content/en/os.md").symlink_to("/etc/os-release")
    (root / "municipalities/passwd.yml").symlink_to("/etc/passwd")
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
                                      encoding="utf-8")
    (root / "municipalities/images").mkdir()
    (root / "municipalities/images/bild.png").symlink_to(root / ".git/config")
    for name, picture in (("orebro.yml", ".git/config"), ("tranas.yml", "images/bild.png")):
        case = root / "municipalities" / name
        case.write_text(case.read_text(encoding="utf-8") + f"image:\n  file: municipalities/"
                        f"{picture}\n  alt:\n    sv: Bild\n    en: Picture\n", encoding="utf-8")
    (root / "municipalities/orebro.yml").write_text(
        (root / "municipalities/orebro.yml").read_text(encoding="utf-8").replace(
            "municipalities/.git/config", "../repo/.git/config"), encoding="utf-8")
    assert sorted(problems_of(root)) == [
        "content/en/os.md:1:1: this file is a symbolic link; put the file itself here, not a "
        "link to it",
        "content/sv/os.md:1:1: this file is a symbolic link; put the file itself here, not a "
        "link to it",
        "municipalities/orebro.yml:" + problem_position(root, "orebro.yml", "../repo/") +
        ': image.file: "../repo/.git/config" is outside the repository; put the picture in '
        "municipalities/images/ and write that path",
        "municipalities/passwd.yml:1:1: this file is a symbolic link; put the file itself here, "
        "not a link to it",
        "municipalities/tranas.yml:" + problem_position(root, "tranas.yml", "municipalities/i") +
        ': image.file: "municipalities/images/bild.png" is a symbolic link; put the picture '
        "itself in municipalities/images/"]


def test_a_linked_catalog_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "code"
    shutil.copytree(REPO / "generator", root / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "translations", root / "translations")
    shutil.copy(REPO / "babel.cfg", root / "babel.cfg")
    po = root / "translations/sv/LC_MESSAGES/site.po"
    po.unlink()
    po.symlink_to("/etc/passwd")
    assert main(["translations", "check", "--root", str(root)]) == 1
    assert ("translations/sv/LC_MESSAGES/site.po: the catalog is a symbolic link: put the "
            "catalog itself there") in capsys.readouterr().err


def problem_position(root: Path, name: str, text: str) -> str:
    """`line:column` of where `text` starts in a case file."""
    lines = (root / "municipalities" / name).read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if text in line)
    return f"{number + 1}:{lines[number].index(text) + 1}"


# -- reserved names, suffixes ----------------------------------------------------------------------


def test_reserved_slugs_and_paths_are_refused(tmp_path: Path) -> None:
    root = repo_copy(tmp_path)
    shutil.copy(root / "municipalities/orebro.yml", root / "municipalities/index.yml")
    mutate(root / "municipalities/index.yml", "Örebro", "Indexby")
    long_slug = "a" * 249
    shutil.copy(root / "municipalities/tranas.yml", root / f"municipalities/{long_slug}.yml")
    mutate(root / f"municipalities/{long_slug}.yml", "Tranås", "Långby")
    for lang in ("sv", "en"):
        (root / f"content/{lang}/en").mkdir()
        shutil.copy(root / f"content/{lang}/index.md", root / f"content/{lang}/en/index.md")
    assert sorted(problems_of(root)) == [
        'content/en/en/index.md:1:1: "en/index.md" is a path the site uses itself; give the '
        "page another name, outside the folders assets, data, en, ideslussar, lan, search, sv, "
        "teman",
        'content/sv/en/index.md:1:1: "en/index.md" is a path the site uses itself; give the '
        "page another name, outside the folders assets, data, en, ideslussar, lan, search, sv, "
        "teman",
        f"municipalities/{long_slug}.yml:1:1: the file name has 249 characters; a file name has "
        "at most 64 characters: shorten it",
        'municipalities/index.yml:1:1: the file name "index" is reserved for the site; name the '
        "file after the idea sluice, such as iderum-lerum.yml"]


def test_reserved_folders_match_the_pages_the_site_writes() -> None:
    """Reading cannot import rendering, so the reserved names are listed twice: kept equal."""
    written = {urls.OVERVIEW, urls.COUNTIES, urls.THEMES}
    assert {path.split("/")[0] for path in written} <= RESERVED_FOLDERS
    assert {root.strip("/") for root in urls.LANGUAGE_ROOTS.values() if root} <= RESERVED_FOLDERS
    assert urls.OPEN_DATA in GENERATED_PAGES
    # A hand-written jamfor.md was dropped without a word: the generated table won.
    assert urls.COMPARE in GENERATED_PAGES


def test_case_files_with_other_suffixes_are_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = repo_copy(tmp_path)
    cases = root / "municipalities"
    for name, source in (("nacka.YML", "orebro.yml"), ("solna.yaml", "tranas.yml"),
                         ("sigtuna.txt", "kungsbacka.yml"), ("huddinge", "allagehub.yml")):
        shutil.copy(cases / source, cases / name)  # a copy saved under another name
    assert main(["validate", "--root", str(root)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "municipalities/huddinge:1:1: this file is not read: case files end in .yml; rename it "
        "to huddinge.yml, or move it out of the folder",
        "municipalities/nacka.YML:1:1: this file is not read: case files end in .yml; rename it "
        "to nacka.yml, or move it out of the folder",
        "municipalities/sigtuna.txt:1:1: this file is not read: case files end in .yml; rename "
        "it to sigtuna.yml, or move it out of the folder",
        "municipalities/solna.yaml:1:1: this file is not read: case files end in .yml; rename "
        "it to solna.yml, or move it out of the folder",
        "4 problems found"]
    assert len(problems_of(root)) == 4  # the build says the same


# -- characters that break formats or deceive ------------------------------------------------


def test_format_breaking_and_deceptive_characters_are_refused_where_they_are(
        tmp_path: Path) -> None:
    """Control and direction characters, invisible-only names, look-alike letters, and what
    Word leaves in pasted text: each refused at its line and column, with what to do."""
    root = repo_copy(tmp_path)
    cases = root / "municipalities"
    set_text(cases / "kungsbacka.yml", "name", "sv", "Innovationskraft i Kungsbacka")
    shutil.copy(cases / "kungsbacka.yml", cases / "kungsbacka-kopia.yml")
    name = "Innovationskraft i Kungsb\u0430cka"  # a Cyrillic а in a Latin word
    copy_line = set_text(cases / "kungsbacka-kopia.yml", "name", "sv", name)
    bom_line = set_text(cases / "kungsbacka.yml", "summary", "sv", "\ufeffFör att pröva idéer.")
    name_sv = "Idéslussen i Tranås\u202etxt.exe"
    name_line = set_text(cases / "tranas.yml", "name", "sv", name_sv)
    set_text(cases / "tranas.yml", "name", "en", '"\u200b\u3164"')
    summary = "Nu dri\u00advs den av\u200b Tranås kommun."
    summary_line = set_text(cases / "tranas.yml", "summary", "sv", summary)
    page = root / "content/sv/om-programmet.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n• första punkten\n", encoding="utf-8")
    last_line = page.read_text(encoding="utf-8").count("\n")
    found = problems_of(root)
    assert found == [
        f"content/sv/om-programmet.md:{last_line}:1: a line starts with the bullet \"•\" copied "
        'from a word processor; start the line with "- " (a hyphen and a space) to make a list '
        "item",
        f"municipalities/kungsbacka-kopia.yml:{copy_line}:{7 + name.index('Kungsb')}: name.sv: "
        "the word \"Kungsb\u0430cka\" mixes Latin letters with Cyrillic letters that look the "
        "same; type the word again on your keyboard",
        f"municipalities/kungsbacka.yml:{bom_line}:7: summary.sv: the text holds a byte-order "
        "mark (U+FEFF ZERO WIDTH NO-BREAK SPACE), invisible, usually copied from another file; "
        "delete it",
        f"municipalities/tranas.yml:{name_line}:{7 + name_sv.index(chr(0x202e))}: name.sv: the "
        "text holds U+202E RIGHT-TO-LEFT OVERRIDE, which changes the direction of the text "
        "around it; delete it",
        f"municipalities/tranas.yml:{name_line + 1}:7: name.en: the value is made only of "
        "invisible characters; write the text with letters and digits",
        f"municipalities/tranas.yml:{name_line + 1}:8: name.en: the text holds the invisible "
        "character U+200B ZERO WIDTH SPACE; delete it; use an ordinary space where a space is "
        "meant",
        f"municipalities/tranas.yml:{summary_line}:{7 + summary.index(chr(0xad))}: summary.sv: "
        "the text holds a soft hyphen (U+00AD SOFT HYPHEN), invisible, usually copied from "
        "Word; delete it: browsers hyphenate by themselves",
        f"municipalities/tranas.yml:{summary_line}:{7 + summary.index(chr(0x200b))}: "
        "summary.sv: the text holds the invisible character U+200B ZERO WIDTH SPACE; delete it; "
        "use an ordinary space where a space is meant"]
    # A whole word in look-alikes ("і", Cyrillic) mixes nothing, yet names the same idésluss.
    set_text(cases / "kungsbacka.yml", "summary", "sv", "För att pröva idéer.")
    name_line = set_text(cases / "kungsbacka-kopia.yml", "name", "sv",
                         "Innovationskraft \u0456 Kungsbacka")
    assert [line for line in problems_of(root) if "kopia" in line] == [
        f"municipalities/kungsbacka-kopia.yml:{name_line}:7: name.sv: "
        '"Innovationskraft \u0456 Kungsbacka" is already described in '
        "municipalities/kungsbacka.yml; change that file instead of adding a second one"]


# -- clear errors instead of tracebacks ------------------------------------------------------------


def set_grant(case: Path, written: str) -> None:
    """Give a case file's Vinnova grant a value as written, whether it has one or not."""
    text = case.read_text(encoding="utf-8")
    if "\nvinnova_grant_sek:" in text:
        text = re.sub(r"(?m)^vinnova_grant_sek: .*$", f"vinnova_grant_sek: {written}", text)
    else:
        text = re.sub(r"(?m)^status:", f"vinnova_grant_sek: {written}\nstatus:", text, count=1)
    case.write_text(text, encoding="utf-8")


def test_inputs_that_crashed_get_clear_errors(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = repo_copy(tmp_path)
    cases = root / "municipalities"
    set_grant(cases / "tranas.yml", "9" * 5000)
    set_grant(cases / "kungsbacka.yml", "4000000\u00b2")
    orebro = cases / "orebro.yml"
    orebro.write_text(re.sub(r'end: "[0-9-]+"', 'end: "2998-06"', re.sub(
        r'start: "[0-9-]+"', 'start: "0000-01"', orebro.read_text(encoding="utf-8"), count=1),
        count=1), encoding="utf-8")
    with (cases / "allagehub.yml").open("a", encoding="utf-8") as case:
        case.write('? [lan, kommun]\n: x\nname2: "no closing quote\n')
    lines = (cases / "allagehub.yml").read_text(encoding="utf-8").split("\n")
    assert main(["validate", "--root", str(root)]) == 1
    assert main(["validate", "--root", str(root), str(root / "municipalities/saknas.yml"),
                 str(root / "municipalities")]) == 1
    errors = capsys.readouterr().err
    assert "Traceback" not in errors
    grant_line = problem_position(root, "tranas.yml", "vinnova").split(":")[0]
    expected = [
        f"municipalities/allagehub.yml:{len(lines) - 1}:{len(lines[-2]) + 1}: the file is not "
        "valid YAML: found unexpected end of stream; check the indentation and the colons near "
        "this line",  # the last line of the file, not one after it
        "municipalities/kungsbacka.yml:" + problem_position(root, "kungsbacka.yml", "4000000") +
        ': vinnova_grant_sek: "4000000²" is not a whole number; expected digits only, such as '
        "4000000",
        "municipalities/orebro.yml:" + problem_position(root, "orebro.yml", '"0000-01"') +
        ': period.start: "0000-01" is outside the years a period may have; expected a year '
        "from 1990 to 2100",
        "municipalities/orebro.yml:" + problem_position(root, "orebro.yml", '"2998-06"') +
        ': period.end: "2998-06" is outside the years a period may have; expected a year from '
        "1990 to 2100",
        f"municipalities/tranas.yml:{grant_line}:20: vinnova_grant_sek: the number has 5000 "
        "digits; expected at most 12 digits",
        "5 problems found",
        "municipalities:1:1: this is a folder, not a case file; name the .yml files in it, or "
        "leave the names out to check them all",
        "municipalities/saknas.yml:1:1: there is no such file; check the file name; case files "
        "are in municipalities/",
        "2 problems found"]
    assert errors.splitlines() == expected
    assert main(["validate", "--root", str(tmp_path / "elsewhere")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "municipalities:1:1: there is no such folder; run the command in the repository, or "
        "name it with --root")
    # A complex key is shown as the editor wrote it, not as a Python object.
    (cases / "allagehub.yml").write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")
    assert main(["validate", "--root", str(root), str(cases / "allagehub.yml")]) == 1
    assert ": a field name is written as [lan, kommun]; write the field name as a plain word, " \
        "one of name, organisation, " in capsys.readouterr().err.splitlines()[0]


def test_terminal_messages_show_control_characters_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A value cannot clear the terminal, print a fake line, or start one with ::error."""
    root = repo_copy(tmp_path)
    mutate(root / "municipalities/tranas.yml", "status: unknown",
           'status: "\\e[2J\\e[H\\nAll 10 case files are valid\\n::error::hacked"')
    assert main(["validate", "--root", str(root)]) == 1
    captured = capsys.readouterr()
    assert "\x1b" not in captured.err and "\x1b" not in captured.out
    lines = captured.err.splitlines()
    assert not any(line.startswith(("All ", "::")) for line in lines)
    assert ('status: "\\x1b[2J\\x1b[H\\nAll 10 case files are valid\\n::error::hacked" is not '
            "one of the choices") in captured.err


def test_csv_cells_cannot_start_a_formula(tmp_path: Path) -> None:
    root = repo_copy(tmp_path)
    set_text(root / "municipalities/tranas.yml", "summary", "sv",
             '"=HYPERLINK(\\"https://evil.example/\\",\\"Klicka\\") Idéslussen."')
    set_text(root / "municipalities/orebro.yml", "name", "sv", '"@SUM(1+1) Örebro"')
    site = tmp_path / "site"
    build(root, site)
    rows = list(csv.reader(io.StringIO((site / "data/ideslussar.sv.csv").read_text(
        encoding="utf-8"))))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'@SUM(1+1) Örebro" in cells
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
    page = (site / "oppna-data.html").read_text(encoding="utf-8")
    assert "apostrof" in page or "apostrophe" in page
    data = json.loads((site / "data/ideslussar.sv.json").read_text(encoding="utf-8"))
    assert data["case_studies"][0]["name"] == "@SUM(1+1) Örebro"  # JSON keeps the text as is
