"""Tools: the `ideslussar` command and the editors' and translators' commands behind it
(new case files, schema, catalogs, translation review, export and import, live preview).
"""
