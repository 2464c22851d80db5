"""A pseudo-locale: accented, longer, bracketed text for testing layout without translators.

:mod:`.text` transforms one segment (pure); :mod:`.catalogs` makes and writes the
pseudo catalogs and builds them into their own folder (the I/O edge).
"""

# Here, not in .catalogs, so that the CLI can name it in `pseudo --help` without
# importing the site builder.
OUTPUT = "site-pseudo"
