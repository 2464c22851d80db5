"""The ``links`` and ``link-scheme`` checks: the translation links where the source links.

Targets (link and image destinations, autolinks, bare URLs) are compared as
multisets: reordering is fine, a changed, lost or added target is not. Hosts
are shown in punycode, so ``www.rfеrl.org`` with a Cyrillic ``е`` reads
``www.xn--rfrl-w4d.org`` and cannot pass for the original. Only http, https and
mailto targets are accepted in a translation, whatever the source has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..langcode import LanguageInfo
from .base import CheckContext, Issue
from .inline import ALLOWED_SCHEMES, parse_inline, readable_url, scheme_of, show_url


def _describe(target: str) -> str:
    shown = show_url(target)
    readable = readable_url(shown)
    if readable != shown and not readable.isascii():
        return f"{shown} (written {readable})"
    return shown


def target_difference(source: str, translation: str) -> tuple[list[str], list[str]]:
    """Targets of the source missing from the translation, and targets it added."""
    src = Counter(parse_inline(source).targets)
    dst = Counter(parse_inline(translation).targets)
    return sorted((src - dst).elements()), sorted((dst - src).elements())


def check_links(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """The same link targets as the source, each with an allowed scheme."""
    missing, extra = target_difference(source, translation)
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(_describe(t) for t in missing))
        if extra:
            parts.append("not in the source " + ", ".join(_describe(t) for t in extra))
        yield Issue("links", "link targets differ from the source: " + "; ".join(parts))
    refused = sorted(
        {
            target
            for target in parse_inline(translation).targets
            if (scheme_of(target) or "http") not in ALLOWED_SCHEMES
        }
    )
    for target in refused:
        yield Issue(
            "link-scheme",
            f"link target {_describe(target)} uses the scheme {scheme_of(target)}:; "
            f"only {', '.join(ALLOWED_SCHEMES)} are allowed",
        )
