"""Reading: the case files, content pages and data files made into one validated model.

Nothing here knows about pages or the site; everything is read and checked before anything
else runs, so an editor's mistake stops the build before a file is written.
"""
