"""Which link targets a page may carry (shared by the renderer and the page checks)."""

from __future__ import annotations

import re

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


def link_allowed(url: str) -> bool:
    """True for http, https and mailto links and for relative ones (no scheme)."""
    match = _SCHEME.match(url)
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES
