"""Which link targets the output carries: web and mail addresses only.

A PDF's link annotation may point anywhere, ``javascript:`` and ``data:`` included, and a
renderer of the Markdown that follows such a link runs it. :func:`web_link` lets through
``http``, ``https`` and ``mailto`` targets and nothing else (no other scheme, no target
without one).
"""

from __future__ import annotations

import re

WEB_SCHEMES = frozenset({"http", "https", "mailto"})
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
DROPPED_BY_BROWSERS = re.compile(r"[\t\n\r]")
"""Characters a browser removes from anywhere in a URL: ``java\\tscript:`` is ``javascript:``."""
TRIMMED_BY_BROWSERS = "".join(map(chr, range(0x21)))
"""Control characters and spaces, which a browser trims from both ends of a URL."""


def web_link(target: str) -> str | None:
    """``target`` as a browser reads it, when that is an http, https or mailto address; None otherwise.

    >>> web_link(" https://example.org/a b ")
    'https://example.org/a b'
    >>> web_link("MAILTO:office@example.org")
    'MAILTO:office@example.org'
    >>> [web_link(t) for t in ("java\\tscript:alert(1)", "data:text/html,<p>", "page2.html", "//example.org")]
    [None, None, None, None]
    """
    cleaned = DROPPED_BY_BROWSERS.sub("", target).strip(TRIMMED_BY_BROWSERS)
    scheme = SCHEME.match(cleaned)
    return cleaned if scheme and scheme.group(1).lower() in WEB_SCHEMES else None
