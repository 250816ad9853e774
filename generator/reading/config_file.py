"""The site's configuration (`mkdocs.yml`), read as strictly as a case file.

Whoever deploys a copy edits it (the publisher, the address), so its mistakes are an editor's:
YAML that does not parse, a tab, a key written twice (YAML keeps the last silently), a tag or
an anchor (`&a` … `*a`, which PyYAML expands: a few lines of aliases are gigabytes, the
"billion laughs") are each told with file, line and column before anything is built, as the
case files' are (`loading.parse`), never as a traceback or a hang.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .loading import not_a_file, parse, read_text
from .problems import N_, InvalidContentError, Problem


def read_config(path: Path, shown_as: str) -> dict[str, Any]:
    """The configuration as a mapping; `InvalidContentError` with every problem found."""
    if not path.exists():
        raise InvalidContentError([Problem(shown_as, 1, 1, "", N_("there is no such file"), N_(
            "run the command in the repository, or name it with --root"))])
    if path.is_symlink():  # a link could make any file on the machine the configuration
        raise InvalidContentError([Problem(shown_as, 1, 1, "", N_("this file is a symbolic link"),
                                           N_("put the file itself here, not a link to it"))])
    if not path.is_file():
        raise InvalidContentError([not_a_file(shown_as)])
    try:
        text, problems = read_text(path, shown_as)
    except OSError as error:
        raise InvalidContentError([Problem(shown_as, 1, 1, "", N_(
            "the file cannot be read: {error}"), N_("check that you may read the file"),
            {"error": error.strerror or str(error)})]) from None
    not_config = Problem(shown_as, 1, 1, "", N_(
        "the file is not a MkDocs configuration (a mapping of keys such as site_name)"),
        N_("start from the repository's mkdocs.yml"))
    if text is not None and not text.strip():
        raise InvalidContentError([not_config])
    document, problems = parse(text, shown_as) if text is not None else (None, problems)
    if problems or document is None or text is None:
        raise InvalidContentError(problems)
    # Anchors, aliases and tags were refused above, so constructing the values is safe.
    config = yaml.safe_load(text)
    if not isinstance(config, dict) or not isinstance(document.root, yaml.MappingNode):
        raise InvalidContentError([not_config])
    problems = shape_problems(document.root, config, shown_as)
    if problems:
        raise InvalidContentError(problems)
    return config


#: The keys the build completes for each language, and what each must be for that.
SHAPES: dict[str, type] = {"theme": dict, "extra": dict, "plugins": list, "hooks": list,
                           "markdown_extensions": list, "nav": list}


def shape_problems(root: yaml.MappingNode, config: dict[str, Any], shown_as: str
                   ) -> list[Problem]:
    """A key the build adds to (the theme, the plugins, `extra`) holding something else."""
    problems = []
    for key, value in root.value:
        wanted = SHAPES.get(str(key.value))
        if wanted is not None and not isinstance(config.get(key.value), wanted):
            problems.append(Problem(
                shown_as, value.start_mark.line + 1, value.start_mark.column + 1,
                str(key.value), N_("expected a list (lines starting with - below the key)")
                if wanted is list else N_("expected a mapping (key: value lines below the "
                                          "key)"),
                N_("compare it with the repository's mkdocs.yml")))
    return problems
