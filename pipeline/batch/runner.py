"""Batch ingestion: many PDFs, every core (or a Dask cluster), redoing only what changed.

:func:`run_batch` is what ``python -m pipeline run`` does:

1. **plan**: each input is looked up in the output folder's manifest
   (:mod:`pipeline.batch.manifest`); unchanged ones are skipped, outputs of inputs that were
   deleted are removed, everything else becomes a task (``--force``: everything);
2. **run**: tasks go to a pool of worker processes (:mod:`pipeline.batch.pools`), large files
   in parts of ``part_pages`` pages (:mod:`pipeline.batch.tasks`), with a progress display;
3. **summarise**: files done / unchanged / failed, pages, time, pages per second, the
   failures with their reasons, printed and written to ``OUTDIR/.pipeline/summary.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..output.formats import DEFAULT_FORMATS
from ..settings import Settings
from .failures import exit_code
from .files import STATE_FOLDER, TEMPORARY, output_names, output_stem, remove_temporaries, write_atomically
from .manifest import Entry, Manifest, file_hash, fingerprint, input_key
from .pools import DaskPool, LocalPool
from .progress import Progress
from .tasks import PARTS_FOLDER, Result, Task, part_paths

SUMMARY_NAME = "summary.json"
SAVE_SECONDS = 60.0
"""During a long run, the manifest is saved this often, so a run that is killed loses little."""
DEFAULT_TIMEOUT = 600.0
DEFAULT_PART_PAGES = 100
MIN_MEMORY_GUARD_MB = 2048
"""Enough for a 1,000-page file's finishing task (600 MB resident) with room to spare."""


def default_workers() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_max_memory_mb(workers: int) -> int | None:
    """The memory guard of each worker: its share of 80% of the machine's memory, and at least
    :data:`MIN_MEMORY_GUARD_MB`; None where the machine's memory cannot be read."""
    try:
        physical_mb = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20
    except (AttributeError, ValueError, OSError):
        return None
    return max(MIN_MEMORY_GUARD_MB, int(physical_mb * 0.8 / max(workers, 1)))


@dataclass(frozen=True)
class BatchConfig:
    """How a batch runs: where to, with which :class:`~pipeline.settings.Settings`, on how many workers."""

    out_dir: Path
    settings: Settings = field(default_factory=Settings)
    password: str | None = None
    workers: int = field(default_factory=default_workers)
    part_pages: int = DEFAULT_PART_PAGES
    timeout: float | None = DEFAULT_TIMEOUT
    max_memory_mb: int | None = None
    force: bool = False
    scheduler: str | None = None
    debug: bool = False
    formats: tuple[str, ...] = DEFAULT_FORMATS
    """The outputs each input gives (see :mod:`pipeline.output.formats`)."""


@dataclass
class Job:
    """One input to process, and what is known about it."""

    pdf: Path
    key: str
    stem: str
    entry: Entry
    failure: Result | None = None
    """The first failed result of the file's tasks."""
    part_pages: int = 0
    """The pages of each part its file is read in (0: the batch's ``part_pages``)."""
    pages_read: int = 0
    """Pages of its stored parts already counted in the progress."""


@dataclass
class Summary:
    """What a batch did."""

    files: int
    done: int = 0
    unchanged: int = 0
    removed: int = 0
    pages: int = 0
    seconds: float = 0.0
    workers: int = 0
    peak_memory_mb: dict[str, float] = field(default_factory=dict)
    """The largest peak resident memory of a worker, in MB, per kind of task (file, part, finish)."""
    failures: list[dict[str, str]] = field(default_factory=list)
    losses: list[dict[str, str]] = field(default_factory=list)
    """Files done with some text possibly missing: pages skipped as unreadable, failed OCR."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def exit_code(self) -> int:
        """0 when no file failed, else the code of the failures' kind (see :mod:`pipeline.batch.failures`)."""
        return exit_code(failure["kind"] for failure in self.failures)

    @property
    def peak_worker_memory_mb(self) -> float:
        return max(self.peak_memory_mb.values(), default=0.0)

    def note_memory(self, kind: str, megabytes: float) -> None:
        self.peak_memory_mb[kind] = max(self.peak_memory_mb.get(kind, 0.0), megabytes)

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "done": self.done, "unchanged": self.unchanged, "failed": self.failed,
                "removed": self.removed, "pages": self.pages, "seconds": round(self.seconds, 3),
                "pages_per_second": round(self.pages / self.seconds, 1) if self.seconds else 0.0,
                "workers": self.workers, "peak_worker_memory_mb": round(self.peak_worker_memory_mb, 1),
                "peak_worker_memory_mb_by_task": {kind: round(mb, 1) for kind, mb in self.peak_memory_mb.items()},
                "failures": self.failures, "losses": self.losses}


def run_batch(pdfs: list[Path], config: BatchConfig, stream: TextIO = sys.stderr) -> Summary:
    """Process ``pdfs`` into ``config.out_dir`` (see the module docstring); the summary says how it went."""
    started = time.perf_counter()
    pdfs = list(dict.fromkeys(pdfs))  # a file named twice is one input
    manifest = Manifest(config.out_dir)
    summary = Summary(len(pdfs), workers=0 if config.scheduler else config.workers)
    jobs = _plan(pdfs, manifest, config, summary)
    summary.removed = len(manifest.remove_missing({input_key(pdf) for pdf in pdfs}))
    _clean_state(config.out_dir)
    try:
        if jobs:
            _Runner(jobs, config, manifest, summary, stream).run()
    finally:
        manifest.save()
        summary.seconds = time.perf_counter() - started
        order = {str(pdf): index for index, pdf in enumerate(pdfs)}
        summary.failures.sort(key=lambda failure: order[failure["input"]])
        summary.losses.sort(key=lambda loss: order[loss["input"]])
        _report(summary, config, stream)
    return summary


def _plan(pdfs: list[Path], manifest: Manifest, config: BatchConfig, summary: Summary) -> list[Job]:
    """The inputs to process; unchanged ones are counted, unreadable ones failed."""
    current = fingerprint(config.settings)
    owners: dict[str, Path] = {}
    jobs: list[Job] = []
    for pdf in pdfs:
        key, stem = input_key(pdf), output_stem(pdf)
        clash = owners.setdefault(stem, pdf)
        if clash != pdf:
            summary.failures.append(_failure(pdf, f"output name {stem}.json is already taken by {clash}", "io"))
            continue
        try:
            stat = pdf.stat()
            names = output_names(stem, config.formats)
            if not config.force and _lists(manifest, key, names) and manifest.is_unchanged(key, stat, current):
                summary.unchanged += 1
                continue
            entry = Entry(stat.st_size, stat.st_mtime_ns, file_hash(pdf), current, names)
        except OSError as error:
            summary.failures.append(_failure(pdf, "no such file", "not-pdf") if isinstance(error, FileNotFoundError)
                                    else _failure(pdf, f"cannot read ({error.strerror})", "io"))
            continue
        jobs.append(Job(pdf, key, stem, entry))
    return jobs


def _lists(manifest: Manifest, key: str, names: list[str]) -> bool:
    """Whether the manifest lists every one of ``names`` as an output of ``key`` (a format asked
    for that the last run did not write redoes the file)."""
    entry = manifest.entries.get(key)
    return entry is not None and set(names) <= set(entry.outputs)


def _failure(pdf: Path | str, reason: str, kind: str) -> dict[str, str]:
    return {"input": str(pdf), "reason": reason, "kind": kind}


def _clean_state(out_dir: Path) -> None:
    """Remove what a stopped earlier run may have left: stored parts and temporary files."""
    shutil.rmtree(out_dir / STATE_FOLDER / PARTS_FOLDER, ignore_errors=True)
    for leftover in out_dir.glob(".*.tmp") if out_dir.is_dir() else ():
        if TEMPORARY.search(leftover.name):
            leftover.unlink(missing_ok=True)


class _Runner:
    """Runs the jobs' tasks on a pool and records each outcome as it arrives."""

    def __init__(self, jobs: list[Job], config: BatchConfig, manifest: Manifest, summary: Summary,
                 stream: TextIO) -> None:
        self.jobs = {job.stem: job for job in jobs}
        self.config = config
        self.manifest = manifest
        self.summary = summary
        self.outstanding: dict[str, int] = {}
        self.saved = time.monotonic()
        self.progress = Progress(len(jobs), stream)
        self.pool = (DaskPool(config.scheduler, config.timeout) if config.scheduler
                     else LocalPool(config.workers, config.timeout, config.max_memory_mb))

    def run(self) -> None:
        try:
            for job in self.jobs.values():
                self._submit(self._task(job))
            while self.pool.pending():
                for task, result in self.pool.results():
                    self._handle(task, result)
        finally:
            self.pool.close()
            self.progress.close()

    def _task(self, job: Job, **fields: Any) -> Task:
        s = self.config
        return Task(str(job.pdf), job.stem, str(s.out_dir), s.settings, s.password, job.part_pages or s.part_pages,
                    workers=s.workers, debug=s.debug, formats=s.formats, **fields)

    def _submit(self, task: Task) -> None:
        self.outstanding[task.stem] = self.outstanding.get(task.stem, 0) + 1
        self.pool.submit(task)

    def _handle(self, task: Task, result: Result) -> None:
        job = self.jobs[task.stem]
        self.outstanding[task.stem] -= 1
        if result.peak_memory_mb:
            self.summary.note_memory(task.kind, result.peak_memory_mb)
        if job.failure:
            self._finish_failed(task, job, job.failure)
        elif result.status == "failed":
            job.failure = result
            self._finish_failed(task, job, result)
        elif result.status == "split":
            self._count_part(job, task, result.page_count)
            self._split(job, result.page_count)
        elif result.status == "parts":
            job.part_pages = result.part_pages
            self._split(job, result.page_count, first=1)
        elif result.status == "stored":
            self._count_part(job, task, task.page_count)
            if not self.outstanding[task.stem]:
                self._submit(self._task(job, kind="finish", page_count=task.page_count))
        elif result.status == "done":
            self._done(task, job, result)

    def _count_part(self, job: Job, task: Task, page_count: int) -> None:
        """Show the pages of a stored part in the progress before its file is done."""
        pages = max(0, min(task.part_pages, page_count - task.first + 1))
        job.pages_read += pages
        self.progress.read_pages(pages)

    def _split(self, job: Job, page_count: int, first: int = 0) -> None:
        """Submit a part task for each range of pages of ``job``'s file from page ``first`` on
        (default: after the part the file task read)."""
        size = job.part_pages or self.config.part_pages
        self.progress.expect_pages(page_count - job.pages_read)
        for start in range(first or 1 + size, page_count + 1, size):
            self._submit(self._task(job, kind="part", first=start, page_count=page_count))

    def _done(self, task: Task, job: Job, result: Result) -> None:
        page_count = result.page_count
        self.summary.losses += [{"input": str(job.pdf), "warning": loss} for loss in result.losses]
        job.entry.pages = page_count
        self._remove_stale_outputs(job)
        self.manifest.record(job.key, job.entry)
        self.summary.done += 1
        self.summary.pages += page_count
        self.progress.advance(page_count - job.pages_read)
        self._remove_parts(task)
        if time.monotonic() - self.saved > SAVE_SECONDS:
            self.manifest.save()
            self.saved = time.monotonic()

    def _finish_failed(self, task: Task, job: Job, failure: Result) -> None:
        """Clean up after a failed task (``failure``: the file's first) once no other task of its file is running."""
        if self.outstanding[task.stem]:
            return
        out_dir = self.config.out_dir
        for name in output_names(job.stem, self.config.formats):
            remove_temporaries(out_dir, name)
        self._remove_parts(task)
        self.manifest.record_failure(job.key, job.entry, failure.reason)
        self.summary.failures.append(_failure(job.pdf, failure.reason, failure.kind))
        self.progress.advance(0, failed=True)

    def _remove_stale_outputs(self, job: Job) -> None:
        """Delete the outputs an earlier run made of ``job``'s input in formats not asked for
        now: they would no longer match it."""
        earlier = self.manifest.entries.get(job.key)
        for name in set(earlier.outputs if earlier else ()) - set(job.entry.outputs):
            (self.config.out_dir / name).unlink(missing_ok=True)

    @staticmethod
    def _remove_parts(task: Task) -> None:
        for path in part_paths(task):
            path.unlink(missing_ok=True)
            remove_temporaries(path.parent, path.name)


def _report(summary: Summary, config: BatchConfig, stream: TextIO) -> None:
    """Print the summary (one line per failure, then the totals) and write it as JSON."""
    state = config.out_dir / STATE_FOLDER
    write_atomically(state / SUMMARY_NAME, json.dumps(summary.as_dict(), indent=1))
    for loss in summary.losses:
        print(f"{loss['input']}: done, but {loss['warning']}", file=stream)
    for failure in summary.failures:
        print(f"{failure['input']}: {failure['reason']}", file=stream)
    if not summary.done and not summary.failed:
        print(f"nothing to do: {summary.unchanged} files unchanged"
              + (f", outputs of {summary.removed} removed inputs deleted" if summary.removed else ""), file=stream)
        return
    rate = summary.pages / summary.seconds if summary.seconds else 0.0
    where = f"Dask at {config.scheduler}" if config.scheduler else f"{summary.workers} workers"
    print(f"{summary.done} done, {summary.unchanged} unchanged, {summary.failed} failed, {summary.removed} removed; "
          f"{summary.pages} pages in {summary.seconds:.2f} s ({rate:.1f} pages/s, {where}, peak memory per worker "
          f"{summary.peak_worker_memory_mb:.0f} MB) -> {config.out_dir}/ (summary: {state / SUMMARY_NAME})",
          file=stream)
