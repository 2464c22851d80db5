"""``publish serve``: a preview server that rebuilds the site when a file is saved.

:mod:`.watch` (which files, and whether they changed), :mod:`.pages` (the reload
script, the error banner and pages), :mod:`.core` (building and answering
requests, testable without sockets) and :mod:`.http` (the loopback-only HTTP
server and the polling watcher thread).
"""

# Here, not in .core, so that the CLI can name it in `serve --help` without
# importing the site builder.
DRAFTS_OUTPUT = "site-drafts"
