"""The pipeline, stage by stage, in one place.

    extract -> ocr -> layout -> furniture -> classify -> paragraphs -> hyphens -> repair -> ocrfix
    -> structure

Each stage is a function in a module of the same name, taking and returning the typed
models of :mod:`pipeline.geometry` (and :mod:`pipeline.models` at the end). Every
change to the text is recorded in the :class:`~pipeline.edits.EditLog`.
"""

from __future__ import annotations

from pathlib import Path

from .classify import classify
from .edits import EditLog
from .extract import PdfError, extract
from .furniture import strip_furniture
from .geometry import PageLayout
from .hyphens import resolve_hyphens
from .models import Document
from .ocr import BLANK_PAGE, TESSERACT_MISSING, recognise_pages
from .ocrfix import correct_ocr
from .parts import Part, garbage_collection_paused, lay_out_part, stitch
from .paragraphs import build_units
from .repair import repair_text
from .structure import build_document


def process_pdf(path: str | Path, *, extractor: str = "pymupdf", password: str | None = None,
                keep_quotes: bool = False, ocr: str = "auto", ocr_language: str = "eng",
                ocr_fix: bool = True) -> Document:
    """Turn one PDF into a clean, section-structured :class:`Document`.

    ``extractor`` is "pymupdf" (fast, default) or "pdfplumber"; ``password`` opens an
    encrypted file; ``keep_quotes`` keeps curly quotes as printed instead of making them
    straight. ``ocr`` is "auto" (OCR pages with no text or poor text, see
    :mod:`pipeline.ocr`), "always" or "never"; ``ocr_language`` names Tesseract's language
    data ("eng", "deu+eng", ...); ``ocr_fix`` corrects misread words on OCR'd pages (see
    :mod:`pipeline.ocrfix`).

    Raises :class:`pipeline.PdfError` when the file cannot be read (not a PDF, empty,
    encrypted without the right password, no pages, no text at all).
    """
    with garbage_collection_paused():
        part = read_part(path, extractor=extractor, password=password, ocr=ocr, ocr_language=ocr_language)
        return finish_document([part], extractor=extractor, keep_quotes=keep_quotes, ocr=ocr, ocr_fix=ocr_fix)


def read_part(path: str | Path, pages: range | None = None, *, extractor: str = "pymupdf",
              password: str | None = None, ocr: str = "auto", ocr_language: str = "eng") -> Part:
    """The per-page stages, extract, OCR and layout, on ``pages`` (1-based; all when None).

    A large file can be read in parts by several processes; :func:`finish_document` on
    the parts gives the same document as :func:`process_pdf` (see :mod:`pipeline.parts`).
    """
    with garbage_collection_paused():
        raw = extract(path, extractor, password, pages)
        return lay_out_part(recognise_pages(raw, path, ocr, password, ocr_language))


def finish_document(parts: list[Part], *, extractor: str = "pymupdf", keep_quotes: bool = False,
                    ocr: str = "auto", ocr_fix: bool = True) -> Document:
    """The document-level stages on a file's parts, in page order (see :func:`read_part`)."""
    with garbage_collection_paused():
        raw, pages = stitch(parts)
        if not any(part.has_text for part in parts):
            raise PdfError(_no_text_reason(raw.warnings, ocr, pages), "no-text")
        edits = EditLog()
        pages, furniture = strip_furniture(pages, edits)
        blocks = classify(pages)
        units = build_units(blocks, edits)
        units = resolve_hyphens(units, edits)
        units = repair_text(units, edits, keep_quotes)
        if ocr_fix:
            units = correct_ocr(units, edits, {page.number for page in pages if page.text_source != "text"})
        return build_document(raw, pages, units, furniture, edits.edits, extractor)


def _no_text_reason(warnings: list[str], ocr: str, pages: list[PageLayout]) -> str:
    if ocr == "never":
        return "no text: the pages are empty or image-only (a scan without a text layer; OCR is off)"
    if TESSERACT_MISSING in warnings:
        return "no text: image-only pages and Tesseract is not installed (apt-get install tesseract-ocr)"
    if failure := next((warning for warning in warnings if "OCR failed" in warning), None):
        return f"no text: image-only pages, and {failure}"
    if all(page.ocr_decision == BLANK_PAGE for page in pages):
        return "no text: the pages are blank"
    return "no text: no text layer, and OCR read nothing on the page images"
