"""A document in parts: extract and lay out a range of pages, stitch the parts back together.

The per-page stages (extract, layout) are the costly ones and need only their page, with
one exception: a page with too few lines to show its column gutters borrows the whole
document's ink profile (:func:`pipeline.stages.lines.document_ink`), which is known only once
every page has been read. So a part lays out each of its pages without it, and a page
that asks for it is kept as read (a :class:`RawPage`) and laid out when the parts are
stitched, with the profile of all pages. Every page is thus laid out exactly as
:func:`pipeline.stages.layout.lay_out_document` would, whether the document came in one part or
many, and a part holds its pages' layouts, not the extractor's output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from ..core.geometry import PageLayout, RawDocument, RawPage
from ..settings import DEFAULTS, Settings
from .extract import LIBRARY_PREFIXES, MAX_LIBRARY_WARNINGS, raise_unreadable
from .layout import lay_out_page
from .lines import InkProfile, document_ink, page_ink

REPEAT_COUNT = re.compile(r"^MuPDF: \.\.\. repeated \d+ times\.\.\.$")
"""MuPDF's count of a repeated message: it depends on which pages one process read, so it is left out."""


@dataclass(slots=True)
class Part:
    """Some pages of a document, laid out (or kept as read when they need the document's ink)."""

    source: str
    page_count: int
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    pages: list[PageLayout | RawPage] = field(default_factory=list)
    inks: list[InkProfile] = field(default_factory=list)
    has_text: bool = False


class _DocumentInkNeeded(Exception):
    """A page's layout asked for the document's ink profile, which is not known yet."""


class _UnknownDocumentInk:
    """Stands in for the document's ink profile while it is unknown: any use of it raises
    :class:`_DocumentInkNeeded`, so the page is laid out later, with the real profile."""

    def __getattr__(self, name: str):
        raise _DocumentInkNeeded(name)


def lay_out_part(raw: RawDocument, settings: Settings = DEFAULTS) -> Part:
    """Lay out the pages of ``raw`` (some or all of a document's pages) as far as they can be
    laid out on their own; the others are kept for :func:`stitch`."""
    part = Part(raw.source, raw.page_count, raw.metadata, raw.warnings)
    unknown = cast(InkProfile, _UnknownDocumentInk())
    for page in raw.pages:
        ink = page_ink(page)
        part.inks.append(ink)
        part.has_text = part.has_text or bool(page.words) or any(region.words for region in page.regions)
        try:
            part.pages.append(lay_out_page(page, settings, ink, unknown))
        except _DocumentInkNeeded:
            part.pages.append(page)
    return part


def stitch(parts: list[Part], settings: Settings = DEFAULTS) -> tuple[RawDocument, list[PageLayout]]:
    """The document made of ``parts`` (in page order, from one file): its description
    (without pages) and every page laid out."""
    first = parts[0]
    inks = [ink for part in parts for ink in part.inks]
    whole = document_ink(inks)
    pages = [page for part in parts for page in part.pages]
    layouts = [page if isinstance(page, PageLayout) else lay_out_page(page, settings, ink, whole)
               for page, ink in zip(pages, inks)]
    warnings = stitched_warnings([part.warnings for part in parts])
    if not layouts:
        raise_unreadable(warnings)
    return RawDocument(first.source, [], first.metadata, warnings, first.page_count), layouts


def stitched_warnings(lists: list[list[str]]) -> list[str]:
    """The warnings of the parts as one read of the whole file gives them: each once, the
    libraries' messages last and at most ``MAX_LIBRARY_WARNINGS`` of them, without MuPDF's
    repeat counts.

    >>> stitched_warnings([["repaired", "page 2 skipped: x", "MuPDF: a", "MuPDF: ... repeated 2 times..."],
    ...                    ["repaired", "MuPDF: a", "MuPDF: b"]])
    ['repaired', 'page 2 skipped: x', 'MuPDF: a', 'MuPDF: b']
    """
    unique = list(dict.fromkeys(w for warnings in lists for w in warnings if not REPEAT_COUNT.match(w)))
    library = [w for w in unique if w.startswith(LIBRARY_PREFIXES)]
    return [w for w in unique if not w.startswith(LIBRARY_PREFIXES)] + library[:MAX_LIBRARY_WARNINGS]
