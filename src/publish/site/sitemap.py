"""``sitemap.xml`` with ``xhtml:link`` hreflang alternates (deterministic text)."""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .model import Sitemap

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def render_sitemap(sitemap: Sitemap) -> str:
    """The sitemap's XML text, URLs in the order given."""
    lines = [_HEAD]
    for url in sitemap.urls:
        lines.append("  <url>\n")
        lines.append(f"    <loc>{xml_escape(url.loc)}</loc>\n")
        for hreflang, href in url.alternates:
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)}'
                f" href={quoteattr(href)}/>\n"
            )
        lines.append("  </url>\n")
    lines.append("</urlset>\n")
    return "".join(lines)
