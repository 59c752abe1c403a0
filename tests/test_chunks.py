"""Chunks for retrieval: within one section, paragraphs whole unless too long alone, tables and
captions whole, every paragraph in exactly one chunk, stable ids."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from pipeline import Document, process_pdf
from pipeline.output.chunks import chunks_jsonl
from pipeline.output.models import Chunk, Paragraph, Section

from .awkward import awkward_document, box, paragraph
from .conftest import gold_pdf


def paragraph_indices(document: Document) -> list[int]:
    return [index for index, block in enumerate(document.blocks())
            if isinstance(block, Paragraph) and block.kind != "caption"]


def section_of_block(document: Document) -> dict[int, list[str]]:
    """Each block's index and the heading path of its section."""
    paths: dict[int, list[str]] = {}
    index = 0

    def visit(section: Section, above: list[str]) -> None:
        nonlocal index
        path = [*above, section.heading] if section.heading is not None else above
        for _ in section.blocks:
            paths[index] = path
            index += 1
        for child in section.sections:
            visit(child, path)

    for section in document.sections:
        visit(section, [])
    return paths


def assert_chunk_rules(document: Document, chunks: list[Chunk], max_chars: int) -> None:
    """The rules every chunking must keep."""
    blocks = document.blocks()
    paths = section_of_block(document)
    counts = Counter(index for chunk in chunks for index in chunk.blocks)
    for index in paragraph_indices(document):
        text = blocks[index].text
        if text and len(text) <= max_chars:
            assert counts[index] == 1, text[:60]
        assert counts[index] <= 1 or len(text) > max_chars  # a list item that was only its bullet: in one, or none
    for chunk in chunks:
        assert {tuple(paths[index]) for index in chunk.blocks} == {tuple(chunk.section)}
        assert len(chunk.text) <= max_chars or len(chunk.blocks) == 1
    assert len({chunk.id for chunk in chunks}) == len(chunks)


@pytest.fixture(scope="module")
def paper() -> Document:
    return process_pdf(gold_pdf("soil-downscaling-2026"))


@pytest.mark.parametrize("max_chars", [200, 600, 1500, 10_000])
def test_the_rules_hold_for_every_size(paper, max_chars):
    assert_chunk_rules(paper, paper.to_chunks(max_chars), max_chars)
    assert_chunk_rules(awkward_document(), awkward_document().to_chunks(max_chars), max_chars)


def test_a_heading_starts_a_new_chunk_even_when_both_would_fit(paper):
    chunks = paper.to_chunks(100_000)
    sections_with_text = {tuple(path) for path in section_of_block(paper).values()}
    assert len(chunks) == len(sections_with_text)
    assert chunks[1].section == [paper.headings()[0]]


def test_a_paragraph_too_long_alone_is_cut_at_sentence_ends(paper):
    longest = max(paper.paragraphs(), key=lambda p: len(p.text))
    index = paper.blocks().index(longest)
    pieces = [chunk.text for chunk in paper.to_chunks(300) if index in chunk.blocks]
    assert len(pieces) >= 3
    assert all(len(piece) <= 300 and piece[-1] in ".!?)" for piece in pieces[:-1])
    assert " ".join(pieces) == longest.text


def test_a_sentence_too_long_alone_is_cut_at_spaces():
    words = " ".join(f"word{n}" for n in range(40))
    document = Document(source="a.pdf", extractor="pymupdf", page_count=1,
                        sections=[Section(heading="H", level=1, blocks=[paragraph(words + ".")])])
    pieces = [chunk.text for chunk in document.to_chunks(50)]
    assert " ".join(pieces) == words + "." and all(len(piece) <= 50 for piece in pieces)


def test_a_block_without_text_goes_with_the_blocks_beside_it():
    blocks = [paragraph("First."), paragraph("", "list_item"), paragraph("Second.")]
    document = Document(source="a.pdf", extractor="pymupdf", page_count=1,
                        sections=[Section(heading="H", level=1, blocks=blocks)])
    assert [(chunk.text, chunk.blocks) for chunk in document.to_chunks(100)] == [("First.\n\nSecond.", [0, 1, 2])]


def test_tables_and_captions_are_never_cut():
    document = awkward_document()
    table = document.tables()[0]
    chunks = document.to_chunks(40)
    table_chunk = next(chunk for chunk in chunks if chunk.text.startswith("Table 1: eight columns\n"))
    assert table_chunk.text.count("\n") == table.rows and len(table_chunk.blocks) == 1
    assert "Figure 1: <img src=x onerror=alert(1)>" in [chunk.text for chunk in chunks]


def test_chunks_keep_pages_boxes_and_section_paths():
    chunks = awkward_document().to_chunks(1500)
    deep = next(chunk for chunk in chunks if chunk.text == "Deep.")
    assert deep.section == ["1 Introduction & scope", "2.1 Method <i>", "Deep detail"]
    assert (deep.pages, deep.boxes) == ([2], [box(2)])
    assert chunks[0].section == []  # the text before the first heading


def test_ids_are_stable_and_differ_for_repeated_text():
    document = Document(source="/a/b.pdf", extractor="pymupdf", page_count=1,
                        sections=[Section(heading="H", level=1, blocks=[paragraph("Same." * 10)] * 3)])
    first, again = document.to_chunks(60), document.to_chunks(60)
    moved = document.model_copy(update={"source": "/elsewhere/b.pdf"}).to_chunks(60)
    assert [c.id for c in first] == [c.id for c in again] == [c.id for c in moved]
    assert len({c.id for c in first}) == 3


def test_jsonl_is_one_chunk_object_a_line(paper):
    lines = chunks_jsonl(paper.to_chunks()).splitlines()
    assert [Chunk.model_validate(json.loads(line)) for line in lines] == paper.to_chunks()
    assert set(json.loads(lines[0])) == {"id", "text", "section", "pages", "boxes", "blocks"}
