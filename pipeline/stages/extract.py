"""Extractors: turn a PDF file into :class:`RawDocument` pages of styled words.

Two backends yield the same model, so every later stage is backend-agnostic:

* ``pymupdf`` (default, fast): spans from ``page.get_text("dict")``, split into words.
* ``pdfplumber``: ``page.extract_words`` with font name and size.

Bad input raises :class:`PdfError` with a short plain-words reason.
"""

from __future__ import annotations

import logging
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from ..core.errors import PdfError
from ..core.geometry import Graphic, RawDocument, RawPage, Word, fit_oversized_page
from ..core.links import web_link
from .graphics import has_graphics, page_contents, read_backdrops, read_graphics, read_pdfplumber_graphics
from .lines import RIGHT_TO_LEFT, reads_right_to_left

SPACES = str.maketrans(dict.fromkeys("\t\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                                     "\u3000", " "))
"""Tabs and typographic spaces (en, em, thin, ideographic): they part words as a space does. A
no-break space does not."""
ARABIC = re.compile("[\u0600-\u06ff]")
ALEFS = "\u0627\u0622\u0623\u0625"
LAM = "\u0644"
RIGHT_TO_LEFT_CLASSES = ("R", "AL")
"""Bidirectional classes of letters written right to left (Hebrew; Arabic)."""
LEFT_TO_RIGHT_CLASSES = ("L", "EN", "AN")
"""Bidirectional classes written left to right even amid right-to-left text: letters of
left-to-right scripts and numbers (European or Arabic-Indic digits)."""
BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultrabold", re.IGNORECASE)
ITALIC_NAME = re.compile(r"italic|oblique|slanted", re.IGNORECASE)
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
SURROGATE = re.compile("[\ud800-\udfff]")
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
"""How pdfminer writes a glyph whose font gives no Unicode; PyMuPDF gives U+FFFD instead."""

SYMBOL_FONT = re.compile(r"symbol(mt|ps)?([-,].*)?$", re.IGNORECASE)
DINGBAT_FONT = re.compile(r"wingding|webding|dingbat|zapf", re.IGNORECASE)
SYMBOL_GREEK = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                             "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ")
"""The letters of Adobe's Symbol encoding (the font draws Greek where the text says Latin)."""
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]+")

MAX_LIBRARY_WARNINGS = 10
LIBRARY_PREFIXES = ("MuPDF: ", "pdfminer: ")
"""How the messages of the PDF libraries start in ``RawDocument.warnings`` (at most ``MAX_LIBRARY_WARNINGS``)."""
REPAIRED = "the file is damaged; MuPDF repaired its structure, and some text may be missing"
PYMUPDF_BOLD_FLAG = 16
PYMUPDF_ITALIC_FLAG = 2
PYMUPDF_MONOSPACED_FLAG = 8
MONO_NAME = re.compile(r"mono|courier|consol|menlo|typewriter|code|^cmtt|^sfmono|^lmmono|inconsolata", re.IGNORECASE)
"""Names of monospaced fonts (whose descriptors do not always say so)."""
FIXED_PITCH_SPREAD = 1.003
FIXED_PITCH_SPANS = 5
"""A font whose spans on a page (at least this many) all advance alike per character, within
this ratio, is monospaced..."""
FIXED_PITCH_LETTERS = 20
"""...when they hold at least this many different letters (digits alone are of one width in
most fonts)."""
OCR_ASCENT = 0.8
"""Share of the type size above the baseline in the boxes given to OCR'd words."""
WHITE_LEVEL = 240
"""Text whose red, green and blue (0 to 255) are each at least this is printed in white or nearly."""
FAKE_BOLD_STROKE = 0.015
"""Glyphs stroked with a line at least this wide (in ems of their size) over their fill read
as bold (a word processor's bold for a font with no bold face: 1/35 em in Word); a hairline
stroke some producers draw round all their text thickens nothing."""
STROKED_TEXT_MODE = re.compile(rb"(?<![\d.])[1256]\s+Tr\b")
"""A text rendering mode operator that strokes the glyphs (with or without filling them)."""
MAX_TARGET = 60
"""How much of a refused link target a warning quotes (a ``data:`` target may be megabytes)."""


def style_from_font_name(font: str) -> tuple[str, bool, bool]:
    """Strip a subset prefix and tell bold and italic from a PostScript font name.

    >>> style_from_font_name("ABCDEF+Times-BoldItalic")
    ('Times-BoldItalic', True, True)
    """
    name = SUBSET_PREFIX.sub("", font)
    return name, bool(BOLD_NAME.search(name)), bool(ITALIC_NAME.search(name))


def valid_unicode(text: str) -> str:
    """``text`` with surrogate pairs combined and lone surrogates (broken fonts) replaced by U+FFFD.

    >>> valid_unicode("ok" + chr(0xD800) + "!")
    'ok\ufffd!'
    """
    if text.isascii() or not SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


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


def keep_web_links(page: RawPage) -> str:
    """Unlink the words of ``page`` whose link annotation goes elsewhere than to a web or mail
    address (``javascript:``, ``data:``, ``file:``, a relative target: see
    :func:`~pipeline.core.links.web_link`); returns a warning naming those targets, or ""."""
    refused: dict[str, None] = {}
    for word in page.words:
        if word.link is not None:
            target = web_link(word.link)
            if target is None:
                refused[word.link] = None
            word.link = target
    if not refused:
        return ""
    targets = ", ".join(target if len(target) <= MAX_TARGET else target[:MAX_TARGET] + "..." for target in refused)
    # "(page N)": a warning that starts "page N:" would say the page lost text (structure.py)
    return f"links left as plain text (page {page.number}), only http, https and mailto links are kept: {targets}"


# --- PyMuPDF -------------------------------------------------------------------------

def open_with_pymupdf(path: Path, password: str | None):
    import pymupdf

    pymupdf.no_recommend_layout()
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    pymupdf.TOOLS.reset_mupdf_warnings()
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for unreadable files
        raise PdfError(f"not a readable PDF ({short_message(exc, path)})") from exc
    if doc.needs_pass:
        if not password:
            raise PdfError("encrypted: needs a password (use --password)", "encrypted")
        if not doc.authenticate(password):
            raise PdfError("encrypted: the password is wrong", "encrypted")
    try:
        count = doc.page_count
    except Exception as exc:
        raise PdfError(f"damaged page tree ({short_message(exc)})") from exc
    if count == 0:
        raise PdfError(NO_PAGES)
    return doc


def short_message(exc: Exception, path: Path | None = None) -> str:
    """An exception as a short line, without MuPDF's "code=N:" prefix or the file's name
    (the failure line names the file already).

    >>> short_message(RuntimeError("code=2: cycle in page tree"))
    'cycle in page tree'
    >>> short_message(RuntimeError("Failed to open file 'a.pdf' as type pdf."), Path("a.pdf"))
    'Failed to open file as type pdf.'
    """
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if path is not None:
        text = text.replace(f" '{path}'", "").replace(str(path), "the file")
    return re.sub(r"^code=\d+:\s*", "", text)[:120]


def _read_pages(page_count: int, read_page: Callable[[int], RawPage],
                numbers: Sequence[int] | None = None) -> tuple[list[RawPage], list[str]]:
    """Every page that can be read (of ``numbers``, 1-based, when given); a damaged page is
    skipped with a warning, not fatal."""
    pages, warnings = [], []
    for number in _page_numbers(page_count, numbers):
        try:
            pages.append(read_page(number))
        except Exception as exc:  # a broken page must not lose the rest of the document
            warnings.append(f"page {number} skipped: {short_message(exc)}")
    if not pages and numbers is None:
        raise_unreadable(warnings)
    return pages, warnings


def _page_numbers(page_count: int, numbers: Sequence[int] | None) -> Sequence[int]:
    """``numbers`` clipped to the document's pages (all of them when None)."""
    if numbers is None:
        return range(1, page_count + 1)
    if isinstance(numbers, range):
        return range(max(numbers.start, 1), min(numbers.stop, page_count + 1))
    return [number for number in numbers if 1 <= number <= page_count]


def raise_unreadable(warnings: list[str]) -> None:
    """Raise the error for a document none of whose pages could be read (``warnings`` say why)."""
    reason = next((w.split(": ", 1)[1] for w in warnings if w.startswith("page ")), "unknown cause")
    raise PdfError(f"no page could be read ({reason})")


@lru_cache(maxsize=4096)
def _span_style(font: str, flags: int) -> tuple[str, bool, bool, bool]:
    name, bold, italic = style_from_font_name(font)
    mono = bool(flags & PYMUPDF_MONOSPACED_FLAG) or bool(MONO_NAME.search(name))
    return name, bold or bool(flags & PYMUPDF_BOLD_FLAG), italic or bool(flags & PYMUPDF_ITALIC_FLAG), mono


def _span_words(span: dict, page: int, words: list[Word], fixed_pitch: bool = False) -> None:
    """Append the words of a PyMuPDF span, placing each by its share of the span's characters
    (``fixed_pitch``: its font was found monospaced), or by the boxes of its characters where
    the span has them (``chars``, one for each character of its text, left to right)."""
    text: str = span["text"]
    if not text.isascii():
        text = valid_unicode(text).translate(SPACES)
    elif "\t" in text:
        text = text.replace("\t", " ")
    if not text or text.isspace():
        return
    if " " not in text:
        words.append(_one_word(text, span, page, fixed_pitch))
        return
    x0, y0, x1, y1 = span["bbox"]
    font, bold, italic, mono = _span_style(span["font"], span["flags"])
    mono = mono or fixed_pitch
    size = _shared(span["size"])
    per_char = (x1 - x0) / len(text)
    backwards = reads_right_to_left(text)
    chars = span.get("chars")
    boxes = [char["bbox"] for char in chars] if chars and len(chars) == len(text) and not backwards else None
    start = 0
    for token in text.split(" "):
        if token:
            left, right = start * per_char, (start + len(token)) * per_char
            if boxes is not None:
                left, right = boxes[start][0] - x0, boxes[start + len(token) - 1][2] - x0
            elif backwards:  # the span's first character is at its right end
                left, right = (x1 - x0) - right, (x1 - x0) - left
            words.append(Word(sys.intern(token), x0 + left, y0, x0 + right, y1, size, font, bold, italic, None, page,
                              mono, hidden=_in_white(span), spaced=start > 0 and not backwards))
        start += len(token) + 1


FILLED_GAP = "  "
"""Spaces in a row inside a span: PyMuPDF filling a gap the producer left by moving the pen
(groff sets a table row as one run of text, its cells apart): the characters of such a span
are not alike in width, so its words are placed by their characters' boxes."""


def _fills_gaps(lines: list[dict]) -> bool:
    """Whether a line running across the page has a span with a gap filled by spaces (:data:`FILLED_GAP`)."""
    return any(FILLED_GAP in span["text"].strip() for line in lines if line["dir"][0] > 0.99 for span in line["spans"])


def _lines_with_characters(page, flags: int) -> list[dict]:
    """The page's lines (PyMuPDF's ``rawdict``), each span's text read from its characters, which
    the spans with a filled gap keep (elsewhere a font's drawn box may be set apart from its
    advance: a Symbol letter the PDF does not embed reaches into the next word)."""
    lines = [line for block in page.get_text("rawdict", flags=flags)["blocks"] for line in block.get("lines", ())]
    for line in lines:
        for span in line["spans"]:
            chars = span.pop("chars")
            span["text"] = "".join(char["c"] for char in chars)
            if FILLED_GAP in span["text"].strip():
                span["chars"] = chars
    return lines


def _one_word(text: str, span: dict, page: int, fixed_pitch: bool) -> Word:
    """The word of a span of one word (``fixed_pitch``: its font was found monospaced)."""
    font, bold, italic, mono = _span_style(span["font"], span["flags"])
    x0, y0, x1, y1 = span["bbox"]
    return Word(sys.intern(text), x0, y0, x1, y1, _shared(span["size"]), font, bold, italic, None, page,
                mono or fixed_pitch, hidden=_in_white(span))


_SIZES: dict[float, float] = {}


def _shared(size: float) -> float:
    """One float object per font size: a document's words share a few sizes, and a part of a
    large file holds hundreds of thousands of words (each float is 24 bytes in memory and in
    the stored part)."""
    return _SIZES.setdefault(size, size)


def _in_white(span: dict) -> bool:
    """Whether a span is printed in white or nearly (each of its red, green and blue at least
    :data:`WHITE_LEVEL`): hidden, unless something is drawn under it (:func:`show_text_on_backdrops`)."""
    color = span.get("color") or 0
    return min(color >> 16 & 255, color >> 8 & 255, color & 255) >= WHITE_LEVEL


def show_text_on_backdrops(page, words: list[Word], turn: Turn) -> None:
    """Words printed in white over a picture or a coloured fill are seen: not hidden. (Only pages
    with white words have their drawings read for this.)"""
    hidden = [word for word in words if word.hidden]
    if not hidden:
        return
    backdrops = [turn.box(box) for box in read_backdrops(page)]
    for word in hidden:
        x, y = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
        word.hidden = not any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in backdrops)


def read_pymupdf_page(page, number: int, messages: list[str] | None = None) -> RawPage:
    """The words of a page, read in the direction most of its text runs (a landscape table on a
    page turned by /Rotate, or printed sideways, is read turned upright), and whether they are
    an OCR layer (mostly invisible text). Lines set in another direction (a margin stamp, a
    label up an axis) are kept apart as ``sideways``, one word each. The page's pictures and
    paths are turned with its words (none on an OCR layer's page: its scan is no figure).
    Given ``messages``, MuPDF's messages so far are moved there, and those of the page's text
    trace dropped (see :func:`_filled_and_stroked`)."""
    import pymupdf

    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
    lines = [line for block in page.get_text("dict", flags=flags)["blocks"] for line in block.get("lines", ())]
    if _fills_gaps(lines):
        lines = _lines_with_characters(page, flags)
    frame = page.rect * page.derotation_matrix
    turn = Turn((1, 0), frame.width, frame.height)
    fixed_pitch = fixed_pitch_fonts(lines)
    reading = _read_lines(lines, turn, number, fixed_pitch)  # most pages run left to right: one pass
    if reading.arabic:
        lines = _arabic_lines_in_logical_order(page, flags)
    if reading.arabic or reading.direction != turn.direction:
        turn = Turn(reading.direction, frame.width, frame.height)
        reading = _read_lines(lines, turn, number, fixed_pitch)
    words = reading.words
    is_ocr_layer = reading.invisible > reading.visible
    if is_ocr_layer:
        words = _ocr_layer_words(page, number)
    show_text_on_backdrops(page, words, turn)
    contents = page_contents(page)
    if STROKED_TEXT_MODE.search(contents):  # a cheap look before the text trace, as slow as reading the text
        mark_filled_and_stroked(words, [turn.box(box) for box in _filled_and_stroked(page, messages)])
    links = [(*turn.box(link["from"]), link["uri"]) for link in page.get_links() if link.get("uri")]
    attach_links(words, links)
    graphics = [] if is_ocr_layer or not has_graphics(contents) else \
        [turn.graphic(graphic) for graphic in read_graphics(page)]
    return RawPage(number, turn.width, turn.height, words, "ocr layer" if is_ocr_layer else "text",
                   sideways=reading.sideways, right_to_left=reading.right_to_left, graphics=graphics)


def _filled_and_stroked(page, messages: list[str] | None = None) -> list[tuple[float, float, float, float]]:
    """The boxes of the runs of text the page draws both filled and stroked, the stroke at
    least :data:`FAKE_BOLD_STROKE` em wide (one pass that fills and strokes, or a fill and then
    a stroke over it: two traces with one box). PyMuPDF's text trace tells them; its text
    reading does not. The messages MuPDF gives while tracing (a glyph's advance it cannot
    measure, where reading the text measured none) are the trace's, not the file's: given
    ``messages``, those given before are moved there and the trace's dropped."""
    import pymupdf

    if messages is not None:
        messages.append(pymupdf.TOOLS.mupdf_warnings())
    traces = page.get_texttrace()
    if messages is not None:
        pymupdf.TOOLS.reset_mupdf_warnings()
    strokes = [trace["bbox"] for trace in traces if trace["type"] == 1
               and (trace.get("linewidth") or 0.0) >= FAKE_BOLD_STROKE * trace["size"]]
    if not strokes:
        return []
    fills = {_rounded(trace["bbox"]) for trace in traces if trace["type"] == 0}
    return [box for box in strokes if _rounded(box) in fills]


def _rounded(box) -> tuple[float, ...]:
    return tuple(round(value, 1) for value in box)


def mark_filled_and_stroked(words: list[Word], boxes: list[tuple[float, float, float, float]]) -> None:
    """Set bold the words whose middle lies in one of ``boxes``, runs of text filled and
    stroked (:func:`_filled_and_stroked`): drawn heavier, they read as bold whatever their font.

    >>> words = [Word("一、概况", 72, 88, 120, 102, 12), Word("正文", 72, 118, 96, 132, 12)]
    >>> mark_filled_and_stroked(words, [(72, 88, 120, 102)]); [word.bold for word in words]
    [True, False]
    """
    by_height: dict[int, list[tuple[float, float, float, float]]] = {}
    for box in boxes:
        for row in range(int(box[1]), int(box[3]) + 1):
            by_height.setdefault(row, []).append(box)
    for word in words:
        x, y = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
        if not word.bold and any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in by_height.get(int(y), ())):
            word.bold = True


@dataclass
class _Reading:
    """A page's lines read along one direction: the words of the lines that run along it, the
    lines that do not (one word each), and what the lines show of the page."""

    words: list[Word] = field(default_factory=list)
    sideways: list[Word] = field(default_factory=list)
    invisible: int = 0
    visible: int = 0
    weights: dict[tuple[int, int], int] = field(default_factory=dict)
    """Characters by the axis their lines run along."""
    arabic: bool = False
    right_to_left: bool = False

    @property
    def direction(self) -> tuple[int, int]:
        """The axis most characters run along (left to right when none or equal)."""
        weights, horizontal = self.weights, self.weights.get((1, 0), 0)
        return max(weights, key=weights.__getitem__) if weights and max(weights.values()) > horizontal else (1, 0)


def _read_lines(lines: list[dict], turn: Turn, number: int, fixed_pitch: frozenset[str]) -> _Reading:
    reading = _Reading()
    weights, words = reading.weights, reading.words
    upright = turn.direction == (1, 0)
    invisible = visible = 0
    for line in lines:
        axis = (1, 0) if line["dir"][0] > 0.99 else _axis(line["dir"])  # the common case first
        if axis != turn.direction:
            _set_aside(line, axis, turn, number, reading)
            continue
        after_space = False  # the span before ended in a space: the next word (left to right) is apart
        for span in line["spans"]:
            text = span["text"]
            if span.get("alpha", 255) == 0:
                invisible += len(text)
            else:
                visible += len(text)
            first = len(words)
            if upright and text.isascii() and " " not in text and "\t" not in text and text.strip():
                words.append(_one_word(text, span, number, span["font"] in fixed_pitch))  # the common case
            else:
                _span_words(span if upright else {**turn.span(span), "chars": None}, number, words,
                            span["font"] in fixed_pitch)
            backwards = not text.isascii() and RIGHT_TO_LEFT.search(text) is not None
            if after_space and len(words) > first and not backwards:
                words[first].spaced = True
            after_space = text[-1:].isspace() or (after_space and not text)
            if backwards:
                reading.right_to_left = True
                reading.arabic = reading.arabic or ARABIC.search(text) is not None
    weights[turn.direction] = weights.get(turn.direction, 0) + invisible + visible
    reading.invisible, reading.visible = invisible, visible
    return reading


def fixed_pitch_fonts(lines: list[dict]) -> frozenset[str]:
    """The fonts of a page's horizontal lines whose every span advances alike per character:
    monospaced fonts whose descriptors and names do not say so (a code listing set in IBM's
    BookMaster Gothic)."""
    advances: dict[str, list[float]] = {}
    for line in lines:
        if line["dir"][0] >= 0.99:
            for span in line["spans"]:
                text, size = span["text"], span["size"]
                if len(text) >= 3 and size > 0:
                    box = span["bbox"]
                    advances.setdefault(span["font"], []).append((box[2] - box[0]) / (len(text) * size))
    candidates = {font for font, found in advances.items()
                  if len(found) >= FIXED_PITCH_SPANS and _spread(found) <= FIXED_PITCH_SPREAD}
    return frozenset(font for font in candidates if _letters(lines, font) >= FIXED_PITCH_LETTERS)


def _spread(advances: list[float]) -> float:
    """The ratio of the widest to the narrowest of ``advances``."""
    least = min(advances)
    return max(advances) / least if least > 0 else float("inf")


def _letters(lines: list[dict], font: str) -> int:
    """How many different letters the horizontal spans of ``font`` with three or more characters hold."""
    return len({ch for line in lines if line["dir"][0] >= 0.99 for span in line["spans"]
                if span["font"] == font and len(span["text"]) >= 3 and span["size"] > 0
                for ch in span["text"] if ch.isalpha()})


def _set_aside(line: dict, axis: tuple[int, int] | None, turn: Turn, number: int, reading: _Reading) -> None:
    """Keep a line that runs across the page's direction as one word, and count its characters."""
    text = "".join(span["text"] for span in line["spans"])
    if axis is not None:
        reading.weights[axis] = reading.weights.get(axis, 0) + len(text)
    text = valid_unicode(text).strip()
    if text:
        reading.sideways.append(Word(text, *turn.box(line["bbox"]), size=line["spans"][0]["size"], page=number))


def _arabic_lines_in_logical_order(page, flags: int) -> list[dict]:
    """The page's lines, each span's text read from its characters by :func:`logical_text`."""
    lines = [line for block in page.get_text("rawdict", flags=flags)["blocks"] for line in block.get("lines", ())]
    for line in lines:
        for span in line["spans"]:
            span["text"] = logical_text(span.pop("chars"))
    return lines


def logical_text(chars: list[dict]) -> str:
    """The text of a span's characters (PyMuPDF's ``rawdict``: ``c`` and ``bbox``), mended where
    the producer put them out of logical order:

    * right-to-left script is read right to left as drawn (:func:`_in_drawn_order`): a producer
      may write a word's comma before it ("،وعليه" for "وعليه،") or a line's end space between
      two letters of a word ("م ن" for "من");
    * a lam-alef ligature (one glyph for lam + alef) is spelled lam, alef. Some producers map it
      to its letters in visual order: alef, set with no width at the glyph's right edge, then
      lam; "لا" then reads "ال", and "المشكلات" reads "المشكالت".

    >>> def char(c, x0, x1): return {"c": c, "bbox": (x0, 0, x1, 12)}
    >>> logical_text([char("م", 190.0, 194.7), char(" ", 95.8, 98.8), char("ن", 183.6, 189.9)])
    'من '
    """
    chars = _in_drawn_order(chars)
    text = [c["c"] for c in chars]
    for i in range(len(chars) - 1):
        box = chars[i]["bbox"]
        if text[i] in ALEFS and text[i + 1] == LAM and box[2] - box[0] < 0.01:
            text[i], text[i + 1] = text[i + 1], text[i]
    return "".join(text)


def _in_drawn_order(chars: list[dict]) -> list[dict]:
    """A span's characters with each run of right-to-left letters, and the spaces and punctuation
    among them, put in the order of their right edges from right to left; runs of left-to-right
    letters and digits (a Latin word, a number), and runs of spaces and punctuation only, stay
    as written, and so does a span with no right-to-left letter. A combining mark goes with
    the letter before it, wherever it is drawn."""
    clusters: list[list[dict]] = []
    for char in chars:
        if clusters and unicodedata.category(char["c"]) == "Mn":
            clusters[-1].append(char)
        else:
            clusters.append([char])
    if not any(_bidi(cluster) in RIGHT_TO_LEFT_CLASSES for cluster in clusters):
        return chars
    ordered: list[dict] = []
    for left_to_right, grouped in groupby(clusters, lambda cluster: _bidi(cluster) in LEFT_TO_RIGHT_CLASSES):
        run = list(grouped)
        if not left_to_right and any(_bidi(cluster) in RIGHT_TO_LEFT_CLASSES for cluster in run):
            run.sort(key=lambda cluster: -cluster[0]["bbox"][2])  # where each starts: its right edge
        ordered += [char for cluster in run for char in cluster]
    return ordered


def _bidi(cluster: list[dict]) -> str:
    """The bidirectional class of a cluster's first character (``unicodedata.bidirectional``)."""
    return unicodedata.bidirectional(cluster[0]["c"])


def _axis(direction: tuple[float, float]) -> tuple[int, int] | None:
    """A line's writing direction snapped to an axis, or None for text set at a slant."""
    dx, dy = direction
    if abs(dx) > 0.99:
        return (1 if dx > 0 else -1, 0)
    if abs(dy) > 0.99:
        return (0, 1 if dy > 0 else -1)
    return None


class Turn:
    """The coordinates of a page whose text runs along ``direction`` turned so that it runs left
    to right: x along the text, y down across it, origin at the top left of the turned page.

    >>> turn = Turn((0, -1), 612, 792)  # text running up a portrait page: a landscape table
    >>> turn.width, turn.height, turn.box((100, 700, 110, 714))
    (792, 612, (78, 100, 92, 110))
    """

    def __init__(self, direction: tuple[int, int], width: float, height: float) -> None:
        self.direction = direction
        dx, dy = direction
        self._along, self._across = (dx, dy), (-dy, dx)
        corners = [(0, 0), (width, 0), (0, height), (width, height)]
        along = [dx * x + dy * y for x, y in corners]
        across = [-dy * x + dx * y for x, y in corners]
        self._x0, self._y0 = min(along), min(across)
        self.width, self.height = max(along) - self._x0, max(across) - self._y0

    def box(self, bbox) -> tuple[float, float, float, float]:
        if self.direction == (1, 0):
            return tuple(bbox)
        x0, y0, x1, y1 = bbox
        (ax, ay), (cx, cy) = self._along, self._across
        xs = [ax * x + ay * y - self._x0 for x, y in ((x0, y0), (x1, y1))]
        ys = [cx * x + cy * y - self._y0 for x, y in ((x0, y0), (x1, y1))]
        return min(xs), min(ys), max(xs), max(ys)

    def graphic(self, graphic: Graphic) -> Graphic:
        if self.direction == (1, 0):
            return graphic
        x0, y0, x1, y1 = self.box((graphic.x0, graphic.y0, graphic.x1, graphic.y1))
        return replace(graphic, x0=x0, y0=y0, x1=x1, y1=y1)

    def span(self, span: dict) -> dict:
        return span if self.direction == (1, 0) else {**span, "bbox": self.box(span["bbox"])}


def _ocr_layer_words(page, number: int) -> list[Word]:
    """The words of an OCR layer, boxed by their characters.

    OCR renderers stretch each word (and the space after it) to the width the engine
    measured, so sharing a span's width out by character count, as for typeset text,
    puts words in the wrong place; the characters' own boxes do not.
    """
    import pymupdf

    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
    words: list[Word] = []
    for block in page.get_text("rawdict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            if line["dir"][0] < 0.5:
                continue
            for span in line["spans"]:
                font, bold, italic, mono = _span_style(span["font"], span["flags"])
                letters: list[dict] = []
                for char in [*span["chars"], None]:
                    if char is not None and not char["c"].isspace():
                        letters.append(char)
                    elif letters:
                        text = valid_unicode("".join(c["c"] for c in letters))
                        word = Word(text, letters[0]["bbox"][0], 0.0, letters[-1]["bbox"][2], 0.0, span["size"],
                                    font, bold, italic, None, number)
                        set_size_on_baseline(word, span["size"], letters[0]["origin"][1])
                        words.append(word)
                        letters = []
    return words


def set_size_on_baseline(word: Word, size: float, baseline: float) -> None:
    """Give ``word`` the type ``size`` and a box of that height on ``baseline``.

    OCR'd words get such boxes: an OCR engine's boxes reach as high and as low as each
    word's letters do, so they do not line up as typeset words' boxes do.
    """
    word.size = size
    word.y0 = baseline - OCR_ASCENT * size
    word.y1 = baseline + (1 - OCR_ASCENT) * size


def baseline_of(word: Word) -> float:
    """The baseline of a word boxed by :func:`set_size_on_baseline`."""
    return word.y1 - (1 - OCR_ASCENT) * word.size


def extract_pymupdf(path: Path, password: str | None = None, numbers: Sequence[int] | None = None) -> RawDocument:
    import pymupdf

    doc = open_with_pymupdf(path, password)
    messages: list[str] = []

    def read(number: int) -> RawPage:
        return read_pymupdf_page(doc[number - 1], number, messages)

    with doc:
        count = doc.page_count
        pages, warnings = _read_pages(count, read, numbers)
        metadata = {k: v for k, v in (doc.metadata or {}).items() if isinstance(v, str) and v}
        if doc.is_repaired:
            warnings.insert(0, REPAIRED)
        if not doc.permissions & pymupdf.PDF_PERM_COPY:
            warnings.append("the file's owner does not permit copying its text; extracted all the same")
    messages.append(pymupdf.TOOLS.mupdf_warnings())
    mupdf_messages = [m for text in messages for m in text.splitlines() if m.strip()]
    warnings += [valid_unicode(f"MuPDF: {m}") for m in dict.fromkeys(mupdf_messages)][:MAX_LIBRARY_WARNINGS]
    return RawDocument(str(path), pages, metadata, warnings, count)


# --- pdfplumber ----------------------------------------------------------------------

def _pdfplumber_word(raw: dict, page: int) -> Word:
    font, bold, italic = style_from_font_name(raw.get("fontname", ""))
    text = UNMAPPED_GLYPH.sub("\ufffd", valid_unicode(raw["text"]))
    return Word(text, raw["x0"], raw["top"], raw["x1"], raw["bottom"],
                round(raw.get("size", 0.0), 1), font, bold, italic, None, page, bool(MONO_NAME.search(font)))


def extract_pdfplumber(path: Path, password: str | None = None, numbers: Sequence[int] | None = None) -> RawDocument:
    with _captured_log("pdfminer", "pdfplumber") as messages:
        try:
            raw = _extract_pdfplumber(path, password, numbers)
        except PdfError:
            raise
        except Exception as exc:  # pdfminer raises many types on damaged files
            raise PdfError(f"not a readable PDF ({short_message(exc, path)})") from exc
    raw.warnings += [f"pdfminer: {m}" for m in dict.fromkeys(messages)][:MAX_LIBRARY_WARNINGS]
    return raw


def _extract_pdfplumber(path: Path, password: str | None, numbers: Sequence[int] | None) -> RawDocument:
    import pdfplumber

    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception as exc:
        if _is_password_error(exc):
            message = "the password is wrong" if password else "needs a password (use --password)"
            raise PdfError(f"encrypted: {message}", "encrypted") from exc
        raise PdfError(f"not a readable PDF ({short_message(exc, path)})") from exc
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as exc:
            raise PdfError(f"damaged page tree ({short_message(exc)})") from exc
        if not count:
            raise PdfError(NO_PAGES)
        pages, warnings = _read_pages(count, lambda number: _pdfplumber_page(pdf.pages[number - 1], number), numbers)
        metadata = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str) and v}
    return RawDocument(str(path), pages, metadata, warnings, count)


def _is_password_error(exc: Exception) -> bool:
    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    return any(type(cause).__name__ == "PDFPasswordIncorrect" for cause in causes)


@contextmanager
def _captured_log(*names: str):
    """Collect what the named loggers say (pdfminer warns on every odd font) instead of
    letting it reach stderr; yields the list of messages."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(valid_unicode(record.getMessage())[:200])

    handler = Collect(logging.WARNING)
    loggers = [logging.getLogger(name) for name in names]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.WARNING)
    try:
        yield messages
    finally:
        for logger, (propagate, level) in zip(loggers, saved):
            logger.removeHandler(handler)
            logger.propagate, logger.level = propagate, level


def _pdfplumber_page(page, number: int) -> RawPage:
    page = page.dedupe_chars()  # characters drawn over themselves (fake bold) would interleave in words
    raw_words = page.extract_words(x_tolerance_ratio=0.12, keep_blank_chars=False,
                                   extra_attrs=["fontname", "size"])
    words = [_pdfplumber_word(raw, number) for raw in raw_words if raw["upright"]]
    links = [(h["x0"], h["top"], h["x1"], h["bottom"], h["uri"]) for h in page.hyperlinks if h.get("uri")]
    attach_links(words, links)
    raw = RawPage(number, float(page.width), float(page.height), words,
                  right_to_left=any(not w.text.isascii() and RIGHT_TO_LEFT.search(w.text) for w in words))
    raw.graphics = read_pdfplumber_graphics(page)
    return raw


EXTRACTORS: dict[str, Callable[[Path, str | None, Sequence[int] | None], RawDocument]] = {
    "pymupdf": extract_pymupdf,
    "pdfplumber": extract_pdfplumber,
}
NO_PAGES = "no pages found (the page tree is empty or broken)"
FILE_SIGNATURES = [(b"<!doctype html", "an HTML page"), (b"<html", "an HTML page"), (b"<?xml", "an XML file"),
                   (b"\xff\xd8\xff", "a JPEG image"), (b"\x89png", "a PNG image"), (b"gif8", "a GIF image"),
                   (b"pk\x03\x04", "a ZIP archive (an Office document?)"), (b"{\\rtf", "an RTF document"),
                   (b"ii*\x00", "a TIFF image"), (b"mm\x00*", "a TIFF image"), (b"\x1f\x8b", "a gzip archive")]
"""The first bytes of files often named .pdf by mistake (compared in lower case)."""


def extract(path: str | Path, extractor: str = "pymupdf", password: str | None = None,
            pages: Sequence[int] | None = None) -> RawDocument:
    """Read ``path`` with the named backend into pages of styled words, and their graphics.

    ``pages`` (1-based page numbers) reads only those pages, for a document processed in
    parts; a part may then come out with no readable page (the caller decides).

    Raises :class:`PdfError` for a missing, empty, non-PDF, encrypted or page-less file.
    """
    path = Path(path)
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown extractor {extractor!r}; choose from {sorted(EXTRACTORS)}")
    if not path.is_file():
        raise PdfError("no such file", "not-pdf")
    if path.stat().st_size == 0:
        raise PdfError("empty file (0 bytes)", "not-pdf")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF" not in head:
        raise PdfError(f"not a PDF ({_looks_like(head)})", "not-pdf")
    try:
        raw = EXTRACTORS[extractor](path, password, pages)
    except PdfError as error:
        if error.kind != "damaged":
            raise
        raw = _fall_back(path, password, pages, extractor, error)
    raw.warnings += [warning for page in raw.pages if (warning := fit_oversized_page(page))]
    raw.warnings += [warning for page in raw.pages if (warning := keep_web_links(page))]
    return raw


def read_overprints_once(raw: RawDocument, offset: float) -> None:
    """Drop the second and later copies of each word drawn over itself: fake bold drawn two or
    three times a fraction of a point apart, a shadow in another colour, a text layer repeated.
    A copy has the same text and size as an earlier word of its page, shifted by at most
    ``offset`` em each way (see :func:`_without_copies`). One warning counts the copies (none
    are text lost).

    >>> page = RawPage(1, 100, 100, [Word("Bold", 10, 10, 30, 20, 10), Word("Bold", 10.3, 10, 30.3, 20, 10)])
    >>> raw = RawDocument("file.pdf", [page])
    >>> read_overprints_once(raw, 0.2); [w.text for w in page.words], raw.warnings[0][:31]
    (['Bold'], '1 word drawn over itself (a cop')
    """
    copies, pages = 0, []
    for page in raw.pages:
        kept = _without_copies(page.words, offset)
        if len(kept) < len(page.words):
            copies += len(page.words) - len(kept)
            pages.append(page.number)
            page.words = kept
    if copies:
        raw.warnings.append(f"{copies} word{'s' if copies > 1 else ''} drawn over itself (a copy for fake bold or a "
                            f"shadow) read once, on page{'s' if len(pages) > 1 else ''} {_page_list(pages)}")


def _without_copies(words: list[Word], offset: float) -> list[Word]:
    """``words`` less those that copy an earlier word (see :func:`_is_copy`) on the same
    whole-point baseline. Fake bold is drawn on the very baseline of its first copy; a shadow
    set lower by a fraction of a point may fall on the next whole point and stay (a word
    read twice, never a word lost), which keeps this test to one look-up a word."""
    by_baseline: dict[tuple[str, int], list[Word]] = {}
    kept = []
    for word in words:
        key = (word.text, round(word.y1))
        earlier = by_baseline.get(key)
        if earlier is None:  # most words: the first with their text on their baseline
            by_baseline[key] = [word]
        elif any(_is_copy(word, other, offset) for other in earlier):
            continue
        else:
            earlier.append(word)
        kept.append(word)
    return kept


def _is_copy(word: Word, other: Word, offset: float) -> bool:
    """Whether ``word`` copies ``other``: the same size, shifted by at most ``offset`` em each way
    and by less than half its width (the dots of a tight leader are not copies of each other)."""
    reach = offset * word.size
    shift = abs(word.x0 - other.x0)
    return (shift <= reach and 2 * shift < word.x1 - word.x0 and abs(word.y1 - other.y1) <= reach
            and abs(word.size - other.size) <= 0.1 * word.size)


def _page_list(numbers: list[int]) -> str:
    """Page numbers as ranges.

    >>> _page_list([1, 2, 3, 5])
    '1-3, 5'
    """
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def read_symbol_fonts(raw: RawDocument) -> None:
    """Give the words of symbol fonts the characters they draw, where the font gives Latin
    letters or control characters instead: the Symbol font's letters are Greek (its standard
    encoding: ``b`` is β), and a dingbat font's control characters (Wingdings, Zapf Dingbats)
    are marks, read as one bullet ``•`` (a list marker, a box, an arrow). A dingbat font's
    printable characters stay as they are: which mark each one draws is the font's own.

    >>> words = [Word("b", 0, 0, 5, 10, 10, "Symbol"), Word("\x84", 0, 20, 5, 30, 10, "Wingdings")]
    >>> read_symbol_fonts(RawDocument("file.pdf", [RawPage(1, 100, 100, words)])); [w.text for w in words]
    ['β', '•']
    """
    for page in raw.pages:
        if not any(_symbol_font(font) for font in {word.font for word in page.words}):
            continue
        for word in page.words:
            kind = _symbol_font(word.font)
            if kind == "greek" and word.text.isascii():
                word.text = word.text.translate(SYMBOL_GREEK)
            elif kind == "dingbat" and CONTROL_CHARACTERS.fullmatch(word.text):
                word.text = "•"


@lru_cache(maxsize=1024)
def _symbol_font(font: str) -> str:
    if SYMBOL_FONT.match(font):
        return "greek"
    return "dingbat" if DINGBAT_FONT.search(font) else ""


def _fall_back(path: Path, password: str | None, pages: Sequence[int] | None, extractor: str,
               error: PdfError) -> RawDocument:
    """Read a file the chosen extractor cannot with the other one (pdfminer's parser copes with
    some broken page trees that MuPDF's does not, MuPDF repairs cross-reference tables that
    pdfminer cannot); when it cannot either, the first error stands."""
    other = next(name for name in EXTRACTORS if name != extractor)
    try:
        raw = EXTRACTORS[other](path, password, pages)
    except PdfError:
        raise error from None
    raw.warnings.insert(0, f"{extractor} could not read the file ({error}); read with {other}")
    return raw


def _looks_like(head: bytes) -> str:
    """What a file without a PDF header seems to be, from its first bytes."""
    start = head.lstrip().lower()
    for signature, name in FILE_SIGNATURES:
        if start.startswith(signature):
            return f"it is {name}"
    return "no %PDF header"
