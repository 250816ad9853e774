"""Generator of the bilingual idéslussar site: YAML case studies in, a static site out.

The pipeline flows one way: `loading` -> `validation` (via `corpus`) -> `pages` -> `output`,
with `mkdocs_build` turning the written Markdown into HTML. See README.md for the commands.
"""
