"""A pseudo-locale: accented, longer, bracketed text for testing layout without translators.

:mod:`.text` transforms one segment (pure); :mod:`.catalogs` makes and writes the
pseudo catalogs and builds them into their own folder (the I/O edge).
"""
