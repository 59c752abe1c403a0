"""Batch ingestion: parts of large files, the worker pool, the manifest, the summary, Dask."""

from __future__ import annotations

import gc
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from pipeline import process_pdf
from pipeline.batch import BatchConfig, manifest, run_batch
from pipeline.batch.files import STATE_FOLDER
from pipeline.batch.manifest import OUTPUT_DEPENDENCIES, code_hash, fingerprint
from pipeline.batch.pools import LocalPool
from pipeline.batch.tasks import Task, dumps, loads
from pipeline.core.geometry import RawPage, Word
from pipeline.run import STAGES, finish_document, read_part
from pipeline.settings import Settings
from pipeline.stages.extract import extract
from pipeline.stages.layout import lay_out_document, lay_out_page
from pipeline.stages.parts import Part, stitch

from .conftest import gold_pdf
from .documents import two_column_pdf
from .fake_work import misbehave, report_collector

GOLD = ["cstr-2025-07", "northfield-ar-2025", "riverlands-14", "soil-downscaling-2026"]


@pytest.fixture(scope="module")
def long_document(tmp_path_factory) -> Path:
    """Seven two-column pages, paragraphs running on across pages, two-row columns at the end."""
    return two_column_pdf(tmp_path_factory.mktemp("long") / "long.pdf", pages=7, seed=3, last_page_rows=2)


def document_json(pdf: Path, **options) -> str:
    return process_pdf(pdf, **options).model_dump_json(indent=1)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def quiet_batch(pdfs: list[Path], out: Path, **config) -> tuple:
    """Run a batch; returns its summary and what it printed."""
    log = out.parent / f"{out.name}.log"
    with log.open("w") as stream:
        summary = run_batch(pdfs, BatchConfig(out, **config), stream)
    return summary, log.read_text()


# --- parts --------------------------------------------------------------------------

@pytest.mark.parametrize("part_pages", [1, 3])
def test_a_document_read_in_parts_comes_out_byte_identical(long_document, part_pages):
    whole = document_json(long_document)
    parts = [loads(dumps(read_part(long_document, range(first, first + part_pages))))
             for first in range(1, 8, part_pages)]
    assert len(parts) > 1
    assert any(isinstance(page, RawPage) for part in parts for page in part.pages)  # laid out at the end
    document = finish_document(parts)
    assert any(len(paragraph.pages) > 1 for section in document.iter_sections() for paragraph in section.paragraphs)
    assert document.model_dump_json(indent=1) == whole


def test_a_stored_part_keeps_its_words_ocr_confidence():
    words = [Word("Soil", 0, 0, 20, 10, 10, page=1, confidence=0.42), Word("moisture", 24, 0, 60, 10, 10, page=1)]
    part = Part("scan.pdf", 1, pages=[RawPage(1, 612, 792, words, text_source="tesseract")])
    stored = loads(dumps(part)).pages[0]
    assert isinstance(stored, RawPage)
    assert [(word.text, word.confidence) for word in stored.words] == [("Soil", 0.42), ("moisture", None)]


def test_pages_read_in_parts_are_laid_out_as_lay_out_document_does(long_document):
    parts = [read_part(long_document, range(first, first + 2)) for first in range(1, 8, 2)]
    reference = lay_out_document(extract(long_document))
    alone = lay_out_page(extract(long_document, pages=range(7, 8)).pages[0])
    assert [block.text for block in alone.blocks] != [block.text for block in reference[-1].blocks]
    assert [layout_boxes(page) for page in stitch(parts)[1]] == [layout_boxes(page) for page in reference]


def layout_boxes(page) -> list[tuple]:
    return [(block.text, block.x0, block.y0, block.x1, block.y1) for block in page.blocks]


@pytest.mark.parametrize("doc_id", GOLD)
def test_gold_documents_read_one_page_per_part_are_unchanged(doc_id):
    pdf = gold_pdf(doc_id)
    pages = process_pdf(pdf).page_count
    parts = [read_part(pdf, range(first, first + 1)) for first in range(1, pages + 1)]
    assert finish_document(parts).model_dump_json(indent=1) == document_json(pdf)


@pytest.mark.slow
def test_the_batch_splits_large_files_across_workers(long_document, tmp_path):
    summary, log = quiet_batch([long_document], tmp_path / "out", workers=2, part_pages=2)
    assert (summary.done, summary.pages, summary.failed) == (1, 7, 0)
    assert "progress: 1/1 files, 7 pages" in log
    assert (tmp_path / "out" / "long.json").read_text() == document_json(long_document)
    assert not list((tmp_path / "out" / STATE_FOLDER / "parts").iterdir())


def test_a_long_file_is_handed_out_in_parts_at_once_without_a_page_read_first(long_document, tmp_path):
    from pipeline.batch.tasks import run_task

    result = run_task(Task(str(long_document), "long", str(tmp_path), part_pages=3, workers=2))
    assert (result.status, result.page_count, result.part_pages) == ("parts", 7, 3)
    assert not (tmp_path / STATE_FOLDER / "parts").exists()


def test_a_file_longer_than_its_page_count_said_is_split_after_its_first_part(long_document, tmp_path, monkeypatch):
    from pipeline.batch import tasks

    monkeypatch.setattr(tasks, "pages_to_ocr", lambda *args: (3, 0))  # a page tree another reader counts short
    result = tasks.run_task(Task(str(long_document), "long", str(tmp_path), part_pages=3))
    assert (result.status, result.page_count) == ("split", 7)
    assert [path.name for path in (tmp_path / STATE_FOLDER / "parts").iterdir()] == ["long.1.part"]


@pytest.mark.slow
def test_the_pages_of_a_scan_are_ocred_on_every_worker_with_the_same_output(tmp_path):
    scan = Path(__file__).parent / "scanned" / "image" / "pdf" / "northfield-ar-2025.pdf"
    alone, _ = quiet_batch([scan], tmp_path / "one", workers=1)
    spread, _ = quiet_batch([scan], tmp_path / "two", workers=2)
    assert (alone.done, spread.done) == (1, 1)
    assert "part" not in alone.peak_memory_mb and "part" in spread.peak_memory_mb
    for name in ("northfield-ar-2025.json", "northfield-ar-2025.md"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_scan_is_cut_into_parts_for_every_worker_and_long_scans_into_short_parts():
    from pipeline.batch.tasks import ocr_part_pages

    assert [ocr_part_pages(pages, 2, 100) for pages in (2, 3, 10, 40, 150)] == [1, 1, 2, 7, 25]
    assert [ocr_part_pages(pages, 1, 100) for pages in (10, 150)] == [10, 25]


# --- the pool -----------------------------------------------------------------------

@pytest.mark.slow
def test_the_pool_replaces_workers_that_hang_crash_or_run_out_of_memory():
    pool = LocalPool(2, timeout=5, max_memory_mb=2048, work=misbehave)
    names = ["hang", "crash", "memory", "a", "bb", "ccc"]
    for name in names:
        pool.submit(Task(name, name, "unused"))
    results = {}
    try:
        while pool.pending():
            results.update((task.source, result) for task, result in pool.results())
    finally:
        pool.close()
    assert sorted(results) == sorted(names)
    assert (results["hang"].reason, results["hang"].kind) == ("timed out after 5 s", "timeout")
    assert results["crash"].reason.startswith("worker crashed (signal 11, SIGSEGV")
    assert results["crash"].kind == "crash"
    assert (results["memory"].reason, results["memory"].kind) == ("ran out of memory (limit 2048 MB)", "memory")
    assert [(results[n].status, results[n].page_count) for n in ("a", "bb", "ccc")] == [("done", 1), ("done", 2),
                                                                                        ("done", 3)]


@pytest.mark.slow
def test_the_pool_workers_pause_the_cycle_collector_while_they_work():
    pool = LocalPool(1, work=report_collector)
    pool.submit(Task("any", "any", "unused"))
    try:
        [(_, result)] = pool.results()
    finally:
        pool.close()
    assert result.reason == "collector off"
    assert gc.isenabled()


def test_process_pdf_leaves_the_cycle_collector_on():
    """The collector is the calling process's: other threads of the caller need it."""
    seen = []

    def note_collector(state):
        seen.append(gc.isenabled())
        return state

    process_pdf(gold_pdf("riverlands-14"), stages=[STAGES[0], note_collector, *STAGES[1:], note_collector])
    assert seen == [True, True]
    assert gc.isenabled()


# --- a batch with broken files ------------------------------------------------------

@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    """60 PDFs: 55 small good documents and 5 broken ones."""
    folder = tmp_path_factory.mktemp("mixed")
    for index in range(55):
        two_column_pdf(folder / f"doc-{index:02d}.pdf", pages=1 + index % 2, seed=index, last_page_rows=12)
    good = (folder / "doc-00.pdf").read_bytes()
    (folder / "broken-empty.pdf").write_bytes(b"")
    (folder / "broken-html.pdf").write_text("<html>not a pdf</html>")
    (folder / "broken-truncated.pdf").write_bytes(good[:200])
    (folder / "broken-garbage.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    shutil.copy(gold_pdf("cstr-2025-07"), folder / "broken-locked.pdf")
    _encrypt(folder / "broken-locked.pdf")
    return folder


def _encrypt(path: Path) -> None:
    import pymupdf

    document = pymupdf.open(path)
    data = document.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="owner")
    document.close()
    path.write_bytes(data)


@pytest.mark.slow
def test_broken_files_fail_alone_with_clear_reasons_and_nothing_partial(mixed_folder, tmp_path):
    out = tmp_path / "out"
    summary, log = quiet_batch(sorted(mixed_folder.glob("*.pdf")), out, workers=2)
    assert (summary.files, summary.done, summary.failed) == (60, 55, 5)
    failed = {Path(f["input"]).name: f["reason"] for f in summary.failures}
    assert sorted(failed) == sorted(p.name for p in mixed_folder.glob("broken-*.pdf"))
    assert failed["broken-empty.pdf"] == "empty file (0 bytes)"
    assert failed["broken-html.pdf"] == "not a PDF (it is an HTML page)"
    assert failed["broken-locked.pdf"].startswith("encrypted: needs a password")
    for name, reason in failed.items():
        assert f"{mixed_folder / name}: {reason}" in log.splitlines()
    assert sorted(outputs(out)) == sorted(f"doc-{i:02d}.{ext}" for i in range(55) for ext in ("json", "md"))
    assert all(json.loads(outputs(out)[f"doc-{i:02d}.json"])["page_count"] == 1 + i % 2 for i in range(55))
    written = json.loads((out / STATE_FOLDER / "summary.json").read_text())
    assert (written["done"], written["failed"], written["pages"]) == (55, 5, sum(1 + i % 2 for i in range(55)))
    assert {Path(f["input"]).name for f in written["failures"]} == set(failed)
    assert {f["kind"] for f in written["failures"] if f["input"].endswith("-locked.pdf")} == {"encrypted"}
    assert written["peak_worker_memory_mb"] > 0


def test_the_outputs_are_those_of_process_pdf(mixed_folder, tmp_path):
    pdfs = sorted(mixed_folder.glob("doc-0*.pdf"))[:4]
    quiet_batch(pdfs, tmp_path / "out", workers=2)
    for pdf in pdfs:
        document = process_pdf(pdf)
        assert (tmp_path / "out" / f"{pdf.stem}.json").read_text() == document.model_dump_json(indent=1)
        assert (tmp_path / "out" / f"{pdf.stem}.md").read_text() == document.to_markdown()


@pytest.mark.slow
def test_two_inputs_with_one_output_name_do_not_overwrite_each_other(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(gold_pdf("riverlands-14"), tmp_path / folder / "same.pdf")
    summary, log = quiet_batch([tmp_path / "a" / "same.pdf", tmp_path / "b" / "same.pdf"], tmp_path / "out")
    assert (summary.done, summary.failed) == (1, 1)
    assert f"{tmp_path / 'b' / 'same.pdf'}: output name same.json is already taken by {tmp_path / 'a' / 'same.pdf'}" \
        in log


@pytest.mark.slow
def test_an_input_whose_outputs_another_input_took_over_is_redone(tmp_path):
    for folder, doc_id in (("a", "riverlands-14"), ("b", "cstr-2025-07")):
        (tmp_path / folder).mkdir()
        shutil.copy(gold_pdf(doc_id), tmp_path / folder / "same.pdf")
    out = tmp_path / "out"
    for folder in ("a", "b", "a"):
        summary, _ = quiet_batch([tmp_path / folder / "same.pdf"], out)
        assert (summary.done, summary.unchanged) == (1, 0)
    assert json.loads((out / "same.json").read_text())["source"] == str(tmp_path / "a" / "same.pdf")


# --- incremental runs ---------------------------------------------------------------

@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for doc_id in GOLD[:3]:
        shutil.copy(gold_pdf(doc_id), folder / f"{doc_id}.pdf")
    return folder


@pytest.mark.slow
def test_a_second_run_with_nothing_changed_does_nothing(inputs, tmp_path):
    out = tmp_path / "out"
    first, _ = quiet_batch(sorted(inputs.glob("*.pdf")), out)
    before = {name: (out / name).stat().st_mtime_ns for name in outputs(out)}
    second, log = quiet_batch(sorted(inputs.glob("*.pdf")), out)
    assert (first.done, second.done, second.unchanged) == (3, 0, 3)
    assert "nothing to do: 3 files unchanged" in log
    assert {name: (out / name).stat().st_mtime_ns for name in outputs(out)} == before


@pytest.mark.slow
def test_only_what_changed_is_redone(inputs, tmp_path):
    out = tmp_path / "out"
    quiet_batch(sorted(inputs.glob("*.pdf")), out)
    changed, touched, removed, *_ = sorted(inputs.glob("*.pdf"))
    shutil.copy(gold_pdf(GOLD[3]), changed)
    os.utime(touched, ns=(time.time_ns(), time.time_ns()))
    removed.unlink()
    shutil.copy(gold_pdf("northfield-ar-2025"), inputs / "added.pdf")
    summary, _ = quiet_batch(sorted(inputs.glob("*.pdf")), out)
    assert (summary.done, summary.unchanged, summary.removed) == (2, 1, 1)
    assert json.loads((out / f"{changed.stem}.json").read_text())["page_count"] == 4  # now the 4-page paper
    assert sorted(outputs(out)) == sorted(f"{p.stem}.{ext}" for p in inputs.glob("*.pdf") for ext in ("json", "md"))


@pytest.mark.slow
def test_new_settings_or_force_redo_everything(inputs, tmp_path):
    out = tmp_path / "out"
    pdfs = sorted(inputs.glob("*.pdf"))
    changed = Settings().with_values({"repair.ascii_punctuation": True})
    quiet_batch(pdfs, out)
    assert quiet_batch(pdfs, out, settings=changed)[0].done == 3
    assert quiet_batch(pdfs, out, settings=changed)[0].done == 0
    assert quiet_batch(pdfs, out, settings=changed, force=True)[0].done == 3


def upgrade(monkeypatch, dependency: str) -> None:
    """Make the manifest see a new version of ``dependency``: a distribution, "tesseract" or
    "tesseract LANGUAGE" (its language data)."""
    if dependency == "tesseract":
        monkeypatch.setattr(manifest, "tesseract_version", lambda: "tesseract 99.0")
    elif dependency.startswith("tesseract "):
        monkeypatch.setattr(manifest, "language_data_hash", lambda folder, language: "new data")
    else:
        installed = manifest.package_version
        monkeypatch.setattr(manifest, "package_version", lambda name: "99.0" if name == dependency else installed(name))


@pytest.mark.parametrize("dependency", [*OUTPUT_DEPENDENCIES, "tesseract", "tesseract eng"])
def test_a_new_version_of_any_dependency_changes_the_fingerprint(dependency, monkeypatch):
    before = fingerprint(Settings())
    upgrade(monkeypatch, dependency)
    assert fingerprint(Settings()) != before


def test_the_code_hash_covers_the_modules_of_every_subfolder(tmp_path):
    module = tmp_path / "stages" / "deeper" / "step.py"
    module.parent.mkdir(parents=True)
    module.write_text("LIMIT = 1\n")
    before = code_hash(tmp_path)
    module.write_text("LIMIT = 2\n")
    assert code_hash(tmp_path) != before


@pytest.mark.slow
def test_a_new_version_of_a_dependency_redoes_everything(inputs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    pdfs = sorted(inputs.glob("*.pdf"))
    quiet_batch(pdfs, out)
    for dependency in ("pymupdf", "tesseract eng"):
        upgrade(monkeypatch, dependency)
        assert quiet_batch(pdfs, out)[0].done == 3
    assert quiet_batch(pdfs, out)[0].done == 0


@pytest.mark.slow
def test_deleted_outputs_are_made_again(inputs, tmp_path):
    out = tmp_path / "out"
    pdfs = sorted(inputs.glob("*.pdf"))
    quiet_batch(pdfs, out)
    (out / f"{pdfs[0].stem}.md").unlink()
    summary, _ = quiet_batch(pdfs, out)
    assert (summary.done, summary.unchanged) == (1, 2)
    assert (out / f"{pdfs[0].stem}.md").read_text() == process_pdf(pdfs[0]).to_markdown()


@pytest.mark.slow
def test_progress_lines_when_not_on_a_terminal(inputs, tmp_path):
    _, log = quiet_batch(sorted(inputs.glob("*.pdf")), tmp_path / "out")
    assert "progress: 3/3 files, 9 pages, 0 failed" in log
    assert "3 done, 0 unchanged, 0 failed, 0 removed; 9 pages in" in log


# --- Dask ---------------------------------------------------------------------------

@pytest.mark.slow
def test_dask_gives_the_same_outputs_as_local_processes(inputs, long_document, tmp_path):
    distributed = pytest.importorskip("distributed")
    shutil.copy(long_document, inputs / "long.pdf")
    (inputs / "broken.pdf").write_bytes(b"")
    pdfs = sorted(inputs.glob("*.pdf"))
    local, _ = quiet_batch(pdfs, tmp_path / "local", part_pages=3)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote, _ = quiet_batch(pdfs, tmp_path / "dask", part_pages=3, scheduler=cluster.scheduler_address)
    assert (remote.done, remote.failed, remote.pages) == (local.done, local.failed, local.pages) == (4, 1, 16)
    assert remote.failures == local.failures
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert len(outputs(tmp_path / "local")) == 8


def test_the_progress_counts_the_pages_of_parts_before_their_file_is_done():
    import io

    from pipeline.batch.progress import Progress

    progress = Progress(2, io.StringIO())
    progress.read_pages(100)
    assert (progress.files, progress.pages) == (0, 100)
    progress.advance(50)
    assert (progress.files, progress.pages) == (1, 150)


def test_the_time_left_of_a_file_in_parts_comes_from_its_pages_and_is_not_guessed_before(monkeypatch):
    import io

    from pipeline.batch import progress as progress_module

    now = [0.0]
    monkeypatch.setattr(progress_module.time, "perf_counter", lambda: now[0])
    progress = progress_module.Progress(1, io.StringIO())
    assert progress.time_left() is None and "time left not known yet" in progress.line()
    progress.expect_pages(150)
    now[0] = 10.0
    progress.read_pages(25)  # 25 pages in 10 s: 125 to go at 2.5 pages/s
    assert progress.time_left() == pytest.approx(50.0)
