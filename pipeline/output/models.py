"""The public output model: a :class:`Document` of sections and their blocks.

``Document.model_dump_json()`` is the JSON written to disk and
``Document.to_markdown()`` the Markdown; ``python -m pipeline schema`` prints the JSON
Schema. A section's ``blocks`` are paragraphs, list items, captions, tables, figures and
code listings in reading order; footnotes are listed once, for the whole document. Every
block keeps the pages and boxes it came from, and the document keeps the furniture that
was removed and a log of every edit the clean-up made.

Schema versions: 1 had ``Section.paragraphs`` (paragraphs and list items only); 2 has
``Section.blocks`` with tables, figures, captions, code and formulas, ``Document.footnotes``, and
``Run.note`` for footnote calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from PIL.Image import Image

SCHEMA_VERSION = "2"


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
    note: str | None = Field(default=None, description="the label of the footnote this run calls (its mark)")


class DoubtfulWord(BaseModel):
    """A word of a paragraph that the OCR engine read with low confidence (below the setting
    ``ocrfix.doubtful_confidence``): a place for a reader to check against the page."""

    text: str = Field(description="the word as it stands in the paragraph's text (after any correction)")
    confidence: float = Field(description="the OCR engine's confidence in its reading, 0 to 1")
    box: Box


def _is_none(value: object) -> bool:
    return value is None


def _is_empty(value: list) -> bool:
    return not value


class Paragraph(BaseModel):
    """One paragraph (or list item, or a caption with no table or figure found for it) of
    body text, rejoined across lines, columns and pages.

    Its words read by this pipeline's OCR carry the engine's confidence: ``ocr_confidence``
    and ``doubtful_words`` are written only for such paragraphs (text from the PDF, an OCR
    layer included, has none)."""

    kind: Literal["paragraph", "list_item", "caption"] = "paragraph"
    text: str = Field(description="plain text, hyphenation resolved, whitespace normalised")
    runs: list[Run] = Field(default_factory=list, description="the text split by inline style")
    pages: list[int] = Field(description="pages the paragraph was read from")
    boxes: list[Box] = Field(description="one box per block of lines it was read from")
    ocr_confidence: float | None = Field(
        default=None, exclude_if=_is_none,
        description="the mean OCR confidence (0 to 1) of its words that this pipeline OCR'd; absent otherwise")
    doubtful_words: list[DoubtfulWord] = Field(
        default_factory=list, exclude_if=_is_empty,
        description="its OCR'd words read with low confidence, in reading order; absent when none")


class Cell(BaseModel):
    """One cell of a table: its text as printed and its place in the grid (0-based)."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    header: bool = Field(default=False, description="in one of the table's header rows")
    box: Box


class Table(BaseModel):
    """A table: its cells in a grid of ``rows`` x ``columns``, with its caption."""

    kind: Literal["table"] = "table"
    caption: str | None = None
    rows: int
    columns: int
    header_rows: int = Field(description="how many rows at the top are headers")
    ruled: bool = Field(description="drawn with rules (found by the table finder), or aligned by white space")
    cells: list[Cell]
    pages: list[int]
    boxes: list[Box]

    def grid(self) -> list[list[str]]:
        """The cells' texts row by row, a spanning cell's text in every place it covers."""
        grid = [[""] * self.columns for _ in range(self.rows)]
        for cell in self.cells:
            for row in range(cell.row, min(cell.row + cell.row_span, self.rows)):
                for col in range(cell.col, min(cell.col + cell.col_span, self.columns)):
                    grid[row][col] = cell.text
        return grid

    def laid_out(self) -> list[list[Cell | None]]:
        """The cells row by row as an HTML table sets them: each cell in the row it starts in,
        and None for a place no cell covers (a blank cell), so that the cells after a blank one
        stay in their columns. Of two cells a grid starts at one place, the filled one is set.

        >>> box = Box(page=1, x0=0, y0=0, x1=1, y1=1)
        >>> table = Table(rows=2, columns=3, header_rows=1, ruled=True, pages=[1], boxes=[box], cells=[
        ...     Cell(text="Group", row=0, col=1, col_span=2, box=box),
        ...     Cell(text="a", row=1, col=0, box=box), Cell(text="c", row=1, col=2, box=box)])
        >>> [[cell.text if cell else None for cell in row] for row in table.laid_out()]
        [[None, 'Group'], ['a', None, 'c']]
        """
        starting = {(cell.row, cell.col): cell for cell in sorted(self.cells, key=lambda cell: bool(cell.text))}
        covered = {(row, col) for cell in self.cells
                   for row in range(cell.row, cell.row + cell.row_span)
                   for col in range(cell.col, cell.col + cell.col_span)}
        return [[starting.get((row, col)) for col in range(self.columns)
                 if (row, col) in starting or (row, col) not in covered] for row in range(self.rows)]


class Figure(BaseModel):
    """A picture or a drawing, with its caption and the text drawn in it."""

    kind: Literal["figure"] = "figure"
    caption: str | None = None
    labels: list[str] = Field(default_factory=list, description="text drawn in the figure (axis ticks, legends)")
    pages: list[int]
    boxes: list[Box]


class Code(BaseModel):
    """A code listing or other preformatted text: its lines as printed, indentation kept."""

    kind: Literal["code"] = "code"
    text: str
    pages: list[int]
    boxes: list[Box]


class Formula(BaseModel):
    """A display formula, as its text was extracted (the order of its symbols may not be the
    order a reader says them)."""

    kind: Literal["formula"] = "formula"
    text: str
    pages: list[int]
    boxes: list[Box]


class Contents(BaseModel):
    """A table of contents where the document prints it: its entries, page numbers dropped
    (all of the document's entries, when it prints its contents in more than one place; they
    are :attr:`Document.toc` too)."""

    kind: Literal["contents"] = "contents"
    entries: list[str]
    pages: list[int]
    boxes: list[Box]

    @property
    def text(self) -> str:
        return "\n".join(self.entries)


Block = Annotated[Paragraph | Table | Figure | Code | Formula | Contents, Field(discriminator="kind")]


class Footnote(BaseModel):
    """A note printed at the foot of a page; a paragraph's run with ``note`` equal to its
    ``label`` calls it."""

    label: str = Field(description="the note's mark as printed: '1', '*', 'a'")
    text: str
    page: int
    box: Box


class Section(BaseModel):
    """A heading and what follows it up to the next heading of the same or a higher level."""

    heading: str | None = Field(description="heading text as printed; None for text before the first heading")
    level: int = Field(description="1 for top-level sections, 2 for subsections, ...; 0 for the preamble")
    number: str | None = Field(default=None, description="section number as printed, e.g. '2.1'")
    page: int | None = None
    box: Box | None = None
    blocks: list[Block] = Field(default_factory=list, description="paragraphs, tables, figures, code, in order")
    sections: list[Section] = Field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The section's paragraphs and list items (its prose, without tables, figures and code)."""
        return [block for block in self.blocks if isinstance(block, Paragraph) and block.kind != "caption"]


class Furniture(BaseModel):
    """A running header, footer or page number removed from the text."""

    kind: Literal["header", "footer", "page_number", "margin"]
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


class Chunk(BaseModel):
    """A piece of a document's text for retrieval, with where it came from (see :mod:`pipeline.output.chunks`)."""

    id: str = Field(description="stable: the same file name, section and text give the same id")
    text: str
    section: list[str] = Field(description="the headings of its section and of the sections above it, top first")
    pages: list[int]
    boxes: list[Box]
    blocks: list[int] = Field(description="the blocks it holds, as indices into Document.blocks()")


LineRole = tuple[int, float, float, float, float, str]
"""A text line as :meth:`Document.draw` shows it: page, x0, y0, x1, y1, and the kind of unit it
went into (paragraph, list_item, heading, title, caption, footnote, table, figure, code, ...)."""


class Document(BaseModel):
    """A PDF turned into clean, section-structured text."""

    schema_version: str = SCHEMA_VERSION
    source: str = Field(description="the input file")
    extractor: str
    page_count: int
    language: str = Field(default="und", description="ISO 639-1 code of the language the text is in; und: not told")
    title: str | None = None
    toc: list[str] = Field(default_factory=list, description="table-of-contents entries as printed")
    sections: list[Section] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    pages: list[PageInfo] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list,
                                description="problems met while reading, e.g. a damaged page that was skipped")
    furniture: list[Furniture] = Field(default_factory=list)
    edits: list[Edit] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict,
                                     description="the settings this document was read with that differ from the "
                                                 "defaults, by name (python -m pipeline settings lists them all)")

    def keep_line_roles(self, lines: list[LineRole]) -> None:
        """Keep each text line's box and what it became, for :meth:`draw`. They are not written
        to the JSON (a document read back from it draws its blocks' boxes instead)."""
        # Beside the fields, not a field or a private attribute: pydantic neither writes nor compares it.
        self.__dict__["_line_roles"] = lines

    def line_roles(self) -> list[LineRole]:
        """The lines kept by :meth:`keep_line_roles` (none for a document read from its JSON)."""
        return self.__dict__.get("_line_roles", [])

    def to_markdown(self) -> str:
        """The document as Markdown (see :mod:`pipeline.output.markdown`)."""
        from .markdown import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        """The document as one self-contained HTML page, a reading view (see :mod:`pipeline.output.html`)."""
        from .html import render_html

        return render_html(self)

    def to_chunks(self, max_chars: int | None = None) -> list[Chunk]:
        """The document cut into chunks for retrieval, each at most ``max_chars`` characters
        (default: the setting ``chunks.max_chars``) unless one paragraph, table or caption
        alone is longer (see :mod:`pipeline.output.chunks`)."""
        from ..settings import DEFAULTS
        from .chunks import document_chunks

        return [Chunk.model_validate(chunk) for chunk in document_chunks(self, max_chars or DEFAULTS.chunks.max_chars)]

    def draw(self, page_number: int, zoom: float = 1.5, password: str | None = None) -> Image:
        """Page ``page_number`` (1-based) of the source PDF with what the pipeline decided
        drawn over it, and a legend, as a Pillow image (see :mod:`pipeline.output.draw`)."""
        from .draw import draw_page

        return draw_page(self, page_number, zoom, self.line_roles(), password)

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
        """Every paragraph and list item, in reading order."""
        return [p for s in self.iter_sections() for p in s.paragraphs]

    def blocks(self) -> list[Block]:
        """Every block of every section (paragraphs, captions, tables, figures, code), in reading order."""
        return [block for s in self.iter_sections() for block in s.blocks]

    def tables(self) -> list[Table]:
        return [block for block in self.blocks() if isinstance(block, Table)]

    def figures(self) -> list[Figure]:
        return [block for block in self.blocks() if isinstance(block, Figure)]
