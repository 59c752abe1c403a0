"""``run --format``: every output written beside the others, listed in the manifest and redone
incrementally; the HTML and chunks of every corpus PDF keep their rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.batch.files import STATE_FOLDER
from pipeline.output.models import Chunk, Document
from pipeline.settings import DEFAULTS

from .conftest import ROOT, gold_pdf, region_pdf_folders, run_cli
from .test_chunks import assert_chunk_rules
from .test_html import parse, section_headings

ALL = "md,json,html,chunks"
CORPORA = [ROOT / "input_pdfs", ROOT / "tests" / "heldout" / "pdf",
           *region_pdf_folders()]
"""The sample inputs (a two-column paper, a one-column report, a three-column bulletin, a
scan with an OCR layer), other producers' documents, and the region sets (tables, figures,
footnotes, code)."""


def manifest_outputs(out: Path) -> dict[str, list[str]]:
    data = json.loads((out / STATE_FOLDER / "manifest.json").read_text())
    return {Path(key).name: sorted(entry["outputs"]) for key, entry in data["inputs"].items()}


def finished(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()[-1]


def test_an_unknown_format_is_a_usage_error():
    result = run_cli("run", "--format", "md,pdf", "-o", "/nonexistent")
    assert result.returncode == 2 and "unknown format pdf (choose from json, md, html, chunks)" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPORA, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_format_of_every_corpus_pdf_keeps_its_rules(corpus, tmp_path):
    finished(run_cli("run", str(corpus), "-o", str(tmp_path), "--format", ALL))
    stems = sorted(pdf.stem for pdf in corpus.glob("*.pdf"))
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == sorted(
        f"{stem}{suffix}" for stem in stems for suffix in (".json", ".md", ".html", ".chunks.jsonl"))
    for stem in stems:
        document = Document.model_validate_json((tmp_path / f"{stem}.json").read_text())
        tree, errors = parse((tmp_path / f"{stem}.html").read_text())
        assert errors == [], stem
        assert section_headings(tree) == document.headings(), stem
        lines = (tmp_path / f"{stem}.chunks.jsonl").read_text().splitlines()
        chunks = [Chunk.model_validate_json(line) for line in lines]
        assert_chunk_rules(document, chunks, DEFAULTS.chunks.max_chars)


@pytest.mark.slow
def test_formats_are_listed_in_the_manifest_and_redone_incrementally(tmp_path):
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    pdf = Path(shutil.copy(gold_pdf("northfield-ar-2025"), source / "memo.pdf"))
    assert finished(run_cli("run", str(source), "-o", str(out))).startswith("1 done")
    assert manifest_outputs(out) == {"memo.pdf": ["memo.json", "memo.md"]}
    assert finished(run_cli("run", str(source), "-o", str(out), "--format", ALL)).startswith("1 done")
    everything = ["memo.chunks.jsonl", "memo.html", "memo.json", "memo.md"]
    assert manifest_outputs(out) == {"memo.pdf": everything}
    again = run_cli("run", str(source), "-o", str(out), "--format", "html,chunks")
    assert again.stderr.strip() == "nothing to do: 1 files unchanged"
    (out / "memo.html").unlink()
    assert finished(run_cli("run", str(source), "-o", str(out), "--format", ALL)).startswith("1 done")
    assert (out / "memo.html").is_file()

    shutil.copy(gold_pdf("riverlands-14"), pdf)  # changed, and now read without html and chunks
    assert finished(run_cli("run", str(source), "-o", str(out))).startswith("1 done")
    assert manifest_outputs(out) == {"memo.pdf": ["memo.json", "memo.md"]}
    assert sorted(path.name for path in out.iterdir() if path.is_file()) == ["memo.json", "memo.md"]


@pytest.mark.slow
def test_the_chunk_size_is_a_setting(tmp_path):
    finished(run_cli("run", str(gold_pdf("soil-downscaling-2026")), "-o", str(tmp_path), "--format", "chunks",
                     "--set", "chunks.max_chars=400"))
    chunks = [json.loads(line) for line in (tmp_path / "soil-downscaling-2026.chunks.jsonl").read_text().splitlines()]
    assert max(len(chunk["text"]) for chunk in chunks if len(chunk["blocks"]) > 1) <= 400
    assert len(chunks) > 30
