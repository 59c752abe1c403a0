"""Both extractors yield the same model and, through the pipeline, the same text."""

import pytest

from pipeline import process_pdf
from pipeline.extract import extract
from pipeline.evaluation import output_blocks

from .conftest import GOLD_IDS, HELDOUT_IDS, gold_pdf


@pytest.mark.parametrize("doc_id", GOLD_IDS + HELDOUT_IDS)
def test_pymupdf_and_pdfplumber_give_the_same_final_text(doc_id):
    by_pymupdf = output_blocks(process_pdf(gold_pdf(doc_id), extractor="pymupdf"))
    by_pdfplumber = output_blocks(process_pdf(gold_pdf(doc_id), extractor="pdfplumber"))
    assert by_pymupdf == by_pdfplumber


@pytest.mark.parametrize("extractor", ["pymupdf", "pdfplumber"])
def test_words_carry_style_and_links(extractor):
    raw = extract(gold_pdf("cstr-2025-07"), extractor)
    words = [w for page in raw.pages for w in page.words]
    assert any(w.bold for w in words)
    assert any(w.link == "https://example.org/prss-1" and w.text == "launched" for w in words)
    assert {w.page for w in words} == {1, 2, 3}
    assert all(w.x0 < w.x1 and w.y0 < w.y1 and w.size > 0 for w in words)
