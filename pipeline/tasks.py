"""What a worker does: one task, one file or one part of a large file, in any process.

A file is first read as a ``file`` task: pages 1 to ``part_pages``. When that is all of
it (the usual case), the same task runs the document stages and writes the outputs.
Otherwise the task stores its part and reports the page count; the batch then runs one
``part`` task per further range of pages (on any worker) and, once all parts are stored,
a ``finish`` task that stitches them and writes the outputs (see :mod:`pipeline.parts`).
Parts are stored under the output folder, which every worker can reach.

:func:`run_task` never raises for a bad file: it returns a failed :class:`Result` with
the reason in plain words. Timeouts, crashes and memory limits are the pool's business.
"""

from __future__ import annotations

import inspect
import re
import resource
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extract import PdfError, short_message
from .failures import UNEXPECTED, kind_of_exception
from .models import Document
from .outputs import STATE_FOLDER, output_names, write_atomically, write_together
from .parts import Part, dumps, loads
from .run import finish_document, process_pdf, read_part

PARTS_FOLDER = "parts"
LOSS = re.compile(r"^page \d+ skipped|OCR failed|OCR skipped|some text may be missing")
"""Warnings that text may be missing (see :mod:`pipeline.extract` and :mod:`pipeline.ocr`)."""


@dataclass(frozen=True, slots=True)
class Task:
    """One piece of work: a file (``file``), a range of its pages (``part``), or stitching its parts (``finish``)."""

    source: str
    """The input as named; it is recorded in the output and must be readable by every worker."""
    stem: str
    out_dir: str
    options: dict[str, Any] = field(default_factory=dict)
    """Keyword arguments of :func:`pipeline.process_pdf`."""
    part_pages: int = 100
    """Files longer than this are read in parts of this many pages (the batch sets it)."""
    kind: str = "file"
    first: int = 1
    """The first page of a ``part``."""
    page_count: int = 0
    """The file's page count (``part`` and ``finish``)."""
    debug: bool = False


@dataclass(frozen=True, slots=True)
class Result:
    """How a task went: ``done`` (outputs written), ``split`` (a large file: more parts to read),
    ``stored`` (a part stored), or ``failed`` (``reason`` says why)."""

    status: str
    page_count: int = 0
    reason: str = ""
    kind: str = ""
    """A failure's kind (see :mod:`pipeline.failures`)."""
    losses: tuple[str, ...] = ()
    """What a ``done`` document may be missing: pages skipped as unreadable, failed OCR."""
    peak_memory_mb: float = 0.0
    """The worker process's peak resident memory over its life so far (Tesseract's not counted)."""
    retire: bool = False
    """The worker should be replaced (it ran out of memory)."""


def run_task(task: Task) -> Result:
    """Do ``task``; a file that cannot be processed gives a failed result, never an exception
    (except :class:`MemoryError`, which the worker's supervisor handles)."""
    try:
        status, page_count, losses = HANDLERS[task.kind](task)
    except PdfError as error:
        return _failed(str(error), error.kind)
    except MemoryError:
        raise
    except Exception as error:  # one bad file must not stop the batch
        kind = kind_of_exception(error)
        reason = f"{UNEXPECTED[kind]} ({type(error).__name__}: {short_message(error)})"
        return _failed(reason + ("\n" + traceback.format_exc() if task.debug else ""), kind)
    return Result(status, page_count, losses=losses, peak_memory_mb=peak_memory_mb())


def _failed(reason: str, kind: str) -> Result:
    return Result("failed", reason=reason, kind=kind, peak_memory_mb=peak_memory_mb())


def peak_memory_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


Outcome = tuple[str, int, tuple[str, ...]]
"""What a handler gives: status, page count, and the document's losses (see :class:`Result`)."""


def _read_file(task: Task) -> Outcome:
    part = read_part(task.source, range(1, task.part_pages + 1), **_options_for(read_part, task.options))
    if part.page_count <= task.part_pages:
        document = finish_document([part], **_options_for(finish_document, task.options))
        _write_document(task, document)
        return "done", part.page_count, losses(document)
    _store(task, 1, part)
    return "split", part.page_count, ()


def _read_part(task: Task) -> Outcome:
    pages = range(task.first, task.first + task.part_pages)
    _store(task, task.first, read_part(task.source, pages, **_options_for(read_part, task.options)))
    return "stored", task.page_count, ()


def _finish(task: Task) -> Outcome:
    parts = [_load(path) for path in part_paths(task)]
    document = finish_document(parts, **_options_for(finish_document, task.options))
    _write_document(task, document)
    return "done", task.page_count, losses(document)


def losses(document: Document) -> tuple[str, ...]:
    """The warnings of ``document`` that say some of its text may be missing."""
    return tuple(warning for warning in document.warnings if LOSS.search(warning))


HANDLERS = {"file": _read_file, "part": _read_part, "finish": _finish}


def part_paths(task: Task) -> list[Path]:
    """Where the parts of ``task``'s file are stored, in page order."""
    folder = Path(task.out_dir) / STATE_FOLDER / PARTS_FOLDER
    return [folder / f"{task.stem}.{first}.part" for first in range(1, task.page_count + 1, task.part_pages)]


def _store(task: Task, first: int, part: Part) -> None:
    folder = Path(task.out_dir) / STATE_FOLDER / PARTS_FOLDER
    write_atomically(folder / f"{task.stem}.{first}.part", dumps(part))


def _load(path: Path) -> Part:
    return loads(path.read_bytes())


def _write_document(task: Task, document: Document) -> None:
    json_name, markdown_name = output_names(task.stem)
    out_dir = Path(task.out_dir)
    write_together({out_dir / json_name: document.model_dump_json(indent=1),
                    out_dir / markdown_name: document.to_markdown()})


def _options_for(function, options: dict[str, Any]) -> dict[str, Any]:
    """The options that ``function`` takes as keyword arguments."""
    accepted = inspect.signature(function).parameters
    return {name: value for name, value in options.items() if name in accepted}


def check_options(options: dict[str, Any]) -> None:
    """Raise :class:`TypeError` for an option that :func:`process_pdf` takes but the parts of a
    file would not get (every option must reach :func:`read_part` or :func:`finish_document`)."""
    inspect.signature(process_pdf).bind("file.pdf", **options)
    halves = set(inspect.signature(read_part).parameters) | set(inspect.signature(finish_document).parameters)
    missing = sorted(set(options) - halves)
    if missing:
        raise TypeError(f"options {missing} reach neither read_part nor finish_document in pipeline/run.py")
