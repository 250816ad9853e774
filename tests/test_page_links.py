"""A content page's link to a page the site does not have is told before anything is written:
file, line, column, what it may have meant, in the editor's language (`page_links.py`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.page_links import generated_pages, link_problems
from generator.reading.corpus import ContentPage, read_corpus
from generator.reading.model import LANGUAGES
from generator.site.i18n import cli_translations
from generator.site.render import render_language
from generator.tools.cli import main

from .conftest import FIXTURES, REPO

MINI = FIXTURES / "mini"


@pytest.mark.parametrize("root", [MINI, REPO], ids=["fixture", "repository"])
def test_the_pages_links_are_followed_to_are_the_pages_the_site_renders(root: Path) -> None:
    corpus = read_corpus(root)
    for lang in LANGUAGES:
        rendered = {page.path for page in render_language(corpus, lang, "https://example.org/")}
        content = {page.path for page in corpus.pages if page.lang == lang}
        assert generated_pages(corpus.cases, corpus.registry) | content == rendered


def problems_of(*links: str, path: str = "om-programmet.md") -> list[str]:
    """The problems of a Swedish page at `path` that writes each link on its own line."""
    corpus = read_corpus(MINI)
    markdown = "# Om\n\n" + "\n\n".join(links) + "\n"
    page = ContentPage(path, "sv", markdown, f"content/sv/{path}")
    others = [other for other in corpus.pages if (other.lang, other.path) != ("sv", path)]
    return [problem.render(lambda text: text)
            for problem in link_problems(corpus.cases, [*others, page], corpus.registry)]


def test_links_to_pages_that_exist_pass() -> None:
    assert problems_of(
        "[Översikt](ideslussar/index.md)", "[Piteå](ideslussar/pitea-test.md#fakta)",
        "[Om](./om-programmet.md)", "[Län](lan/index.md)", "[Teman](teman/index.md)",
        "[Jämför](jamfor.md)", "[Data](oppna-data.md?x=1)", "[Kodad](%6Fm-programmet.md)",
        "[Escape](om\\-programmet.md)", "[Start][start]\n\n[start]: index.md",
        "[Webb](https://example.org/sida.md)", "[Post](mailto:a@example.org)",
        "![Bild](bild.png)", "[Mapp](ideslussar/)", "[Här](#rubrik)",
        "`[kod](ideslussar/finns-inte.md)`", "```\n[kod](ideslussar/finns-inte.md)\n```",
    ) == []


def test_a_link_in_a_folder_is_read_from_that_folder() -> None:
    assert problems_of("[Om](../om-programmet.md)", "[Fel](om-programmet.md)",
                       path="del/sida.md") == [
        'content/sv/del/sida.md:5:7: the link "om-programmet.md" leads to no page of the site; '
        'link to "../om-programmet.md" if that is the page you mean, or remove the link']


def test_a_link_to_no_page_names_its_place_and_what_may_be_meant() -> None:
    assert problems_of("Text.", "Se [Piteå](ideslussar/pitea-tset.md) och [x](qqqq/zzzz.md).",
                       "[Utanför](../om-programmet.md)") == [
        'content/sv/om-programmet.md:5:12: the link "ideslussar/pitea-tset.md" leads to no page: '
        "there is no case file named pitea-tset.yml in municipalities/; link to "
        '"ideslussar/pitea-test.md" if that is the page you mean, or remove the link',
        'content/sv/om-programmet.md:5:46: the link "qqqq/zzzz.md" leads to no page of the site; '
        "link to a page that exists (a case's page is ideslussar/ and its case file's name "
        "with .md), or remove the link",
        'content/sv/om-programmet.md:7:11: the link "../om-programmet.md" leads to no page of '
        'the site; link to "om-programmet.md" if that is the page you mean, or remove the link']


def linking_repo(tmp_path: Path) -> Path:
    """The fixture site with a link to a case page in both languages' about page."""
    shutil.copytree(MINI, tmp_path, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for lang in LANGUAGES:
        page = tmp_path / "content" / lang / "om-programmet.md"
        page.write_text(page.read_text(encoding="utf-8")
                        + "\n[Piteå](ideslussar/pitea-test.md#fakta)\n", encoding="utf-8")
    return tmp_path


def test_a_renamed_case_still_linked_stops_the_build_with_each_link(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = linking_repo(tmp_path)
    site = root / "site"
    assert main(["build", "--root", str(root), "--site-dir", str(site)]) == 0
    built = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    (root / "municipalities" / "pitea-test.yml").rename(root / "municipalities" / "pitea-ny.yml")
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--site-dir", str(site)]) == 1
    err = capsys.readouterr().err
    for lang in LANGUAGES:
        line = (root / "content" / lang / "om-programmet.md").read_text(
            encoding="utf-8").splitlines().index("[Piteå](ideslussar/pitea-test.md#fakta)") + 1
        assert (f'content/{lang}/om-programmet.md:{line}:9: the link '
                '"ideslussar/pitea-test.md#fakta" leads to no page: there is no case file named '
                'pitea-test.yml in municipalities/; link to "ideslussar/pitea-ny.md" if that is '
                "the page you mean, or remove the link") in err
    assert "Doc file" not in err  # MkDocs was not reached
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == built


def test_validate_tells_it_in_swedish_too(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = linking_repo(tmp_path)
    assert main(["validate", "--root", str(root)]) == 0
    (root / "municipalities" / "pitea-test.yml").unlink()
    capsys.readouterr()
    assert main(["validate", "--root", str(root), "--lang", "sv"]) == 1
    err = capsys.readouterr().err
    gettext = cli_translations("sv").gettext
    told = gettext('the link "{link}" leads to no page: there is no case file named {slug}.yml '
                   "in municipalities/").format(link="ideslussar/pitea-test.md#fakta",
                                                slug="pitea-test")
    assert told.startswith("länken ") and told in err
    assert err.count(told) == len(LANGUAGES)
