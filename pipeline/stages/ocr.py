"""Stage ``ocr``: judge each page's text and OCR the pages whose text is missing or poor.

A page's words come from one of three sources (``RawPage.text_source``):

* ``text``: the PDF's own text (born-digital);
* ``ocr layer``: an invisible text layer over a page image, as scanners and OCRmyPDF
  make (found by the extractor: most characters drawn invisible);
* ``tesseract``: OCR'd here by the ``tesseract`` command, at ``settings.ocr.dpi``.

Every page gets a :func:`text_quality`: the share of its words that are known words. Under
``ocr="auto"`` (the default) a page is OCR'd when it has no text but ink (a bare scan),
when its text is not real text (fonts without a Unicode mapping give U+FFFD or private-use
characters; a broken encoding gives nonsense words), or when it is an OCR layer of poor
quality; the OCR result replaces the page's words only when it is clearly better. A page
with a quarter or more of its characters from glyphs without a Unicode mapping is OCR'd
too, though its sample may read (headings set in a font that has a mapping, the body in
one that has not); on other pages, each word of such glyphs is replaced by what OCR reads
in its box, the rest of the page kept as the PDF gives it. The decision is kept in
``RawPage.ocr_decision`` and shown in the output's ``pages[]``.
``ocr="always"`` OCRs every page; ``ocr="never"`` none.

OCR engines estimate a type size per word that scatters by 10% or more; sizes on OCR'd
pages are therefore snapped to the page's usual sizes (:func:`steady_sizes`) so that
the layout stages see one body size and distinct heading sizes, as on a born-digital page.
OCR gives no type style: words set in clearly thicker strokes than the page's usual
words are marked bold from the page image (:func:`mark_bold_words`), before sizes are
snapped, bold and regular apart.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from bisect import bisect_left
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate, islice
from operator import attrgetter
from pathlib import Path
from statistics import fmean, median
from typing import NamedTuple

from ..core.errors import PdfError
from ..core.geometry import PageLayout, RawDocument, RawPage, Word, fit_oversized_page
from ..language.detect import detect_language
from ..language.lexicon import WORD, is_known_word, is_well_formed
from ..settings import DEFAULTS, OcrSettings
from .extract import OCR_ASCENT, baseline_of, open_with_pymupdf, read_pymupdf_page, set_size_on_baseline, short_message

ALWAYS = "OCR asked for every page"
BLANK_PAGE = "not OCR'd: blank page"
INK_DPI = 72
INK_CONTRAST = 64
"""How far, in shades of 0-255, a pixel must stand out from the page's ground to be ink
(:func:`_has_ink`): a speck of dust or the grain of a scanned sheet does not."""
MAX_ENGINE_MESSAGES = 3
TESSERACT_MISSING = "OCR skipped: Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)"
TESSERACT_CHATTER = re.compile(r"^(Tesseract Open Source OCR Engine|Estimating resolution|Detected \d+ diacritics)")
QUALITY_SAMPLE = 400
"""Words per page that the quality is measured on (enough for a stable share, and cheap)."""
DARK_PIXELS = bytes(int(value < 128) for value in range(256))
RULE_ARTEFACT = re.compile(r"[|¦│_]+")
"""What OCR makes of a vertical or horizontal rule: a 'word' of bars or underscores, removed."""
OSD_LANGUAGES = {"Cyrillic": "rus", "Greek": "ell", "Arabic": "ara", "Hebrew": "heb", "Han": "chi_sim",
                    "HanS": "chi_sim", "HanT": "chi_tra", "Japanese": "jpn", "Hangul": "kor", "Korean": "kor",
                    "Devanagari": "hin", "Thai": "tha", "Bengali": "ben", "Tamil": "tam", "Armenian": "hye",
                    "Georgian": "kat"}
"""The Tesseract language read for a script its orientation and script detection (OSD) names."""
TESSERACT_LANGUAGES = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "pt": "por", "it": "ita", "nl": "nld",
                       "pl": "pol", "sv": "swe", "da": "dan", "nb": "nor", "fi": "fin", "cs": "ces", "sk": "slk",
                       "ro": "ron", "hu": "hun", "hr": "hrv", "sl": "slv", "tr": "tur", "ca": "cat", "id": "ind",
                       "ms": "msa", "vi": "vie", "lt": "lit", "lv": "lav", "et": "est"}
"""Tesseract's names for the Latin-script languages :func:`detect_language` tells (ISO 639-1 to 639-2)."""
MIN_LANGUAGE_WORDS = 40
"""Words of a page enough to tell its language by (a caption or a heading alone is not)."""
OCR_CACHE: ContextVar[Path | None] = ContextVar("OCR_CACHE", default=None)
"""A folder where Tesseract's results are kept by page image, engine version and language, so
that a rerun (after a change to the clean-up) does not OCR again. The batch sets it to
``OUTDIR/.pipeline/ocr-cache``; in the library, ``OCR_CACHE.set(path)``."""
OCR_CACHE_MB = 500
"""The OCR cache's size; the oldest results go beyond it."""
MIN_UNMAPPED_RUN = 3
WORD_TEXT = attrgetter("text")
RESULT_SUFFIXES = (".pdf", ".tsv")
"""What Tesseract writes for a page, and the OCR cache keeps: its text-only PDF and its TSV
of words with confidences (part of the cache key: a result kept without the TSV is not read)."""
WORD_CHARACTER = re.compile(r"\w")
"""What a word has and a mark alone (a dash, a quote, a speck) has not."""
LINE_MODE = 7
"""Tesseract's page segmentation mode for an image that is one line of text (a line read again)."""
LINE_PADDING = 0.15
"""What a line read again is cut out with above and below it, in line heights (twice that on each side)."""
TSV_FIELDS = 12
TSV_WORD_LEVEL = "5"
CONFIDENCE_BAND = 10.0
"""Height in points of the bands TSV words are looked up in by a word's middle height."""
OSD_SCRIPT = re.compile(r"^Script: (\w+)", re.MULTILINE)
LATIN_LETTERS_END = 0x24F
"""Letters above this code point are of other scripts (Greek, Cyrillic, CJK, ...), which the
English word lists cannot judge."""
GARBAGE_CHARACTERS = re.compile("[\ufffd\ue000-\uf8ff]")
"""What fonts without a Unicode mapping give: the replacement character and private-use characters."""
FIGURE = re.compile(r"[-+−±(\[]*[$€£¥]?\d+(?:[.,:/–-]\d+)*[%‰)\]]*[.,;:]?|[^\w\s]")
"""A token of a table of figures: a number with its sign, currency, brackets and unit marks, or one mark."""


class TsvWord(NamedTuple):
    """A word of Tesseract's TSV: its box (image pixels as read, page points once placed), its
    confidence (0 to 1), and the line Tesseract read it in."""

    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float
    line: str = ""


def sample_text(words: list[Word]) -> str:
    """The text of a page's first :data:`QUALITY_SAMPLE` words, which its quality is judged on."""
    return " ".join(word.text for word in islice(words, QUALITY_SAMPLE))


def text_quality(text: str) -> float:
    """The share of a page's words (its :func:`sample_text`) that are known words, less the
    share of garbage characters.

    A word is known when a spelling dictionary or wordfreq knows it; numbers and
    punctuation are not counted. 1.0 is clean text; below ``settings.ocr.garbage_quality`` it
    is not text at all.

    >>> text_quality("The quick brown fox, 1999"), text_quality("Tbe qnick hrown fox")
    (1.0, 0.25)
    """
    tokens = WORD.findall(text)
    if not tokens:
        return 0.0
    characters = len(text) - text.count(" ")
    garbage = len(GARBAGE_CHARACTERS.findall(text))
    known = sum(len(token) == 1 or is_known_word(token) for token in tokens)
    return round(known / len(tokens) * (1 - garbage / characters), 3)


def unmapped_share(words: list[Word]) -> float:
    """The share of the characters of ``words`` that a font without a Unicode mapping gave:
    the replacement character, private-use characters (a page's text can look like words
    while its body is such glyphs, which the sample of :func:`text_quality` does not count).

    >>> unmapped_share([Word("Introduction", 0, 0, 9, 9, 9), Word("\ufffd\ufffd\ufffd\ufffd", 0, 0, 9, 9, 9)])
    0.25
    """
    text = "".join(map(WORD_TEXT, words))
    if text.isascii():
        return 0.0
    return len(GARBAGE_CHARACTERS.findall(text)) / len(text)


def plausible_share(text: str) -> float:
    """The share of a page's words that look like words of some language: known English
    words, words whose letter sequences are usual (other Latin-script languages, names),
    or words in another script. What a font without a Unicode mapping gives scores low.

    >>> plausible_share("Die Temperatur des Bodens 東京"), plausible_share("Ýþ¿Ñ qxzvt \ufffd\ufffd Dkwp")
    (1.0, 0.0)
    """
    tokens = WORD.findall(text)
    if not tokens:
        return 0.0
    return sum(_plausible(token) for token in tokens) / len(tokens)


def _plausible(token: str) -> bool:
    if not token.isascii() and all(ord(ch) > LATIN_LETTERS_END for ch in token):
        return True
    return len(token) > 1 and (is_known_word(token) or is_well_formed(token))


def recognise_pages(raw: RawDocument, path: str | Path, password: str | None = None,
                    settings: OcrSettings = DEFAULTS.ocr) -> RawDocument:
    """OCR the pages that need it (see the module's description) and steady OCR'd sizes."""
    wanted = {}
    unmapped: set[int] = set()  # pages kept as text, with rows of unmapped glyphs to read by OCR
    for page in raw.pages:
        sample = sample_text(page.words)
        page.text_quality = text_quality(sample)
        share = unmapped_share(page.words)
        if reason := _ocr_reason(page, sample, share, settings):
            wanted[page.number] = reason
        elif share and settings.mode != "never" and any(_is_unmapped_run(word) for word in page.words):
            unmapped.add(page.number)
    if (wanted or unmapped) and tesseract_path() is None:
        raw.warnings.append(TESSERACT_MISSING)
        wanted, unmapped = {}, set()
    if not wanted and not unmapped and all(page.text_source == "text" for page in raw.pages):
        return raw
    with _opened(Path(path), password, required=bool(wanted or unmapped)) as doc:
        reader = _Reader(settings, raw.warnings)
        for index, page in enumerate(raw.pages):
            if page.number in wanted:
                page = raw.pages[index] = _better_page(page, doc[page.number - 1], wanted[page.number], reader)
            elif page.number in unmapped:
                _read_unmapped_runs(page, doc[page.number - 1], settings, raw.warnings)
            if page.text_source != "text":
                _tidy_ocr_page(page, doc, settings)
            if page.number in wanted or page.number in unmapped or page.text_source != "text":
                _release_page_images()
    return raw


def _release_page_images() -> None:
    """Empty MuPDF's store of decoded images once a page is read from its image: a scan's
    page image, kept there for no later page, would add some 4 MB a page up to the store's
    256 MB."""
    import pymupdf

    pymupdf.TOOLS.store_shrink(100)


def pages_to_ocr(path: str | Path, password: str | None = None,
                 settings: OcrSettings = DEFAULTS.ocr) -> tuple[int, int]:
    """A file's page count, and how many of its pages OCR will read as far as a glance tells:
    every page with OCR ``always``, none with ``never``, else the pages that use no font
    (image-only pages; ten times quicker to tell than by their text). (0, 0) when the file
    cannot be opened."""
    with _opened(Path(path), password, required=False) as doc:
        if doc is None:
            return 0, 0
        if settings.mode == "never" or tesseract_path() is None:
            return doc.page_count, 0
        if settings.mode == "always":
            return doc.page_count, doc.page_count
        return doc.page_count, _pages_without_fonts(doc)


def _pages_without_fonts(doc) -> int:
    """How many pages use no font; 0 when the page tree cannot be walked (a damaged file is
    read, page by page, by the extractor, which says what it lost)."""
    try:
        return sum(1 for page in doc if not page.get_fonts())
    except Exception:  # MuPDF raises several types for broken page trees
        return 0


def no_text_reason(warnings: list[str], mode: str, pages: list[PageLayout]) -> str:
    """Why a document whose pages, OCR'd under ``mode`` where it allowed, gave no text at all."""
    if mode == "never":
        return "no text: the pages are empty or image-only (a scan without a text layer; OCR is off)"
    if TESSERACT_MISSING in warnings:
        return "no text: image-only pages and Tesseract is not installed (apt-get install tesseract-ocr)"
    if failure := next((warning for warning in warnings if "OCR failed" in warning), None):
        return f"no text: image-only pages, and {failure}"
    if all(page.ocr_decision == BLANK_PAGE for page in pages):
        return "no text: the pages are blank"
    return "no text: no text layer, and OCR read nothing on the page images"


def _tidy_ocr_page(page: RawPage, doc, settings: OcrSettings) -> None:
    """Drop rule artefacts, mark bold words (when the page image, ``doc``, is there), and
    steady lines and sizes on an OCR'd page."""
    page.words = [word for word in page.words if not RULE_ARTEFACT.fullmatch(word.text)]
    skew = estimate_skew(page.words, settings)
    lines = printed_lines(page.words, skew, settings)
    if doc is not None:
        mark_bold_words(lines, doc[page.number - 1], settings)
    for line in lines:
        steady_line(line)
        square_line(line, skew, page.height / 2)
    steady_sizes(page.words, settings)


@contextmanager
def _opened(path: Path, password: str | None, required: bool):
    """The PDF opened once by PyMuPDF, for OCR and page images. When it cannot be opened and
    OCR is not ``required``, None: the words are kept, only the bold marks are not made."""
    try:
        doc = open_with_pymupdf(path, password)
    except PdfError:
        if required:
            raise
        yield None
        return
    with doc:
        yield doc


def _ocr_reason(page: RawPage, sample: str, unmapped: float, settings: OcrSettings) -> str:
    """Why ``page`` is to be OCR'd ("" when not); ``unmapped``: its :func:`unmapped_share`."""
    if settings.mode == "never":
        return ""
    if settings.mode == "always":
        return ALWAYS
    if not page.words:
        return "no text"
    if unmapped >= settings.unmapped_share:
        return f"glyphs without a Unicode mapping ({unmapped:.0%} of its characters)"
    if _only_figures(sample, settings.figures_share):
        return ""
    quality, garbage = page.text_quality or 0.0, settings.garbage_quality
    if quality < garbage and (plausible := plausible_share(sample)) < garbage:
        return f"text is not real text (plausible words {plausible:.0%})"
    if page.text_source == "ocr layer" and quality < settings.poor_layer_quality:
        return f"poor OCR layer (known words {quality:.0%})"
    return ""


def _only_figures(text: str, share: float) -> bool:
    """Whether a page's text is numbers and marks only, at least ``share`` of its tokens (a table
    of figures, a plot drawn with text dots): nothing to read better. A font without a Unicode mapping gives replacement
    characters, or its raw codes as runs of digits and symbols, which figures do not form.

    >>> _only_figures("12.5 (3.1) $1,200 -0.4 45% 1/2 * 2019-2020", 0.8), _only_figures("+1%5)!659>$<@ :5!)1%5)", 0.8)
    (True, False)
    """
    if WORD.search(text) or GARBAGE_CHARACTERS.search(text):
        return False
    tokens = text.split()
    return sum(bool(FIGURE.fullmatch(token)) for token in tokens) >= share * len(tokens)


class _Reader:
    """The OCR settings of a document's pages: the language asked for, with another one
    added from the page on where the text shows it is needed, when its data is installed
    (a warning naming the package to install when not):

    * a page read in the language asked for that is not text in any language, whose script,
      told by Tesseract's OSD, is another language's (Cyrillic read as English);
    * the first page of Latin-script text with :data:`MIN_LANGUAGE_WORDS` words, whose words
      are another Latin-script language's (French read as English loses its accents and
      apostrophes: "l'âtre" as "I'atre").
    """

    def __init__(self, settings: OcrSettings, warnings: list[str]) -> None:
        self.settings = settings
        self.warnings = warnings
        self.script_checked = False
        self.language_checked = False

    def read(self, pdf_page, number: int, dpi: float) -> tuple[RawPage, list[str]]:
        ocred, messages = tesseract_page(pdf_page, number, dpi, self.settings)
        sample, enough = sample_text(ocred.words), self.settings.garbage_quality
        if text_quality(sample) >= enough or plausible_share(sample) >= enough:
            needed, shown_by = self._latin_language(sample)
        elif not self.script_checked:
            self.script_checked = True
            script = page_script(pdf_page, dpi, self.settings)
            needed, shown_by = OSD_LANGUAGES.get(script or ""), f"{script} script"
        else:
            return ocred, messages
        if needed is None or not self._add(needed, shown_by):
            return ocred, messages
        return tesseract_page(pdf_page, number, dpi, self.settings)

    def _latin_language(self, sample: str) -> tuple[str | None, str]:
        """The Tesseract language of a page's Latin-script words, when they are enough to tell and
        it was not told before."""
        if self.language_checked or len(WORD.findall(sample)) < MIN_LANGUAGE_WORDS:
            return None, ""
        self.language_checked = True
        language = detect_language([sample])
        return TESSERACT_LANGUAGES.get(language), f"words in {language}"

    def _add(self, language: str, shown_by: str) -> bool:
        """Read the pages from now on in ``language`` too, if it is new and installed."""
        if language in self.settings.language.split("+"):
            return False
        if language not in installed_languages():
            package = "tesseract-ocr-" + language.replace("_", "-")
            self.warnings.append(f"OCR: the pages show {shown_by} but were read as {self.settings.language}: "
                                 f"Tesseract's data for {language} is not installed (apt-get install {package})")
            return False
        self.settings = self.settings.model_copy(update={"language": f"{language}+{self.settings.language}"})
        return True


def _better_page(page: RawPage, pdf_page, reason: str, reader: _Reader) -> RawPage:
    """The page OCR'd, if that reads better than what it has; either way with the decision noted."""
    settings, warnings = reader.settings, reader.warnings
    if not page.words and not _has_ink(pdf_page, settings.max_render_pixels):
        page.ocr_decision = BLANK_PAGE
        return page
    dpi = render_dpi(pdf_page, settings.dpi, settings.max_render_pixels)
    try:
        ocred, messages = reader.read(pdf_page, page.number, dpi)
    except Exception as exc:  # a failing OCR must not lose the page's own text
        warnings.append(f"page {page.number}: OCR failed ({short_message(exc)})")
        page.ocr_decision = f"OCR failed: {reason}"
        return page
    settings = reader.settings
    warnings.extend(f"page {page.number}: Tesseract: {message}" for message in messages[:MAX_ENGINE_MESSAGES])
    ocred.text_quality = text_quality(sample_text(ocred.words))
    if page.words and reason != ALWAYS \
            and ocred.text_quality < (page.text_quality or 0.0) + settings.clearly_better:
        page.ocr_decision = (f"kept the page's text: {reason}, OCR at {dpi:.0f} dpi was not clearly better "
                             f"(known words {ocred.text_quality:.0%})")
        return page
    ocred.ocr_decision = f"OCR'd at {dpi:.0f} dpi: {reason}"
    return ocred


def _is_unmapped_run(word: Word) -> bool:
    """Whether a word holds :data:`MIN_UNMAPPED_RUN` or more characters from glyphs without a
    Unicode mapping, set in a row (fewer are a symbol: a bullet, a box; a stack taller than
    wide is pieces of a large bracket from a math font)."""
    return (not word.text.isascii() and word.x1 - word.x0 > word.y1 - word.y0
            and len(GARBAGE_CHARACTERS.findall(word.text)) >= MIN_UNMAPPED_RUN)


def _read_unmapped_runs(page: RawPage, pdf_page, settings: OcrSettings, warnings: list[str]) -> None:
    """Replace each word of a page spelled in glyphs without a Unicode mapping (a line set in
    a font that has none, on a page whose other text reads) by the words OCR reads inside its
    box, in its type style; the page's other words stay as the PDF gives them."""
    dpi = render_dpi(pdf_page, settings.dpi, settings.max_render_pixels)
    try:
        ocred, _ = tesseract_page(pdf_page, page.number, dpi, settings)
    except Exception as exc:  # the page keeps its words; the loss is said
        warnings.append(f"page {page.number}: OCR failed ({short_message(exc)}); "
                        "some text may be missing (glyphs without a Unicode mapping)")
        return
    runs = read = 0
    words: list[Word] = []
    for word in page.words:
        unmapped = _is_unmapped_run(word)
        found = _read_inside(word, ocred.words) if unmapped else []
        runs += unmapped
        read += bool(found)
        words.extend(found or [word])
    page.words = words
    page.ocr_decision = (f"{read} of {runs} words in glyphs without a Unicode mapping read by OCR "
                         f"at {dpi:.0f} dpi")


def _read_inside(word: Word, ocred: list[Word]) -> list[Word]:
    """The OCR'd words whose centres lie in ``word``'s box, left to right, set in its style and
    on its line."""
    inside = sorted((o for o in ocred if word.x0 <= (o.x0 + o.x1) / 2 <= word.x1
                     and word.y0 <= (o.y0 + o.y1) / 2 <= word.y1), key=lambda o: o.x0)
    return [replace(word, text=o.text, x0=o.x0, x1=o.x1) for o in inside]


def tesseract_page(pdf_page, number: int, dpi: float,
                   settings: OcrSettings = DEFAULTS.ocr) -> tuple[RawPage, list[str]]:
    """The page rendered at ``dpi`` and read by the ``tesseract`` command (in ``settings.language``),
    with what it said.

    Tesseract writes its result as a text-only PDF (invisible words in place), which is
    read by the same code as any OCR layer, then scaled to the page's own size; in the same
    run it writes a TSV of its words with their confidences, which the words take
    (:func:`set_confidences`). Its most doubtful lines are read again (:func:`reread_doubtful_lines`).
    """
    pixmap = grey_image(pdf_page, dpi, settings.max_render_pixels)
    page, found, messages = _tesseract_read(pixmap, pdf_page.rect, number, dpi, settings)
    reread_doubtful_lines(page, found, pdf_page, settings)
    page.width, page.height = pdf_page.rect.width, pdf_page.rect.height
    fit_oversized_page(page)
    page.text_source = "tesseract"
    return page, list(dict.fromkeys(messages))


def _tesseract_read(pixmap, rect, number: int, dpi: float, settings: OcrSettings,
                    mode: int | None = None) -> tuple[RawPage, list[TsvWord], list[str]]:
    """What Tesseract reads in ``pixmap``, an image of ``rect`` of page ``number`` at ``dpi`` (in
    page segmentation ``mode``, or its own): a page of words placed in ``rect``, with their
    confidences; the TSV's words placed alike; and what Tesseract said."""
    import pymupdf

    with tempfile.TemporaryDirectory(prefix="pipeline-ocr-") as folder:
        image, output = Path(folder) / "page.pgm", Path(folder) / "page"  # PNG's compression costs 0.7 s a page
        pixmap.save(image)
        messages = _tesseract_result(image, output, dpi, settings, mode)
        with pymupdf.open(output.with_suffix(".pdf")) as ocred:
            page = read_pymupdf_page(ocred[0], number)
            scale = rect.width / ocred[0].rect.width
        found = tsv_words(output.with_suffix(".tsv").read_text(encoding="utf-8"))
    for word in page.words:
        word.x0, word.x1 = rect.x0 + word.x0 * scale, rect.x0 + word.x1 * scale
        word.y0, word.y1 = rect.y0 + word.y0 * scale, rect.y0 + word.y1 * scale
        word.size *= scale
    per_pixel = rect.width / pixmap.width
    found = [box._replace(x0=rect.x0 + box.x0 * per_pixel, y0=rect.y0 + box.y0 * per_pixel,
                          x1=rect.x0 + box.x1 * per_pixel, y1=rect.y0 + box.y1 * per_pixel) for box in found]
    set_confidences(page.words, found)
    return page, found, messages


def reread_doubtful_lines(page: RawPage, found: list[TsvWord], pdf_page,
                          settings: OcrSettings = DEFAULTS.ocr) -> None:
    """Read again each line of ``page`` that Tesseract read (its TSV words ``found``, placed on the
    page) with a mean confidence below ``settings.reread_confidence``, the ``settings.reread_lines``
    most doubtful: cut out of the page at ``settings.reread_dpi`` and read as one line of text.

    Where the second reading has as many words and is better (:func:`better_reading`), the
    line's words take its texts and confidences, left to right, and keep their boxes; a mark
    alone (a dash, a quote, a speck) keeps its first reading, as the layout stages may read
    it as a rule or a bullet.
    """
    for box in doubtful_lines(found, settings.reread_confidence)[:settings.reread_lines]:
        old = [word for word in page.words if _middle_within(word, box)]
        if not old:  # Tesseract's words of the line were all dropped (marks, blanks)
            continue
        new = _reread(pdf_page, box, page.number, settings)
        if len(new) != len(old) or not better_reading(new, old, settings.reread_gain):
            continue
        for first, second in zip(sorted(old, key=attrgetter("x0")), sorted(new, key=attrgetter("x0"))):
            if WORD_CHARACTER.search(first.text) and WORD_CHARACTER.search(second.text):
                first.text, first.confidence = second.text, second.confidence


def doubtful_lines(found: list[TsvWord], confidence: float) -> list[tuple[float, float, float, float]]:
    """The boxes of the lines of TSV words ``found`` whose mean confidence is below ``confidence``,
    the most doubtful first.

    >>> doubtful_lines([TsvWord(0, 0, 9, 9, 0.9, "1.1.1"), TsvWord(12, 0, 20, 9, 0.5, "1.1.1"),
    ...                 TsvWord(0, 20, 9, 29, 0.95, "1.1.2")], 0.8)
    [(0, 0, 20, 9)]
    """
    lines: dict[str, list[TsvWord]] = {}
    for box in found:
        lines.setdefault(box.line, []).append(box)
    means = {key: fmean(box.confidence for box in line) for key, line in lines.items()}
    doubtful = sorted((key for key in lines if means[key] < confidence), key=means.__getitem__)
    return [(min(box.x0 for box in lines[key]), min(box.y0 for box in lines[key]), max(box.x1 for box in lines[key]),
             max(box.y1 for box in lines[key])) for key in doubtful]


def _middle_within(word: Word, box: tuple[float, float, float, float]) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _reread(pdf_page, box: tuple[float, float, float, float], number: int, settings: OcrSettings) -> list[Word]:
    """The words of the line in ``box`` read again on their own, as one line of text at
    ``settings.reread_dpi`` (none when Tesseract fails on it)."""
    import pymupdf

    pad = LINE_PADDING * (box[3] - box[1])
    clip = pymupdf.Rect(box[0] - 2 * pad, box[1] - pad, box[2] + 2 * pad, box[3] + pad) & pdf_page.rect
    scale = settings.reread_dpi / 72
    pixmap = pdf_page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), clip=clip, colorspace=pymupdf.csGRAY)
    try:
        page, _, _ = _tesseract_read(pixmap, clip, number, settings.reread_dpi, settings, LINE_MODE)
    except (RuntimeError, OSError, subprocess.SubprocessError):  # the page's first reading stands
        return []
    return [word for word in page.words if word.confidence is not None]


def better_reading(new: list[Word], old: list[Word], gain: float) -> bool:
    """Whether ``new``, a second reading of a line, is better than ``old``: a mean confidence
    higher by ``gain`` with no lower a share of known words (:func:`text_quality`), or a higher
    share of known words with a confidence lower by less than ``gain``.

    >>> def line(*readings):
    ...     return [Word(text, 0, 0, 9, 9, 9, confidence=confidence) for text, confidence in readings]
    >>> old = line(("Riveriands", 0.41), ("Water", 0.92), ("Bulletin", 0.93))
    >>> better_reading(line(("Riverlands", 0.62), ("Water", 0.93), ("Bulletin", 0.9)), old, 0.05)
    True
    >>> better_reading(line(("Rivcrlands", 0.7), ("Water", 0.95), ("Bulletin", 0.95)), old, 0.05)
    True
    >>> better_reading(line(("Riverlands", 0.1), ("Water", 0.5), ("Bulletin", 0.5)), old, 0.05)
    False
    """
    (known_new, sure_new), (known_old, sure_old) = _reading(new), _reading(old)
    return (known_new >= known_old and sure_new >= sure_old + gain) or \
        (known_new > known_old and sure_new > sure_old - gain)


def _reading(words: list[Word]) -> tuple[float, float]:
    """The share of known words of a reading and its mean confidence."""
    return text_quality(" ".join(word.text for word in words)), fmean(word.confidence or 0.0 for word in words)


def _tesseract_result(image: Path, output: Path, dpi: float, settings: OcrSettings,
                      mode: int | None = None) -> list[str]:
    """Tesseract's PDF and TSV of ``image`` at ``output``.pdf and ``output``.tsv (in page
    segmentation ``mode``, or its own), from the OCR cache when it has them; returns what
    Tesseract said."""
    cache = OCR_CACHE.get()
    if cache is None:
        return _run_tesseract(image, output, dpi, settings, mode)
    key = _cache_key(image, dpi, settings, mode)
    if (cached := _cached_result(cache, key)) is not None:
        results, messages = cached
        for suffix, data in zip(RESULT_SUFFIXES, results):
            output.with_suffix(suffix).write_bytes(data)
        return messages
    messages = _run_tesseract(image, output, dpi, settings, mode)
    _keep_result(cache, key, output, messages)
    return messages


def _run_tesseract(image: Path, output: Path, dpi: float, settings: OcrSettings,
                   mode: int | None = None) -> list[str]:
    """Tesseract's text-only PDF and TSV of ``image`` at ``output``.pdf and ``output``.tsv (one
    reading, two renderers; in page segmentation ``mode``, or its own); returns what it said."""
    segmentation = ["--psm", str(mode)] if mode is not None else []
    result = subprocess.run(
        [tesseract_path() or "tesseract", str(image), str(output), "--dpi", str(max(1, round(dpi))),
         "-l", settings.language, *segmentation, "-c", "textonly_pdf=1", "pdf", "tsv"],
        capture_output=True, text=True, timeout=settings.page_timeout, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    messages = [line.strip() for line in result.stderr.splitlines()
                if line.strip() and not TESSERACT_CHATTER.match(line)]
    if result.returncode:
        raise RuntimeError(messages[0] if messages else f"tesseract exited with {result.returncode}")
    return messages


def tsv_words(tsv: str) -> list[TsvWord]:
    """The words of Tesseract's TSV output: each word's box in image pixels and its confidence (0 to 1).

    >>> header = "level page_num block_num par_num line_num word_num left top width height conf text"
    >>> row = "5 1 1 1 1 1 340 287 500 70 91.68 Soil"
    >>> tsv_words("\\n".join(line.replace(" ", "\\t") for line in (header, row)))
    [TsvWord(x0=340.0, y0=287.0, x1=840.0, y1=357.0, confidence=0.917, line='1.1.1')]
    """
    words = []
    for line in tsv.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) == TSV_FIELDS and fields[0] == TSV_WORD_LEVEL and fields[-1].strip():
            left, top, width, height = (float(field) for field in fields[6:10])
            words.append(TsvWord(left, top, left + width, top + height, round(max(float(fields[10]), 0.0) / 100, 3),
                                 ".".join(fields[2:5])))
    return words


def set_confidences(words: list[Word], found: list[TsvWord]) -> None:
    """Give each of a page's OCR'd ``words`` the confidence of the TSV word (:func:`tsv_words`,
    placed alike) that its box overlaps most, across its middle height. Matching by box, not by
    order, holds where the PDF's words are cut or ordered otherwise.

    >>> words = [Word("Soil", 0, 10, 20, 20, 10), Word("moist", 24, 10, 50, 20, 10), Word("x", 0, 90, 5, 99, 9)]
    >>> set_confidences(words, [TsvWord(0, 9, 21, 20, 0.96), TsvWord(23, 10, 50, 20, 0.41)])
    >>> [word.confidence for word in words]
    [0.96, 0.41, None]
    """
    bands: dict[int, list[TsvWord]] = {}
    for box in found:
        for band in range(int(box.y0 // CONFIDENCE_BAND), int(box.y1 // CONFIDENCE_BAND) + 1):
            bands.setdefault(band, []).append(box)
    for word in words:
        middle = (word.y0 + word.y1) / 2
        near = bands.get(int(middle // CONFIDENCE_BAND), [])
        overlap, confidence = max(((_overlap(word, middle, box), box.confidence) for box in near),
                                  default=(0.0, None))
        if overlap > 0:
            word.confidence = confidence


def _overlap(word: Word, middle: float, box: TsvWord) -> float:
    """How far ``word`` and a TSV ``box`` overlap across, when its ``middle`` height is within the box."""
    if not box.y0 <= middle <= box.y1:
        return 0.0
    return min(word.x1, box.x1) - max(word.x0, box.x0)


def _cache_key(image: Path, dpi: float, settings: OcrSettings, mode: int | None = None) -> str:
    """The page image, the engine's version, what it was asked and what a result holds, as one hash."""
    digest = hashlib.sha256(image.read_bytes())
    digest.update(f"{tesseract_version()}|{settings.language}|{round(dpi)}|{'+'.join(RESULT_SUFFIXES)}".encode())
    if mode is not None:
        digest.update(f"|psm {mode}".encode())
    return digest.hexdigest()


def _cached_result(folder: Path, key: str) -> tuple[list[bytes], list[str]] | None:
    """Tesseract's results (one per :data:`RESULT_SUFFIXES`) and messages under ``key``, if the
    OCR cache ``folder`` has them (read at once: another run may trim the cache meanwhile)."""
    try:
        results = [(folder / f"{key}{suffix}").read_bytes() for suffix in RESULT_SUFFIXES]
        return results, json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _keep_result(folder: Path, key: str, output: Path, messages: list[str]) -> None:
    """Put a result (``output`` with each of :data:`RESULT_SUFFIXES`) in the OCR cache ``folder``:
    written under temporary names, then renamed (two runs may share the cache), the messages
    last, as they mark a whole result; the oldest results go past :data:`OCR_CACHE_MB`."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [(output.with_suffix(suffix).read_bytes(), f"{key}{suffix}") for suffix in RESULT_SUFFIXES]
    for data, name in files + [(json.dumps(messages).encode(), f"{key}.json")]:
        temporary = folder / f".{name}.{os.getpid()}.tmp"
        temporary.write_bytes(data)
        os.replace(temporary, folder / name)
    _trim(folder, OCR_CACHE_MB * 2**20)


def _trim(folder: Path, limit: int) -> None:
    """Remove the oldest results until the cache holds at most ``limit`` bytes."""
    files = []
    for entry in folder.iterdir():
        try:
            stat = entry.stat()
        except OSError:  # removed by another run meanwhile
            continue
        if not entry.name.startswith("."):
            files.append((stat.st_mtime, stat.st_size, entry))
    total = sum(size for _, size, _ in files)
    for _, size, entry in sorted(files):
        if total <= limit:
            return
        entry.unlink(missing_ok=True)
        total -= size


@lru_cache(maxsize=1)
def tesseract_version() -> str:
    command = tesseract_path()
    if command is None:
        return ""
    result = subprocess.run([command, "--version"], capture_output=True, text=True)
    return (result.stdout or result.stderr).splitlines()[0] if (result.stdout or result.stderr) else ""


def page_script(pdf_page, dpi: float, settings: OcrSettings = DEFAULTS.ocr) -> str | None:
    """The script of the page's text ("Latin", "Cyrillic", "Han", ...) as Tesseract's
    orientation and script detection tells it; None when it cannot."""
    pixmap = grey_image(pdf_page, dpi, settings.max_render_pixels)
    with tempfile.TemporaryDirectory(prefix="pipeline-osd-") as folder:
        image = Path(folder) / "page.pgm"
        pixmap.save(image)
        result = subprocess.run([tesseract_path() or "tesseract", str(image), "stdout", "--psm", "0"],
                                capture_output=True, text=True, timeout=settings.page_timeout,
                                env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    found = OSD_SCRIPT.search(result.stdout)
    return found.group(1) if found else None


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """The language data Tesseract has (``tesseract --list-langs``); none without Tesseract."""
    command = tesseract_path()
    if command is None:
        return frozenset()
    result = subprocess.run([command, "--list-langs"], capture_output=True, text=True)
    return frozenset(line.strip() for line in result.stdout.splitlines()[1:] if line.strip())


def _has_ink(pdf_page, max_pixels: int) -> bool:
    """Whether anything at all is drawn on the page: a pixel of a cheap rendering that stands
    out from the page's ground (its commonest shade) by :data:`INK_CONTRAST`.

    The rendering is at :data:`INK_DPI`: coarser, small type on a small page (a 7-point
    paragraph scanned on a 3-inch card) averages out to a pale grey and the page passes
    for blank. The ground need not be white: a page scanned on grey stock, or white type
    on a dark one, has ink too.
    """
    pixmap = grey_image(pdf_page, INK_DPI, max_pixels)
    shades = pixmap.color_count(colors=True)
    if not shades:
        return False
    ground = max(shades, key=shades.__getitem__)[0]
    return any(abs(shade[0] - ground) >= INK_CONTRAST for shade in shades)


def render_dpi(pdf_page, dpi: float, max_pixels: int) -> float:
    """``dpi``, or less for a page so large that its image would pass ``max_pixels``.

    A PDF page may be 200 inches square (rendered at 300 dpi that is 3.6 billion pixels),
    and a broken one may declare any size.
    """
    square_inches = pdf_page.rect.width / 72 * pdf_page.rect.height / 72
    if square_inches <= 0:
        return dpi
    return min(dpi, (max_pixels / square_inches) ** 0.5)


def grey_image(pdf_page, dpi: float, max_pixels: int):
    """The page rendered in shades of grey at ``dpi``, or at the :func:`render_dpi` of a
    page too large for it."""
    import pymupdf

    scale = render_dpi(pdf_page, dpi, max_pixels) / 72
    return pdf_page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), colorspace=pymupdf.csGRAY)


def tesseract_path() -> str | None:
    """The ``tesseract`` command, or None when Tesseract is not installed."""
    return shutil.which("tesseract")


def printed_lines(words: list[Word], skew: float | None = None,
                  settings: OcrSettings = DEFAULTS.ocr) -> list[list[Word]]:
    """The OCR'd ``words`` in printed lines, each in reading order.

    A line is a run of words on nearly the same baseline, levelled by the page's ``skew``
    (:func:`estimate_skew` when not given), with no gap wider than ``settings.line_gap``
    sizes. (An OCR engine's own lines cannot be trusted for this: it may cut a short word
    such as "in" out of its line.) Levelling matters: on a page scanned 0.7° askew, a
    line falls 6 points across the page, half the distance to the next line, and the
    words of two lines would interleave.
    """
    lines = []
    for row in _baseline_rows(words, estimate_skew(words, settings) if skew is None else skew,
                              settings.baseline_tolerance):
        row.sort(key=lambda word: word.x0)
        _space_apart(row, settings.word_space)
        start = 0
        for index in range(1, len(row) + 1):
            if index == len(row) or row[index].x0 - row[index - 1].x1 > settings.line_gap * row[index - 1].size:
                lines.append(row[start:index])
                start = index
    return lines


def steady_line(line: list[Word]) -> None:
    """Give each run of words of one weight in ``line`` one size and one baseline, their
    medians: the size over its words of two or more letters when it has any (OCR sizes a
    number or a mark by its own short glyphs). Runs are steadied apart because a line
    of OCR may run across a narrow column gutter from body text into a bold heading."""
    start = 0
    for index in range(1, len(line) + 1):
        if index == len(line) or line[index].bold != line[start].bold:
            run = line[start:index]
            worded = [word for word in run if sum(ch.isalpha() for ch in word.text) >= 2] or run
            size = median(word.size for word in worded)
            baseline = median(baseline_of(word) for word in run)
            for word in run:
                set_size_on_baseline(word, size, baseline)
            start = index


def square_line(line: list[Word], skew: float, middle: float) -> None:
    """Move a steadied line (:func:`steady_line`) across as the page's ``skew`` turned it:
    by the skew times its height above or below the page's ``middle``. Levelling the lines
    makes them horizontal, and this makes the page's margins and indents vertical again: on
    a page scanned 3° askew, the left margin drifts 35 points from the top line to the
    bottom one, and a list's hanging lines would not line up under their items.
    """
    shift = skew * (baseline_of(line[0]) - middle)
    for word in line:
        word.x0 += shift
        word.x1 += shift


def mark_bold_words(lines: list[list[Word]], pdf_page, settings: OcrSettings = DEFAULTS.ocr) -> None:
    """Mark as bold the OCR'd words set in clearly thicker strokes than the page's usual words.

    OCR gives no type style, but the page image shows it: a stroke's width is the mean
    length of the runs of dark pixels across the rows of a word's box, and bold strokes
    are about 1.6 times as wide as regular ones. Weight is judged per phrase, a run of
    words no further apart than ``settings.phrase_gap`` times the line's usual size: one
    word has few strokes to judge by (a lone word must pass a higher bar, unless it
    continues a bold line above it, as the last word of a heading does), and OCR may
    have run a heading and the body text beside it into one line across a narrow column
    gutter.
    """
    if len(lines) < settings.min_lines_for_ink:
        return
    dpi = render_dpi(pdf_page, settings.stroke_dpi, settings.max_render_pixels)
    pixmap = grey_image(pdf_page, dpi, settings.max_render_pixels)
    phrases = [phrase for line in lines for phrase in _phrases(line, settings.phrase_gap)]
    strokes = [[_strokes(pixmap, word, dpi / 72) for word in phrase] for phrase in phrases]
    widths = [dark / runs for counts in strokes for dark, runs in counts if runs >= settings.min_strokes]
    usual = median(widths) if widths else 0.0
    if not usual:
        return
    doubtful = []
    for phrase, counts in zip(phrases, strokes):
        dark, runs = sum(dark for dark, _ in counts), sum(runs for _, runs in counts)
        width = dark / runs / usual if runs >= settings.min_strokes else 0.0
        bold = width >= (settings.bold_stroke_ratio if len(phrase) > 1 else settings.lone_word_bold_ratio)
        for word in phrase:
            word.bold = bold
        if not bold and len(phrase) == 1 and width >= settings.bold_stroke_ratio:
            doubtful.append(phrase[0])
    bold_words = [word for phrase in phrases for word in phrase if word.bold]
    for word in doubtful:
        word.bold = any(_just_above(other, word, settings.next_line) for other in bold_words)


def _just_above(upper: Word, lower: Word, next_line: float) -> bool:
    """Whether ``upper`` is on the line before ``lower``'s, above it (``next_line`` sizes or less)."""
    rise = baseline_of(lower) - baseline_of(upper)
    return 0 < rise <= next_line * lower.size and upper.x0 < lower.x1 and lower.x0 < upper.x1


def _phrases(line: list[Word], phrase_gap: float) -> list[list[Word]]:
    gap = phrase_gap * median(word.size for word in line)
    phrases = [[line[0]]]
    for left, right in zip(line, line[1:]):
        if right.x0 - left.x1 > gap:
            phrases.append([])
        phrases[-1].append(right)
    return phrases


def _strokes(pixmap, word: Word, scale: float) -> tuple[int, int]:
    """The dark pixels and the runs of dark pixels across the rows of ``word``'s box in a
    grey ``pixmap`` drawn at ``scale`` pixels per point: their ratio is the mean width,
    in pixels, of the word's strokes."""
    x0, x1 = max(int(word.x0 * scale), 0), min(int(word.x1 * scale), pixmap.width)
    y0, y1 = max(int(word.y0 * scale), 0), min(int(word.y1 * scale), pixmap.height)
    dark = runs = 0
    for row in range(y0, y1):
        start = row * pixmap.stride
        pixels = pixmap.samples_mv[start + x0:start + x1].tobytes().translate(DARK_PIXELS)
        dark += pixels.count(1)
        runs += pixels.count(b"\x00\x01") + pixels.startswith(b"\x01")
    return dark, runs


def _space_apart(row: list[Word], space: float) -> None:
    """End each word a space before the next one on its baseline starts. The OCR engine has
    already cut the line into words, but at low resolution it boxes a word over its
    neighbours ("industrial" over "estate on") or right against them, where the layout
    stages would glue the two into one word ("themeadows")."""
    for word, following in zip(row, row[1:]):
        if following.x0 > word.x0 and word.x1 > following.x0 - space * word.size:
            word.x1 = max(following.x0 - space * word.size, (word.x0 + following.x0) / 2)


def estimate_skew(words: list[Word], settings: OcrSettings = DEFAULTS.ocr) -> float:
    """The slope (rise over run, y downwards) of the text lines of a scanned page.

    It is the slope, up to ``settings.max_skew``, along which the words' baselines pile up most
    sharply (a projection profile: the sum of squares of the ink per 1-point band of
    levelled baseline), searched coarse then fine. Slopes closer to level win ties.
    """
    def sharpness(slope: float) -> float:
        bands: dict[int, float] = {}
        for word in words:
            band = round(baseline_of(word) - slope * (word.x0 + word.x1) / 2)
            bands[band] = bands.get(band, 0.0) + word.x1 - word.x0
        return sum(ink * ink for ink in bands.values())

    def best(candidates: list[float]) -> float:
        return max(sorted(candidates, key=abs), key=sharpness)

    step = settings.skew_step
    steps = round(settings.max_skew / step)
    coarse = best([k * step for k in range(-steps, steps + 1)])
    return best([coarse + k * step / 4 for k in range(-3, 4)])


def _baseline_rows(words: list[Word], skew: float, tolerance: float) -> list[list[Word]]:
    if not words:
        return []
    typical = median(word.size for word in words)

    def level(word: Word) -> float:
        return baseline_of(word) - skew * (word.x0 + word.x1) / 2

    ordered = sorted(words, key=level)
    rows = [[ordered[0]]]
    for previous, word in zip(ordered, ordered[1:]):
        if level(word) - level(previous) > tolerance * typical:
            rows.append([])
        rows[-1].append(word)
    return rows


def steady_sizes(words: list[Word], settings: OcrSettings = DEFAULTS.ocr) -> None:
    """Snap the type sizes of an OCR'd page to its usual sizes, bold and regular apart.

    The usual sizes are found heaviest first (by characters set in them, see
    :func:`_usual_size`); every size within ``settings.size_tolerance`` of a usual size
    becomes that size. Bold words are snapped among themselves: headings are often set
    only a little larger than the body, and the two lines of one heading must not fall
    to different sizes.
    """
    for bold in (False, True):
        _snap_sizes([word for word in words if word.bold == bold], settings)


def _usual_size(weight: Counter[float], settings: OcrSettings) -> float:
    """The centre of the heaviest cluster of sizes: starting from the heaviest size, the
    weighted median of the sizes within ``settings.size_tolerance`` of the centre, until it
    settles. (The heaviest size alone may lie at one edge of a body size OCR spread over
    20%, and the body's other edge would then be taken for a size of its own.)"""
    centre = max(weight, key=weight.__getitem__)
    for _ in range(settings.centring_steps):
        near = sorted(size for size in weight if abs(size - centre) <= settings.size_tolerance * centre)
        middle = _weighted_median(near, weight)
        if middle == centre:
            break
        centre = middle
    return centre


def _weighted_median(sizes: list[float], weight: Counter[float]) -> float:
    """The middle of the ascending ``sizes`` by ``weight``."""
    running = list(accumulate(weight[size] for size in sizes))
    return sizes[bisect_left(running, running[-1] / 2)]


def _snap_sizes(words: list[Word], settings: OcrSettings) -> None:
    if not words:
        return
    weight: Counter[float] = Counter()
    for word in words:
        weight[round(word.size * 4) / 4] += len(word.text)
    snapped: dict[float, float] = {}
    while weight:
        usual = _usual_size(weight, settings)
        for size in [s for s in weight if abs(s - usual) <= settings.size_tolerance * usual]:
            snapped[size] = usual
            del weight[size]
    for word in words:
        size = snapped[round(word.size * 4) / 4]
        set_size_on_baseline(word, size, word.y1 - (1 - OCR_ASCENT) * word.size)

