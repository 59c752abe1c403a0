"""Every threshold that steers the clean-up, with its default, unit and reason: one settings object.

:class:`Settings` has one group per stage (``settings.lines``, ``settings.furniture``, ...).
It is immutable; change it per run with

* ``python -m pipeline run --set furniture.band=0.15`` (repeatable),
* a TOML file, ``--config pipeline.toml`` (tables named after the groups), or a
  ``[tool.pipeline]`` table in a ``pyproject.toml`` (found in the working folder when no
  ``--config`` is given, as is a ``pipeline.toml``),
* in the library: ``process_pdf(path, settings=Settings().with_values({"furniture.band": 0.15}))``.

``python -m pipeline settings`` lists them all with their current values. The values that
differ from the defaults are recorded in each output (``Document.settings``), and the whole
object is part of the batch manifest's fingerprint, so a changed setting redoes the files.

What is not a setting: what the format or a library defines (the PDF's largest page, the
box given to OCR'd words), what a word list defines (what counts as a known word, in
:mod:`pipeline.language.lexicon`), and the patterns that recognise text (bullets, section
numbers, page numbers), which are regular expressions in their stages.

>>> settings = Settings().with_values({"furniture.band": 0.2, "ocr.mode": "never"})
>>> settings.furniture.band, settings.changed()
(0.2, {'ocr.mode': 'never', 'furniture.band': 0.2})
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONFIG_NAME = "pipeline.toml"
PYPROJECT_TABLE = ("tool", "pipeline")


def threshold(default: Any, unit: str, reason: str) -> Any:
    """A setting's default, with its unit and a one-line reason (shown by ``python -m pipeline settings``)."""
    return Field(default, description=reason, json_schema_extra={"unit": unit})


class Group(BaseModel):
    """The settings of one stage."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


PAGE_LIST = re.compile(r"^\s*(\d+(\s*-\s*\d+)?)(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$")


def selected_pages(spec: str) -> frozenset[int] | None:
    """The page numbers a page list names ("1-3,7"), or None for all pages ("").

    >>> sorted(selected_pages("1-3, 7")), selected_pages("")
    ([1, 2, 3, 7], None)
    """
    if not spec.strip():
        return None
    numbers: set[int] = set()
    for piece in spec.split(","):
        first, _, last = piece.partition("-")
        start, end = int(first), int(last or first)
        if start < 1 or end < start:
            raise ValueError(f"{piece.strip()!r} is not a range of pages: pages count from 1, first to last")
        numbers.update(range(start, end + 1))
    return frozenset(numbers)


class ExtractSettings(Group):
    """extract: turn the file into pages of styled words."""

    extractor: Literal["pymupdf", "pdfplumber"] = threshold(
        "pymupdf", "name", "the library that reads the PDF (pymupdf is fast; pdfplumber reads some broken files)")
    pages: str = threshold("", "page list", "read only these pages, e.g. 1-3,7 (all when empty)")
    overprint_offset: float = threshold(
        0.2, "em", "a word drawn again this near its first copy (fake bold, a shadow, a repeated layer) is read once")

    @field_validator("pages")
    @classmethod
    def _a_page_list(cls, value: str) -> str:
        if value.strip() and not PAGE_LIST.match(value):
            raise ValueError(f"{value!r} is not a page list such as 1-3,7")
        selected_pages(value)
        return value


class OcrSettings(Group):
    """ocr: judge each page's text; OCR pages with none or poor text; steady OCR'd words."""

    mode: Literal["auto", "always", "never"] = threshold(
        "auto", "name", "auto: OCR pages with no text, garbage text or a poor OCR layer; always; never")
    language: str = threshold("eng", "name", "Tesseract's language data, e.g. deu+eng (install tesseract-ocr-deu)")
    dpi: int = threshold(300, "dpi", "resolution pages are OCR'd at (capitals 20-40 pixels tall read best)")
    page_timeout: float = threshold(300, "s", "time Tesseract may take on one page")
    garbage_quality: float = threshold(
        0.5, "share", "below this share of known and of plausible words a page's text is not real text")
    poor_layer_quality: float = threshold(0.9, "share", "an OCR layer with fewer known words is OCR'd again")
    unmapped_share: float = threshold(
        0.25, "share", "a page with this share of its characters from glyphs without a Unicode mapping is OCR'd")
    clearly_better: float = threshold(
        0.03, "share", "how much higher a new OCR's known-word share must be to replace the page's words")
    figures_share: float = threshold(
        0.8, "share", "a page with this share of number tokens and no words is a table of figures, not garbage")
    size_tolerance: float = threshold(
        0.2, "share", "OCR'd type sizes this close to one of the page's usual sizes are that size")
    centring_steps: int = threshold(5, "count", "how often a cluster of OCR'd sizes is re-centred on its median")
    line_gap: float = threshold(2.5, "em", "a wider gap between OCR'd words on one baseline separates two lines")
    baseline_tolerance: float = threshold(
        0.25, "share of size", "OCR'd words whose baselines differ by less sit on one baseline")
    max_skew: float = threshold(0.07, "slope", "the steepest line slope looked for on a scan (4 degrees)")
    skew_step: float = threshold(0.002, "slope", "step of the coarse search for the skew")
    stroke_dpi: int = threshold(200, "dpi", "resolution stroke widths are measured on, for bold")
    max_render_pixels: int = threshold(
        40_000_000, "pixels", "the largest page image rendered; larger pages are rendered at a lower resolution")
    bold_stroke_ratio: float = threshold(
        1.3, "ratio", "a phrase whose strokes are this many times the page's usual width is bold")
    lone_word_bold_ratio: float = threshold(
        1.45, "ratio", "the same for a word standing alone (its few letters measure less steadily)")
    next_line: float = threshold(2.0, "em", "a baseline at most this far above another is on the line before")
    min_strokes: int = threshold(40, "count", "a word crossed by fewer runs of dark pixels is too small to judge")
    phrase_gap: float = threshold(1.5, "em", "words no further apart are judged together for weight")
    min_lines_for_ink: int = threshold(8, "lines", "pages with fewer OCR'd lines are not judged for bold")
    word_space: float = threshold(0.25, "em", "space left between OCR'd words whose boxes overlapped or touched")
    reread_confidence: float = threshold(
        0.8, "probability", "a line Tesseract read with a lower mean confidence is read again on its own...")
    reread_dpi: int = threshold(450, "dpi", "...at this resolution, as one line of text (page segmentation mode 7)")
    reread_lines: int = threshold(20, "lines", "at most this many lines of a page are read again, most doubtful first")
    reread_gain: float = threshold(
        0.05, "probability", "the second reading is kept when its mean confidence is this much higher (or its share "
                             "of known words higher), and neither is lower")


class RegionsSettings(Group):
    """regions: tables and figures taken out of the running text."""

    column_gap: float = threshold(
        0.6, "em", "in a table ruled across only, white space this wide down every row separates columns")
    rule_stack_gap: float = threshold(
        300.0, "pt", "rules of one width this close one under another may bound a table ruled across only")
    grid_rules: int = threshold(
        2, "rules", "crossing rules, horizontal and vertical, that make a group worth a table finder's look")
    max_paths: int = threshold(5000, "paths", "pages with more rules are not searched for ruled tables")
    cell_gap: float = threshold(1.0, "em", "a gap this wide between two words of a row may separate table cells...")
    cell_space_ratio: float = threshold(
        2.0, "ratio", "...when it is also this many times the page's usual word space (loose or OCR'd lines)")
    recut_space_ratio: float = threshold(
        1.5, "word spaces", "a gap this wide, in the white between two columns of the rows above, parts two cells "
        "set closer than cell_space_ratio")
    max_cell_words: int = threshold(6, "words", "a table cell aligned by white space has at most this many words")
    gutter_ink: float = threshold(
        0.2, "share", "a gap with at most this share of the ink of the text beside it, down the page, is a gutter...")
    valley_reach: float = threshold(
        3.0, "em", "...of the most ink within this distance on either side...")
    min_valley: float = threshold(0.8, "em", "...and at least this wide (a narrower one is a river of word spaces)...")
    prose_strip_words: float = threshold(
        2.5, "words", "...between columns of prose when the lines on both sides hold this many words on average...")
    prose_strip_lower: float = threshold(
        0.3, "share", "...and at least this share of them open in lower case (running on from the line above)")
    max_mean_cell_words: float = threshold(
        3.0, "words", "...and the cells of such a table have at most this many words on average")
    min_table_rows: int = threshold(3, "rows", "a table aligned by white space has at least this many rows of cells")
    row_gap: float = threshold(1.8, "em", "rows of one table are at most this far apart")
    numeric_share: float = threshold(
        0.5, "share", "a two-column table aligned by white space has at least this share of figures in its cells")
    max_prose_cell_words: int = threshold(
        40, "words", "a ruled grid with a cell of more words is a frame around text, not a table")
    drawing_share: float = threshold(
        0.3, "share of box", "a table found by white space with filled curves or polygons under this much of it "
        "is a chart's labels")
    min_filled_share: float = threshold(
        0.25, "share of places", "a ruled grid with fewer of its places filled is a chart's grid or a diagram, "
        "not a table")
    max_picture_share: float = threshold(
        0.8, "share of page", "a picture covering more of the page is its background (a scan), not a figure")
    figure_gap: float = threshold(8.0, "pt", "vector paths this close together belong to one drawing")
    min_figure_paths: int = threshold(4, "paths", "a drawing of fewer paths is a rule or a frame, not a figure")
    min_figure_size: float = threshold(24.0, "pt", "a figure is at least this wide and this tall")
    panel_share: float = threshold(
        0.5, "share of frame", "an outlined frame with pictures or drawings over this much of it is one figure, "
        "its pictures and labels together")
    label_reach: float = threshold(2.0, "em", "short rows of text this close to a figure are its labels")
    legend_gap: float = threshold(
        4.0, "em", "rows of labels between a figure and its caption under it, each at most this far (in the "
        "page's text size) under the one before, are the figure's legend")
    legend_size: float = threshold(
        0.95, "ratio", "...when set smaller than this many times the page's median text size")
    label_max_size: float = threshold(
        1.2, "ratio", "text set larger than this many times the page's median size is no label (a title)")
    prose_row_words: int = threshold(
        7, "words", "two rows of this many words inside a drawing make it a box of text, not a figure")
    heading_centring: float = threshold(
        1.0, "em", "a group heading centred this near over more columns than its words overlap spans them")
    spacer_width: float = threshold(
        1.0, "em", "a ruled column this narrow holding no text of its own is padding (a cell's shading), not a column")
    checkbox_min: float = threshold(0.6, "em", "an outlined square beside a word is a checkbox when at least this wide")
    checkbox_max: float = threshold(1.4, "em", "and at most this wide (a larger box frames something else)")
    checkbox_gap: float = threshold(2.0, "em", "a checkbox stands at most this far from the word it ticks")


class LinesSettings(Group):
    """lines: group a page's words into lines, one per column, cut at gutters."""

    band_tolerance: float = threshold(
        0.4, "share of height", "words whose centres differ by less than this share of the word height share a band")
    min_gutter: float = threshold(0.6, "em", "a gap narrower than this is never a column gutter")
    max_indent: float = threshold(
        5.0, "em", "a gap after a line's bullet, item number or caption label up to this wide is its indent")
    drop_cap_ratio: float = threshold(2.0, "ratio", "a letter this many times the page's usual size is a drop cap")
    satellite_ratio: float = threshold(
        0.85, "ratio", "a short line this much smaller than the page's text, inside another line, belongs to it")
    touching: float = threshold(0.08, "em", "pieces closer than this are one word (no space was printed)")
    script_lead: float = threshold(
        1.5, "em", "inline math's small text may start this far before the line it sits in (a formula opening it)")
    script_gap: float = threshold(
        0.6, "em", "...or this far after its end (an inline fraction ending it: its parts are the line's last ink)")
    superscript_ratio: float = threshold(
        0.85, "ratio", "a short piece at most this many times a word's size, right after it and raised...")
    superscript_rise: float = threshold(0.15, "em", "...by at least this much...")
    superscript_gap: float = threshold(0.3, "em", "...and at most this far after it, is a superscript (a note call)")
    trailing_mark: float = threshold(0.2, "em", "closing punctuation or a hyphen this close to a word ends it")
    gutter_ink_share: float = threshold(
        0.2, "share", "a gutter has at most this share of the ink of the text on either side...")
    doubtful_ink_share: float = threshold(
        0.6, "share", "...or at most this share, when a white strip runs through it over strip_rows rows")
    strip_rows: int = threshold(7, "rows", "rows of white around a doubtful gutter")
    doubtful_gutter: float = threshold(1.0, "em", "a doubtful gutter is at least this wide (word-space rivers are not)")
    strip_reach: float = threshold(3.0, "em", "a row judges a strip only with a word this near it")
    min_page_rows: int = threshold(8, "rows", "with fewer rows beside a gap, the document's ink judges it")
    min_column_rows: int = threshold(3, "rows", "with fewer rows beside a gap, only its width decides")
    lone_gutter: float = threshold(1.5, "em", "the width of a gutter judged by its width alone (and in display type)")
    display_ratio: float = threshold(
        3.0, "ratio", "words this many times the usual size are display type, whose word spaces look like gutters")
    gutter_cover: float = threshold(
        0.65, "share", "a gutter's gap covers this much of its white channel (a crossing line's space does not)")
    word_spaces: int = threshold(
        2, "gaps", "a row with at least this many other gaps, all alike, shows its word space...")
    word_space_slack: float = threshold(
        0.1, "share", "...and a gap at most this share wider than they are is a word space, never a gutter...")
    one_spacing: float = threshold(
        0.1, "pt", "...unless white runs down the page through it and the row's gaps differ by more than this "
        "(two columns' lines, each justified on its own)")
    long_strip_rows: int = threshold(
        14, "rows", "...and, where more than gutter_ink_share of the page's rows cross it (text spanning the "
        "columns above or below them), white runs through it over this many rows")
    prose_side_words: int = threshold(
        4, "words", "...or, wider than lone_gutter, with this many words of letters on each side in its row "
        "(lines of prose, not a formula's or a form's pieces)")
    column_start_rows: int = threshold(
        2, "rows", "...and white through it over long_strip_rows rows, or this many rows near it starting, with "
        "nothing to their left, where the words after it start (a column's left edge)")
    edge_lines: float = threshold(
        3.0, "em", "a drawn box's side at least this tall parts the words on its two sides "
        "(a boxed panel beside a column); a box around one line does not (a highlight)")


class LayoutSettings(Group):
    """layout: lines into blocks, blocks into reading order."""

    pitch_slack: float = threshold(1.2, "ratio", "a line joins the block above at most this times the usual pitch")
    rule_span: float = threshold(
        0.9, "share", "a rule drawn across (or down) this much of the text's width (or height) parts what is above "
        "it (or left of it) from what is below it (or right of it) in reading order")
    fallback_pitch: float = threshold(1.45, "em", "the usual pitch where the page shows none for a size")
    head_gap: float = threshold(3.0, "em", "a block this close above the first column region may head a column")
    span_tolerance: float = threshold(
        1.0, "em", "a line between two column regions this close to their left edge or centre spans the columns")
    stack_gap: float = threshold(
        0.5, "em", "a line this close under a wider line centred on its axis goes on with it (a masthead's lines)")
    column_tops: float = threshold(
        0.25, "em", "the columns below a line spanning them start this close to one height (they start where it ends)")
    max_pairwise_blocks: int = threshold(
        80, "blocks", "bands with more blocks are ordered column by column (the pairwise rules are cubic)")
    bullet_min: float = threshold(0.15, "em", "a drawn bullet (a small filled disc or square) is at least this wide")
    bullet_max: float = threshold(0.5, "em", "a drawn bullet is at most this wide (a checkbox, a chart's key: wider)")
    bullet_gap: float = threshold(2.5, "em", "a drawn bullet stands at most this far before its item's first word")
    bullet_letter_max: float = threshold(
        0.35, "em", "a letter opening an OCR'd line this narrow is a bullet read as a letter (an 'e' is wider)")
    min_drawn_bullets: int = threshold(
        2, "shapes", "drawn bullets come in lists: this many shapes before lines at one x at least")
    same_size: float = threshold(0.12, "share", "lines whose sizes differ by at most this share have one size")
    spread_ratio: float = threshold(
        1.2, "ratio", "a page this many times wider than tall may be two pages side by side (a spread)")
    spread_reach: float = threshold(
        0.1, "share of width", "a spread's fold lies this close to the page's middle, with nothing across it")


class FurnitureSettings(Group):
    """furniture: remove running headers, footers and page numbers."""

    band: float = threshold(0.12, "share of height", "the top and bottom share of a page where furniture may sit")
    max_lines: int = threshold(2, "lines", "furniture blocks have at most this many lines")
    min_fuzzy_chars: int = threshold(12, "chars", "shorter lines must repeat exactly, not nearly")
    fuzzy_match: float = threshold(85.0, "percent", "similarity at which a running line nearly repeats another")
    display_ratio: float = threshold(
        1.15, "ratio", "a block this many times the body size is a title when its words' other copies are smaller")
    like_size: float = threshold(1.5, "ratio", "near repeats' sizes within this ratio count as one (OCR sizes wander)")
    slot_tolerance: float = threshold(3.0, "pt", "how far a block may be off a known furniture slot")
    min_pages_for_slots: int = threshold(
        3, "pages", "shorter documents lose only page numbers and lines repeated on another page, not slots")
    folio_gap: float = threshold(
        1.0, "em", "on a document too short for slots, a top-band line ending (or starting) with a number this far "
                   "from its words is a running head with its page number")


class LanguageSettings(Group):
    """language: the language the document is written in."""

    code: str = threshold("auto", "ISO 639-1", "the document's language, e.g. pt; auto: told from its words")


class ClassifySettings(Group):
    """classify: title, headings and levels, lists, contents."""

    heading_max_lines: int = threshold(3, "lines", "a heading has at most this many lines")
    heading_max_words: int = threshold(18, "words", "a heading has at most this many words")
    ideographs_per_word: float = threshold(
        2.0, "characters", "Chinese and Japanese text, written without spaces, is counted as a word for this "
                           "many of its characters when a block's length in words is judged")
    numbered_heading_max_words: int = threshold(
        8, "words", "a numbered line cut off a block as a heading has at most this many words")
    max_heading_run: int = threshold(
        2, "blocks", "more headings of one style in a row, with no text between, are not headings")
    heading_size_ratio: float = threshold(1.12, "ratio", "a block this many times the body size stands out")
    heads_within: float = threshold(
        1.0, "em", "a line heads the smaller text starting this close under it and this near its left edge")
    item_alignment: float = threshold(
        0.15, "em", "a line after a list item's first one starting this near its text or mark is the item's")
    foot_share: float = threshold(
        0.12, "share of height", "a heading this low on its page with nothing under it is a footer, not a heading")
    title_size_ratio: float = threshold(1.15, "ratio", "the title is at least this many times the body size")
    title_line_gap: float = threshold(
        0.0, "em of the title", "a line larger than the body this close under the title and aligned with it is part of "
                                "it (0: never; 0.25 joins two-size mastheads, front matter in the older gold sets)")
    caption_gap: float = threshold(
        1.0, "em", "a line opening with a caption's label this far below the line before it in its block, and an em "
                   "right of its start, starts the caption in whatever type (layout may join a caption centred under a "
                   "heading in its type to it)")
    footnote_size_ratio: float = threshold(
        0.92, "ratio", "footnotes are set smaller than this many times the body size, at the foot of the page")


class ParagraphsSettings(Group):
    """paragraphs: cut blocks into paragraphs, rejoin paragraphs cut by breaks."""

    indent: float = threshold(0.6, "em", "a line starting this much right of its block is indented")
    centring: float = threshold(
        1.0, "em", "lines set in from both edges of their block alike within this are centred, not indented")
    short_line: float = threshold(1.5, "em", "a line ending this much left of its block is short")
    flush_edge: float = threshold(
        0.1, "em", "a block whose lines all end this close together is set flush right: its indents mark no paragraph")
    resume_within_blocks: int = threshold(8, "blocks", "a paragraph cut by a heading or box resumes this soon or not")
    spanning_ratio: float = threshold(1.5, "ratio", "a heading or box this much wider than a column spans columns")
    same_size: float = threshold(0.12, "share", "sizes differing by more belong to different kinds of text")


class HyphensSettings(Group):
    """hyphens: resolve line-end hyphens."""

    word_zipf: float = threshold(1.5, "zipf", "a less frequent part is a fragment, not a word")
    name_margin: float = threshold(
        2.0, "zipf", "a capitalised joined word this near its rarer part's frequency is a name")
    common_joined: float = threshold(4.0, "zipf", "a joined word at least this common is taken")


class RepairSettings(Group):
    """repair: mojibake, ligatures, odd Unicode."""

    ascii_punctuation: bool = threshold(
        False, "yes/no", "curly quotes, dashes and ellipses as ASCII (' \" - -- ...) instead of as printed")


class OcrfixSettings(Group):
    """ocrfix: correct misread words on OCR'd pages."""

    enabled: bool = threshold(True, "yes/no", "correct OCR misreadings on OCR'd pages")
    confusion_cost: float = threshold(1.0, "log10", "the cost of one typical OCR misreading ('rn' for 'm')")
    confusion_costs: dict[str, float] = threshold(
        {"i>l": 0.5, "l>i": 1.5}, "log10",
        "misreadings (printed>meant) that cost otherwise: a small 'l' loses its ascender more often than not")
    edit_cost: float = threshold(3.0, "log10", "the cost of any other one-letter misreading")
    document_bonus: float = threshold(1.5, "log10", "what printing a word elsewhere adds to its prior")
    candidate_zipf: float = threshold(2.5, "zipf", "a candidate must be this frequent, listed, or printed here")
    name_zipf: float = threshold(2.8, "zipf", "a capitalised candidate must be this frequent unless printed here")
    min_gain: float = threshold(2.0, "log10", "the best candidate must be this much likelier than the word as read...")
    min_lead: float = threshold(2.0, "log10", "...and than the runner-up")
    split_cost: float = threshold(1.0, "log10", "the cost of a space the OCR did not see ('thanksto')")
    min_split_head: int = threshold(3, "letters", "the shortest word split off a lost space")
    function_word_letters: int = threshold(4, "letters", "function words are at most this long...")
    function_word_zipf: float = threshold(6.0, "zipf", "...and at least this frequent")
    well_formed_gain: float = threshold(
        1.5, "log10", "extra gain to change a word whose letter sequences are usual English (a rare word, a name)")
    min_letters: int = threshold(3, "letters", "shorter words are not corrected")
    max_letters: int = threshold(30, "letters", "longer tokens are not words (and their candidates cost seconds)")
    min_edit_letters: int = threshold(4, "letters", "shorter words get only typical misreadings as candidates")
    min_two_misreadings_letters: int = threshold(
        6, "letters", "shorter words get two misreadings only where the length stays")
    acronym_max: int = threshold(4, "letters", "all-capitals words this short are acronyms, never corrected")
    consistent_uses: int = threshold(3, "count", "a word printed this often the same way is the document's spelling")
    real_word_uses: int = threshold(
        3, "count", "a known word becomes another only when that one is printed this often...")
    real_word_gain: float = threshold(1.5, "log10", "...and this much likelier")
    context_gain: float = threshold(2.0, "log10", "or this much likelier between its neighbours (word pairs)")
    stray_mark_confidence: float = threshold(0.9, "probability", "confidence given to removing a stray quote")
    capital_confidence: float = threshold(0.8, "probability", "confidence given to a capital put back to small")
    min_capital_letters: int = threshold(4, "letters", "shorter capitalised words mid-sentence are left alone")
    sure_confidence: float = threshold(
        0.9, "probability", "a known word Tesseract read with this confidence or more is not corrected (but its case)")
    doubtful_confidence: float = threshold(
        0.7, "probability", "a word Tesseract read with less is doubtful: listed in the JSON, never taken for a name")


class ChunksSettings(Group):
    """chunks: the retrieval chunks written by ``--format chunks`` (see :mod:`pipeline.output.chunks`)."""

    max_chars: int = threshold(
        1500, "characters", "a chunk holds at most this many, unless one paragraph (cut at sentence ends), "
                            "table or caption alone is longer")


class Settings(BaseModel):
    """All settings, one group per stage, in the stages' order, then those of the outputs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    extract: ExtractSettings = ExtractSettings()
    ocr: OcrSettings = OcrSettings()
    regions: RegionsSettings = RegionsSettings()
    lines: LinesSettings = LinesSettings()
    layout: LayoutSettings = LayoutSettings()
    furniture: FurnitureSettings = FurnitureSettings()
    language: LanguageSettings = LanguageSettings()
    classify: ClassifySettings = ClassifySettings()
    paragraphs: ParagraphsSettings = ParagraphsSettings()
    hyphens: HyphensSettings = HyphensSettings()
    repair: RepairSettings = RepairSettings()
    ocrfix: OcrfixSettings = OcrfixSettings()
    chunks: ChunksSettings = ChunksSettings()

    def with_values(self, values: Mapping[str, Any]) -> Settings:
        """A copy with ``values`` (by dotted name, ``"furniture.band"``) changed; raises
        :class:`SettingsError` for an unknown name or a value of the wrong type."""
        data = self.model_dump()
        for name, value in values.items():
            group, _, key = name.partition(".")
            if group not in data or key not in data[group]:
                raise SettingsError(f"unknown setting {name!r} (python -m pipeline settings lists them)")
            data[group][key] = value
        return _validated(data)

    def with_table(self, table: Mapping[str, Any]) -> Settings:
        """A copy with the values of a TOML table of group tables (``{"furniture": {"band": 0.15}}``)."""
        values = {}
        for group, entries in table.items():
            if not isinstance(entries, Mapping):
                raise SettingsError(f"setting group {group!r} must be a table of settings")
            values.update({f"{group}.{key}": value for key, value in entries.items()})
        return self.with_values(values)

    def items(self) -> Iterator[tuple[str, Any]]:
        """Every setting as (dotted name, value), group by group."""
        for group, values in self.model_dump().items():
            for key, value in values.items():
                yield f"{group}.{key}", value

    def changed(self) -> dict[str, Any]:
        """The settings whose values differ from the defaults, by dotted name."""
        defaults = dict(DEFAULTS.items())
        return {name: value for name, value in self.items() if value != defaults[name]}


DEFAULTS = Settings()
"""The default settings (immutable, so safe to share)."""


class SettingsError(ValueError):
    """A setting that does not exist, or a value it cannot take."""


def _validated(data: dict) -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        name = ".".join(str(part) for part in problem["loc"])
        raise SettingsError(f"setting {name}: {problem['msg']}") from None


def parse_assignment(text: str) -> tuple[str, Any]:
    """``name=value`` as given to ``--set``: the value is read as TOML (numbers, true/false,
    quoted strings, inline tables), and taken as a plain string when it is not TOML.

    >>> parse_assignment("furniture.band=0.15"), parse_assignment("ocr.language=deu+eng")
    (('furniture.band', 0.15), ('ocr.language', 'deu+eng'))
    """
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise SettingsError(f"--set takes name=value, not {text!r}")
    try:
        parsed = tomllib.loads(f"value = {value.strip()}")["value"]
    except tomllib.TOMLDecodeError:
        parsed = value.strip()
    return name.strip(), parsed


def load_settings(config: Path | None = None, assignments: Sequence[str] = (), folder: Path = Path(".")) -> Settings:
    """The settings of a run: defaults, then the config file (``config``, or one found in
    ``folder``: see :func:`find_config`), then ``assignments`` (``name=value``)."""
    settings = DEFAULTS
    path = config or find_config(folder)
    if path is not None:
        settings = settings.with_table(read_config(path))
    return settings.with_values(dict(parse_assignment(text) for text in assignments))


def find_config(folder: Path) -> Path | None:
    """``pipeline.toml`` in ``folder``, else its ``pyproject.toml`` when that has a ``[tool.pipeline]`` table."""
    own = folder / CONFIG_NAME
    if own.is_file():
        return own
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and _pyproject_table(_read_toml(pyproject)) is not None:
        return pyproject
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The settings table of a TOML file: a ``pyproject.toml``'s ``[tool.pipeline]``, or the whole file."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        return _pyproject_table(data) or {}
    return data


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{path}: cannot read settings ({error})") from None


def _pyproject_table(data: dict[str, Any]) -> dict[str, Any] | None:
    table: Any = data
    for key in PYPROJECT_TABLE:
        table = table.get(key) if isinstance(table, dict) else None
    return table


def describe(settings: Settings) -> str:
    """Every setting as TOML, one group a table, each with its unit and reason as a comment
    (and ``changed`` where it is not the default): the output of ``python -m pipeline settings``,
    which can be saved as a ``pipeline.toml`` and edited."""
    changed = settings.changed()
    lines: list[str] = []
    for group_name in Settings.model_fields:
        values = getattr(settings, group_name)
        lines += ["", f"[{group_name}]  # {type(values).__doc__}"]
        for key, field in type(values).model_fields.items():
            value = getattr(values, key)
            unit = (field.json_schema_extra or {}).get("unit", "")
            mark = "  (changed)" if f"{group_name}.{key}" in changed else ""
            lines.append(f"{key} = {_toml_value(value)}  # {unit}: {field.description}{mark}")
    return "\n".join(lines).lstrip("\n") + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{key}" = {_toml_value(item)}' for key, item in value.items()) + " }"
    return repr(value)
