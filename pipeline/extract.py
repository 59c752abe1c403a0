"""Extractors: turn a PDF file into :class:`RawDocument` pages of styled words.

Two backends yield the same model, so every later stage is backend-agnostic:

* ``pymupdf`` (default, fast): spans from ``page.get_text("dict")``, split into words.
* ``pdfplumber``: ``page.extract_words`` with font name and size.

Bad input raises :class:`PdfError` with a short plain-words reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .geometry import RawDocument, RawPage, Word

BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultrabold", re.IGNORECASE)
ITALIC_NAME = re.compile(r"italic|oblique|slanted", re.IGNORECASE)
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
NON_SPACE = re.compile(r"\S+")

PYMUPDF_BOLD_FLAG = 16
PYMUPDF_ITALIC_FLAG = 2


class PdfError(Exception):
    """A file cannot be processed; the message says why in plain words."""


def style_from_font_name(font: str) -> tuple[str, bool, bool]:
    """Strip a subset prefix and tell bold and italic from a PostScript font name.

    >>> style_from_font_name("ABCDEF+Times-BoldItalic")
    ('Times-BoldItalic', True, True)
    """
    name = SUBSET_PREFIX.sub("", font)
    return name, bool(BOLD_NAME.search(name)), bool(ITALIC_NAME.search(name))


def link_at(links: list[tuple[float, float, float, float, str]], word: Word) -> str | None:
    """The URI of the link annotation that covers the centre of ``word``, if any."""
    cx, cy = (word.x0 + word.x1) / 2, word.y_center
    for x0, y0, x1, y1, uri in links:
        if x0 <= cx <= x1 and y0 <= cy <= y1:
            return uri
    return None


def attach_links(words: list[Word], links: list[tuple[float, float, float, float, str]]) -> None:
    if links:
        for word in words:
            word.link = link_at(links, word)


# --- PyMuPDF -------------------------------------------------------------------------

def _open_with_pymupdf(path: Path, password: str | None):
    import pymupdf

    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for unreadable files
        raise PdfError(f"not a readable PDF ({_short(exc)})") from exc
    if doc.needs_pass:
        if not password:
            raise PdfError("encrypted: needs a password (use --password)")
        if not doc.authenticate(password):
            raise PdfError("encrypted: the password is wrong")
    if doc.page_count == 0:
        raise PdfError("the PDF has no pages")
    return doc


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


@lru_cache(maxsize=4096)
def _span_style(font: str, flags: int) -> tuple[str, bool, bool]:
    name, bold, italic = style_from_font_name(font)
    return name, bold or bool(flags & PYMUPDF_BOLD_FLAG), italic or bool(flags & PYMUPDF_ITALIC_FLAG)


def _span_words(span: dict, page: int, words: list[Word]) -> None:
    """Append the words of a PyMuPDF span, placing each by its share of the span's characters."""
    text: str = span["text"]
    if not text or text.isspace():
        return
    x0, y0, x1, y1 = span["bbox"]
    font, bold, italic = _span_style(span["font"], span["flags"])
    size = span["size"]
    if " " not in text:
        words.append(Word(text, x0, y0, x1, y1, size, font, bold, italic, None, page))
        return
    per_char = (x1 - x0) / len(text)
    start = 0
    for token in text.split(" "):
        if token:
            words.append(Word(token, x0 + start * per_char, y0, x0 + (start + len(token)) * per_char, y1,
                              size, font, bold, italic, None, page))
        start += len(token) + 1


def _pymupdf_page(page, number: int) -> RawPage:
    import pymupdf

    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
    words: list[Word] = []
    for block in page.get_text("dict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            if line["dir"][0] < 0.5:  # skip vertical or rotated text (margins, watermarks)
                continue
            for span in line["spans"]:
                _span_words(span, number, words)
    links = [(*link["from"], link["uri"]) for link in page.get_links() if link.get("uri")]
    attach_links(words, links)
    rect = page.rect
    return RawPage(number, rect.width, rect.height, words)


def extract_pymupdf(path: Path, password: str | None = None) -> RawDocument:
    doc = _open_with_pymupdf(path, password)
    with doc:
        pages = [_pymupdf_page(page, i + 1) for i, page in enumerate(doc)]
        metadata = {k: v for k, v in (doc.metadata or {}).items() if isinstance(v, str) and v}
    return RawDocument(str(path), pages, metadata)


# --- pdfplumber ----------------------------------------------------------------------

def _pdfplumber_word(raw: dict, page: int) -> Word:
    font, bold, italic = style_from_font_name(raw.get("fontname", ""))
    return Word(raw["text"], raw["x0"], raw["top"], raw["x1"], raw["bottom"],
                round(raw.get("size", 0.0), 1), font, bold, italic, None, page)


def extract_pdfplumber(path: Path, password: str | None = None) -> RawDocument:
    import pdfplumber

    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception as exc:
        message = _short(exc)
        if "password" in message.lower() or type(exc).__name__ == "PDFPasswordIncorrect":
            raise PdfError("encrypted: needs a password (use --password)") from exc
        raise PdfError(f"not a readable PDF ({message})") from exc
    with pdf:
        if not pdf.pages:
            raise PdfError("the PDF has no pages")
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            raw_words = page.extract_words(x_tolerance_ratio=0.12, keep_blank_chars=False,
                                           extra_attrs=["fontname", "size"])
            words = [_pdfplumber_word(raw, number) for raw in raw_words if raw["upright"]]
            links = [(h["x0"], h["top"], h["x1"], h["bottom"], h["uri"])
                     for h in page.hyperlinks if h.get("uri")]
            attach_links(words, links)
            pages.append(RawPage(number, float(page.width), float(page.height), words))
        metadata = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str) and v}
    return RawDocument(str(path), pages, metadata)


EXTRACTORS: dict[str, Callable[[Path, str | None], RawDocument]] = {
    "pymupdf": extract_pymupdf,
    "pdfplumber": extract_pdfplumber,
}


def extract(path: str | Path, extractor: str = "pymupdf", password: str | None = None) -> RawDocument:
    """Read ``path`` with the named backend into pages of styled words.

    Raises :class:`PdfError` for a missing, empty, non-PDF, encrypted or page-less file.
    """
    path = Path(path)
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown extractor {extractor!r}; choose from {sorted(EXTRACTORS)}")
    if not path.is_file():
        raise PdfError("no such file")
    if path.stat().st_size == 0:
        raise PdfError("empty file (0 bytes)")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF" not in head:
        raise PdfError("not a PDF (no %PDF header)")
    return EXTRACTORS[extractor](path, password)
