"""The commented template `ideslussar new SLUG` writes: every field, explained in both languages.

It is generated from the model like the schema, so a new field appears in the template too.
Required texts start empty, so an unfilled template does not validate: the validator then
names each field still to fill in, which is the editor's to-do list.
"""

from __future__ import annotations

from ..reading.model import CASE_FIELDS, FieldSpec, Kind
from ..reading.schema import SCHEMA_COMMENT

HEADER = """{schema}
# New case study "{slug}". Fill in the fields, then check it with:
#   ideslussar validate municipalities/{slug}.yml
# Ny idésluss "{slug}". Fyll i fälten och kontrollera sedan filen med:
#   ideslussar validate municipalities/{slug}.yml
# Only facts from the sources you list under `sources`.
# Bara uppgifter ur källorna under `sources`.
"""

TEXT_EXAMPLE = """{key}:
  sv: ""
  en: ""
"""
TEXT_OPTIONAL = """# {key}:
#   sv: |
#     ...
#   en: |
#     ...
"""
LIST_EXAMPLE = """# {key}:
#   - sv: ...
#     en: ...
"""


def help_lines(spec: FieldSpec) -> str:
    required = "required / obligatoriskt" if spec.required else "optional / valfritt"
    return f"# {spec.help_en} ({required})\n# {spec.help_sv}\n"


def field_block(spec: FieldSpec) -> str:
    """One field: its help as comments, then an empty value (required) or a commented one."""
    if spec.kind in (Kind.TEXT, Kind.MARKDOWN):
        body = (TEXT_EXAMPLE if spec.required else TEXT_OPTIONAL).format(key=spec.key)
    elif spec.kind is Kind.TEXT_LIST:
        body = LIST_EXAMPLE.format(key=spec.key)
    elif spec.kind is Kind.GROUP:
        children = "".join(f"#   {c.key}: {c.example}\n" for c in spec.children)
        body = f"# {spec.key}:\n{children}"
    elif spec.kind is Kind.IMAGE:
        body = (f"# {spec.key}:\n#   file: municipalities/images/example.jpg\n"
                "#   alt:\n#     sv: ...\n#     en: ...\n")
    elif spec.kind is Kind.TRANSLATION:
        body = (f"# {spec.key}:  (written by 'ideslussar translations'; the pull-request "
                "check proposes each line)\n#   en:\n#     summary: {method: human, "
                "reviewed: true, source: ..., target: ...}\n")
    elif spec.kind is Kind.CHOICE:
        body = f"{spec.key}: {spec.example}  # {' | '.join(spec.choices)}\n"
    elif spec.kind is Kind.LINK_LIST:
        item = "#   - url: https://www.vinnova.se/\n#     title: ...\n#     lang: sv\n"
        body = (f"{spec.key}: []  # {spec.example}, or / eller:\n{item}" if spec.required else
                f"# {spec.key}:\n{item}")
    elif spec.kind is Kind.GROUP_LIST:
        body = f"# {spec.key}: see CONTRIBUTING.md / se CONTRIBUTING.md\n"
    elif spec.kind in (Kind.MUNICIPALITY_LIST, Kind.CHOICE_LIST):
        body = f"{spec.key}: []  # {spec.example}\n" if spec.required else \
            f"# {spec.key}: {spec.example}\n"
    else:
        body = f"{spec.key}: {spec.example}\n" if spec.required else \
            f"# {spec.key}: {spec.example}\n"
    return help_lines(spec) + body


def new_case_text(slug: str) -> str:
    """The whole template for a case file named `slug`.yml."""
    blocks = [field_block(spec) for spec in CASE_FIELDS]
    return HEADER.format(schema=SCHEMA_COMMENT, slug=slug) + "\n" + "\n".join(blocks)
