"""The public output model: a :class:`Document` of sections and paragraphs.

``Document.model_dump_json()`` is the JSON written to disk and
``Document.to_markdown()`` the Markdown; ``python -m pipeline schema`` prints the JSON
Schema. Every paragraph keeps the pages and boxes it came from, and the document
keeps the furniture that was removed and a log of every edit the clean-up made.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = "1"


class Box(BaseModel):
    """A rectangle on a page, in PDF points, origin top-left, y downwards."""

    page: int = Field(description="1-based page number")
    x0: float
    y0: float
    x1: float
    y1: float


class Run(BaseModel):
    """A stretch of a paragraph's text with one inline style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


BlockKind = Literal["paragraph", "list_item"]


class Paragraph(BaseModel):
    """One paragraph (or list item) of body text, rejoined across lines, columns and pages."""

    kind: BlockKind = "paragraph"
    text: str = Field(description="plain text, hyphenation resolved, whitespace normalised")
    runs: list[Run] = Field(default_factory=list, description="the text split by inline style")
    pages: list[int] = Field(description="pages the paragraph was read from")
    boxes: list[Box] = Field(description="one box per block of lines it was read from")


class Section(BaseModel):
    """A heading and what follows it up to the next heading of the same or a higher level."""

    heading: str | None = Field(description="heading text as printed; None for text before the first heading")
    level: int = Field(description="1 for top-level sections, 2 for subsections, ...; 0 for the preamble")
    number: str | None = Field(default=None, description="section number as printed, e.g. '2.1'")
    page: int | None = None
    box: Box | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)


class Furniture(BaseModel):
    """A running header, footer or page number removed from the text."""

    kind: Literal["header", "footer", "page_number"]
    text: str
    page: int
    box: Box


class Edit(BaseModel):
    """One change the clean-up made, for auditing."""

    kind: str = Field(description="e.g. furniture, dehyphenate, hyphen_kept, paragraph_join, repair")
    before: str
    after: str
    page: int
    reason: str
    box: Box | None = None
    confidence: float | None = None


class PageInfo(BaseModel):
    number: int
    width: float
    height: float
    columns: int = Field(description="largest number of text blocks side by side on the page")
    text_source: Literal["text", "ocr layer", "tesseract"] = Field(
        default="text", description="the PDF's text, an OCR layer found in the PDF, or OCR by this pipeline")
    text_quality: float | None = Field(default=None, description="share of the page's words that are known words")
    ocr_decision: str = Field(default="", description="why the page was (or was not) OCR'd")


class Document(BaseModel):
    """A PDF turned into clean, section-structured text."""

    schema_version: str = SCHEMA_VERSION
    source: str = Field(description="the input file")
    extractor: str
    page_count: int
    title: str | None = None
    toc: list[str] = Field(default_factory=list, description="table-of-contents entries as printed")
    sections: list[Section] = Field(default_factory=list)
    pages: list[PageInfo] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list,
                                description="problems met while reading, e.g. a damaged page that was skipped")
    furniture: list[Furniture] = Field(default_factory=list)
    edits: list[Edit] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict,
                                     description="the settings this document was read with that differ from the "
                                                 "defaults, by name (python -m pipeline settings lists them all)")

    def to_markdown(self) -> str:
        """The document as Markdown (see :mod:`pipeline.output.markdown`)."""
        from .markdown import render_markdown

        return render_markdown(self)

    def iter_sections(self):
        """All sections, depth first, in reading order."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.sections))

    def headings(self) -> list[str]:
        return [s.heading for s in self.iter_sections() if s.heading]

    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.iter_sections() for p in s.paragraphs]
