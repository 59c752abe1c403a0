"""Draw what the pipeline decided over a page of the source PDF: ``python -m pipeline show``
and :meth:`Document.draw`.

PyMuPDF renders the page and Pillow draws over it:

* each text line's box in the colour of what it became (body text, heading, caption, table,
  figure, footnote, code); lines removed as running heads, page numbers or margin stamps
  crossed out; on a page whose text came from OCR (an OCR layer or Tesseract) every line
  is also tinted. A document read back from its JSON keeps no lines, so its blocks' boxes
  are drawn instead;
* the page's columns as shaded bands, and the reading order as numbers at each block joined
  by arrows;
* dehyphenations (and hyphens kept) and paragraphs rejoined across a column or page break
  marked, and OCR corrections labelled ``old -> new``;
* a legend under the page, with the page's number, columns and where its text came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pymupdf
from PIL import Image, ImageDraw, ImageFont

from ..core.geometry import merged_spans

if TYPE_CHECKING:
    from .models import Box, Document, LineRole, PageInfo

Colour = tuple[int, int, int]
Rect = tuple[float, float, float, float]
"""x0, y0, x1, y1 in PDF points."""
ROLE_COLOURS: dict[str, Colour] = {
    "body": (40, 90, 220), "heading": (200, 30, 160), "caption": (230, 120, 0), "table": (0, 150, 60),
    "figure": (0, 160, 170), "footnote": (140, 80, 20), "code": (110, 110, 110), "furniture": (220, 0, 0),
}
"""What a line became, and its colour."""
ROLES = {"paragraph": "body", "list_item": "body", "toc": "body", "formula": "code", "title": "heading"}
"""Unit and block kinds drawn as another role."""
OCR_TINT: Colour = (255, 200, 0)
COLUMN_SHADE: Colour = (120, 170, 255)
ORDER_COLOUR: Colour = (90, 0, 160)
EDIT_COLOURS: dict[str, Colour] = {"dehyphenate": (255, 0, 200), "hyphen_kept": (255, 0, 200),
                                   "paragraph_join": (0, 120, 0), "ocr_correction": (220, 0, 0)}
LEGEND = [("body text", "body"), ("heading", "heading"), ("caption", "caption"), ("table", "table"),
          ("figure", "figure"), ("footnote", "footnote"), ("code, formula", "code"), ("furniture removed", "furniture")]
LEGEND_MARKS = [("OCR'd text", OCR_TINT), ("column", COLUMN_SHADE), ("reading order", ORDER_COLOUR),
                ("dehyphenated", EDIT_COLOURS["dehyphenate"]), ("rejoined", EDIT_COLOURS["paragraph_join"]),
                ("OCR correction old -> new", EDIT_COLOURS["ocr_correction"])]


def draw_page(document: Document, page_number: int, zoom: float = 1.5, lines: list[LineRole] | None = None,
              password: str | None = None) -> Image.Image:
    """Page ``page_number`` (1-based) of ``document.source`` at ``zoom`` (1: 72 dpi) with the
    pipeline's decisions drawn over it and a legend under it; ``lines``: every text line's box
    and role (:meth:`Document.keep_line_roles`), else the blocks' boxes are drawn."""
    info = next((page for page in document.pages if page.number == page_number), None)
    if info is None:
        raise ValueError(f"page {page_number} is not in the document (it has {document.page_count})")
    page_image = _render(document.source, page_number, zoom, password)
    overlay = Image.new("RGBA", page_image.size, (0, 0, 0, 0))
    pen = _Pen(ImageDraw.Draw(overlay), zoom)
    ocred = info.text_source != "text"
    blocks = _block_rects(document, page_number)
    _draw_columns(pen, [rect for _, rect in blocks], info)
    for role, rect in _line_roles(page_number, lines) if lines else blocks:
        pen.box(rect, ROLE_COLOURS[_role(role)], fill=OCR_TINT if ocred else None)
    for kind, rect in blocks:
        if kind in ("table", "figure"):  # a region's own box, around the words drawn in it
            pen.box(rect, ROLE_COLOURS[kind], width=2)
    for item in document.furniture:
        if item.page == page_number:
            pen.crossed(_rect(item.box), ROLE_COLOURS["furniture"])
    _draw_edits(pen, document, page_number)
    _draw_reading_order(pen, [rect for _, rect in blocks])
    page_image = Image.alpha_composite(page_image.convert("RGBA"), overlay).convert("RGB")
    return _with_legend(page_image, info)


def _render(source: str, page_number: int, zoom: float, password: str | None) -> Image.Image:
    with pymupdf.open(source) as pdf:
        if password:
            pdf.authenticate(password)
        pixmap = pdf[page_number - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        return Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)


class _Pen:
    """Draws boxes given in PDF points on an image at ``zoom``."""

    def __init__(self, draw: ImageDraw.ImageDraw, zoom: float) -> None:
        self.draw = draw
        self.zoom = zoom
        self.font = ImageFont.load_default(size=max(10, round(7 * zoom)))

    def xy(self, rect: Rect) -> Rect:
        """``rect`` in pixels, at least one point wide and high."""
        x0, y0, x1, y1 = rect
        z = self.zoom
        return x0 * z, y0 * z, max(x1, x0 + 1) * z, max(y1, y0 + 1) * z

    def box(self, rect: Rect, colour: Colour, fill: Colour | None = None, width: int = 1) -> None:
        self.draw.rectangle(self.xy(rect), outline=(*colour, 230), width=width,
                            fill=(*fill, 70) if fill else None)

    def crossed(self, rect: Rect, colour: Colour) -> None:
        x0, y0, x1, y1 = self.xy(rect)
        self.draw.rectangle((x0, y0, x1, y1), outline=(*colour, 255), width=2, fill=(*colour, 40))
        self.draw.line((x0, y0, x1, y1), fill=(*colour, 255), width=2)
        self.draw.line((x0, y1, x1, y0), fill=(*colour, 255), width=2)

    def label(self, x: float, y: float, text: str, colour: Colour, anchor: str = "ld") -> None:
        """``text`` in white on ``colour`` at (x, y) in pixels; ``anchor``: which corner of the
        text is there (Pillow's anchors: "ld" bottom-left, "rt" top-right, ...)."""
        left, top, right, bottom = self.draw.textbbox((x, y), text, font=self.font, anchor=anchor)
        self.draw.rectangle((left - 2, top - 1, right + 2, bottom + 1), fill=(*colour, 220))
        self.draw.text((x, y), text, font=self.font, fill=(255, 255, 255, 255), anchor=anchor)

    def arrow(self, start: tuple[float, float], end: tuple[float, float], colour: Colour) -> None:
        self.draw.line((start, end), fill=(*colour, 150), width=max(1, round(self.zoom)))
        (x0, y0), (x1, y1) = start, end
        length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-6)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        size = 4 * self.zoom
        self.draw.polygon([(x1, y1), (x1 - size * ux - size * 0.6 * uy, y1 - size * uy + size * 0.6 * ux),
                           (x1 - size * ux + size * 0.6 * uy, y1 - size * uy - size * 0.6 * ux)],
                          fill=(*colour, 200))


def _role(kind: str) -> str:
    """The role drawn for a unit's or a block's kind."""
    return ROLES.get(kind, kind if kind in ROLE_COLOURS else "body")


def _rect(box: Box) -> Rect:
    return box.x0, box.y0, box.x1, box.y1


def _line_roles(page_number: int, lines: list[LineRole]) -> Iterator[tuple[str, Rect]]:
    """Each line on the page, with the kind of unit it went into."""
    for page, x0, y0, x1, y1, kind in lines:
        if page == page_number:
            yield kind, (x0, y0, x1, y1)


def _block_rects(document: Document, page_number: int) -> list[tuple[str, Rect]]:
    """The boxes on the page of the headings, blocks and footnotes, in reading order, with their kinds."""
    found: list[tuple[str, Rect]] = []
    for section in document.iter_sections():
        if section.box is not None and section.box.page == page_number:
            found.append(("heading", _rect(section.box)))
        for block in section.blocks:
            found += [(block.kind, _rect(box)) for box in block.boxes if box.page == page_number]
    found += [("footnote", _rect(note.box)) for note in document.footnotes if note.page == page_number]
    return found


def _draw_columns(pen: _Pen, boxes: list[Rect], info: PageInfo) -> None:
    """The page's columns: the x-ranges of its blocks about a column wide (half to 1.1 times
    the text's width over the page's column count), merged, shaded from the highest to the
    lowest block in each."""
    if not boxes:
        return
    left, right = min(box[0] for box in boxes), max(box[2] for box in boxes)
    column = (right - left) / max(info.columns, 1)
    spans = merged_spans([(box[0], box[2]) for box in boxes if column * 0.5 <= box[2] - box[0] <= column * 1.1])
    for number, (x0, x1) in enumerate(spans, 1):
        inside = [box for box in boxes if box[0] >= x0 - 1 and box[2] <= x1 + 1]
        top, bottom = min(box[1] for box in inside), max(box[3] for box in inside)
        z = pen.zoom
        pen.draw.rectangle((x0 * z, top * z, x1 * z, bottom * z), fill=(*COLUMN_SHADE, 35))
        pen.label(x0 * z, top * z - 2, f"column {number}", COLUMN_SHADE)


def _draw_edits(pen: _Pen, document: Document, page_number: int) -> None:
    for edit in document.edits:
        colour = EDIT_COLOURS.get(edit.kind)
        if colour is None or edit.box is None or edit.box.page != page_number:
            continue
        rect = _rect(edit.box)
        x0, y0, x1, y1 = pen.xy(rect)
        if edit.kind == "paragraph_join":
            pen.label(x1, y0 + 1, "rejoined", colour, anchor="rt")
        elif edit.kind == "ocr_correction":
            pen.box(rect, colour, width=2)
            pen.label(x0, y0, f"{edit.before} -> {edit.after}", colour)
        else:
            pen.draw.line((x0, y1, x1, y1), fill=(*colour, 255), width=max(2, round(pen.zoom * 1.5)))


def _draw_reading_order(pen: _Pen, boxes: list[Rect]) -> None:
    """A number left of each block's top-left corner, in reading order, and an arrow from each
    block to the next."""
    corners = [(box[0] * pen.zoom, box[1] * pen.zoom) for box in boxes]
    for start, end in zip(corners, corners[1:]):
        pen.arrow(start, end, ORDER_COLOUR)
    for number, (x, y) in enumerate(corners, 1):
        pen.label(x - 3, y, str(number), ORDER_COLOUR, anchor="rt")


def _with_legend(page_image: Image.Image, info: PageInfo) -> Image.Image:
    """The page with a legend under it: the colours, then the page's number, columns and text source."""
    font = ImageFont.load_default(size=13)
    entries = [(name, ROLE_COLOURS[role]) for name, role in LEGEND] + LEGEND_MARKS
    source = info.text_source + (f" ({info.ocr_decision})" if info.ocr_decision else "")
    caption = f"page {info.number}: {info.columns} column{'s' if info.columns != 1 else ''}, text from {source}"
    width = page_image.width
    rows = _legend_rows(entries, font, width - 20)
    legend = Image.new("RGB", (width, 30 + 22 * len(rows)), (255, 255, 255))
    draw = ImageDraw.Draw(legend)
    draw.text((10, 8), caption[:200], font=font, fill=(0, 0, 0))
    for row_number, row in enumerate(rows):
        x, y = 10.0, 30 + 22 * row_number
        for name, colour in row:
            draw.rectangle((x, y + 2, x + 14, y + 14), fill=colour)
            draw.text((x + 19, y), name, font=font, fill=(0, 0, 0))
            x += 19 + draw.textlength(name, font=font) + 16
    combined = Image.new("RGB", (width, page_image.height + legend.height), (255, 255, 255))
    combined.paste(page_image, (0, 0))
    combined.paste(legend, (0, page_image.height))
    return combined


def _legend_rows(entries: list[tuple[str, Colour]], font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
                 width: float) -> list[list[tuple[str, Colour]]]:
    """The legend's entries in rows no wider than ``width`` pixels."""
    rows: list[list[tuple[str, Colour]]] = [[]]
    used = 0.0
    for name, colour in entries:
        needed = 19 + font.getlength(name) + 16
        if rows[-1] and used + needed > width:
            rows.append([])
            used = 0.0
        rows[-1].append((name, colour))
        used += needed
    return rows
