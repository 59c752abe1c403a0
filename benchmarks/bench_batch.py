"""The batch part of ``make bench``: workers, 1,000 inputs, a 1,000-page document (see bench.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_corpus
import pymupdf

from pipeline.batch import BatchConfig, Summary, run_batch
from pipeline.batch.files import STATE_FOLDER
from pipeline.batch.runner import default_workers

ROOT = Path(__file__).resolve().parent.parent
INPUTS = 1000
BROKEN = 10


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def report(files: list[Path], floor: float, repeat: int) -> None:
    """Print every batch figure; ``floor`` is PyMuPDF's seconds per page on ``files``."""
    scaling(files, floor, repeat)
    with tempfile.TemporaryDirectory() as scratch:
        thousand_inputs(Path(scratch))
        broken_inputs(Path(scratch))
    long_document()


def batch(files: list[Path], **config) -> Summary:
    """``run_batch`` on ``files`` into a fresh folder."""
    with tempfile.TemporaryDirectory() as out, open(os.devnull, "w") as quiet:
        return run_batch(files, BatchConfig(Path(out), **config), quiet)


def scaling(files: list[Path], floor: float, repeat: int) -> None:
    """``run_batch`` with 1 worker and with every core, best of ``repeat`` runs each."""
    cores = default_workers()
    print(f"\n### `python -m pipeline run` on {len(files)} files (outputs written, manifest kept), "
          f"best of {repeat} runs\n")
    print("| workers | pages | seconds | pages per second | time / floor | peak memory per worker |")
    print("| --- | --- | --- | --- | --- | --- |")
    seconds = {}
    for workers in sorted({1, cores}):
        summary = min((batch(files, workers=workers) for _ in range(repeat)), key=lambda run: run.seconds)
        seconds[workers] = summary.seconds
        per_page = summary.seconds / summary.pages
        print(f"| {workers} | {summary.pages} | {summary.seconds:.2f} | {1 / per_page:.0f} | {per_page / floor:.2f}x "
              f"| {summary.peak_worker_memory_mb:.0f} MB |")
    print(f"\n{cores} workers / 1 worker: {seconds[1] / seconds[cores]:.2f}x faster")


def linked_inputs(folder: Path, count: int) -> list[Path]:
    """``count`` one-page files of the corpus, linked into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = sorted(bench_corpus.PAGES.glob("*.pdf"))[:count]
    for page in pages:
        (folder / page.name).symlink_to(page)
    return sorted(folder.iterdir())


def run_cli(inputs: Path, out: Path) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", str(inputs), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - started, result


def thousand_inputs(scratch: Path) -> None:
    inputs, out = scratch / "thousand", scratch / "thousand-out"
    linked_inputs(inputs, INPUTS)
    first, result = run_cli(inputs, out)
    second, again = run_cli(inputs, out)
    print(f"\n### {INPUTS} one-page inputs\n")
    print(f"first run: {first:.1f} s ({result.stderr.strip().splitlines()[-1]})")
    print(f"second run, nothing changed: {second:.2f} s for the whole command "
          f"(\"{again.stderr.strip().splitlines()[-1]}\")")


def broken_inputs(scratch: Path) -> None:
    inputs, out = scratch / "broken", scratch / "broken-out"
    good = linked_inputs(inputs, INPUTS - BROKEN)
    make_broken(inputs, good[0].resolve().read_bytes())
    seconds, result = run_cli(inputs, out)
    summary = json.loads((out / STATE_FOLDER / "summary.json").read_text())
    outputs = len(list(out.glob("*.json")))
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.suffix == ".part"]
    failure_lines = [line for line in result.stderr.splitlines() if ".pdf: " in line]
    print(f"\n### {INPUTS - BROKEN} good and {BROKEN} broken inputs\n")
    print(f"{seconds:.1f} s, exit code {result.returncode}; {outputs} JSON outputs, summary: {summary['done']} done, "
          f"{summary['failed']} failed; {len(failure_lines)} failure lines; leftover temporary files or parts: "
          f"{len(leftovers)}")
    for line in failure_lines:
        print(f"    {line.replace(str(inputs) + '/', '')}")


def make_broken(folder: Path, good: bytes) -> None:
    """``BROKEN`` files that cannot be processed, each in its own way."""
    (folder / "broken-00-empty.pdf").write_bytes(b"")
    (folder / "broken-01-html.pdf").write_text("<html><body>not a pdf</body></html>")
    (folder / "broken-02-truncated.pdf").write_bytes(good[:400])
    (folder / "broken-03-truncated.pdf").write_bytes(good[:len(good) // 3])
    (folder / "broken-04-garbage.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(20000))
    (folder / "broken-05-header-only.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    blank = pymupdf.open()
    blank.new_page()
    (folder / "broken-06-no-text.pdf").write_bytes(blank.tobytes())
    encrypted = pymupdf.open(stream=good)
    (folder / "broken-07-encrypted.pdf").write_bytes(
        encrypted.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner"))
    (folder / "broken-08-zeros.pdf").write_bytes(bytes(5000))
    (folder / "broken-09-no-pages.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")


def long_document() -> None:
    book = bench_corpus.BOOK
    pages = bench_corpus.page_count([book])
    cores = default_workers()
    print(f"\n### One {pages}-page document ({book.relative_to(ROOT)})\n")
    print("| how | seconds | pages per second | peak memory of a worker, by task |")
    print("| --- | --- | --- | --- |")
    for label, settings in [(f"in parts of 100 pages, {cores} workers", {"workers": cores, "part_pages": 100}),
                            ("in one part, 1 worker", {"workers": 1, "part_pages": pages})]:
        summary = batch([book], timeout=None, **settings)
        peaks = ", ".join(f"{kind} {mb:.0f} MB" for kind, mb in summary.peak_memory_mb.items())
        print(f"| {label} | {summary.seconds:.1f} | {pages / summary.seconds:.0f} | {peaks} |")
