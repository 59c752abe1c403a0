"""The command line: batch processing, clear errors, atomic outputs."""

import json
import shutil
import subprocess
import sys

import pymupdf
import pytest

from pipeline import process_pdf
from pipeline.batch.failures import EXIT_FAILED, KINDS
from pipeline.batch.files import output_stem
from pipeline.cli import EXIT_BROKEN_PIPE, main

from .conftest import ROOT, gold_pdf, run_cli


@pytest.fixture
def bad_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(gold_pdf("cstr-2025-07"), folder / "good.pdf")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "page.pdf").write_text("<html><body>not a pdf</body></html>")
    (folder / "truncated.pdf").write_bytes(gold_pdf("cstr-2025-07").read_bytes()[:300])
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), "secret")
    document.save(folder / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="owner")
    return folder


@pytest.mark.slow
def test_bad_files_fail_alone_with_one_clear_line(bad_inputs, tmp_path):
    out = tmp_path / "out"
    result = run_cli("run", str(bad_inputs), "-o", str(out))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ".pdf:" in line]
    assert len(errors) == 4
    assert any("empty.pdf: empty file" in line for line in errors)
    assert any("page.pdf: not a PDF" in line for line in errors)
    assert any("locked.pdf: encrypted: needs a password" in line for line in errors)
    assert any("truncated.pdf:" in line for line in errors)
    assert "Traceback" not in result.stderr
    assert outputs(out) == ["good.json", "good.md"]


def outputs(folder):
    """The files in ``folder`` but the pipeline's own bookkeeping (``.pipeline/``)."""
    return sorted(p.name for p in folder.iterdir() if p.name != ".pipeline")


@pytest.mark.slow
def test_password_opens_an_encrypted_file(bad_inputs, tmp_path):
    result = run_cli("run", str(bad_inputs / "locked.pdf"), "-o", str(tmp_path), "--password", "pw")
    assert result.returncode == 0, result.stderr
    assert "secret" in (tmp_path / "locked.md").read_text()


def test_a_failed_run_keeps_the_earlier_good_output(tmp_path, monkeypatch):
    source = tmp_path / "doc.pdf"
    shutil.copy(gold_pdf("northfield-ar-2025"), source)
    assert main(["run", str(source), "-o", str(tmp_path / "out")]) == 0
    before = (tmp_path / "out" / "doc.json").read_text()
    source.write_bytes(b"%PDF-1.7 garbage")
    assert main(["run", str(source), "-o", str(tmp_path / "out")]) == KINDS["damaged"][0]
    assert (tmp_path / "out" / "doc.json").read_text() == before
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")] == []


def test_output_names_stay_inside_the_output_folder():
    from pathlib import Path

    assert output_stem(Path("../../etc/passwd.pdf")) == "passwd"
    assert output_stem(Path("-rf.pdf")) == "_rf"
    assert output_stem(Path(".hidden.pdf")) == "_hidden"
    assert output_stem(Path("..pdf")) != output_stem(Path("...pdf"))


def test_schema_command_prints_the_json_schema():
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Document"
    assert "sections" in schema["properties"]


@pytest.mark.slow
def test_default_run_processes_input_pdfs(tmp_path):
    result = run_cli("run", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    stems = sorted(p.stem for p in (ROOT / "input_pdfs").glob("*.pdf"))
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == stems
    assert sorted(p.stem for p in tmp_path.glob("*.md")) == stems


@pytest.mark.slow
def test_pdfplumber_path_gives_the_same_clear_errors(bad_inputs, tmp_path):
    result = run_cli("run", str(bad_inputs), "-o", str(tmp_path / "out"), "--extractor", "pdfplumber")
    assert result.returncode == 1
    assert any("locked.pdf: encrypted: needs a password" in line for line in result.stderr.splitlines())
    assert "Traceback" not in result.stderr
    assert outputs(tmp_path / "out") == ["good.json", "good.md"]


@pytest.mark.slow
def test_a_second_run_does_nothing_unless_forced(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(gold_pdf("riverlands-14"), source / "doc.pdf")
    out = str(tmp_path / "out")
    first = run_cli("run", str(source), "-o", out, "--workers", "1")
    second = run_cli("run", str(source), "-o", out, "--workers", "1")
    forced = run_cli("run", str(source), "-o", out, "--workers", "1", "--force")
    assert first.stderr.splitlines()[-1].startswith("1 done, 0 unchanged, 0 failed")
    assert second.stderr.strip() == "nothing to do: 1 files unchanged"
    assert forced.stderr.splitlines()[-1].startswith("1 done, 0 unchanged, 0 failed")
    assert (first.returncode, second.returncode, forced.returncode) == (0, 0, 0)


def test_dash_as_output_prints_the_markdown_of_the_pages_asked_for(tmp_path):
    sample = "input_pdfs/cstr-2025-07.pdf"
    whole = run_cli("run", sample, "-o", "-")
    second = run_cli("run", sample, "-o", "-", "--pages", "2")
    assert whole.returncode == second.returncode == 0
    assert whole.stdout == process_pdf(ROOT / sample).to_markdown()
    assert second.stdout == process_pdf(ROOT / sample, pages="2").to_markdown()
    assert 0 < len(second.stdout) < len(whole.stdout) and not (ROOT / "-").exists()


def test_a_page_list_outside_the_file_or_not_a_list_is_one_clear_line():
    outside = run_cli("run", "input_pdfs/cstr-2025-07.pdf", "-o", "-", "--pages", "9")
    assert outside.returncode == 3 and "none of the pages asked for (9) is in the file (3 pages)" in outside.stderr
    malformed = run_cli("run", "input_pdfs/cstr-2025-07.pdf", "-o", "-", "--pages", "1-x")
    assert malformed.returncode == 2 and "'1-x' is not a page list" in malformed.stderr
    backwards = run_cli("run", "input_pdfs/cstr-2025-07.pdf", "-o", "-", "--pages", "3-1")
    assert backwards.returncode == 2 and "'3-1' is not a range of pages" in backwards.stderr


def test_a_folder_without_pdfs_says_where_to_put_them(tmp_path):
    result = run_cli("run", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.returncode == 3 and f"no PDF files found in {tmp_path}: put PDFs there" in result.stderr


def test_markdown_to_standard_output_exits_as_the_batch_does_for_failures_of_two_kinds(tmp_path):
    (tmp_path / "notes.pdf").write_text("not a pdf")
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "secret")
        doc.save(tmp_path / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="pw")
    streamed = run_cli("run", str(tmp_path), "-o", "-")
    batch = run_cli("run", str(tmp_path), "-o", str(tmp_path / "out"))
    assert streamed.returncode == batch.returncode == EXIT_FAILED


def test_output_cut_short_by_its_reader_ends_quietly():
    """``python -m pipeline schema | head -1``: the reader goes away, the command stops without
    an error line, with the code a shell gives a program stopped by a closed pipe."""
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "schema"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # before the command writes: its first write finds the pipe closed
    stderr = process.stderr.read()
    assert (process.wait(timeout=60), stderr) == (EXIT_BROKEN_PIPE, "")
