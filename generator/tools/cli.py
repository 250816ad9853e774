"""The `ideslussar` command: validate, build, serve, new, translations, schema.

Every subcommand is a thin shell around the pipeline modules; this module formats problems for
people and turns them into exit codes, and nothing else.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..page_links import link_problems
from ..reading.corpus import case_files, read_cases, read_pages, stray_files
from ..reading.languages import EDITOR_LANGUAGES, LANGUAGES, ORIGINAL_LANGUAGE
from ..reading.loading import not_a_file, read_text
from ..reading.problems import DataFileError, InvalidContentError, terminal_text
from ..reading.registry import load_registry
from ..reading.site_folder import site_folder_problems
from ..site import i18n
from . import translations_cli
from .terminal import message_language, print_problems

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def cmd_validate(args: argparse.Namespace) -> int:
    """Check case files (all of them by default, and then the content pages too, as the
    build would) and report every problem."""
    root = Path(args.root)
    files = [Path(f) for f in args.files] or case_files(root / "municipalities")
    registry = load_registry()
    cases, problems = read_cases(files, root, registry)
    if not args.files:
        problems.extend(stray_files(root / "municipalities", root))
        pages, page_problems = read_pages(root / "content", root)
        problems.extend(page_problems)
        if not problems:  # links are followed to the pages of valid cases and pages
            problems.extend(link_problems(cases, pages, registry))
    if problems:
        print_problems(problems, args.lang)
        return EXIT_INVALID
    ngettext = i18n.cli_translations(args.lang).ngettext
    print(ngettext("{count} case file is valid", "{count} case files are valid",
                   len(cases)).format(count=len(cases)))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Read and validate everything, then build the bilingual site; `site/` changes only on
    success."""
    from ..build import WORK_DIR, build_site, read_corpus_cached
    from ..engine import SiteBuildError
    from ..output import BuildLockedError
    from ..site.og_images import FontMissingError

    root = Path(args.root)
    refused = site_folder_problems(Path(args.site_dir), root)
    if refused:
        print_problems(refused, args.lang)
        return EXIT_INVALID
    try:
        corpus = read_corpus_cached(root)
    except InvalidContentError as invalid:
        print_problems(invalid.problems, args.lang)
        return EXIT_INVALID
    gettext = i18n.cli_translations(args.lang).gettext
    failed = gettext("The build failed; {site} was not changed.").format(site=args.site_dir)
    try:
        report = build_site(corpus, root, Path(args.site_dir), site_url=args.site_url,
                            strict=args.strict, on_wait=lambda: print(gettext(
                                "Another build of {site} is running; waiting for it to "
                                "finish").format(site=args.site_dir), file=sys.stderr))
    except InvalidContentError as invalid:  # mkdocs.yml: read once the build holds its locks
        print_problems(invalid.problems, args.lang)
        print(failed, file=sys.stderr)
        return EXIT_INVALID
    except FontMissingError as error:
        print(terminal_text(str(error)), file=sys.stderr)
        print(failed, file=sys.stderr)
        return EXIT_INVALID
    except SiteBuildError as error:
        for message in error.messages:
            print(terminal_text(f"{error.lang}: {message}"), file=sys.stderr)
        print(i18n.cli_translations(args.lang).gettext("The build failed; {site} was not changed.")
              .format(site=args.site_dir), file=sys.stderr)
        return EXIT_INVALID
    except BuildLockedError:
        print(gettext("Another build of {site} has been running for too long; stop it, "
                      "then build again").format(site=args.site_dir), file=sys.stderr)
        print(failed, file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:  # the disk: full, read-only, or a folder that cannot be moved
        print(terminal_text(gettext("{site} could not be written: {error}").format(
            site=args.site_dir, error=error)), file=sys.stderr)
        if in_folder(error, root / WORK_DIR):  # a file made by root, a folder put there
            print(gettext("{work} is the build's work folder: it only spares the next build "
                          "work; remove it and build again").format(work=f"{WORK_DIR}/"),
                  file=sys.stderr)
        print(failed, file=sys.stderr)
        return EXIT_INVALID
    for folder in report.left_behind:
        print(terminal_text(gettext("The previous site could not be removed completely: "
                                    "{folder}; remove it by hand (the new site is in place)")
                            .format(folder=folder)), file=sys.stderr)
    print(report.summary())
    return EXIT_OK


def in_folder(error: OSError, folder: Path) -> bool:
    """Whether the file an operating system error names is in `folder`."""
    inside = folder.resolve()
    return any(Path(os.fsdecode(name)).resolve().is_relative_to(inside)
               for name in (error.filename, error.filename2)
               if isinstance(name, (str, bytes)))


def cmd_new(args: argparse.Namespace) -> int:
    """Write the commented template for a new case study, never over an existing file."""
    from ..output import create_file
    from ..reading.slugs import SLUG_PATTERN, slug_problems, slugify
    from .template import new_case_text

    gettext = i18n.cli_translations(args.lang).gettext
    if not SLUG_PATTERN.match(args.slug):
        print(terminal_text(gettext('"{slug}" cannot be used as a file name; try '
                                    '"{suggestion}"').format(slug=args.slug,
                                                             suggestion=slugify(args.slug))),
              file=sys.stderr)
        return EXIT_USAGE
    refused = slug_problems(f"municipalities/{args.slug}.yml", args.slug)
    if refused:
        print(refused[0].render(gettext, args.lang), file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.root) / "municipalities" / f"{args.slug}.yml"
    try:
        create_file(path, new_case_text(args.slug))
    except FileExistsError:
        print(gettext("{path} already exists; edit it instead").format(path=path),
              file=sys.stderr)
        return EXIT_USAGE
    print(gettext("Wrote {path}: fill it in, then run: ideslussar validate {path}").format(
        path=path))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schema editors' tools read, or check that it is current."""
    from ..output import replace_file
    from ..reading.schema import SCHEMA_PATH, schema_text, with_field_tables

    root = Path(args.root)
    contributing = root / "CONTRIBUTING.md"
    guide, problems = read_text(contributing, "CONTRIBUTING.md") if contributing.is_file() \
        else (None, [not_a_file("CONTRIBUTING.md")])
    if guide is None:
        print_problems(problems, args.lang)
        return EXIT_INVALID
    wanted = {root / SCHEMA_PATH: schema_text(load_registry()),
              contributing: with_field_tables(guide)}
    stale = [path for path, text in wanted.items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path} is out of date: run ideslussar schema", file=sys.stderr)
        return EXIT_INVALID if stale else EXIT_OK
    for path in stale:
        replace_file(path, wanted[path])
        print(f"updated {path}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview one language with live reload."""
    from .preview import PortInUseError, serve

    gettext = i18n.cli_translations(args.lang).gettext
    host, _, port = args.address.rpartition(":")
    if not port.isdigit() or not host:
        print(terminal_text(gettext('"{address}" is not an address to serve on; write '
                                    "host:port, such as 127.0.0.1:8000").format(
                                        address=args.address)), file=sys.stderr)
        return EXIT_USAGE
    try:
        serve(Path(args.root), args.site_lang, args.address,
              lambda problems: print_problems(problems, args.lang), args.lang)
    except PortInUseError:
        print(gettext("Port {port} is already in use, perhaps by another preview; stop that "
                      "one, or choose another port: --address {host}:{other}").format(
                          port=port, host=host, other=int(port) + 1), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


class CommandParser(argparse.ArgumentParser):
    """A subcommand's parser: every subcommand takes --root and --lang after its name."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_argument("--root", default=".", help="the repository (default: .)")
        self.add_argument("--lang", choices=EDITOR_LANGUAGES, default=None,
                          help="language of messages (default: from LANG, else English)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ideslussar", description="Build and check the "
                                     "bilingual idéslussar site from its YAML case studies.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=CommandParser)

    validate = commands.add_parser("validate",
                                   help="check case files and content pages, report every problem",
                                   description="Check case files (default: every file in "
                                   "municipalities/, and then the content pages in content/) "
                                   "and report every problem, with file, line and field. "
                                   "Exit 1 if any is found.")
    validate.add_argument("files", nargs="*", help="case files to check")
    validate.set_defaults(run=cmd_validate)

    build = commands.add_parser("build", help="build the whole site into site/",
                                description="Validate everything, then build the Swedish and "
                                "English site. On any error, site/ is left as it was.")
    build.add_argument("--site-dir", default="site", help="output folder (default: site)")
    build.add_argument("--site-url", default=None,
                       help="public address of the site (default: site_url in mkdocs.yml)")
    build.add_argument("--no-strict", dest="strict", action="store_false",
                       help="do not fail on MkDocs warnings")
    build.set_defaults(run=cmd_build)

    new = commands.add_parser("new", help="start a new case study from the template",
                              description="Write municipalities/SLUG.yml: every field with its "
                              "help in Swedish and English, ready to fill in.")
    new.add_argument("slug", help="file name without .yml: lower-case a-z, digits, hyphens")
    new.set_defaults(run=cmd_new)

    schema = commands.add_parser("schema", help="write the JSON Schema of case files",
                                 description="Write schema/case-study.schema.json from the "
                                 "content model (editors' tools read it).")
    schema.add_argument("--check", action="store_true",
                        help="only check that the committed schema is current")
    schema.set_defaults(run=cmd_schema)

    serve = commands.add_parser("serve", help="preview the site with live reload",
                                description="Serve one language of the site with live reload: "
                                "saving a case file or a page updates the browser.")
    serve.add_argument("--site-lang", choices=LANGUAGES, default=ORIGINAL_LANGUAGE,
                       help="which language to preview (default: sv)")
    serve.add_argument("--address", default="127.0.0.1:8000",
                       help="host:port to serve on (default: 127.0.0.1:8000)")
    serve.set_defaults(run=cmd_serve)
    translations_cli.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.lang = message_language(args.lang)
    try:
        result: int = args.run(args)
    except DataFileError as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    except InvalidContentError as invalid:  # any command's input, wherever it is found
        print_problems(invalid.problems, args.lang)
        return EXIT_INVALID
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
