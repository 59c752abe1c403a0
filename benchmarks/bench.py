"""Speed, measured as ratios against peers in one run: ``make bench``.

For each tool, the time to get text out of every page of the benchmark corpus, best of
``--repeat`` runs, reported in pages per second and as a ratio to PyMuPDF's own
``page.get_text("words")`` (the floor: no tool built on PyMuPDF can be faster).

Corpus: the gold and held-out corpora (``tests/corpus/pdf``, ``tests/heldout/pdf``)
and, when present, the born-digital arXiv papers of ``../shared/corpus/bast-korzen``;
each group is also reported on its own. pymupdf4llm (about a second per page) runs on
``--slow-pages`` pages only, in its own virtualenv (``.venv-bench``: it needs PyMuPDF
2, whose ONNX layout model this project keeps out of its own environment).
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

from pipeline import process_pdf  # noqa: E402


BENCH_VENV_PYTHON = ROOT / ".venv-bench" / "bin" / "python"


def corpora() -> dict[str, list[Path]]:
    groups = {"newsletters, bulletins, papers, reports (gold + held-out)":
              sorted((ROOT / "tests" / "corpus" / "pdf").glob("*.pdf"))
              + sorted((ROOT / "tests" / "heldout" / "pdf").glob("*.pdf"))}
    shared = ROOT.parent / "shared" / "corpus" / "bast-korzen"
    if shared.exists():
        groups["arXiv papers (bast-korzen)"] = sorted(shared.glob("*.pdf"))
    return groups


def page_count(files: list[Path]) -> int:
    import pymupdf

    total = 0
    for file in files:
        with pymupdf.open(file) as doc:
            total += doc.page_count
    return total


def pymupdf_words(file: Path) -> None:
    import pymupdf

    with pymupdf.open(file) as doc:
        for page in doc:
            page.get_text("words")


def pipeline_pymupdf(file: Path) -> None:
    process_pdf(file)


def pipeline_pdfplumber(file: Path) -> None:
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
    chosen, count = [], 0
    for file in files:
        if count >= pages:
            break
        chosen.append(file)
        count += page_count([file])
    return chosen, count


def measure(files: list[Path], repeat: int, slow_pages: int) -> list[tuple[str, int, float]]:
    """(tool, pages, seconds per page) for every tool on ``files``."""
    pages = page_count(files)
    tools: list[tuple[str, Callable[[Path], None], int]] = [
        ("PyMuPDF get_text('words') (floor)", pymupdf_words, repeat),
        ("this pipeline, pymupdf extractor", pipeline_pymupdf, repeat),
        ("this pipeline, pdfplumber extractor", pipeline_pdfplumber, 1),
        ("pdfplumber extract_words", pdfplumber_words, 1),
    ]
    if shutil.which("pdftotext"):
        tools.append(("pdftotext -layout", pdftotext, repeat))
    rows = [(name, pages, best_time(tool, files, times) / pages) for name, tool, times in tools]
    slow_files, slow_count = first_pages(files, slow_pages)
    seconds = pymupdf4llm_seconds(slow_files)
    if seconds is not None:
        rows.append(("pymupdf4llm to_markdown (default settings)", slow_count, seconds / slow_count))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the best counts")
    parser.add_argument("--slow-pages", type=int, default=20, help="pages given to pymupdf4llm")
    args = parser.parse_args()
    for group, files in corpora().items():
        rows = measure(files, args.repeat, args.slow_pages)
        floor = rows[0][2]
        print(f"\n### {group}: {len(files)} files, {rows[0][1]} pages, best of {args.repeat} runs\n")
        print("| tool | pages | ms per page | pages per second | time / floor |")
        print("| --- | --- | --- | --- | --- |")
        for name, pages, per_page in rows:
            print(f"| {name} | {pages} | {per_page * 1000:.2f} | {1 / per_page:.0f} | {per_page / floor:.1f}x |")


if __name__ == "__main__":
    main()
