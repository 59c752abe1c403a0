"""Measure clean-up quality against gold text: ``python -m pipeline eval``.

Gold comes in two forms:

* a gold file (:class:`~pipeline.evaluation.gold.GoldDocument`; ``NAME.gold.json`` beside
  ``NAME.pdf``, or ``gold/NAME.json`` beside ``pdf/NAME.pdf`` as in the project's corpora):
  title, front matter, contents, sections with headings and paragraphs, tables, footnotes,
  and the furniture that must not appear;
* plain text, such as Bast & Korzen ground truth (``NAME.gt.txt`` beside ``NAME.pdf``):
  blocks separated by blank lines, with placeholders such as ``[formula]`` that are ignored.

Metrics, per document: the table in :mod:`.metrics` (which way each is better, what it counts).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, Levenshtein

from ..core.geometry import HYPHENS
from ..output.models import Block, Contents, Document, Figure, Table
from ..settings import DEFAULTS, Settings
from ..stages.classify import SECTION_NUMBER
from .gold import (
    GOLD_SUFFIX,
    PARAGRAPH_MATCH,
    CaptionEntry,
    CodeEntry,
    Entry,
    FigureEntry,
    FormulaEntry,
    GoldDocument,
    GoldTable,
    ListEntry,
    TableEntry,
    gold_name,
    read_gold_document,
)
from .ocr import STRAIGHT_QUOTES, OcrScores, bare_words, ocr_scores, text_layer_lines
from .regions import RegionScores, format_region_table, region_scores

PLACEHOLDER = re.compile(r"\[formula\]|\[table\]|\[figure\]|\[null\]|\[\\[A-Za-z]+=[^\]]*\]")
INLINE_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
INLINE_EMPHASIS = re.compile(r"\*\*([^*]+)\*\*|\*([^*]+)\*")
FOOTNOTE_CALL = re.compile(r"\[\^[^\]]+\]")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“(]?[A-Z0-9])")
UNKNOWN = "\x00"
"""Stands in gold text for content the gold does not spell out (formulas, citations)."""
STYLE_FOLD = STRAIGHT_QUOTES | str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾", "0123456789+-=()")
"""Characters that differ from others by style alone, mapped to them (see :func:`fold`)."""
FRAGMENT_SHARE = 0.8
"""An output paragraph holding less of the gold paragraph it is placed in is a fragment of it."""
MAX_UNKNOWN_CHARS = 80
"""The most output characters one unknown part of a gold paragraph may stand for in paragraph matching."""
HEADING_MATCH = 90.0
MIN_SENTENCE_CHARS = 20


@dataclass
class Gold:
    """Gold text as blocks: (kind, text) with kind title/front/toc/heading/paragraph/list_item,
    and for the region corpus caption/table (one block a row)/code/formula/footnote; with the
    tables, captions and footnotes themselves, and the paragraphs next to a region."""

    name: str
    blocks: list[tuple[str, str]]
    furniture: list[str] = field(default_factory=list)
    has_headings: bool = True
    tables: list[GoldTable] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    near_regions: list[str] = field(default_factory=list)
    """Paragraphs right before or after a table, figure or code, or cut by one."""
    paragraph_match: float = PARAGRAPH_MATCH
    """How alike (0-100) an output paragraph must be to a gold paragraph to match it."""

    @property
    def paragraphs(self) -> list[str]:
        return [text for kind, text in self.blocks if kind in ("paragraph", "list_item", "front")]

    @property
    def headings(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == "heading"]

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.blocks)


@dataclass
class Scores:
    document: str
    cer: float
    wer: float
    sentence_recall: float
    paragraph_recall: float
    heading_precision: float | None
    heading_recall: float | None
    leakage: int
    hyphenation_accuracy: float | None
    hyphen_cases: int
    fragment_score: float | None = None
    """The share of output paragraphs placed in a gold paragraph that are not a fragment of it
    (:func:`fragment_score`)."""
    ocr: OcrScores | None = None
    """OCR word errors before and after correction, when the document has OCR'd pages."""
    regions: RegionScores | None = None
    """Tables, captions, footnotes and the paragraphs around them, when the gold has any."""
    title_match: bool | None = None
    """Whether the output's title is the gold's, word for word (:func:`same_title`); None when
    the gold has no title. Reported beside the metrics, not among them."""


def strip_marks(text: str) -> str:
    """Gold inline marks removed: ``**b**``, ``*i*``, ``[text](url)`` become plain text, and
    footnote calls ``[^1]`` go."""
    text = FOOTNOTE_CALL.sub("", INLINE_LINK.sub(r"\1", text))
    return INLINE_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)


def load_gold_json(path: Path, page_count: int) -> Gold:
    """A gold file (:class:`~pipeline.evaluation.gold.GoldDocument`) as blocks, its running
    header and footer templates spelt out for ``page_count`` pages."""
    data = read_gold_document(path)
    return gold_of(data, data.id or gold_name(path), page_count)


def gold_of(data: GoldDocument, name: str, page_count: int) -> Gold:
    """A gold document as blocks in reading order, the shape scores are taken in."""
    title = [("title", data.title)] if data.title else []
    gold = Gold(name, title, _furniture_lines(data, page_count) + data.furniture, paragraph_match=data.paragraph_match)
    _add_entries(gold, data.front_matter, "front")
    gold.blocks += [("toc", t) for t in data.toc]
    for section in data.sections:
        gold.blocks.append(("heading", section.heading))
        _add_entries(gold, section.paragraphs, "paragraph")
    gold.footnotes = [note.text for note in data.footnotes]
    gold.blocks += [("footnote", text) for text in gold.footnotes]
    return gold


def _add_entries(gold: Gold, entries: list[Entry], paragraph_kind: str) -> None:
    """The entries of a section (or of the front matter, whose paragraphs are of kind
    ``front``), noting the paragraphs next to a region."""
    for index, entry in enumerate(entries):
        if isinstance(entry, str):
            gold.blocks.append((paragraph_kind, strip_marks(entry)))
            if any(_is_region(other) for other in entries[max(index - 1, 0):index + 2]):
                gold.near_regions.append(strip_marks(entry))
        else:
            _add_gold_entry(gold, entry)


def _is_region(entry: Entry) -> bool:
    return isinstance(entry, TableEntry | FigureEntry | CodeEntry | FormulaEntry)


def _add_gold_entry(gold: Gold, entry: Entry) -> None:
    """A list, table, figure, lone caption, code listing or formula of a gold section."""
    if isinstance(entry, ListEntry):
        gold.blocks += [("list_item", strip_marks(item)) for item in entry.items]
    elif isinstance(entry, CodeEntry):
        gold.blocks.append(("code", entry.code))
    elif isinstance(entry, FormulaEntry):
        gold.blocks.append(("formula", entry.formula))
    else:
        caption = _caption_of(entry)
        if caption:
            gold.blocks.append(("caption", caption))
            gold.captions.append(caption)
        if isinstance(entry, TableEntry):
            gold.tables.append(entry.table)
            gold.blocks += [("table", " ".join(row)) for row in entry.table.rows]


def _caption_of(entry: Entry) -> str | None:
    if isinstance(entry, TableEntry):
        return entry.table.caption
    if isinstance(entry, FigureEntry):
        return entry.figure.caption
    return entry.caption if isinstance(entry, CaptionEntry) else None


def _furniture_lines(data: GoldDocument, page_count: int) -> list[str]:
    lines = []
    for templates in (data.header, data.footer):
        if not templates:
            continue
        if isinstance(templates, str):
            templates = [templates]
        for page in range(1, page_count + 1):
            template = templates[(page - 1) % len(templates)] if len(templates) > 1 else templates[0]
            lines.append(template.format(page=page, total=page_count))
    return lines


def load_gold_text(path: Path) -> Gold:
    """Bast & Korzen ground truth: first block the title, the rest body; no heading marks.

    Placeholders become :data:`UNKNOWN`: sentences holding one are not judged, and the
    marker is dropped before edit distances are taken.
    """
    raw = path.read_text(encoding="utf-8", errors="replace")
    blocks = [re.sub(r"\s+", " ", PLACEHOLDER.sub(UNKNOWN, b)).strip() for b in raw.split("\n\n")]
    blocks = [b for b in blocks if b]
    kinds = ["title"] + ["paragraph"] * (len(blocks) - 1)
    return Gold(path.name.removesuffix(".gt.txt"), list(zip(kinds, blocks)), has_headings=False)


def output_blocks(document: Document) -> list[tuple[str, str]]:
    """The document in the same (kind, text) shape as :class:`Gold`: a table as its cells'
    texts row by row, a figure as its caption, and the footnotes at the end."""
    blocks: list[tuple[str, str]] = [("title", document.title)] if document.title else []
    sections = list(document.iter_sections())
    if sections and sections[0].heading is None:
        blocks += [item for block in sections.pop(0).blocks for item in _block_texts(block)]
    blocks += [("toc", entry) for entry in document.toc]
    for section in sections:
        if section.heading:
            blocks.append(("heading", section.heading))
        blocks += [item for block in section.blocks for item in _block_texts(block)]
    return blocks + [("footnote", note.text) for note in document.footnotes]


def _block_texts(block: Block) -> list[tuple[str, str]]:
    if isinstance(block, Contents):  # its entries are the document's toc, counted once
        return []
    if isinstance(block, Table):
        caption = [("caption", block.caption)] if block.caption else []
        return caption + [("table", " ".join(row)) for row in block.grid()]
    if isinstance(block, Figure):
        return [("caption", block.caption)] if block.caption else []
    return [(block.kind, block.text)]


def fold(text: str) -> str:
    """Text compared for content: whitespace folded, curly quotes as straight ones and
    superscript digits and signs as plain ones (style choices of the producer or of the
    pipeline, not content: "m²" is "m2" as a gold flattened from LaTeX spells it), unknown
    gold parts removed."""
    return re.sub(r"\s+", " ", text.replace(UNKNOWN, " ").translate(STYLE_FOLD)).strip()


def character_error_rate(gold: str, output: str) -> float:
    gold, output = fold(gold), fold(output)
    return Levenshtein.distance(gold, output) / max(len(gold), 1)


def word_error_rate(gold: str, output: str) -> float:
    gold_words, output_words = fold(gold).split(), fold(output).split()
    return Levenshtein.distance(gold_words, output_words) / max(len(gold_words), 1)


def sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences that are long enough and fully spelled out in the gold."""
    return [s.strip() for s in SENTENCE_END.split(paragraph)
            if len(s.strip()) >= MIN_SENTENCE_CHARS and UNKNOWN not in s]


def sentence_recall(gold_paragraphs: list[str], output_blocks_text: list[str]) -> float:
    haystack = "\n".join(fold(b) for b in output_blocks_text)
    wanted = [fold(s) for p in gold_paragraphs for s in sentences(p)]
    return sum(1 for s in wanted if s in haystack) / len(wanted) if wanted else 1.0


def paragraph_recall(gold_paragraphs: list[str], output_paragraphs: list[str],
                     similarity: float = PARAGRAPH_MATCH) -> float:
    """The share of gold paragraphs that one output paragraph matches whole; a gold paragraph
    of placeholders alone (a display formula) is not judged."""
    judged = [paragraph for paragraph in gold_paragraphs if any(ch.isalnum() for ch in fold(paragraph))]
    if not judged:
        return 1.0
    missing = unmatched_paragraphs(judged, output_paragraphs, similarity)
    return (len(judged) - len(missing)) / len(judged)


def unmatched_paragraphs(gold_paragraphs: list[str], output_paragraphs: list[str],
                         similarity: float = PARAGRAPH_MATCH) -> list[str]:
    """The gold paragraphs that no output paragraph matches: of about the same length and at
    least ``similarity`` (0-100) alike, both folded (:func:`paragraph_similarity`: an unknown
    part of the gold, a citation or formula it does not spell out, matches what the output has there).

    >>> unmatched_paragraphs(["The river ran low in May.", "Pumps held."], ["The river ran low in May"])
    ['Pumps held.']
    >>> unmatched_paragraphs(["The river ran low in May."], ["The river ran low in May"], similarity=100)
    ['The river ran low in May.']
    >>> unmatched_paragraphs([f"In Section {UNKNOWN} we prove it."], ["In Section 3.2 we prove it."])
    []
    """
    candidates = [fold(p) for p in output_paragraphs]
    missing = []
    for paragraph in gold_paragraphs:
        target, unknowns = fold(paragraph), paragraph.count(UNKNOWN)
        shortest, longest = 0.94 * len(target), 1.06 * len(target) + unknowns * MAX_UNKNOWN_CHARS
        if not any(shortest <= len(c) <= longest and paragraph_similarity(paragraph, c) >= similarity
                   for c in candidates):
            missing.append(paragraph)
    return missing


def paragraph_similarity(gold: str, output: str) -> float:
    """How alike (0-100) an output paragraph is to a gold paragraph, both folded, as
    ``fuzz.ratio`` measures it; but each unknown part of the gold (a formula or a citation
    the gold does not spell out) stands for up to :data:`MAX_UNKNOWN_CHARS` characters of
    the output at no cost.

    >>> paragraph_similarity(f"See {UNKNOWN} for the proof.", "See [10, Lemma 6.1] for the proof.")
    100.0
    >>> round(paragraph_similarity("See the proof.", "See [10] for the proof."))
    76
    """
    candidate = fold(output)
    if UNKNOWN not in gold:
        return fuzz.ratio(fold(gold), candidate)
    target = re.sub(r"\s+", " ", gold.translate(STYLE_FOLD)).strip()
    unknowns = [index for index, ch in enumerate(target) if ch == UNKNOWN]
    absorbed = dict.fromkeys(unknowns, 0)
    cost = 0
    for op in Indel.editops(target, candidate):
        if op.tag == "delete":
            cost += target[op.src_pos] != UNKNOWN
            continue
        near = next((u for u in unknowns if -1 <= op.src_pos - u <= 2), None)  # an insert beside a placeholder
        if near is not None and absorbed[near] < MAX_UNKNOWN_CHARS:
            absorbed[near] += 1
        else:
            cost += 1
    compared = len(target) - len(unknowns) + len(candidate) - sum(absorbed.values())
    return 100.0 * (1 - cost / compared) if compared else 100.0


def fragment_score(gold_paragraphs: list[str], output_paragraphs: list[str]) -> float | None:
    """The share of output paragraphs placed in a gold paragraph that hold at least
    :data:`FRAGMENT_SHARE` of it: 1.0 when no paragraph is cut in pieces (at a column or page
    break, around a figure, at a line taken for a heading).

    An output paragraph of :data:`MIN_SENTENCE_CHARS` or more is placed in the gold paragraph,
    at least as long, that contains it (``fuzz.partial_ratio`` >= 95, both folded); one that
    no gold paragraph contains (a merge of two, or text the gold does not spell out) is not
    counted. None when none is placed.

    >>> fragment_score(["The river ran low in May and the pumps held all summer."],
    ...                ["The river ran low in May", "and the pumps held all summer."])
    0.0
    >>> fragment_score(["The river ran low in May and the pumps held all summer."],
    ...                ["The river ran low in May and the pumps held all summer."])
    1.0
    """
    golds = [fold(paragraph) for paragraph in gold_paragraphs]
    placed = fragments = 0
    for text in (fold(paragraph) for paragraph in output_paragraphs):
        if len(text) < MIN_SENTENCE_CHARS:
            continue
        longer = [gold for gold in golds if len(gold) >= len(text)]
        found = process.extractOne(text, longer, scorer=fuzz.partial_ratio, score_cutoff=PARAGRAPH_MATCH)
        if found is not None:
            placed += 1
            fragments += len(text) < FRAGMENT_SHARE * len(found[0])
    return 1 - fragments / placed if placed else None


def heading_scores(gold_headings: list[str], output_headings: list[str],
                   words_in_any_order: bool = False) -> tuple[float, float]:
    """Precision and recall of the headings, matched by :func:`match_headings`."""
    matched = match_headings(gold_headings, output_headings, words_in_any_order).matched
    precision = matched / len(output_headings) if output_headings else float(not gold_headings)
    recall = matched / len(gold_headings) if gold_headings else 1.0
    return precision, recall


@dataclass
class HeadingMatch:
    matched: int
    gold_unmatched: list[str]
    output_unmatched: list[str]


def match_headings(gold_headings: list[str], output_headings: list[str],
                   words_in_any_order: bool = False) -> HeadingMatch:
    """Each gold heading matched to one output heading at least 90% alike (by its words in
    any order when ``words_in_any_order``: a reference that puts a section number drawn
    beside a heading after it); with the headings of either side left unmatched."""
    unmatched = list(output_headings)
    keys = [fold(h).lower() for h in output_headings]
    missing = []
    similarity = _in_any_order if words_in_any_order else fuzz.ratio
    for heading in gold_headings:
        target = fold(heading).lower()
        best = max(range(len(keys)), key=lambda i: similarity(target, keys[i]), default=None)
        if best is not None and similarity(target, keys[best]) >= HEADING_MATCH:
            keys.pop(best)
            unmatched.pop(best)
        else:
            missing.append(heading)
    return HeadingMatch(len(gold_headings) - len(missing), missing, unmatched)


def _in_any_order(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def leakage(furniture: list[str], blocks: list[str], expected: Sequence[str] = ()) -> int:
    """How many running header/footer lines are still in the output (see :func:`leaks`)."""
    return len(leaks(furniture, blocks, expected))


def leaks(furniture: list[str], blocks: list[str], expected: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Each furniture line found in the output, with the block it is in, once for each time
    it is there: compared word by word without case or punctuation (OCR reads "Newsletter ·
    Spring" as "Newsletter - Spring"); a line without letters only as a block of its own.
    As many times as the gold's own blocks (``expected``) hold the line are not counted, the
    first found: a running head that repeats the title, or an issue line that opens with it,
    is in the text as well.

    >>> leaks(["Tidings · 2"], ["Tidings", "Tidings 2", "x"]), leaks(["Tidings"], ["Tidings", "Tidings"], ["Tidings"])
    ([('Tidings · 2', 'Tidings 2')], [('Tidings', 'Tidings')])
    """
    found = []
    for line in furniture:
        bare = bare_words(line)
        occurrences = [block for block in blocks for _ in range(_times_in(bare, block))]
        found += [(line, block) for block in occurrences[sum(_times_in(bare, text) for text in expected):]]
    return found


def _times_in(bare: str, block: str) -> int:
    """How many times the bare words ``bare`` of a furniture line stand in ``block``."""
    text = f" {bare_words(block)} "
    return text.count(f" {bare} ") if any(c.isalpha() for c in bare) else int(text.strip() == bare)


def hyphenation_cases(document_path: Path, settings: Settings = DEFAULTS) -> list[tuple[str, str]]:
    """Line-end hyphen breaks in the PDF: (last word of a line, with its hyphen; first word of the next)."""
    from ..stages.extract import extract
    from ..stages.layout import lay_out_document

    cases = []
    for page in lay_out_document(extract(document_path, settings.extract.extractor), settings):
        for block in page.blocks:
            for line, following in zip(block.lines, block.lines[1:]):
                last = line.words[-1].text
                if len(last) >= 2 and last[-1] in HYPHENS and last[-2].isalpha():
                    cases.append((last, following.words[0].text))
    return cases


def hyphenation_accuracy(cases: list[tuple[str, str]], gold_text: str, document: Document) -> tuple[float | None, int]:
    """Share of line-end hyphens (that the gold decides) resolved the way the gold spells the
    word, and how many the gold decides (see :func:`judge_hyphens`)."""
    judgements = judge_hyphens(cases, gold_text, document)
    correct = sum(1 for judgement in judgements if judgement.correct)
    return (correct / len(judgements) if judgements else None), len(judgements)


@dataclass
class HyphenJudgement:
    printed: str
    """The break as printed: "sustain- able"."""
    gold_spelling: str
    output: str | None
    """What the pipeline made of it; None when it did not resolve it."""
    correct: bool


def judge_hyphens(cases: list[tuple[str, str]], gold_text: str, document: Document) -> list[HyphenJudgement]:
    """Each line-end hyphen whose word the gold spells, judged: resolved as the gold spells it
    or not. A break the pipeline never resolved (left as "sustain- able") is wrong."""
    gold_words = _word_counts(gold_text)
    resolved: dict[str, list[str]] = {}
    for edit in document.edits:
        if edit.kind in ("dehyphenate", "hyphen_kept"):
            resolved.setdefault(edit.before, []).append(edit.after)
    judgements = []
    for last, following in cases:
        head = re.sub(r"^[^\w]+", "", last[:-1])
        tail = re.sub(r"[^\w]+$", "", following)
        joined, compound = (head + tail).lower(), f"{head}-{tail}".lower()
        if not gold_words.get(joined) and not gold_words.get(compound):
            continue
        expect_join = gold_words.get(joined, 0) >= gold_words.get(compound, 0)
        afters = resolved.get(f"{last} {following}")
        after = afters.pop() if afters else None
        joined_as_printed = last[:-1] + following
        correct = after is not None and (after == joined_as_printed) == expect_join
        spelling = joined_as_printed if expect_join else last + following
        judgements.append(HyphenJudgement(f"{last} {following}", spelling, after, correct))
    return judgements


def _word_counts(text: str) -> dict[str, int]:
    """Words of ``text`` lower-cased, counting each hyphenated compound and each adjacent pair in it."""
    counts: dict[str, int] = {}
    for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text.lower()):
        pieces = word.split("-")
        keys = [word] + [f"{a}-{b}" for a, b in zip(pieces, pieces[1:])] if len(pieces) > 2 else [word]
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return counts


def score(pdf: Path, gold: Gold, document: Document, settings: Settings = DEFAULTS) -> Scores:
    blocks = output_blocks(document)
    texts = [text for _, text in blocks]
    output_paragraphs = [text for kind, text in blocks if kind in ("paragraph", "list_item")]
    if not gold.has_headings:  # the gold's headings are among its paragraphs, without their numbers
        output_paragraphs += [SECTION_NUMBER.sub("", text) for kind, text in blocks if kind == "heading"]
    precision = recall = None
    if gold.has_headings:
        precision, recall = heading_scores(gold.headings, [t for k, t in blocks if k == "heading"])
    gold_text = gold.text
    accuracy, judged = hyphenation_accuracy(hyphenation_cases(pdf, settings), gold_text, document)
    return Scores(
        document=gold.name,
        cer=character_error_rate(gold_text, "\n".join(texts)),
        wer=word_error_rate(gold_text, "\n".join(texts)),
        sentence_recall=sentence_recall(gold.paragraphs, texts),
        paragraph_recall=paragraph_recall(gold.paragraphs, output_paragraphs, gold.paragraph_match),
        heading_precision=precision,
        heading_recall=recall,
        leakage=leakage(gold.furniture, texts, [text for _, text in gold.blocks]),
        hyphenation_accuracy=accuracy,
        hyphen_cases=judged,
        fragment_score=fragment_score(gold.paragraphs, output_paragraphs),
        ocr=ocr_scores(document, gold_text, text_layer_lines(pdf), gold.furniture),
        regions=region_scores(gold, document),
        title_match=same_title(document.title, gold),
    )


def same_title(title: str | None, gold: Gold) -> bool | None:
    """Whether ``title`` has the words of the gold's title (marks and spacing aside), or None
    when the gold has none.

    >>> same_title("Alder Quay  Tidings", Gold("g", [("title", "Alder Quay Tidings")]))
    True
    """
    wanted = next((text for kind, text in gold.blocks if kind == "title"), None)
    if wanted is None:
        return None
    return (title or "").split() == strip_marks(wanted).split()


def gold_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    """(pdf, gold) pairs in a corpus folder: ``gold/<stem>.json`` + ``pdf/<stem>.pdf``, and
    each ``<stem>.pdf`` with ``<stem>.gold.json`` (or else ``<stem>.gt.txt``) beside it."""
    pairs = []
    for gold in sorted(corpus.glob("gold/*.json")):
        pdf = corpus / "pdf" / f"{gold.stem}.pdf"
        if pdf.exists():
            pairs.append((pdf, gold))
    for pdf in sorted(corpus.glob("*.pdf")):
        golds = [pdf.with_name(pdf.stem + suffix) for suffix in (GOLD_SUFFIX, ".gt.txt")]
        pairs += [(pdf, gold) for gold in golds if gold.exists()][:1]
    return pairs


def evaluate(pdf: Path, gold_path: Path, settings: Settings = DEFAULTS) -> Scores:
    from ..run import process_pdf

    document = process_pdf(pdf, settings=settings)
    return score(pdf, load_gold(gold_path, document.page_count), document, settings)


def load_gold(path: Path, page_count: int) -> Gold:
    """A gold file (``.json``) or plain-text gold (``.gt.txt``)."""
    return load_gold_json(path, page_count) if path.suffix == ".json" else load_gold_text(path)


METRICS = ["cer", "wer", "sentence_recall", "paragraph_recall", "heading_precision",
           "heading_recall", "leakage", "hyphenation_accuracy", "fragment_score"]


def mean_scores(rows: list[Scores]) -> dict[str, float | None]:
    """Per-document means of :data:`METRICS`, and ``ocr_fixed_share``: the mean share of the
    text layer's word errors fixed, over documents whose text layer has errors."""
    means: dict[str, float | None] = {}
    for metric in METRICS:
        values = [getattr(r, metric) for r in rows if getattr(r, metric) is not None]
        means[metric] = sum(values) / len(values) if values else None
    shares = [r.ocr.fixed_share for r in rows if r.ocr is not None and r.ocr.fixed_share is not None]
    means["ocr_fixed_share"] = sum(shares) / len(shares) if shares else None
    return means


def format_table(rows: list[Scores]) -> str:
    header = ["document", "CER", "WER", "sent R", "para R", "frag", "head P", "head R", "leak", "hyph acc (n)",
              "OCR: text layer errors -> left; fixed (share), new; corrections (wrong)", "title"]
    lines = [" | ".join(header), " | ".join("---" for _ in header)]

    def cell(value, digits=3):
        return "-" if value is None else f"{value:.{digits}f}"

    for r in rows:
        lines.append(" | ".join([r.document, cell(r.cer, 4), cell(r.wer, 4), cell(r.sentence_recall),
                                 cell(r.paragraph_recall), cell(r.fragment_score), cell(r.heading_precision),
                                 cell(r.heading_recall),
                                 str(r.leakage), f"{cell(r.hyphenation_accuracy)} ({r.hyphen_cases})",
                                 _ocr_cell(r.ocr), _title_cell([r])]))
    m = mean_scores(rows)
    lines.append(" | ".join(["**mean**", cell(m["cer"], 4), cell(m["wer"], 4), cell(m["sentence_recall"]),
                             cell(m["paragraph_recall"]), cell(m["fragment_score"]), cell(m["heading_precision"]),
                             cell(m["heading_recall"]), cell(m["leakage"], 1),
                             cell(m["hyphenation_accuracy"]), _ocr_cell(_summed_ocr(rows), m["ocr_fixed_share"]),
                             _title_cell(rows)]))
    with_regions = [(r.document, r.regions) for r in rows if r.regions is not None]
    if with_regions:
        lines += ["", format_region_table(with_regions)]
    return "\n".join(lines)


def _title_cell(rows: list[Scores]) -> str:
    """How many of the documents whose gold has a title got it right: "yes" / "no" for one
    document, "k/n" for several, "-" for none."""
    judged = [r.title_match for r in rows if r.title_match is not None]
    if not judged:
        return "-"
    if len(rows) == 1:
        return "yes" if judged[0] else "no"
    return f"{sum(judged)}/{len(judged)}"


def _ocr_cell(ocr: OcrScores | None, share: float | None = None) -> str:
    """One document's OCR counts; on the mean row, the sums, with the mean of the documents'
    fixed shares (``share``)."""
    if ocr is None:
        return "-"
    share = ocr.fixed_share if share is None else share
    if ocr.layer_errors is None:
        layer = f"- -> {ocr.errors_left}"
    else:
        share_text = "-" if share is None else f"{share:.0%}"
        layer = f"{ocr.layer_errors} -> {ocr.errors_left}; fixed {ocr.fixed} ({share_text}), new {ocr.new}"
    return f"{layer}; {ocr.corrections} ({ocr.wrong_corrections})"


def _summed_ocr(rows: list[Scores]) -> OcrScores | None:
    scores = [r.ocr for r in rows if r.ocr is not None]
    if not scores:
        return None
    with_layer = [s for s in scores if s.layer_errors is not None]

    def total(field: str, among: list[OcrScores]) -> int:
        return sum(getattr(s, field) for s in among)

    def layer_total(field: str) -> int | None:
        return total(field, with_layer) if with_layer else None

    return OcrScores(layer_total("layer_errors"), total("errors_left", scores), layer_total("fixed"),
                     layer_total("new"), total("corrections", scores), total("wrong_corrections", scores))


def scores_as_json(rows: list[Scores], reference_rows: list | None = None, failures: list[dict] | None = None) -> str:
    """The scores as JSON: each gold document's, their means, the reference-scored
    documents', and the bounds or baseline that documents failed."""
    return json.dumps({"documents": [asdict(r) for r in rows], "mean": mean_scores(rows) if rows else {},
                       "reference": [asdict(r) for r in reference_rows or []], "failures": failures or []}, indent=2)
