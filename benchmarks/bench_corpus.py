"""The benchmark corpus: at least 1,000 pages of varied layouts, made once and reused.

The gold documents re-typeset in random layouts by the sweep's generator
(``benchmarks/sweep.py``: one to three columns, three font families, sizes, paragraph
styles), in ``bench/corpus/`` (git-ignored):

* ``variants/pdf/*.pdf``: the documents (about 3.5 pages each), the speed corpus;
* ``pages/*.pdf``: each of their pages as a file of its own (1,000 and more inputs);
* ``book.pdf``: their first 1,000 pages as one long document.

    python benchmarks/bench_corpus.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import sys
from multiprocessing import Pool
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import sweep  # noqa: E402  (the layout variants)

CORPUS = ROOT / "bench" / "corpus"
VARIANTS = CORPUS / "variants"
PAGES = CORPUS / "pages"
BOOK = CORPUS / "book.pdf"
FIRST_SEED = 1000
SEEDS_PER_ROUND = 8
BOOK_PAGES = 1000


def page_count(files: list[Path]) -> int:
    total = 0
    for file in files:
        with pymupdf.open(file) as document:
            total += document.page_count
    return total


def variant_files() -> list[Path]:
    return sorted((VARIANTS / "pdf").glob("*.pdf"))


def build(pages: int) -> None:
    """Make variants until there are ``pages`` pages, then the per-page files and the book."""
    seed = FIRST_SEED
    while page_count(variant_files()) < pages:
        seeds = range(seed, seed + SEEDS_PER_ROUND)
        with Pool() as pool:
            pool.starmap(sweep.make_variants, [(s, VARIANTS) for s in seeds])
        seed += SEEDS_PER_ROUND
    files = variant_files()
    if len(list(PAGES.glob("*.pdf"))) != page_count(files):
        _split_pages(files)
    if not BOOK.exists() or page_count([BOOK]) != min(BOOK_PAGES, page_count(files)):
        _bind(files)


def _split_pages(files: list[Path]) -> None:
    PAGES.mkdir(parents=True, exist_ok=True)
    for stale in PAGES.glob("*.pdf"):
        stale.unlink()
    for file in files:
        with pymupdf.open(file) as source:
            for number in range(source.page_count):
                single = pymupdf.open()
                single.insert_pdf(source, from_page=number, to_page=number)
                single.save(PAGES / f"{file.stem}-p{number + 1}.pdf", garbage=3, deflate=True)


def _bind(files: list[Path]) -> None:
    book = pymupdf.open()
    for file in files:
        with pymupdf.open(file) as source:
            book.insert_pdf(source, to_page=min(source.page_count, BOOK_PAGES - book.page_count) - 1)
        if book.page_count >= BOOK_PAGES:
            break
    book.save(BOOK, garbage=3, deflate=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="at least this many pages")
    args = parser.parse_args()
    build(args.pages)
    print(f"{len(variant_files())} documents, {page_count(variant_files())} pages; "
          f"{len(list(PAGES.glob('*.pdf')))} one-page files; {BOOK} ({page_count([BOOK])} pages)")


if __name__ == "__main__":
    main()
