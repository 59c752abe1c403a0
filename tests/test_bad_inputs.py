"""The bad-input corpus (tests/bad_inputs): every file gives its defined result.

One run of the command line takes the whole corpus, the gold documents and a 2,000-page
file together; each input then either has both outputs, complete, or exactly one failure
line with its kind, and the good files come out exactly as they do alone.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline import process_pdf
from pipeline.batch.failures import KINDS

from .bad_inputs.build import FILES_DIR, PARAGRAPHS, build_two_thousand_pages
from .conftest import GOLD_IDS, gold_pdf, run_cli

pytestmark = pytest.mark.slow

FAILS = {
    "empty.pdf": ("not-pdf", "empty file (0 bytes)"),
    "html_renamed.pdf": ("not-pdf", "not a PDF (it is an HTML page)"),
    "jpeg_renamed.pdf": ("not-pdf", "not a PDF (it is a JPEG image)"),
    "truncated_50pct.pdf": ("damaged", "not a readable PDF (Failed to open file as type pdf.)"),
    "encrypted_user_password.pdf": ("encrypted", "encrypted: needs a password (use --password)"),
    "no_text_vector_only.pdf": ("no-text", "no text: no text layer, and OCR read nothing on the page images"),
    "no_text_image_only.pdf": ("no-text", "no text: no text layer, and OCR read nothing on the page images"),
    "image_bomb_no_text.pdf": ("no-text", "no text: no text layer, and OCR read nothing on the page images"),
}
"""The files that fail: kind and reason."""

COMPLETE = {"truncated_before_xref.pdf": 4, "truncated_before_startxref.pdf": 4, "xref_wrong_offsets.pdf": 4,
            "xref_garbage_startxref.pdf": 4, "encrypted_owner_only.pdf": 4, "deep_page_tree_500.pdf": 2}
"""Damaged or odd files whose every paragraph comes out: how many of ``PARAGRAPHS`` they hold."""

AWKWARD = {"name with spaces.pdf": "name with spaces", "résumé 日本語.pdf": "résumé 日本語", "-rf.pdf": "_rf",
           "--help.pdf": "__help", "..pdf": "_", "...pdf": "__", "a..b.pdf": "a..b"}
"""Valid files under awkward names, and the output names they get."""


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The CLI on the bad inputs, the gold documents and a 2,000-page file, in one run."""
    folder = tmp_path_factory.mktemp("inputs")
    for pdf in FILES_DIR.iterdir():
        shutil.copy(pdf, folder / pdf.name)
    for doc_id in GOLD_IDS:
        shutil.copy(gold_pdf(doc_id), folder / f"gold-{doc_id}.pdf")
    build_two_thousand_pages(folder / "two_thousand_pages.pdf")
    out = tmp_path_factory.mktemp("out")
    result = run_cli("run", str(folder), "-o", str(out))
    summary = json.loads((out / ".pipeline" / "summary.json").read_text())
    return folder, out, result, summary


def markdown(out: Path, stem: str) -> str:
    return " ".join((out / f"{stem}.md").read_text().split())


def test_each_bad_file_fails_with_its_kind_and_one_clear_line(batch):
    folder, out, result, summary = batch
    failed = {Path(failure["input"]).name: (failure["kind"], failure["reason"]) for failure in summary["failures"]}
    assert failed == FAILS
    for name, (_, reason) in FAILS.items():
        assert f"{folder / name}: {reason}" in result.stderr.splitlines()
        assert not (out / f"{Path(name).stem}.json").exists()
    assert "Traceback" not in result.stderr
    assert result.returncode == 1  # failures of several kinds


def test_every_other_file_has_both_outputs_and_nothing_partial_is_left(batch):
    folder, out, _, summary = batch
    expected = {AWKWARD.get(pdf.name, pdf.stem) for pdf in folder.iterdir() if pdf.name not in FAILS}
    assert {p.stem for p in out.glob("*.json")} == expected
    assert {p.stem for p in out.glob("*.md")} == expected
    assert summary["done"] == len(expected)
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_the_good_files_come_out_as_they_do_alone(batch):
    _, out, _, _ = batch
    for doc_id in GOLD_IDS:
        alone = process_pdf(gold_pdf(doc_id))
        written = json.loads((out / f"gold-{doc_id}.json").read_text())
        assert written["sections"] == json.loads(alone.model_dump_json())["sections"]


def test_repairable_files_lose_nothing(batch):
    _, out, _, _ = batch
    for name, count in COMPLETE.items():
        text = markdown(out, Path(name).stem)
        assert all(paragraph in text for paragraph in PARAGRAPHS[:count]), name


def test_a_file_whose_owner_forbids_copying_is_read_with_a_warning(batch):
    _, out, _, _ = batch
    warnings = json.loads((out / "encrypted_owner_only.json").read_text())["warnings"]
    assert "the file's owner does not permit copying its text; extracted all the same" in warnings


def test_damaged_files_give_what_can_be_read_and_say_what_was_lost(batch):
    folder, out, result, summary = batch
    losses = {(Path(loss["input"]).name, loss["warning"]) for loss in summary["losses"]}
    assert ("cyclic_page_tree.pdf", "page 2 skipped: cycle in page tree") in losses
    assert f"{folder / 'cyclic_page_tree.pdf'}: done, but page 2 skipped: cycle in page tree" in result.stderr
    assert PARAGRAPHS[0] in markdown(out, "cyclic_page_tree")
    for name in ("truncated_10pct.pdf", "truncated_90pct.pdf"):
        assert (name, REPAIRED) in losses
    assert PARAGRAPHS[0] in markdown(out, "truncated_90pct")


REPAIRED = "the file is damaged; MuPDF repaired its structure, and some text may be missing"


def test_text_in_a_font_without_unicode_is_ocrd(batch):
    _, out, _, _ = batch
    for stem in ("type3_no_unicode", "type3_no_unicode_letters"):
        page = json.loads((out / f"{stem}.json").read_text())["pages"][0]
        assert page["text_source"] == "tesseract", stem
        assert "wading birds" in markdown(out, stem)


def test_huge_pages_and_images_do_not_exhaust_the_machine(batch):
    _, out, _, summary = batch
    assert PARAGRAPHS[0][:60] in markdown(out, "huge_mediabox")
    assert "wading birds" in markdown(out, "image_bomb")
    assert summary["peak_worker_memory_mb"] < 1500


def test_a_page_of_200000_characters_and_a_2000_page_file_come_out_whole(batch):
    _, out, _, _ = batch
    dense = markdown(out, "dense_page_200k_chars")
    assert len(dense) >= 199_000
    long = json.loads((out / "two_thousand_pages.json").read_text())
    assert long["page_count"] == 2000
    assert markdown(out, "two_thousand_pages").count("The river meadows north of the village") == 500


def test_awkward_names_give_safe_distinct_output_names(batch):
    folder, out, _, _ = batch
    for name, stem in AWKWARD.items():
        assert f"named {ascii(name)}" in " ".join(strings(json.loads((out / f"{stem}.json").read_text()))), name
        assert (out / f"{stem}.json").resolve().parent == out.resolve()


@pytest.mark.parametrize("name, kind", [("empty.pdf", "not-pdf"), ("encrypted_user_password.pdf", "encrypted"),
                                        ("truncated_50pct.pdf", "damaged"), ("no_text_vector_only.pdf", "no-text")])
def test_one_failing_file_exits_with_its_kind_code(name, kind, tmp_path):
    result = run_one(str(FILES_DIR / name), "-o", str(tmp_path))
    assert result.returncode == KINDS[kind][0]
    assert "Traceback" not in result.stderr


def test_the_password_opens_the_encrypted_file_and_a_wrong_one_is_named(tmp_path):
    locked = FILES_DIR / "encrypted_user_password.pdf"
    assert run_one(str(locked), "-o", str(tmp_path), "--password", "secret").returncode == 0
    assert PARAGRAPHS[0][:50] in markdown(tmp_path, "encrypted_user_password")
    wrong = run_one(str(locked), "-o", str(tmp_path / "wrong"), "--password", "wrong")
    assert wrong.returncode == KINDS["encrypted"][0]
    assert f"{locked}: encrypted: the password is wrong" in wrong.stderr


def test_a_file_past_the_limits_fails_alone_with_its_kind(tmp_path):
    timed_out = run_one(str(gold_pdf(GOLD_IDS[0])), "-o", str(tmp_path / "a"), "--timeout", "0.001")
    assert timed_out.returncode == KINDS["timeout"][0]
    assert "timed out after 0.001 s" in timed_out.stderr
    starved = run_one(str(gold_pdf(GOLD_IDS[0])), "-o", str(tmp_path / "b"), "--max-memory", "64")
    assert starved.returncode == KINDS["memory"][0]
    assert "ran out of memory" in starved.stderr
    assert "Traceback" not in timed_out.stderr + starved.stderr


def strings(value) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in strings(item)]


def run_one(*arguments: str) -> subprocess.CompletedProcess:
    return run_cli("run", *arguments, "--workers", "1", timeout=300)
