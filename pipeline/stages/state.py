"""What the stages pass along: one file's reading, as far as it has got."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.edits import EditLog
from ..core.geometry import Block, PageLayout, RawDocument, Unit
from ..output.models import Document
from ..settings import Settings
from .parts import Part


@dataclass
class DocumentState:
    """One file on its way through the stages of :mod:`pipeline.run`.

    Each stage reads the fields an earlier one filled and fills its own: ``raw`` (extract,
    ocr), ``parts`` (layout), ``pages`` (stitch, furniture), ``language``, ``blocks`` (classify),
    ``units`` (paragraphs, hyphens, repair, ocrfix), ``document`` (structure). Every change
    a stage makes to the text goes into ``edits``.
    """

    source: str
    """The input as named; it is recorded in the output."""
    settings: Settings = field(default_factory=Settings)
    password: str | None = None
    page_range: range | None = None
    """The pages to read (1-based), for a file read in parts; None: all of them."""
    raw: RawDocument = field(default_factory=lambda: RawDocument("", []))
    """The file's description and, until the pages are stitched, its pages as read."""
    parts: list[Part] = field(default_factory=list)
    pages: list[PageLayout] = field(default_factory=list)
    furniture: list[dict] = field(default_factory=list)
    """Removed running headers, footers and page numbers (JSON form of :class:`pipeline.Furniture`)."""
    language: str = "und"
    """ISO 639-1 code of the document's language (language), "und" when it cannot be told."""
    blocks: list[Block] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    edits: EditLog = field(default_factory=EditLog)
    document: Document | None = None
