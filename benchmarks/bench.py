"""Speed, measured as ratios against peers in one run: ``make bench``.

For each tool, the time to get text out of every page of the benchmark corpus, best of
``--repeat`` runs, reported in pages per second and as a ratio to PyMuPDF's own
``page.get_text("words")`` (the floor: no tool built on PyMuPDF can be faster).

Corpus: the gold corpus (``tests/corpus/pdf``) and, when present, the born-digital
papers of ``../shared/corpus/bast-korzen``. pymupdf4llm is slow (about a second per
page), so it runs on ``--slow-pages`` pages only and its rate is scaled per page.
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


def corpus() -> list[Path]:
    files = sorted((ROOT / "tests" / "corpus" / "pdf").glob("*.pdf"))
    shared = ROOT.parent / "shared" / "corpus" / "bast-korzen"
    if shared.exists():
        files += sorted(shared.glob("*.pdf"))
    return files


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


def pymupdf4llm_markdown(file: Path) -> None:
    import pymupdf4llm

    pymupdf4llm.to_markdown(str(file))


def best_time(tool: Callable[[Path], None], files: list[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for file in files:
            tool(file)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slow-pages", type=int, default=20, help="pages given to pymupdf4llm")
    args = parser.parse_args()
    files = corpus()
    pages = page_count(files)
    tools: list[tuple[str, Callable[[Path], None], list[Path], int]] = [
        ("PyMuPDF get_text('words') (floor)", pymupdf_words, files, args.repeat),
        ("this pipeline (pymupdf extractor)", pipeline_pymupdf, files, args.repeat),
        ("this pipeline (pdfplumber extractor)", pipeline_pdfplumber, files, 1),
        ("pdfplumber extract_words", pdfplumber_words, files, 1),
    ]
    if shutil.which("pdftotext"):
        tools.append(("pdftotext -layout", pdftotext, files, args.repeat))
    try:
        import pymupdf4llm  # noqa: F401

        slow_files, slow_pages = [], 0
        for file in files:
            if slow_pages >= args.slow_pages:
                break
            slow_files.append(file)
            slow_pages += page_count([file])
        tools.append(("pymupdf4llm to_markdown", pymupdf4llm_markdown, slow_files, 1))
    except ImportError:
        slow_pages = 0
    rows = []
    for name, tool, subset, repeat in tools:
        subset_pages = pages if subset is files else slow_pages
        seconds = best_time(tool, subset, repeat)
        rows.append((name, subset_pages, seconds / subset_pages))
    floor = rows[0][2]
    print(f"{len(files)} files, {pages} pages (born-digital); best of {args.repeat} runs\n")
    print("| tool | pages | ms per page | pages per second | time / floor |")
    print("| --- | --- | --- | --- | --- |")
    for name, subset_pages, per_page in rows:
        print(f"| {name} | {subset_pages} | {per_page * 1000:.2f} | {1 / per_page:.0f} | {per_page / floor:.1f}x |")


if __name__ == "__main__":
    main()
