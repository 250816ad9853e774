"""When each case file was first published and last changed, from the repository's history.

The Atom feeds and the "cite this page" line need dates, and editors should not have to type
them (a typed date is forgotten when the text changes). Git knows: one `git log` over the case
folder gives every file's first and last commit. Outside a git checkout (a copied folder, a
tarball), the file's modification time stands in for both.
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

MARK = "\x1e"  # starts each commit's line in the log, so dates and file names cannot be confused


@dataclass(frozen=True)
class FileDates:
    published: datetime.datetime
    updated: datetime.datetime


def git_dates(folder: Path) -> dict[str, FileDates]:
    """First and last commit time of every file under `folder`, by file name."""
    command = ["git", "log", "--format=" + MARK + "%cI", "--name-only", "--no-renames", "--",
               "."]
    try:  # fixed arguments, git from PATH as a developer runs it
        log = subprocess.run(command, cwd=folder, capture_output=True, text=True,  # noqa: S603
                             check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, FileDates] = {}
    when: datetime.datetime | None = None
    for line in log.split("\n"):  # newest commit first (splitlines would split at MARK)
        if line.startswith(MARK):
            when = datetime.datetime.fromisoformat(line[1:])
        elif line.strip() and when is not None:
            name = Path(line.strip()).name
            known = dates.get(name)
            dates[name] = FileDates(when, known.updated if known else when)
    return dates


def file_dates(paths: list[Path]) -> dict[str, FileDates]:
    """Dates per file name: from git where the file is committed, else its modification time."""
    folders = {path.parent for path in paths}
    committed: dict[str, FileDates] = {}
    for folder in folders:
        committed.update(git_dates(folder))
    result = {}
    for path in paths:
        if path.name in committed:
            result[path.name] = committed[path.name]
        else:
            stamp = datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.UTC)
            result[path.name] = FileDates(stamp, stamp)
    return result


def past_versions(repo_root: Path, relative_path: str, limit: int = 50) -> list[str]:
    """The committed texts of a file, newest first (at most `limit` commits), for finding the
    Swedish a translation was made from. Empty outside a git checkout or for a new file."""
    try:  # fixed arguments, git from PATH as a developer runs it
        log = subprocess.run(["git", "log", f"-{limit}", "--format=%H", "--", relative_path],  # noqa: S603, S607
                             cwd=repo_root, capture_output=True, text=True, check=True,
                             timeout=60).stdout.split()
        return [subprocess.run(["git", "show", f"{commit}:{relative_path}"],  # noqa: S603, S607
                               cwd=repo_root, capture_output=True, text=True, check=True,
                               timeout=60).stdout for commit in log]
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return []
