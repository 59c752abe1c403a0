"""Stage ``structure``: assemble units into the :class:`Document` tree of sections.

The tree is built as plain data and validated into the pydantic model once, at the
end: one pass through pydantic's core is much faster than building thousands of
model objects one by one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import groupby
from operator import attrgetter

from ..core.geometry import Line, PageLayout, RawDocument, Unit, Word, box_of
from ..output.models import Document
from ..settings import Settings
from .classify import BULLET_GLYPHS, contents_entries, contents_keys, contents_rows, heading_number
from .elements import SUPERSCRIPTS, attach_captions, code_data, figure_data, footnote_data, formula_data, table_data
from .lines import MARK_WORD

BULLET_PREFIX = re.compile(rf"^[{BULLET_GLYPHS}\-–*\ufffd]\s*")
CALL = re.compile(r"^(?P<label>\d{1,3}|[*†‡§¶]{1,3}|[a-z](?![a-z]))(?P<close>\))?(?P<rest>.*)$", re.DOTALL)
"""A superscript that may call a note: its label, a ")" that may close the mark ("1)"), and
what followed it with no space (punctuation, or in Chinese, Japanese or Korean the next word)."""
RAISED_NUMBERS = re.compile(r"^(?P<raised>[-+−=(),–\d]*\d[-+−=(,–\d]*)(?P<rest>[.,;:!?'’”)\]]*)$")
"""A superscript that can be written in Unicode superscripts (commas and en dashes stay as they
are), and the punctuation set after it unspaced, which stays on the line."""


def contents_of(units: list[Unit], headings: set[str]) -> list[str]:
    """The entries of the contents units, ``headings`` the keys of the document's headings
    (:func:`~pipeline.stages.classify.contents_keys`). Numbers go back on their entries' rows
    across all the contents lines at once (reading order may put a page's column of page
    numbers far after its titles); an entry may wrap from one unit into the next of a run."""
    rows = contents_rows([line for unit in units if unit.kind == "toc" for line in unit.lines])
    toc: list[str] = []
    for is_toc, run in groupby(units, key=lambda unit: unit.kind == "toc"):
        if is_toc:
            toc += contents_entries([rows[id(line)] for unit in run for line in unit.lines if id(line) in rows],
                                    headings)
    return toc


def build_document(raw: RawDocument, pages: list[PageLayout], units: list[Unit],
                   furniture: list[dict], edits: list[dict], settings: Settings, language: str = "und") -> Document:
    """The output document: title, contents, sections with their blocks, footnotes, provenance,
    and the settings that differ from the defaults."""
    headings = contents_keys([u.text for u in units if u.kind == "heading"])
    captions = attach_captions(units)
    attached = set(captions.values())
    notes = frozenset((note["page"], note["label"]) for unit in units if unit.kind == "footnote"
                      for note in [footnote_data(unit)])
    title: str | None = None
    footnotes: list[dict] = []
    preamble = _section(None, 0)
    stack: list[dict] = [preamble]
    toc = contents_of(units, headings)
    contents = [unit for unit in units if unit.kind == "toc"]
    for index, unit in enumerate(units):
        if unit.kind == "title" and title is None:
            title = unit.text
        elif unit.kind == "toc":
            if unit is contents[0] and toc:
                stack[-1]["blocks"].append(_contents_data(toc, contents))
        elif unit.kind in ("heading", "title"):
            section = _heading_section(unit)
            while len(stack) > 1 and stack[-1]["level"] >= section["level"]:
                stack.pop()
            stack[-1]["sections"].append(section)
            stack.append(section)
        elif unit.kind == "footnote":
            footnotes.append(footnote_data(unit))
        elif index not in attached:
            caption = units[captions[index]].text if index in captions else None
            stack[-1]["blocks"].append(block_data(unit, caption, notes, settings.ocrfix.doubtful_confidence))
    top_level, preamble["sections"] = preamble["sections"], []
    document = Document.model_validate({
        "source": raw.source, "extractor": settings.extract.extractor, "page_count": raw.page_count,
        "language": language, "title": title, "toc": toc,
        "sections": ([preamble] if preamble["blocks"] else []) + top_level, "footnotes": footnotes,
        "pages": _pages(pages),
        "warnings": raw.warnings, "furniture": furniture, "edits": edits, "settings": settings.changed(),
    })
    document.warnings += _pages_without_output(pages, units, furniture, document.warnings)
    document.warnings += _unmapped_glyphs(units)
    document.keep_line_roles([(line.page, line.x0, line.y0, line.x1, line.y1, unit.kind)
                              for unit in units for line in unit.lines])
    return document


def _pages_without_output(pages: list[PageLayout], units: list[Unit], furniture: list[dict],
                          warnings: list[str]) -> list[str]:
    """A warning for each page that was read with text but gives nothing to the output (no
    unit or furniture comes from it), unless a warning names it already: no text may vanish
    without a word."""
    given = {page for unit in units for page in unit.pages} | {item["page"] for item in furniture}
    given |= {piece.page for unit in units if unit.region is not None for piece in unit.region.pieces()}
    warned = " ".join(warnings)
    return [f"page {page.number}: its {page.characters} characters of text gave no output"
            for page in pages if page.characters >= MIN_PAGE_TEXT and page.number not in given
            and f"page {page.number}:" not in warned and f"page {page.number} " not in warned]


def _unmapped_glyphs(units: list[Unit]) -> list[str]:
    """A warning when glyphs of the output's text have no Unicode mapping in the file (a font
    with its own encoding and no table to Unicode): they read as U+FFFD, so what they print
    is lost. It names the pages and fonts. A glyph standing alone as a list's bullet is not
    counted (the list keeps its item).

    >>> from pipeline.core.geometry import Line, Word
    >>> bullet, formula = Word("\ufffd", 0, 0, 5, 9, 9, "Dingbats"), Word("x\ufffd=2", 9, 0, 30, 9, 9, "AdvP4", page=3)
    >>> _unmapped_glyphs([Unit("list_item", [Line([bullet, formula], 3)])])
    ['1 character on page 3 has no Unicode mapping in the file (font AdvP4): it reads as U+FFFD (\ufffd)']
    """
    lost: Counter[tuple[int, str]] = Counter()
    for unit in units:
        words = unit.words or [word for line in unit.lines for word in line.words]
        if unit.kind == "list_item" and words and not words[0].text.strip("\ufffd"):
            words = words[1:]
        if unit.region is not None:
            words = words + unit.region.words
        for word in words:
            if "\ufffd" in word.text:
                lost[word.page, word.font] += word.text.count("\ufffd")
    if not lost:
        return []
    count = lost.total()
    pages = sorted({page for page, _ in lost})
    fonts = sorted({font for _, font in lost if font})
    where = f"page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}"
    which = f" (font{'s' if len(fonts) > 1 else ''} {', '.join(fonts)})" if fonts else ""
    subject = f"{count} character{'s' if count > 1 else ''} on {where} {'have' if count > 1 else 'has'}"
    return [f"{subject} no Unicode mapping in the file{which}: {'they read' if count > 1 else 'it reads'} "
            "as U+FFFD (\ufffd)"]


MIN_PAGE_TEXT = 20
"""A page read with fewer characters than this may give nothing without a warning (a lone
page number, a stray mark)."""


def _pages(pages: list[PageLayout]) -> list[dict]:
    return [{"number": p.number, "width": p.width, "height": p.height, "columns": p.columns,
             "text_source": p.text_source, "text_quality": p.text_quality, "ocr_decision": p.ocr_decision}
            for p in pages]


def _section(heading: str | None, level: int, **extra) -> dict:
    return {"heading": heading, "level": level, "blocks": [], "sections": [], **extra}


def _contents_data(entries: list[str], units: list[Unit]) -> dict:
    """The contents block, placed where the first of its ``units`` stands."""
    lines = [line for unit in units for line in unit.lines]
    return {"kind": "contents", "entries": entries, "pages": sorted({line.page for line in lines}),
            "boxes": _boxes(lines)}


def _heading_section(unit: Unit) -> dict:
    first = unit.lines[0]
    return _section(unit.text, max(unit.level, 1), number=heading_number(unit.text), page=first.page,
                    box=box_of(first.page, first))


def block_data(unit: Unit, caption: str | None, notes: frozenset[tuple[int, str]] = frozenset(),
               doubtful: float = 0.0) -> dict:
    """The JSON form of a unit in a section's flow (a table or figure with its ``caption``;
    ``notes``: the footnotes' pages and labels, which superscripts call; OCR'd words read
    with less confidence than ``doubtful`` are listed as doubtful)."""
    if unit.kind == "table" and unit.region is not None:
        return table_data(unit.region, caption)
    if unit.kind == "figure" and unit.region is not None:
        return figure_data(unit.region, caption)
    if unit.kind == "code":
        return code_data(unit)
    if unit.kind == "formula":
        return formula_data(unit)
    return paragraph_data(unit, notes, doubtful)


def paragraph_data(unit: Unit, notes: frozenset[tuple[int, str]] = frozenset(), doubtful: float = 0.0) -> dict:
    """A paragraph, list item or caption (JSON form of :class:`pipeline.output.models.Paragraph`),
    with the OCR confidence of its words when it has OCR'd words (see :func:`confidence_data`)."""
    words = unit.words
    if unit.kind == "list_item" and len(words) > 1 and MARK_WORD.match(words[0].text):
        words = words[1:]
    elif unit.kind == "list_item" and words and BULLET_PREFIX.match(words[0].text):
        rest = BULLET_PREFIX.sub("", words[0].text)
        words = ([_with_text(words[0], rest)] if rest else []) + words[1:]
    words = _calls_kept_apart(words, notes)
    return {"kind": unit.kind if unit.kind in ("list_item", "caption") else "paragraph",
            "text": " ".join([w.text for w in words if not w.superscript]), "runs": _runs(words),
            "pages": unit.pages, "boxes": _boxes(unit.lines), **confidence_data(words, doubtful)}


def confidence_data(words: list[Word], doubtful: float) -> dict:
    """The mean OCR confidence of those of ``words`` that have one, and those read with less
    than ``doubtful``; nothing when none has one (text from the PDF).

    >>> words = [Word("Soil", 0, 0, 20, 10, 10, page=1, confidence=0.96), Word("rnoisture", 24, 0, 60, 10, 10, page=1,
    ...          confidence=0.5), Word("12", 64, 0, 70, 10, 10)]
    >>> data = confidence_data(words, 0.7)
    >>> data["ocr_confidence"], [(word["text"], word["confidence"]) for word in data["doubtful_words"]]
    (0.73, [('rnoisture', 0.5)])
    >>> confidence_data(words[2:], 0.7)
    {}
    """
    rated = [word for word in words if word.confidence is not None]
    if not rated:
        return {}
    return {"ocr_confidence": round(sum(word.confidence or 0.0 for word in rated) / len(rated), 3),
            "doubtful_words": [{"text": word.text, "confidence": word.confidence, "box": box_of(word.page, word)}
                               for word in rated if (word.confidence or 0.0) < doubtful]}


def _calls_kept_apart(words: list[Word], notes: frozenset[tuple[int, str]]) -> list[Word]:
    """The words with each superscript either kept apart as a note call (when a footnote on its
    page or the next has its text as label; what follows it unspaced goes to the word before, and
    a ")" after the label is the mark's own unless it closes a bracket of the sentence) or
    joined to the word before it, in Unicode superscripts where it can be (:func:`raised`: "m²";
    an ordinal "1st" as printed)."""
    if not any(word.superscript for word in words):
        return words
    result: list[Word] = []
    for word in words:
        call = CALL.match(word.text) if word.superscript and result else None
        if not word.superscript or not result:
            result.append(replace(word, superscript=False) if word.superscript else word)
        elif call and ((word.page, call["label"]) in notes or (word.page + 1, call["label"]) in notes):
            closes_bracket = call["close"] and _brackets_open(result)
            rest = (")" if closes_bracket else "") + call["rest"]
            result[-1] = replace(result[-1], text=result[-1].text + rest)
            result.append(replace(word, text=call["label"]))
        else:
            result[-1] = replace(result[-1], text=result[-1].text + raised(word.text))
    return result


def raised(text: str) -> str:
    """A superscript that calls no note, in Unicode superscript characters when its digits and
    signs have them (an exponent "m²", citation numbers "physics¹,²", "gates⁵–⁷"), so that it
    is not read as part of the word; otherwise as printed (an ordinal "1st").

    The punctuation glued after it is the sentence's: "physics¹,².", "(as in ref.³)".

    >>> raised("2"), raised("1,2"), raised("−1"), raised("st"), raised("1,2."), raised("3)"), raised("(1)")
    ('²', '¹,²', '⁻¹', 'st', '¹,².', '³)', '⁽¹⁾')
    """
    if not (match := RAISED_NUMBERS.match(text)):
        return text
    raised_part, rest = match["raised"], match["rest"]
    if rest.startswith(")") and raised_part.count("(") > raised_part.count(")"):
        raised_part, rest = raised_part + ")", rest[1:]
    return raised_part.translate(SUPERSCRIPTS) + rest


def _brackets_open(words: list[Word]) -> bool:
    """Whether the text of ``words`` has a "(" not yet closed."""
    return sum(word.text.count("(") - word.text.count(")") for word in words) > 0


def _with_text(word: Word, text: str) -> Word:
    return replace(word, text=text)


_STYLE = attrgetter("bold", "italic", "link", "superscript")
"""A word's inline style, and whether it is a note call (a superscript kept apart)."""


def _runs(words: list[Word]) -> list[dict]:
    """Consecutive words of one inline style, as runs (a run keeps the space that follows it,
    except before a note call, which is a run of its own with ``note``)."""
    groups: list[tuple[tuple[bool, bool, str | None, bool], list[str]]] = []
    for style, run in groupby(words, _STYLE):
        texts = [word.text for word in run]
        if style[3]:  # note calls: a run each
            groups += [(style, [text]) for text in texts]
        else:
            groups.append((style, texts))
    runs = []
    for index, ((bold, italic, link, call), texts) in enumerate(groups):
        following = groups[index + 1][0][3] if index + 1 < len(groups) else None
        space = " " if following is False else ""
        text = " ".join(texts) + space
        runs.append({"text": text, "bold": bold, "italic": italic, "link": link, "note": texts[0] if call else None})
    return runs


def _boxes(lines: list[Line]) -> list[dict]:
    """One box per run of lines on the same page and in the same column."""
    runs: list[list[Line]] = []
    for line in lines:
        last = runs[-1][-1] if runs else None
        if last and last.page == line.page and min(last.x1, line.x1) - max(last.x0, line.x0) > 0 \
                and line.y0 >= last.y0:
            runs[-1].append(line)
        else:
            runs.append([line])
    return [{"page": run[0].page, "x0": round(min(l.x0 for l in run), 1), "y0": round(run[0].y0, 1),
             "x1": round(max(l.x1 for l in run), 1), "y1": round(max(l.y1 for l in run), 1)}
            for run in runs]
