"""The groff region sets are built consistently: each gold has its source and its PDF, the two
halves share no document, and no test reads the measured-only half one file at a time."""

import json

import pytest

from .conftest import REGION_SETS_MEASURED_ONLY, ROOT, region_pdf_folders

REGIONS = ROOT / "tests" / "regions"
HALVES = ["groff-dev", "groff"]
MAX_PDF_BYTES = 200_000


def ids(folder: str, sub: str, suffix: str) -> set[str]:
    return {path.name.removesuffix(suffix) for path in (REGIONS / folder / sub).glob(f"*{suffix}")}


@pytest.mark.parametrize("folder", HALVES)
def test_every_groff_gold_has_its_source_and_its_small_pdf(folder):
    golds = ids(folder, "gold", ".json")
    assert 8 <= len(golds) <= 12
    assert golds == ids(folder, "src", ".ms") == ids(folder, "pdf", ".pdf")
    for doc_id in golds:
        gold = json.loads((REGIONS / folder / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert gold["id"] == doc_id and doc_id.startswith("groff-") and "layout" in gold
        assert (REGIONS / folder / "pdf" / f"{doc_id}.pdf").stat().st_size < MAX_PDF_BYTES


def test_the_groff_halves_share_no_document():
    assert not ids("groff-dev", "gold", ".json") & ids("groff", "gold", ".json")


def test_the_untouched_groff_half_is_not_read_one_file_at_a_time():
    assert "groff" in REGION_SETS_MEASURED_ONLY
    assert REGIONS / "groff" / "pdf" not in region_pdf_folders()
    assert REGIONS / "groff-dev" / "pdf" in region_pdf_folders()
