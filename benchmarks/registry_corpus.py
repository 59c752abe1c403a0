"""Real-world PDFs from the package registry: the test files that PDF libraries ship in their
source distributions, fetched at pinned versions into ``bench/registry/`` (not kept in git).

They come from producers this project was not built on (pikepdf's and pypdf's test
resources: forms, fonts without Unicode maps, damaged and encrypted files, scans, PDF/A;
tabula-py's tables; ocrmypdf's scans, skewed and rotated pages), so they test the
wild-corpus promise on files nobody tuned on: every file is read or refused with one clear
line, no page with text comes out empty without a warning, and the text layer is accounted
for. ``make eval-registry`` fetches them and scores
them with ``python -m pipeline eval --split bench/registry/split.toml``.

The whole set is development since 2026-12-07: its first runs (pikepdf, pypdf and tabula-py
at 1a76a12; ocrmypdf at 410236e; results in docs/quality.md) were blind; faults they showed
were then fixed while looking at the files.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "bench" / "registry"
PACKAGES = ("pikepdf==10.18.0", "pypdf==7.1.1", "tabula-py==2.10.0", "ocrmypdf==17.13.0")
"""Pinned, so that the set does not change under the scores."""


def fetch(folder: Path = FOLDER) -> list[Path]:
    """Download the source distributions once and unpack their PDFs into ``folder/pdf``, each
    named after its path in the archive (``pypdf-7.1.1__resources__crazyones.pdf``)."""
    archives, pdfs = folder / "sdist", folder / "pdf"
    archives.mkdir(parents=True, exist_ok=True)
    pdfs.mkdir(exist_ok=True)
    for package in PACKAGES:
        name, version = package.split("==")
        if not any((archives / f"{spelling}-{version}.tar.gz").exists() for spelling in (name, name.replace("-", "_"))):
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                            "--dest", str(archives), package], check=True)
    for archive in sorted(archives.glob("*.tar.gz")):
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if member.isfile() and member.name.lower().endswith(".pdf"):
                    target = pdfs / member.name.replace("/", "__")
                    if not target.exists():
                        target.write_bytes(tar.extractfile(member).read())
    return sorted(pdfs.glob("*.pdf"))


def write_split(files: list[Path], folder: Path = FOLDER) -> Path:
    """The split file ``pipeline eval --split`` reads: every file in the development half."""
    lines = ["# Written by benchmarks/registry_corpus.py: the whole set is development (see its docstring).",
             "[development]", "files = ["]
    lines += [f'    "{file.name}",' for file in files]
    lines += ["]", "[untouched]", "files = []", ""]
    split = folder / "split.toml"
    split.write_text("\n".join(lines))
    return split


if __name__ == "__main__":
    found = fetch()
    print(f"{len(found)} PDFs in {FOLDER / 'pdf'}; split file {write_split(found)}")
