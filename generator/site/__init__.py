"""The site: the validated model made into pages (Markdown from Jinja2 templates) and data files
(feeds, open data, sitemaps). Nothing here imports the engine that turns pages into HTML.
"""
