"""``publish review``: a bilingual proof page of one article in one language.

:mod:`.diff` (word diff), :mod:`.model` (the proof as data, pure),
:mod:`.render` (Markdown and the Jinja2 template) and :mod:`.action` (reading
the project and writing the page: the I/O edge).
"""
