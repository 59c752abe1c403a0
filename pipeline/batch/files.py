"""Inputs and outputs on disk: which PDFs to read, and safe, atomic output files.

Output names come from the input's file name only (:func:`output_stem`), so they stay
inside the output folder, and never start with a dot: the folder's own bookkeeping
(``.pipeline/``: manifest, summary, parts of large files) cannot collide with them.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from ..output.formats import DEFAULT_FORMATS, output_name

STATE_FOLDER = ".pipeline"
"""The output folder's bookkeeping: ``manifest.json``, ``summary.json``, ``parts/``."""
TEMPORARY = re.compile(r"\.[0-9a-f]{32}\.tmp")
"""What follows ``.<name>`` in the name of a temporary file for ``<name>``."""


def find_pdfs(inputs: list[Path]) -> list[Path]:
    """The PDF files named, and those inside the folders named, in a stable order."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found.extend(sorted(p for p in item.iterdir() if p.suffix.lower() == ".pdf" and p.is_file()))
        else:
            found.append(item)
    return found


def output_stem(pdf: Path) -> str:
    """A safe output name from an input name: no folders; a leading dot or dash becomes "_"
    (so ``..pdf`` and ``...pdf`` stay apart).

    >>> output_stem(Path("../../etc/passwd.pdf")), output_stem(Path("-rf.pdf")), output_stem(Path("..pdf"))
    ('passwd', '_rf', '_')
    """
    stem = pdf.stem.replace(os.sep, "_")
    bare = stem.lstrip(".-")
    return "_" * (len(stem) - len(bare)) + bare or "document"


def output_names(stem: str, formats: tuple[str, ...] = DEFAULT_FORMATS) -> list[str]:
    """The files one input gives in ``formats``, inside the output folder."""
    return [output_name(stem, name) for name in formats]


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    write_together({path: data})


def write_together(files: dict[Path, str | bytes]) -> None:
    """Write several files, each through a temporary file, renamed only once all are written:
    a process stopped on the way leaves at most temporary files (see :func:`remove_temporaries`)."""
    written: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            written.append((_write_temporary(path, data), path))
        for temporary, path in written:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in written:
            Path(temporary).unlink(missing_ok=True)
        raise


def _write_temporary(path: Path, data: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = str(path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "xb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def remove_temporaries(folder: Path, name: str) -> None:
    """Remove the temporary files a stopped writer of ``folder/name`` left behind."""
    prefix = f".{name}"
    for leftover in folder.glob(".*.tmp"):
        if leftover.name.startswith(prefix) and TEMPORARY.fullmatch(leftover.name[len(prefix):]):
            leftover.unlink(missing_ok=True)
