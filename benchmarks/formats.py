"""What the HTML and chunks outputs add to the time per born-digital page:
``python benchmarks/formats.py [PDFS_OR_FOLDERS ...] [--repeat N]``.

For each PDF, best of ``--repeat`` runs: reading it (:func:`process_pdf`) and writing its
JSON and Markdown as ``run`` does (rendered, then written through temporary files), against
rendering and writing its HTML and chunks as well. The default corpus is the born-digital
documents in the repository: the sample inputs (the scan left out), the held-out set and
the region sets.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import Document, process_pdf  # noqa: E402
from pipeline.batch.files import find_pdfs, write_together  # noqa: E402
from pipeline.output.formats import output_name, render  # noqa: E402
from pipeline.settings import DEFAULTS  # noqa: E402

CORPUS = [*(pdf for pdf in sorted((ROOT / "input_pdfs").glob("*.pdf")) if "scanned" not in pdf.name),
          ROOT / "tests" / "heldout" / "pdf", *sorted((ROOT / "tests" / "regions").glob("*/pdf"))]


def write(document: Document, formats: tuple[str, ...], folder: Path) -> None:
    write_together({folder / output_name("document", name): render(document, name, DEFAULTS) for name in formats})


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="PDFs or folders (default: the born-digital corpora)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement; the best counts")
    args = parser.parse_args()
    pdfs = find_pdfs(args.inputs or CORPUS)
    pages = base = extra = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for pdf in pdfs:
            document = process_pdf(pdf)
            pages += document.page_count
            read = best_of(args.repeat, lambda pdf=pdf: process_pdf(pdf))
            base += read + best_of(args.repeat, lambda d=document: write(d, ("json", "md"), Path(folder)))
            extra += best_of(args.repeat, lambda d=document: write(d, ("html", "chunks"), Path(folder)))
    print(f"{len(pdfs)} PDFs, {pages:.0f} pages: md,json {base / pages * 1000:.2f} ms a page; "
          f"html,chunks add {extra / pages * 1000:.2f} ms a page ({extra / base:.1%})")


if __name__ == "__main__":
    main()
