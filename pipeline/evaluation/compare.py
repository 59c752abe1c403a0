"""Compare two readings block by block: ``python -m pipeline diff A B``.

A and B are outputs of the pipeline (``<stem>.json`` or ``<stem>.md``), or two output
folders, whose files are paired by stem (a JSON before a Markdown). Each file is read as
blocks in reading order: title, headings, paragraphs and list items, captions, a table
row by row, code, formulas, footnotes. The blocks are aligned by their text, whitespace
and quotes folded, and each difference is one line:

========  ====================================================================
changed   a block B has at the same place with other words (shown as a word
          diff: ``[-removed-]`` and ``{+added+}``)
moved     a block B has at another place (at least 95% alike)
vanished  a block of A that B does not have
appeared  a block of B that A does not have
========  ====================================================================
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from rapidfuzz import fuzz

from ..output.models import Document
from .documents import fold, gold_of, output_blocks
from .drafts import draft_from_markdown

ALIKE = 60.0
"""How alike (0-100) a block of A and a block of B at the same place must be to be one block changed."""
MOVED = 95.0
"""How alike a block of A and a block of B elsewhere must be to be one block moved."""
SHOWN_CHARS = 160
CONTEXT_WORDS = 6


@dataclass
class Change:
    change: str
    """changed, moved, vanished or appeared."""
    kind: str
    old: int | None
    """The block's place in A (0-based), when A has it."""
    new: int | None
    """The block's place in B, when B has it."""
    text: str
    """The text shown: a word diff, or the block's text shortened."""

    def __str__(self) -> str:
        places = " -> ".join(str(place + 1) for place in (self.old, self.new) if place is not None)
        return f"{self.change:<9} {self.kind} {places}: {self.text}"


def word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> str:
    """The words of ``new`` against ``old``: removed ones in ``[-...-]``, added ones in
    ``{+...+}``, and of the words both have only ``context`` on each side of a change.

    >>> word_diff("The river ran low in May.", "The river was low in May.")
    'The river [-ran-] {+was+} low in May.'
    >>> word_diff("a b c d e f g h i j", "a b c d e f g h i k", context=2)
    '... h i [-j-] {+k+}'
    """
    old_words, new_words = old.split(), new.split()
    parts = []
    opcodes = SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            parts.append(_elided(old_words[i1:i2], context, after_change=i1 > 0, before_change=i2 < len(old_words)))
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(old_words[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(new_words[j1:j2]) + "+}")
    return " ".join(part for part in parts if part)


def _elided(words: list[str], context: int, after_change: bool, before_change: bool) -> str:
    """A run of words both texts have: ``context`` words next to each change it touches."""
    head = words[:context] if after_change else []
    tail = words[-context:] if before_change and context else []
    if len(head) + len(tail) >= len(words):
        return " ".join(words)
    return " ".join(head + ["..."] + tail)


def compare_blocks(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[Change]:
    """The differences between two readings, each a list of (kind, text) blocks, in the order of B."""
    a, b = [fold(text) for _, text in old], [fold(text) for _, text in new]
    changes: list[tuple[int, Change]] = []
    vanished: list[tuple[int, int]] = []
    appeared: list[int] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        pairs = dict(_alike_in_order(a, b, range(i1, i2), range(j1, j2)))
        for i, j in pairs.items():
            changes.append((j, Change("changed", new[j][0], i, j, word_diff(old[i][1], new[j][1]))))
        vanished += [(i, j1) for i in range(i1, i2) if i not in pairs]
        appeared += [j for j in range(j1, j2) if j not in pairs.values()]
    for i, j in _moves(a, b, [i for i, _ in vanished], appeared):
        text = _shown(new[j][1]) if a[i] == b[j] else word_diff(old[i][1], new[j][1])
        changes.append((j, Change("moved", new[j][0], i, j, text)))
        vanished = [(other, place) for other, place in vanished if other != i]
        appeared.remove(j)
    changes += [(place, Change("vanished", old[i][0], i, None, _shown(old[i][1]))) for i, place in vanished]
    changes += [(j, Change("appeared", new[j][0], None, j, _shown(new[j][1]))) for j in appeared]
    return [change for _, change in sorted(changes, key=lambda item: (item[0], item[1].new is not None))]


def _alike_in_order(a: list[str], b: list[str], olds: range, news: range) -> list[tuple[int, int]]:
    """Blocks of A and B in a stretch where they differ that are one block changed: each
    block of A with the most alike block of B after the last one paired, when alike enough."""
    pairs: list[tuple[int, int]] = []
    start = news.start
    for i in olds:
        best = max(range(start, news.stop), key=lambda j: fuzz.ratio(a[i], b[j]), default=None)
        if best is not None and fuzz.ratio(a[i], b[best]) >= ALIKE:
            pairs.append((i, best))
            start = best + 1
    return pairs


def _moves(a: list[str], b: list[str], vanished: list[int], appeared: list[int]) -> list[tuple[int, int]]:
    """Vanished blocks of A that appeared elsewhere in B, each with its new place."""
    moves = []
    unclaimed = list(appeared)
    for i in vanished:
        best = max(unclaimed, key=lambda j: fuzz.ratio(a[i], b[j]), default=None)
        if best is not None and fuzz.ratio(a[i], b[best]) >= MOVED:
            moves.append((i, best))
            unclaimed.remove(best)
    return moves


def _shown(text: str) -> str:
    return textwrap.shorten(text, SHOWN_CHARS, placeholder=" ...") or text[:SHOWN_CHARS]


def read_blocks(path: Path) -> list[tuple[str, str]]:
    """An output file as (kind, text) blocks in reading order: a JSON ``Document`` or a Markdown file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return output_blocks(Document.model_validate_json(text))
    blocks = gold_of(draft_from_markdown(text, None, path.stem), path.stem, page_count=1).blocks
    return [("paragraph" if kind == "front" else kind, block) for kind, block in blocks]


def output_pairs(a: Path, b: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """The files to compare: ``a`` and ``b``, or the outputs of two folders paired by stem;
    and a note for each output only one folder has."""
    if a.is_file() and b.is_file():
        return [(a, b)], []
    if not (a.is_dir() and b.is_dir()):
        raise ValueError(f"compare two files or two folders: {a} and {b} are not")
    outputs_a, outputs_b = _outputs(a), _outputs(b)
    pairs = [(outputs_a[stem], outputs_b[stem]) for stem in sorted(outputs_a.keys() & outputs_b.keys())]
    notes = [f"only in {folder}: {path.name}" for folder, outputs, others in ((a, outputs_a, outputs_b),
                                                                              (b, outputs_b, outputs_a))
             for stem, path in sorted(outputs.items()) if stem not in others]
    return pairs, notes


def _outputs(folder: Path) -> dict[str, Path]:
    """The folder's outputs by stem, its JSON where it has one, else its Markdown."""
    outputs = {path.stem: path for path in sorted(folder.glob("*.md"))}
    return outputs | {path.stem: path for path in sorted(folder.glob("*.json"))}


def format_changes(a: Path, b: Path, changes: list[Change]) -> str:
    counts = {kind: sum(1 for change in changes if change.change == kind)
              for kind in ("changed", "moved", "vanished", "appeared")}
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items() if count)
    return "\n".join([f"--- {a}", f"+++ {b}", *map(str, changes), f"blocks: {summary or 'the same'}"])
