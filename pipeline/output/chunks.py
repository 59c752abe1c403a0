"""Cut a :class:`Document` into chunks for retrieval: ``<stem>.chunks.jsonl``, one
:class:`~pipeline.output.models.Chunk` per line.

A chunk holds consecutive blocks of one section (never of two: a heading always starts a
new chunk), joined by blank lines, up to ``max_chars`` characters
(``chunks.max_chars``). A paragraph is cut only when it alone is longer than that, then
at sentence ends (a sentence longer still at spaces); a table (its caption, then its rows
with cells between ``|``), a figure's caption, a caption, code and a formula are never
cut. Every paragraph is in exactly one chunk (the pieces of a cut one in consecutive
chunks). ``blocks`` gives the blocks a chunk holds as indices into
:meth:`Document.blocks`, ``section`` the headings from the top section down.

>>> from pipeline.output.models import Document, Section, Paragraph, Box
>>> box = Box(page=1, x0=0, y0=0, x1=10, y1=10)
>>> text = Paragraph(text="One. Two three. Four.", pages=[1], boxes=[box])
>>> document = Document(source="a.pdf", extractor="pymupdf", page_count=1,
...                     sections=[Section(heading="Intro", level=1, blocks=[text, text])])
>>> [(chunk.text, chunk.section, chunk.blocks) for chunk in document.to_chunks(max_chars=45)]
[('One. Two three. Four.\\n\\nOne. Two three. Four.', ['Intro'], [0, 1])]
>>> [chunk.text for chunk in document.to_chunks(max_chars=16)]
['One. Two three.', 'Four.', 'One. Two three.', 'Four.']
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Block, Box, Chunk, Document, Section

SEPARATOR = "\n\n"
WHITE_SPACE = re.compile(r"\s+")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|(?<=[。！？])")
"""Where a sentence ends: after its closing punctuation (and quotes or brackets) and the
spaces that follow; CJK full stops are followed by no space."""


@dataclass
class _Piece:
    """A block's text, or a piece of a long paragraph's text, and where it came from."""

    text: str
    block: int
    pages: list[int]
    boxes: list[Box]


@dataclass
class _Draft:
    pieces: list[_Piece] = field(default_factory=list)
    size: int = 0


def document_chunks(document: Document, max_chars: int) -> list[dict]:
    """The document's chunks in reading order, each the fields of a :class:`~pipeline.output.models.Chunk`
    (see the module's description)."""
    chunks: list[dict] = []
    seen: dict[str, int] = {}
    name = Path(document.source).name
    for path, pieces in _section_pieces(document, max_chars):
        for draft in _packed(pieces, max_chars):
            text = SEPARATOR.join(piece.text for piece in draft.pieces if piece.text)
            if not text:
                continue
            chunk_id = _stable_id(name, path, text, seen)
            pages = sorted({page for piece in draft.pieces for page in piece.pages})
            boxes = list({box.model_dump_json(): box for piece in draft.pieces for box in piece.boxes}.values())
            blocks = list(dict.fromkeys(piece.block for piece in draft.pieces))
            chunks.append({"id": chunk_id, "text": text, "section": path, "pages": pages, "boxes": boxes,
                           "blocks": blocks})
    return chunks


def chunks_jsonl(chunks: list[Chunk]) -> str:
    """The chunks as JSON Lines, one object a line."""
    return "".join(chunk.model_dump_json() + "\n" for chunk in chunks)


def _section_pieces(document: Document, max_chars: int) -> Iterator[tuple[list[str], list[_Piece]]]:
    """Each section's heading path and the pieces of its own blocks, depth first in reading
    order (the order of :meth:`Document.blocks`, so that block numbers match it)."""
    number = 0
    stack: list[tuple[Section, list[str]]] = [(section, []) for section in reversed(document.sections)]
    while stack:
        section, above = stack.pop()
        path = [*above, section.heading] if section.heading is not None else above
        pieces: list[_Piece] = []
        for block in section.blocks:
            pieces += _pieces(block, number, max_chars)
            number += 1
        yield path, pieces
        stack.extend((child, path) for child in reversed(section.sections))


def _pieces(block: Block, number: int, max_chars: int) -> list[_Piece]:
    """The block's text as one piece, or a long paragraph's as several (a block without text,
    such as a list item that was only its bullet, is one empty piece)."""
    text = _block_text(block)
    parts = _cut(text, max_chars) if block.kind in ("paragraph", "list_item") else [text]
    return [_Piece(part, number, block.pages, block.boxes) for part in parts]


def _block_text(block: Block) -> str:
    if block.kind == "table":
        rows = [" | ".join(row) for row in block.grid()]
        return "\n".join(([block.caption] if block.caption else []) + rows)
    if block.kind == "figure":
        return block.caption or ""
    return block.text


def _cut(text: str, max_chars: int) -> list[str]:
    """``text`` as it is when it fits, else cut at sentence ends into pieces that fit (a
    sentence too long alone is cut at spaces, a word too long alone anywhere).

    >>> _cut("A b c. D e f g h. I.", 8)
    ['A b c.', 'D e f g', 'h. I.']
    """
    if len(text) <= max_chars:
        return [text]
    pieces: list[str] = []
    for sentence in _split_keeping_ends(text, SENTENCE_END):
        for part in _fitting(sentence, max_chars):
            if pieces and len(pieces[-1]) + len(part) <= max_chars:
                pieces[-1] += part
            else:
                pieces.append(part)
    return [piece.strip() for piece in pieces if piece.strip()]


def _fitting(sentence: str, max_chars: int) -> list[str]:
    """A sentence in parts of at most ``max_chars``: whole, else cut after spaces, else anywhere."""
    if len(sentence) <= max_chars:
        return [sentence]
    parts: list[str] = []
    for word in _split_keeping_ends(sentence, WHITE_SPACE):
        chunks = [word[start:start + max_chars] for start in range(0, len(word), max_chars)]
        for chunk in chunks:
            if parts and len(parts[-1]) + len(chunk) <= max_chars:
                parts[-1] += chunk
            else:
                parts.append(chunk)
    return parts


def _split_keeping_ends(text: str, boundary: re.Pattern[str]) -> list[str]:
    """``text`` cut after each match of ``boundary``, the match kept with what precedes it."""
    parts, start = [], 0
    for match in boundary.finditer(text):
        if match.end() > start:
            parts.append(text[start:match.end()])
            start = match.end()
    return parts + ([text[start:]] if start < len(text) else [])


def _packed(pieces: list[_Piece], max_chars: int) -> Iterator[_Draft]:
    """The pieces in drafts of at most ``max_chars`` (separators counted); a piece longer than
    that alone is a draft of its own, and an empty one joins the draft at hand."""
    draft = _Draft()
    for piece in pieces:
        size = len(piece.text) + (len(SEPARATOR) if draft.size and piece.text else 0)
        if draft.size and draft.size + size > max_chars:
            yield draft
            draft, size = _Draft(), len(piece.text)
        draft.pieces.append(piece)
        draft.size += size
    if draft.pieces:
        yield draft


def _stable_id(name: str, path: list[str], text: str, seen: dict[str, int]) -> str:
    """A short hash of the file name, section path and text; a repeat gets ``-2``, ``-3``..."""
    digest = hashlib.sha256("\x1f".join([name, *path, text]).encode("utf-8")).hexdigest()[:16]
    seen[digest] = seen.get(digest, 0) + 1
    return digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
