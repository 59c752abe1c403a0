"""What a worker does: one task, one file or one part of a large file, in any process.

A file is first a ``file`` task. When it has at most ``part_pages`` pages (the usual
case), the task reads it, runs the document stages and writes the outputs. A longer file
is read all in parts: the ``file`` task only counts its pages and reports ``parts`` with
the size of a part, so that every worker starts on the file at once; the batch then runs
one ``part`` task per range of pages (on any worker) and, once all parts are stored, a
``finish`` task that stitches them and writes the outputs (see :mod:`pipeline.stages.parts`).
A file with two or more pages to OCR is read in smaller parts (:func:`ocr_part_pages`), so
that its pages are OCR'd on every worker at once and a long scan is not one long task.
Should the read find more pages than the count (a damaged page tree read two ways), the
``file`` task stores what it read as the first part and reports ``split``.
Parts are stored under the output folder, which every worker can reach, pickled with words
as tuples (which halves the time pickle takes for them); a local worker pauses the cycle
collector while it works (:func:`pipeline.batch.pools.garbage_collection_paused`), which
would otherwise take most of that time.

:func:`run_task` never raises for a bad file: it returns a failed :class:`Result` with
the reason in plain words. Timeouts, crashes and memory limits are the pool's business.
"""

from __future__ import annotations

import copyreg
import io
import pickle
import re
import resource
import traceback
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from ..core.errors import PdfError
from ..core.geometry import Word
from ..output.formats import DEFAULT_FORMATS, output_name, render
from ..output.models import Document
from ..run import finish_document, read_part
from ..settings import Settings
from ..stages.extract import short_message
from ..stages.ocr import OCR_CACHE, pages_to_ocr
from ..stages.parts import Part
from .failures import UNEXPECTED, kind_of_exception
from .files import STATE_FOLDER, write_atomically, write_together

PARTS_FOLDER = "parts"
OCR_CACHE_FOLDER = "ocr-cache"
PARTS_PER_WORKER = 3
OCR_PART_PAGES = 25
"""A file with pages to OCR is read in parts of at most this many pages (about 2-3 minutes of
OCR each), so that a long scan stays within the time limit of a task."""
LOSS = re.compile(r"^page \d+ skipped|OCR failed|OCR skipped|some text may be missing")
"""Warnings that text may be missing (see :mod:`pipeline.stages.extract` and :mod:`pipeline.stages.ocr`)."""


@dataclass(frozen=True, slots=True)
class Task:
    """One piece of work: a file (``file``), a range of its pages (``part``), or stitching its parts (``finish``)."""

    source: str
    """The input as named; it is recorded in the output and must be readable by every worker."""
    stem: str
    out_dir: str
    settings: Settings = field(default_factory=Settings)
    password: str | None = None
    part_pages: int = 100
    """Files longer than this are read in parts of this many pages (the batch sets it)."""
    kind: str = "file"
    first: int = 1
    """The first page of a ``part``."""
    page_count: int = 0
    """The file's page count (``part`` and ``finish``)."""
    workers: int = 1
    """How many workers the batch has: a file with pages to OCR is spread over them."""
    debug: bool = False
    formats: tuple[str, ...] = DEFAULT_FORMATS
    """The outputs to write (see :mod:`pipeline.output.formats`)."""


@dataclass(frozen=True, slots=True)
class Result:
    """How a task went: ``done`` (outputs written), ``split`` (a large file: more parts to read),
    ``parts`` (a file to read all in parts of ``part_pages`` pages, none read yet), ``stored``
    (a part stored), or ``failed`` (``reason`` says why)."""

    status: str
    page_count: int = 0
    reason: str = ""
    kind: str = ""
    """A failure's kind (see :mod:`pipeline.batch.failures`)."""
    part_pages: int = 0
    """The pages of each part of a file to read in ``parts``."""
    losses: tuple[str, ...] = ()
    """What a ``done`` document may be missing: pages skipped as unreadable, failed OCR."""
    peak_memory_mb: float = 0.0
    """The worker process's peak resident memory over its life so far (Tesseract's not counted)."""
    retire: bool = False
    """The worker should be replaced (it ran out of memory)."""


def run_task(task: Task) -> Result:
    """Do ``task``; a file that cannot be processed gives a failed result, never an exception
    (except :class:`MemoryError`, which the worker's supervisor handles)."""
    cache = OCR_CACHE.set(Path(task.out_dir) / STATE_FOLDER / OCR_CACHE_FOLDER)
    try:
        status, page_count, losses, part_pages = HANDLERS[task.kind](task)
    except PdfError as error:
        return _failed(str(error), error.kind)
    except MemoryError:
        raise
    except Exception as error:  # one bad file must not stop the batch
        kind = kind_of_exception(error)
        reason = f"{UNEXPECTED[kind]} ({type(error).__name__}: {short_message(error)})"
        return _failed(reason + ("\n" + traceback.format_exc() if task.debug else ""), kind)
    finally:
        OCR_CACHE.reset(cache)
    return Result(status, page_count, part_pages=part_pages, losses=losses, peak_memory_mb=peak_memory_mb())


def _failed(reason: str, kind: str) -> Result:
    return Result("failed", reason=reason, kind=kind, peak_memory_mb=peak_memory_mb())


def peak_memory_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


Outcome = tuple[str, int, tuple[str, ...], int]
"""What a handler gives: status, page count, the document's losses and the size of its parts (see :class:`Result`)."""


def ocr_part_pages(page_count: int, workers: int, part_pages: int) -> int:
    """The part size of a file whose pages need OCR: its pages shared out in three parts per
    worker (pages take Tesseract from under a second to several: smaller parts keep the
    workers evenly busy), and at most :data:`OCR_PART_PAGES` (each part has the time limit
    of a task); one part when there is one worker and the file fits in it.

    >>> ocr_part_pages(10, 2, 100), ocr_part_pages(10, 1, 100), ocr_part_pages(150, 1, 100), ocr_part_pages(3, 4, 100)
    (2, 10, 25, 1)
    """
    if workers == 1:
        return max(1, min(part_pages, OCR_PART_PAGES, page_count))
    return max(1, min(part_pages, OCR_PART_PAGES, -(-page_count // (PARTS_PER_WORKER * workers))))


def _read_file(task: Task) -> Outcome:
    page_count, to_ocr = pages_to_ocr(task.source, task.password, task.settings.ocr)
    part_pages = ocr_part_pages(page_count, task.workers, task.part_pages) if to_ocr > 1 else task.part_pages
    if part_pages < page_count:
        return "parts", page_count, (), part_pages
    part = read_part(task.source, range(1, task.part_pages + 1), settings=task.settings, password=task.password)
    if part.page_count <= task.part_pages:
        document = finish_document([part], settings=task.settings)
        _write_document(task, document)
        return "done", part.page_count, losses(document), 0
    _store(task, 1, part)
    return "split", part.page_count, (), 0


def _read_part(task: Task) -> Outcome:
    pages = range(task.first, task.first + task.part_pages)
    _store(task, task.first, read_part(task.source, pages, settings=task.settings, password=task.password))
    return "stored", task.page_count, (), 0


def _finish(task: Task) -> Outcome:
    parts = [_load(path) for path in part_paths(task)]
    document = finish_document(parts, settings=task.settings)
    _write_document(task, document)
    return "done", task.page_count, losses(document), 0


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
    out_dir = Path(task.out_dir)
    write_together({out_dir / output_name(task.stem, name): render(document, name, task.settings)
                    for name in task.formats})


_WORD_FIELDS = attrgetter(*Word.__slots__)


def _reduce_word(word: Word) -> tuple:
    return Word, _WORD_FIELDS(word)


def dumps(part: Part) -> bytes:
    """``part`` pickled, words as tuples (:func:`loads` reads it back)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table | {Word: _reduce_word}
    pickler.dump(part)
    return buffer.getvalue()


def loads(data: bytes) -> Part:
    """The part that :func:`dumps` gave ``data`` for."""
    return pickle.loads(data)
