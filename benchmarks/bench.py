"""Speed, measured as ratios against peers in one run: ``make bench``.

1. **Tools**: for each tool, the time to get text out of every page of the benchmark
   corpus, best of ``--repeat`` runs, in pages per second and as a ratio to PyMuPDF's own
   ``page.get_text("words")`` (the floor: no tool built on PyMuPDF can be faster). The
   corpus: at least 1,000 pages of the gold documents re-typeset in random layouts
   (``benchmarks/bench_corpus.py``, built once into ``bench/corpus/``) and, when present,
   the born-digital arXiv papers of ``../shared/corpus/bast-korzen``. Slow tools run on
   a sample: pdfplumber on ``--sample-pages`` pages, pymupdf4llm (about a second per page)
   on ``--slow-pages`` pages, in its own virtualenv (``.venv-bench``: it needs PyMuPDF
   2, whose ONNX layout model this project keeps out of its own environment), and is
   compared with this pipeline on the same pages.
2. **Batch**: ``python -m pipeline run``'s own path (worker processes, outputs written,
   manifest) on the corpus with 1 worker and with every core; peak memory per worker.
3. **1,000 inputs**: the corpus's pages as 1,000 one-page files: a second run with
   nothing changed (wall time of the whole command), then 990 of them with 10 broken
   files (outputs, failures, exit code, leftovers).
4. **A 1,000-page document**: in parts on every core, and in one part: time and peak
   memory per worker.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_batch  # noqa: E402
import bench_corpus  # noqa: E402

from pipeline import process_pdf  # noqa: E402
from pipeline.batch.pools import garbage_collection_paused  # noqa: E402

BENCH_VENV_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
Row = tuple[str, int, float]
"""A tool, the pages it read, its seconds per page."""


def corpora() -> dict[str, list[Path]]:
    groups = {f"the gold documents in random layouts ({bench_corpus.VARIANTS.relative_to(ROOT)})":
              bench_corpus.variant_files()}
    shared = ROOT.parent / "shared" / "corpus" / "bast-korzen"
    if shared.exists():
        groups["arXiv papers (bast-korzen)"] = sorted(shared.glob("*.pdf"))
    return groups


page_count = bench_corpus.page_count


def pymupdf_words(file: Path) -> None:
    import pymupdf

    with pymupdf.open(file) as doc:
        for page in doc:
            page.get_text("words")


def pipeline_pymupdf(file: Path) -> None:
    with garbage_collection_paused():  # as a batch worker runs it
        process_pdf(file)


def pipeline_pdfplumber(file: Path) -> None:
    with garbage_collection_paused():
        process_pdf(file, extractor="pdfplumber")


def pdfplumber_words(file: Path) -> None:
    import pdfplumber

    with pdfplumber.open(file) as pdf:
        for page in pdf.pages:
            page.extract_words()


def pdftotext(file: Path) -> None:
    subprocess.run(["pdftotext", "-layout", str(file), "-"], check=True, capture_output=True)


PYMUPDF4LLM_TIMER = """
import sys, time, pymupdf4llm
started = time.perf_counter()
for name in sys.argv[1:]:
    pymupdf4llm.to_markdown(name)
print(time.perf_counter() - started)
"""


def pymupdf4llm_seconds(files: list[Path]) -> float | None:
    """pymupdf4llm's time on ``files``, run in its own virtualenv; None when that is missing."""
    if not BENCH_VENV_PYTHON.exists():
        return None
    result = subprocess.run([str(BENCH_VENV_PYTHON), "-c", PYMUPDF4LLM_TIMER, *map(str, files)],
                            capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def best_time(tool: Callable[[Path], None], files: list[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for file in files:
            tool(file)
        best = min(best, time.perf_counter() - started)
    return best


def first_pages(files: list[Path], pages: int) -> tuple[list[Path], int]:
    """Files from the start of ``files``, spread over the list, until ``pages`` pages."""
    step = max(1, len(files) // max(1, pages // 3))
    chosen, count = [], 0
    for file in files[::step]:
        if count >= pages:
            break
        chosen.append(file)
        count += page_count([file])
    return chosen, count


def measure(files: list[Path], repeat: int, sample_pages: int, slow_pages: int) -> list[Row]:
    """(tool, pages, seconds per page) for every tool on ``files`` (slow tools on a sample)."""
    pages = page_count(files)
    sample, sampled = first_pages(files, sample_pages)
    tools: list[tuple[str, Callable[[Path], None], list[Path], int, int]] = [
        ("PyMuPDF get_text('words') (floor)", pymupdf_words, files, pages, repeat),
        ("this pipeline, pymupdf extractor, in-process", pipeline_pymupdf, files, pages, repeat),
        ("this pipeline, pdfplumber extractor", pipeline_pdfplumber, sample, sampled, 1),
        ("pdfplumber extract_words", pdfplumber_words, sample, sampled, 1),
    ]
    if shutil.which("pdftotext"):
        tools.append(("pdftotext -layout", pdftotext, files, pages, repeat))
    rows = [(name, count, best_time(tool, chosen, times) / count) for name, tool, chosen, count, times in tools]
    return rows + slow_rows(files, slow_pages, repeat)


def slow_rows(files: list[Path], slow_pages: int, repeat: int) -> list[Row]:
    """pymupdf4llm on a sample, and this pipeline on the same sample."""
    slow_files, slow_count = first_pages(files, slow_pages)
    seconds = pymupdf4llm_seconds(slow_files)
    if seconds is None:
        return []
    ours = best_time(pipeline_pymupdf, slow_files, repeat) / slow_count
    return [("pymupdf4llm to_markdown (default settings)", slow_count, seconds / slow_count),
            ("this pipeline on the same pages as pymupdf4llm", slow_count, ours)]


def print_rows(title: str, rows: list[Row], floor: float) -> None:
    print(f"\n### {title}\n")
    print("| tool | pages | ms per page | pages per second | time / floor |")
    print("| --- | --- | --- | --- | --- |")
    for name, pages, per_page in rows:
        print(f"| {name} | {pages} | {per_page * 1000:.2f} | {1 / per_page:.0f} | {per_page / floor:.2f}x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per fast tool; the best counts")
    parser.add_argument("--sample-pages", type=int, default=150, help="pages given to pdfplumber")
    parser.add_argument("--slow-pages", type=int, default=20, help="pages given to pymupdf4llm")
    parser.add_argument("--pages", type=int, default=1000, help="pages in the generated corpus, at least")
    args = parser.parse_args()
    bench_corpus.build(args.pages)
    print(f"load average before measuring: {bench_batch.load_average()}")
    floors = []
    for group, files in corpora().items():
        rows = measure(files, args.repeat, args.sample_pages, args.slow_pages)
        floors.append(rows[0][2])
        print_rows(f"{group}: {len(files)} files, {rows[0][1]} pages, best of {args.repeat} runs", rows, rows[0][2])
        pymupdf4llm = [row[2] for row in rows if row[0].startswith("pymupdf4llm")]
        if pymupdf4llm:
            print(f"\npymupdf4llm / this pipeline on the same pages: {pymupdf4llm[0] / rows[-1][2]:.0f}x")
    bench_batch.report(bench_corpus.variant_files(), floors[0], args.repeat)
    print(f"\nload average after measuring: {bench_batch.load_average()}")


if __name__ == "__main__":
    main()
