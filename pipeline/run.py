"""The pipeline, stage by stage, in one place.

    extract -> ocr -> layout -> furniture -> classify -> paragraphs -> hyphens -> repair -> ocrfix
    -> structure

Each stage is a function in a module of the same name, taking and returning the typed
models of :mod:`pipeline.geometry` (and :mod:`pipeline.models` at the end). Every
change to the text is recorded in the :class:`~pipeline.edits.EditLog`.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from .classify import classify
from .edits import EditLog
from .extract import PdfError, extract
from .furniture import strip_furniture
from .hyphens import resolve_hyphens
from .layout import lay_out_document
from .models import Document
from .ocr import recognise_pages
from .ocrfix import correct_ocr
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
    with _garbage_collection_paused():
        raw = extract(path, extractor, password)
        raw = recognise_pages(raw, path, ocr, password, ocr_language)
        if not any(page.words for page in raw.pages):
            raise PdfError(_no_text_reason(raw, ocr))
        edits = EditLog()
        pages = lay_out_document(raw)
        pages, furniture = strip_furniture(pages, edits)
        blocks = classify(pages)
        units = build_units(blocks, edits)
        units = resolve_hyphens(units, edits)
        units = repair_text(units, edits, keep_quotes)
        if ocr_fix:
            units = correct_ocr(units, edits, {page.number for page in raw.pages if page.text_source != "text"})
        return build_document(raw, pages, units, furniture, edits.edits, extractor)


def _no_text_reason(raw, ocr: str) -> str:
    if ocr == "never":
        return "no text: the pages are empty or image-only (a scan without a text layer; OCR is off)"
    if any("Tesseract is not installed" in warning for warning in raw.warnings):
        return "no text: image-only pages and Tesseract is not installed (apt-get install tesseract-ocr)"
    return "no text: the pages are empty, and OCR found no text on them"


@contextmanager
def _garbage_collection_paused():
    """Pause Python's cycle collector while a document is processed.

    The stages allocate hundreds of thousands of small objects and make no reference
    cycles, so the collector's repeated scans cost time (about 15%) and free nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
