"""Progress of a batch: a bar on a terminal (tqdm), plain log lines otherwise."""

from __future__ import annotations

import time
from typing import TextIO

PLAIN_INTERVAL = 10.0
"""Seconds between two progress lines when the output is not a terminal."""


class Progress:
    """Counts files and pages as they finish and shows the rate and the time left."""

    def __init__(self, total_files: int, stream: TextIO) -> None:
        self.total = total_files
        self.files = 0
        self.pages = 0
        self.pages_to_come = 0
        """Pages still to read of files being read in parts (whose page counts are known)."""
        self.failed = 0
        self.started = time.perf_counter()
        self._stream = stream
        self._last_line = self.started
        self._bar = _terminal_bar(total_files, stream) if stream.isatty() else None

    def advance(self, pages: int, failed: bool = False) -> None:
        """One more file finished (``pages`` more read; ``failed`` when it gave no output)."""
        self.files += 1
        self.pages += pages
        self.pages_to_come = max(0, self.pages_to_come - pages)
        self.failed += failed
        self._show(files=1)

    def read_pages(self, pages: int) -> None:
        """``pages`` more read of a file still in progress (a part of a large file or a scan)."""
        self.pages += pages
        self.pages_to_come = max(0, self.pages_to_come - pages)
        self._show(files=0)

    def expect_pages(self, pages: int) -> None:
        """``pages`` more to read of a file read in parts, now that its page count is known."""
        self.pages_to_come += pages

    def _show(self, files: int) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(f"{self.pages} pages, {self.pages_per_second():.0f} pages/s, "
                                      f"{self.failed} failed", refresh=not files)
            self._bar.update(files)
        elif time.perf_counter() - self._last_line >= PLAIN_INTERVAL or self.files == self.total:
            self._last_line = time.perf_counter()
            print(self.line(), file=self._stream, flush=True)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def pages_per_second(self) -> float:
        return self.pages / max(self.elapsed(), 1e-9)

    def time_left(self) -> float | None:
        """Seconds left, the longer of two estimates: the files still to do at the time files
        took so far, and the pages still to read of files in parts at the pages' rate so far;
        None while neither can be made (no file done, no page of a file in parts read)."""
        estimates = []
        if self.files:
            estimates.append(self.elapsed() / self.files * (self.total - self.files))
        if self.pages_to_come and self.pages:
            estimates.append(self.pages_to_come / self.pages_per_second())
        return max(estimates) if estimates else None

    def line(self) -> str:
        """The progress as one plain line."""
        left = self.time_left()
        estimate = "time left not known yet" if left is None else f"about {left:.0f} s left"
        return (f"progress: {self.files}/{self.total} files, {self.pages} pages, {self.failed} failed, "
                f"{self.pages_per_second():.1f} pages/s, {self.elapsed():.1f} s, {estimate}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _terminal_bar(total: int, stream: TextIO):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=stream, dynamic_ncols=True, smoothing=0.1)
