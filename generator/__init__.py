"""Generator of the bilingual idéslussar site: YAML case studies in, a static site out.

The pipeline flows one way, and the folders are its steps: `reading` (files -> validated
model), `site` (model -> pages and data files), `engine` (pages -> HTML, the only code that
imports MkDocs), sequenced by `build`, with `output` the one module that writes to disk.
`tools` holds the `ideslussar` command and the editors' and translators' commands.
See README.md for the commands.
"""
