"""Who publishes a copy of the site, and how readers reach them: from the configuration.

Each deployment is published by someone else, so the accessibility statement cannot name a
publisher or a contact address in its text. The statement's pages hold `{{ publisher }}` and
`{{ contact }}` where those go; every deployment states its own in `mkdocs.yml`:

    extra:
      publisher:
        name: {sv: Exempelstads kommun, en: Exempelstad Municipality}
        contact: mailto:tillganglighet@exempelstad.se   # or an https:// form

A copy that states neither says so to its readers, in their language, instead of showing them
an instruction meant for whoever deploys it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape

from .model import LANGUAGES
from .problems import N_, InvalidContentError, Problem

CONFIG_FILE = "mkdocs.yml"
TOKENS = ("{{ publisher }}", "{{ contact }}")


@dataclass(frozen=True)
class Publisher:
    """The publisher's name per language and a contact address (mailto: or https://)."""

    name: dict[str, str]
    contact: str | None


def publisher_from_config(base: dict[str, Any]) -> Publisher:
    """`extra.publisher` of the configuration, checked: a bad value stops the build with a
    message naming the key and the fix, never a half-stated publisher."""
    extra = base.get("extra") or {}
    found = extra.get("publisher") if isinstance(extra, dict) else None
    if found is None:
        return Publisher({}, None)
    if not isinstance(found, dict):
        raise problem("extra.publisher", N_("expected the keys name and contact"))
    name = found.get("name")
    if isinstance(name, str) and name.strip():
        names = {lang: name.strip() for lang in LANGUAGES}
    elif isinstance(name, dict) and all(isinstance(name.get(lang), str) and name[lang].strip()
                                        for lang in LANGUAGES):
        names = {lang: name[lang].strip() for lang in LANGUAGES}
    else:
        raise problem("extra.publisher.name", N_("write the publisher's name, or sv: and en: "
                                                 "with the name in each language"))
    contact = found.get("contact")
    if not isinstance(contact, str) or not is_contact(contact.strip()):
        raise problem("extra.publisher.contact", N_("write an address readers can use: "
                                                    "mailto:name@example.org or https://…"))
    return Publisher(names, contact.strip())


def is_contact(address: str) -> bool:
    parts = urlsplit(address)
    if parts.scheme == "mailto":
        return "@" in parts.path
    return parts.scheme == "https" and bool(parts.netloc)


def problem(key: str, expected: str) -> InvalidContentError:
    return InvalidContentError([Problem(CONFIG_FILE, 1, 1, key,
                                        N_("the publisher of the site is not stated correctly"),
                                        expected)])


def fill(markdown: str, lang: str, publisher: Publisher, unstated: dict[str, str]) -> str:
    """A content page with the publisher's name and contact link in place of the tokens;
    `unstated` holds what to say (in `lang`) where the configuration states nothing."""
    if "{{" not in markdown:
        return markdown
    name = publisher.name.get(lang)
    shown_name = str(escape(name)) if name else unstated["publisher"]
    if publisher.contact:
        label = publisher.contact.removeprefix("mailto:")
        shown_contact = f'<a href="{escape(publisher.contact)}">{escape(label)}</a>'
    else:
        shown_contact = unstated["contact"]
    return markdown.replace(TOKENS[0], shown_name).replace(TOKENS[1], shown_contact)
