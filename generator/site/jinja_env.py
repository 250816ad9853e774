"""The Jinja2 environment the pages are rendered in, one per language, tuned for a build
that renders thousands of pages from a few templates: interface strings translated when a
template is compiled, plain helpers called without Jinja's context detour, `gettext` and `attr`
without theirs. Each shortcut gives what Jinja's own path gives (the site tests render every
page through it).
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup, escape

from . import i18n

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


class PreTranslate(Extension):
    """Translates `_("literal")` when a template is compiled, not each time it renders.

    Each environment serves one language, so a call without arguments always gives the same
    text; folding it into the template turns it into static output, which Jinja's optimiser
    then escapes once. Calls with arguments, and `ngettext`, stay calls. The result is what the
    i18n extension's newstyle `_()` would return (`msgstr % {}`).
    """

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(pretranslate_catalog=None)

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        tokens = list(stream)
        gettext = self.environment.pretranslate_catalog.gettext  # type: ignore[attr-defined]
        index = 0
        while index < len(tokens):
            window = tokens[index:index + 4]
            if (len(window) == 4 and window[0].test("name:_") and window[1].test("lparen")
                    and window[2].type == "string" and window[3].test("rparen")
                    and not (index and tokens[index - 1].test("dot"))):
                text = str(gettext(window[2].value)) % {}
                yield Token(window[0].lineno, "string", text)
                index += 4
                continue
            yield tokens[index]
            index += 1


class DirectCallContext(jinja2.runtime.Context):
    """Jinja's template context, calling the Renderer's plain Python helpers directly.

    Every `{{ helper(value) }}` goes through `Context.call`, which asks the callable four times
    whether it wants the context, the evaluation context or the environment passed in. The
    helpers here never do, and a case page makes about eighty such calls, two thousand pages a
    build: functions and methods without Jinja's `pass_*` mark are called straight away, and
    everything else (macros, gettext) takes Jinja's own path.
    """

    def call(self, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if not plain_callable(obj):
            return super().call(obj, *args, **kwargs)
        if kwargs:  # the loop and block variables Jinja passes for pass_context callables
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
        try:
            return obj(*args, **kwargs)
        except StopIteration:  # as Jinja does: a StopIteration must not end a template loop
            return self.environment.undefined("value was undefined because a callable raised "
                                              "a StopIteration exception")


def plain_callable(obj: Any) -> bool:
    """A Python function, bound method or builtin without Jinja's `pass_*` mark.

    Looks the mark up in the function's own attributes: `hasattr` on a bound method falls
    through to its function by raising and catching an AttributeError, a microsecond each."""
    kind = type(obj)
    if kind is types.MethodType:
        obj = obj.__func__
        kind = type(obj)
    if kind is types.FunctionType:
        return "jinja_pass_arg" not in obj.__dict__
    return kind is types.BuiltinFunctionType


#: A list of more cases than this is drawn lazily (the templates' `ides-long` class: the browser
#: lays out only the part near the screen). A shorter one is drawn whole, as Chromium leaves
#: what it has not drawn out of the accessibility tree of a screen reader started after the
#: page opened. A hundred cards or rows lay out in a few tens of milliseconds on a phone.
LONG_LIST = 100


@functools.cache
def environment(lang: str) -> jinja2.Environment:
    """One environment per language, with that language's catalog installed."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                             extensions=["jinja2.ext.i18n", PreTranslate], trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.context_class = DirectCallContext
    # Templates are part of the program: a build reads each once, and Jinja's default would
    # check the file's modification time again for every page that imports the macros.
    env.auto_reload = False
    env.install_gettext_translations(i18n.site_translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.pretranslate_catalog = i18n.site_translations(lang)  # type: ignore[attr-defined]
    env.globals.update(direct_gettext(i18n.site_translations(lang)))
    env.filters["attr"] = direct_attr(env)
    env.tests["long_list"] = lambda items: len(items) > LONG_LIST
    return env


def direct_gettext(catalog: Any) -> dict[str, Any]:
    """`_`, `gettext` and `ngettext` as the i18n extension's newstyle functions behave in an
    autoescaping environment, without their detour through the template context: the
    environment has one catalog, so the context has nothing to add, and section headings call
    `_` on every page.

    Unlike the i18n extension, the msgstr itself is escaped too, not only the variables: a
    catalog comes from translators (and, through Weblate, from anyone), and a msgstr is text,
    never markup (`translations check` refuses markup a msgid does not have)."""

    def gettext(message: str, /, **variables: Any) -> Markup:
        text = escape(catalog.gettext(message))
        return text % variables if variables or "%" in text else text

    def ngettext(singular: str, plural: str, num: int, /, **variables: Any) -> Markup:
        variables.setdefault("num", num)
        return escape(catalog.ngettext(singular, plural, num)) % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def direct_attr(env: jinja2.Environment) -> Any:
    """Jinja's `attr` filter for plain objects: the attribute, or undefined when there is none
    (never the item of the same name). Jinja's own looks the attribute up three ways to suit
    sandboxes and dynamic attributes; these templates read dataclass fields, once per section
    of every case page."""

    def attr(obj: Any, name: str) -> Any:
        value = getattr(obj, name, MISSING)
        return env.undefined(obj=obj, name=name) if value is MISSING else value

    return attr


#: Marks an attribute `direct_attr` did not find.
MISSING = object()
