"""Placeholders in a translation against its msgid's, in both styles the code formats with.

`%(name)s` (Babel's python-format, and every template string: the i18n extension formats each
msgstr with `%`) and `{name}` (`str.format`, which every message of the commands goes
through). A msgstr that uses a name the msgid lacks, another conversion, or a `%` or brace
that is no placeholder fails where the code formats it: in the middle of rendering a page, or
while printing an editor's error. Babel's `checkers.python_format` is the model for the `%`
rules; this module says what is wrong in words a translator can act on, in their language.
"""

from __future__ import annotations

import string

from babel.messages.catalog import PYTHON_FORMAT

from .problems import N_

#: Conversions Babel's checker counts as the same (a msgstr may write `%(n)i` for `%(n)d`).
COMPATIBLE = (frozenset("diu"), frozenset("xX"), frozenset("fFgG"))
#: A stand-in value per conversion, for trying a msgstr as the code formats it. A `%s` gets
#: text, as the templates pass (`num='{num}'`), so `%(num)d` in its msgstr fails here too.
SAMPLES: dict[str, object] = {**dict.fromkeys("srac", "x"), **dict.fromkeys("diouxX", 1),
                              **dict.fromkeys("eEfFgG", 1.5)}
#: One problem of a msgstr: its message, what is expected, and their parameters.
Found = tuple[str, str, dict[str, object]]


def percent_placeholders(text: str) -> list[tuple[str | None, str, str]]:
    """The `%` placeholders of a text: (name or None, conversion, as written); `%%` is text."""
    return [(match.group(1), match.group(3), match.group(0))
            for match in PYTHON_FORMAT.finditer(text)
            if not (match.group(3) == "%" and match.group(1) is None)]


def compatible(written: str, original: str) -> bool:
    """Whether `written` formats the same values as `original` does (Babel's groups), so the
    msgstr cannot fail where the msgid does not."""
    return written == original or any(written in group and original in group
                                      for group in COMPATIBLE)


def expected_placeholders(shown: list[str]) -> tuple[str, dict[str, object]]:
    """What to tell the translator to write: the msgid's placeholders as it writes them, or
    that it has none: a problem's `expected`, and its parameters."""
    if shown:
        return (N_("write each placeholder as the msgid has it: {placeholders}"),
                {"placeholders": ", ".join(dict.fromkeys(shown))})
    return (N_("the msgid has no placeholders: leave them out"), {})


def percent_problems(ids: tuple[str, ...], text: str) -> list[Found]:
    """Babel's python-format rules (a name the msgid lacks, a conversion that differs, named
    against positional), then the msgstr formatted as the code formats it, which finds what
    the rules miss: an unclosed `%(name`, a lone `%`."""
    original = [placeholder for msgid in ids for placeholder in percent_placeholders(msgid)]
    expected, params = expected_placeholders([shown for *_, shown in original])
    names = {name: (conversion, shown) for name, conversion, shown in original
             if name is not None}
    positional = [placeholder for placeholder in original if placeholder[0] is None]
    found: list[Found] = []
    for index, (name, conversion, shown) in enumerate(percent_placeholders(text)):
        if positional:
            paired = positional[index] if index < len(positional) else None
            if name is not None or paired is None or not compatible(conversion, paired[1]):
                found.append((N_("the translation writes {placeholder} where the msgid has "
                                 "{original}"), expected, {
                                     **params, "placeholder": shown,
                                     "original": paired[2] if paired else "—"}))
        elif name not in names:
            found.append((N_("the translation has the placeholder {placeholder}, which the "
                             "msgid does not have"), expected, {**params, "placeholder": shown}))
        elif not compatible(conversion, names[name][0]):
            found.append((N_("the translation writes {placeholder} where the msgid has "
                             "{original}"), expected, {**params, "placeholder": shown,
                                                      "original": names[name][1]}))
    if found:
        return found
    samples: object = (tuple(SAMPLES[conversion] for _, conversion, _ in positional)
                       if positional else {name: SAMPLES[conversion]
                                           for name, (conversion, _) in names.items()})
    try:
        text % samples  # formatted only to see whether it can be
    except (ValueError, TypeError, KeyError, IndexError):
        return [(N_('the translation has a per cent sign that starts no placeholder: '
                    '"{text}"'), expected if original else N_(
                        "a per cent sign that is text is written twice in this entry"),
                 {**params, "text": stray_percent(text)})]
    return []


def stray_percent(text: str) -> str:
    """The text from the first `%` that no placeholder covers, for the message."""
    covered = {index for match in PYTHON_FORMAT.finditer(text)
               for index in range(match.start(), match.end())}
    start = next((index for index, char in enumerate(text)
                  if char == "%" and index not in covered), 0)
    return text[start:start + 16]


FORMATTER = string.Formatter()


def brace_fields(text: str) -> list[tuple[str, str]] | None:
    """The `{name!conversion:spec}` fields of a text, as (name, as written); None if the text
    is no format string (a brace that opens or closes nothing)."""
    try:
        return [(name, "{" + name + (f"!{conversion}" if conversion else "")
                 + (f":{spec}" if spec else "") + "}")
                for _, name, spec, conversion in FORMATTER.parse(text) if name is not None]
    except ValueError:
        return None


def brace_problems(ids: tuple[str, ...], text: str) -> list[Found]:
    """The msgstr's `{placeholders}` against its msgid's: `str.format` fails on a name it is
    not given, an index, a conversion the value does not take, and a lone brace."""
    original = [brace_fields(msgid) for msgid in ids]
    if any(fields is None for fields in original):
        return []  # the msgid's braces are text: the code does not format it
    allowed = {shown for fields in original for _, shown in fields or []}
    names = {name: shown for fields in original for name, shown in fields or []}
    expected, params = expected_placeholders(sorted(allowed))
    written = brace_fields(text)
    if written is None:
        return [(N_("the translation has a brace that opens or closes no placeholder"),
                 expected, params)]
    found: list[Found] = []
    for name, shown in written:
        if shown in allowed:
            continue
        if name in names:
            found.append((N_("the translation writes {placeholder} where the msgid has "
                             "{original}"), expected,
                          {**params, "placeholder": shown, "original": names[name]}))
        else:
            found.append((N_("the translation has the placeholder {placeholder}, which the "
                             "msgid does not have"), expected, {**params, "placeholder": shown}))
    return found
