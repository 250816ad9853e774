"""Publishing a built site: what readers get is exactly the built languages, the work folder's
open data and the build's other files, swapped in whole. The site the last build replaced is
kept beside it and brought up to date, so an edit costs the files it changed; it must still
come out exactly as a site put together from nothing, and no file of the work folder or of
the published site is ever written into."""

from __future__ import annotations

import os
from pathlib import Path

from generator import output


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def write(folder: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # as a build replaces a file: never written into
        target.write_text(text, encoding="utf-8")


def test_the_replaced_site_is_brought_up_to_date_and_nothing_linked_is_written_into(
        tmp_path: Path) -> None:
    sv, en, data = tmp_path / "work/sv", tmp_path / "work/en", tmp_path / "work/data"
    site = tmp_path / "site"
    write(sv, {"index.html": "start", "a/old.html": "gammal", "a/kept.html": "kvar",
               "page.html": "sida", "x.js.map": "not published"})
    write(en, {"index.html": "start en"})
    write(data, {"data/a.json": "{}", "data/b.json": "[]"})
    output.publish({"": sv, "en": en}, {"feed.xml": "<feed/>"}, site, root_files=data)
    first = files_of(site)
    output.publish({"": sv, "en": en}, {"feed.xml": "<feed/>"}, site, root_files=data)
    assert files_of(site) == first and (tmp_path / ".site.spare").is_dir()
    reader = (site / "a/kept.html").open(encoding="utf-8")  # a reader of the published site

    # The next build: a page changed, one removed, a folder where a page was, a page where a
    # folder was, a feed changed, a data file the build now writes itself, a stray file in
    # the kept site (a tool that wrote into it).
    write(sv, {"index.html": "ny start"})
    (sv / "page.html").unlink()
    write(sv, {"page.html/index.html": "sida i mapp"})
    (sv / "a/old.html").unlink()
    os.rename(sv / "a", sv / "a-folder")
    write(sv, {"a": "fil där mappen var"})
    write(tmp_path / ".site.spare", {"stray.html": "okänd", "stray/deep/x.html": "mapp"})
    extra = {"feed.xml": "<feed>ny</feed>", "data/b.json": "[1]"}
    output.publish({"": sv, "en": en}, extra, site, root_files=data)

    expected = {"index.html": b"ny start", "page.html/index.html": b"sida i mapp",
                "a": "fil där mappen var".encode(), "a-folder/kept.html": b"kvar",
                "en/index.html": b"start en", "data/a.json": b"{}", "data/b.json": b"[1]",
                "feed.xml": b"<feed>ny</feed>"}
    assert files_of(site) == expected
    # The work folder's data file was replaced in the site, not written into.
    assert (data / "data/b.json").read_text(encoding="utf-8") == "[]"
    # Files the build did not change are links to the work folder's, as a new site's are.
    assert (site / "a-folder/kept.html").stat().st_ino == (sv / "a-folder/kept.html").stat().st_ino
    assert (site / "en/index.html").stat().st_ino == (en / "index.html").stat().st_ino
    # The reader of the page swapped away still reads what was published.
    assert reader.read() == "kvar"
    reader.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.spare", "site", "work"]


def test_a_kept_site_that_is_not_a_folder_is_not_followed(tmp_path: Path) -> None:
    """`.site.spare` as a link to a folder elsewhere: that folder is neither written nor
    emptied; the site is put together from nothing."""
    built, elsewhere = tmp_path / "built", tmp_path / "elsewhere"
    write(built, {"index.html": "start"})
    write(elsewhere, {"precious.txt": "keep"})
    (tmp_path / ".site.spare").symlink_to(elsewhere, target_is_directory=True)
    output.publish({"": built}, {}, tmp_path / "site")
    assert files_of(tmp_path / "site") == {"index.html": b"start"}
    assert files_of(elsewhere) == {"precious.txt": b"keep"}


def test_the_published_site_folder_is_readable_as_any_new_folder_is(tmp_path: Path) -> None:
    """A web server may run as another user: the site's folder has the mode a folder made by
    this process gets, not the private 0700 of a temporary folder."""
    built = tmp_path / "work/sv"
    write(built, {"index.html": "<p>hej</p>"})
    site = tmp_path / "site"
    output.publish({"": built}, {}, site)
    (tmp_path / "plain").mkdir()
    assert site.stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777
    assert site.stat().st_mode & 0o055  # the group and others may list and read it
    output.publish({"": built}, {}, site)  # again, from the kept site
    assert site.stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777
