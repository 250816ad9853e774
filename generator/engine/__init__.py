"""The engine: the only code that imports MkDocs or Material for MkDocs, with the theme and the
Markdown extensions MkDocs loads by name from mkdocs.yml. Changing engines means changing this
folder.
"""
