"""The pipeline, stage by stage, in one place.

A stage is a function that takes the :class:`~pipeline.stages.state.DocumentState` of one
file and returns it, further along; what it changes in the text it records in
``state.edits``. The stages, in order::

    read_words -> recognise_text -> separate_regions -> lay_out_pages (per page: PAGE_STAGES)
    -> stitch_pages -> remove_furniture -> identify_language -> classify_blocks
    -> build_paragraphs -> join_hyphenated_words -> repair_unicode -> correct_misreadings -> build_structure
                                                                      (per document: DOCUMENT_STAGES)

Each one hands the work to the module of :mod:`pipeline.stages` it is named after, with
that module's group of :class:`~pipeline.settings.Settings`. To change the flow, give
:func:`process_pdf` another list::

    from pipeline.run import STAGES, process_pdf

    def drop_short_paragraphs(state):
        state.units = [u for u in state.units if u.kind != "paragraph" or len(u.text) > 20]
        return state

    at = STAGES.index(build_paragraphs) + 1
    process_pdf("file.pdf", stages=[*STAGES[:at], drop_short_paragraphs, *STAGES[at:]])

A large file can be read in parts: :func:`read_part` runs the per-page stages on a range of
pages (in any process), :func:`finish_document` the document stages on the parts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .core.errors import PdfError
from .core.geometry import fold_of
from .language.detect import detect_language
from .output.models import Document
from .settings import DEFAULTS, Settings, selected_pages
from .stages import classify, extract, furniture, hyphens, ocr, ocrfix, paragraphs, parts, regions, repair, structure
from .stages.parts import Part
from .stages.state import DocumentState

Stage = Callable[[DocumentState], DocumentState]


def read_words(state: DocumentState) -> DocumentState:
    """extract: the file's pages as styled words (``settings.extract.extractor``; only the
    pages of ``settings.extract.pages`` when it names some), each word read once where it is
    drawn over itself, the letters of symbol fonts as the symbols they draw."""
    chosen = selected_pages(state.settings.extract.pages)
    numbers: Sequence[int] | None = state.page_range
    if chosen is not None:
        numbers = [number for number in (numbers or sorted(chosen)) if number in chosen]
    state.raw = extract.extract(state.source, state.settings.extract.extractor, state.password, numbers)
    extract.read_overprints_once(state.raw, state.settings.extract.overprint_offset)
    extract.read_symbol_fonts(state.raw)
    if chosen is not None and state.page_range is None and not state.raw.pages:
        raise PdfError(f"none of the pages asked for ({state.settings.extract.pages}) is in the file "
                       f"({state.raw.page_count} pages)", "not-pdf")
    return state


def recognise_text(state: DocumentState) -> DocumentState:
    """ocr: pages with no text or poor text OCR'd; OCR'd words steadied."""
    state.raw = ocr.recognise_pages(state.raw, state.source, state.password, state.settings.ocr)
    return state


def separate_regions(state: DocumentState) -> DocumentState:
    """regions: each page's tables and figures, with the words inside them, out of its running text
    (on a spread, two pages printed side by side, within one of its pages)."""
    layout = state.settings.layout
    for page in state.raw.pages:
        fold = fold_of(page.words, page.width, page.height, layout.spread_ratio, layout.spread_reach)
        state.raw.warnings += regions.find_regions(page, state.settings.regions, fold)
    return state


def lay_out_pages(state: DocumentState) -> DocumentState:
    """lines and layout: words into lines, blocks and reading order, as far as each page allows alone."""
    state.parts = [parts.lay_out_part(state.raw, state.settings)]
    return state


def stitch_pages(state: DocumentState) -> DocumentState:
    """The parts as one document, every page laid out; a document without text fails here."""
    state.raw, state.pages = parts.stitch(state.parts, state.settings)
    state.edits.edits += [edit for page in state.pages for edit in page.edits]
    if not any(part.has_text for part in state.parts):
        raise PdfError(ocr.no_text_reason(state.raw.warnings, state.settings.ocr.mode, state.pages), "no-text")
    return state


def remove_furniture(state: DocumentState) -> DocumentState:
    """furniture: running headers, footers, page numbers and margin stamps off the pages."""
    settings = state.settings.furniture
    state.pages, state.furniture = furniture.strip_furniture(state.pages, state.edits, settings)
    margins, warnings = furniture.set_aside(state.pages, state.edits, settings)
    state.furniture += margins
    state.raw.warnings += warnings
    return state


def identify_language(state: DocumentState) -> DocumentState:
    """language: the document's language, told from its words (or as set)."""
    code = state.settings.language.code
    state.language = code if code != "auto" else detect_language(
        line.text for page in state.pages for block in page.blocks for line in block.lines)
    return state


def classify_blocks(state: DocumentState) -> DocumentState:
    """classify: title, headings with levels, list items, contents."""
    state.blocks = classify.classify(state.pages, state.settings.classify)
    return state


def build_paragraphs(state: DocumentState) -> DocumentState:
    """paragraphs: blocks cut at paragraph starts, rejoined across columns and pages."""
    ocr_pages = frozenset(page.number for page in state.pages if page.text_source != "text")
    state.units = paragraphs.build_units(state.blocks, state.edits, state.settings.paragraphs, ocr_pages)
    return state


def join_hyphenated_words(state: DocumentState) -> DocumentState:
    """hyphens: each unit's lines as running words, line-end hyphens resolved."""
    state.units = hyphens.resolve_hyphens(state.units, state.edits, state.settings.hyphens, state.language)
    return state


def repair_unicode(state: DocumentState) -> DocumentState:
    """repair: mojibake, ligatures and odd Unicode fixed (ftfy)."""
    state.units = repair.repair_text(state.units, state.edits, state.settings.repair.ascii_punctuation)
    return state


def correct_misreadings(state: DocumentState) -> DocumentState:
    """ocrfix: misread words on OCR'd pages corrected (``settings.ocrfix.enabled``), in English
    documents only: the corrector's lexicons are English."""
    if state.settings.ocrfix.enabled and state.language == "en":
        ocr_pages = {page.number for page in state.pages if page.text_source != "text"}
        state.units = ocrfix.correct_ocr(state.units, state.edits, ocr_pages, state.settings.ocrfix)
    return state


def build_structure(state: DocumentState) -> DocumentState:
    """structure: the :class:`Document`: title, contents, sections, provenance."""
    state.document = structure.build_document(state.raw, state.pages, state.units, state.furniture,
                                              state.edits.edits, state.settings, state.language)
    return state


PAGE_STAGES: tuple[Stage, ...] = (read_words, recognise_text, separate_regions, lay_out_pages)
DOCUMENT_STAGES: tuple[Stage, ...] = (stitch_pages, remove_furniture, identify_language, classify_blocks,
                                      build_paragraphs, join_hyphenated_words, repair_unicode, correct_misreadings,
                                      build_structure)
STAGES: tuple[Stage, ...] = PAGE_STAGES + DOCUMENT_STAGES


def process_pdf(path: str | Path, *, extractor: str | None = None, password: str | None = None,
                pages: str | None = None, ascii_punctuation: bool | None = None, ocr: str | None = None,
                ocr_language: str | None = None, ocr_fix: bool | None = None, settings: Settings | None = None,
                stages: Sequence[Stage] = STAGES) -> Document:
    """Turn one PDF into a clean, section-structured :class:`Document`.

    ``settings`` holds every threshold (default: :class:`~pipeline.settings.Settings`);
    the other keywords, when given, override the settings of the same meaning:
    ``extractor`` ("pymupdf" or "pdfplumber"), ``pages`` (a page list, "1-3,7"), ``ascii_punctuation`` (curly
    quotes, dashes and ellipses as ASCII), ``ocr`` ("auto": OCR pages with no or poor text, "always", "never"),
    ``ocr_language`` (Tesseract's language data, "eng", "deu+eng"), ``ocr_fix`` (correct
    misread words on OCR'd pages). ``password`` opens an encrypted file. ``stages`` replaces
    the list of stages (see the module's description).

    Raises :class:`pipeline.PdfError` when the file cannot be read (not a PDF, empty,
    encrypted without the right password, no pages, no text at all).
    """
    options = {"extract.extractor": extractor, "extract.pages": pages, "repair.ascii_punctuation": ascii_punctuation,
               "ocr.mode": ocr, "ocr.language": ocr_language, "ocrfix.enabled": ocr_fix}
    settings = (settings or DEFAULTS).with_values({name: value for name, value in options.items()
                                                     if value is not None})
    return _document_of(run_stages(DocumentState(str(path), settings, password), stages))


def read_part(path: str | Path, pages: range | None = None, *, settings: Settings | None = None,
              password: str | None = None) -> Part:
    """The per-page stages on ``pages`` (1-based; all when None): a part of the document
    that :func:`finish_document` completes, in this process or another one."""
    state = DocumentState(str(path), settings or DEFAULTS, password, page_range=pages)
    return run_stages(state, PAGE_STAGES).parts[0]


def finish_document(parts: list[Part], *, settings: Settings | None = None) -> Document:
    """The document stages on a file's parts, in page order (see :func:`read_part`)."""
    return _document_of(run_stages(DocumentState(parts[0].source, settings or DEFAULTS, parts=parts),
                                   DOCUMENT_STAGES))


def run_stages(state: DocumentState, stages: Sequence[Stage]) -> DocumentState:
    """``state`` through each of ``stages`` in turn."""
    for stage in stages:
        state = stage(state)
    return state


def _document_of(state: DocumentState) -> Document:
    if state.document is None:
        raise ValueError("the stages made no document: the last one must be build_structure")
    return state.document

