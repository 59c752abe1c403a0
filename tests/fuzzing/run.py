"""Fuzz the batch runner with mutated PDFs and check its promises for every input.

    PYTHONPATH=. python -m tests.fuzzing.run --count 2000 --seed 1 --workers 2 --keep /tmp/fuzz_found
    PYTHONPATH=. python -m tests.fuzzing.run --reproduce 1234 --seed 1 --keep /tmp/fuzz_found

Mutant ``i`` of seed ``S`` is built from ``random.Random(f"{S}/{i}")`` alone (see
:func:`build_mutant`), so any one can be rebuilt without the others. Mutants are written
in batches to a temporary folder, each batch run by :func:`pipeline.batch.run_batch`
with OCR off, and every input checked (:func:`check_batch`):

a. it has both outputs, which parse as ``Document``, and no failure entry; or exactly
   one failure entry with a one-line reason (no newline, no "Traceback") and no output;
b. no failure is of a kind that says the pipeline broke: ``crash`` ("failed unexpectedly",
   "worker crashed"), ``timeout``, ``memory``;
c. nothing else is left in the output folder: no ``.*.tmp``, no stored parts, no
   output of a failed input, no stray file.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests.fuzzing` and `pipeline` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.batch import BatchConfig, run_batch  # noqa: E402
from pipeline.batch.files import STATE_FOLDER, output_names, output_stem  # noqa: E402
from pipeline.output.models import Document  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from tests.fuzzing.mutate import Seed, load_seeds, mutate  # noqa: E402

SETTINGS = Settings().with_values({"ocr.mode": "never"})
"""OCR is off: the fuzzer is about parsing and the pipeline's own stages, and OCR is slow."""
BATCH_SIZE = 500
DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 4096
"""Address-space limit per worker: a mutant that asks for gigabytes fails alone, the machine stays up."""
PART_PAGES = 100
SCRATCH = Path("/dev/shm")
"""Batches are written here when it exists (outputs are fsynced: on tmpfs that costs nothing)."""
BROKEN = {"crash", "timeout", "memory"}
"""Failure kinds that mean the pipeline broke (see pipeline/failures.py): a small mutant must
fail as not-pdf, encrypted, damaged or no-text, never crash, hang or exhaust memory."""
"""Failure reasons that mean the pipeline, not the file, is at fault."""
STATE_FILES = {"manifest.json", "summary.json"}
PATH = re.compile(r"""(?:[A-Za-z]:)?(?:/[^\s'"(),:;]+)+""")


@dataclass
class Violation:
    index: int
    seed_name: str
    description: str
    kind: str
    detail: str
    kept: str = ""

    def line(self) -> str:
        return f"#{self.index} [{self.kind}] {self.detail}\n    mutant: {self.seed_name}: {self.description}" + (
            f"\n    kept: {self.kept}" if self.kept else "")


@dataclass
class Report:
    count: int
    seed: int
    workers: int
    timeout: float
    part_pages: int = PART_PAGES
    max_memory_mb: int | None = None
    seconds: float = 0.0
    build_seconds: float = 0.0
    outcomes: Counter = field(default_factory=Counter)
    """done / failed / violation, per input."""
    reasons: Counter = field(default_factory=Counter)
    """Failure reasons, normalised (see :func:`normalise`)."""
    seeds: Counter = field(default_factory=Counter)
    violations: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations

    def text(self, top: int = 40) -> str:
        rate = self.count / self.seconds if self.seconds else 0.0
        lines = [f"fuzz: {self.count} mutants, seed {self.seed}, {self.workers} workers, timeout {self.timeout:g} s, "
                 f"part_pages {self.part_pages}, memory limit {self.max_memory_mb} MB, "
                 f"settings {SETTINGS.changed()} (OCR off)",
                 f"time: {self.seconds:.1f} s ({rate:.1f} mutants/s; building mutants {self.build_seconds:.1f} s)",
                 "outcomes: " + ", ".join(f"{kind} {n}" for kind, n in sorted(self.outcomes.items())),
                 "seeds: " + ", ".join(f"{name} {n}" for name, n in sorted(self.seeds.items())),
                 f"failure reasons ({len(self.reasons)} distinct after normalising):"]
        lines += [f"  {n:6d}  {reason}" for reason, n in self.reasons.most_common(top)]
        if len(self.reasons) > top:
            rest = sum(n for _, n in self.reasons.most_common()[top:])
            lines.append(f"  ... {len(self.reasons) - top} more, {rest} inputs")
        lines.append(f"violations: {len(self.violations)}")
        lines += ["  " + violation.line() for violation in self.violations]
        return "\n".join(lines)


def normalise(reason: str) -> str:
    """A failure reason with file paths replaced by <path> and numbers by N, to group alike ones."""
    return re.sub(r"\d+", "N", PATH.sub("<path>", reason))


def build_mutant(seeds: list[Seed], seed: int, index: int) -> tuple[Seed, bytes, str]:
    """Mutant ``index`` of run ``seed``: its seed file, its bytes, what was done."""
    rng = random.Random(f"{seed}/{index}")
    origin = rng.choice(seeds)
    data, description = mutate(origin.data, rng)
    return origin, data, description


def mutant_name(index: int) -> str:
    return f"m{index:07d}.pdf"


def check_batch(pdfs: list[Path], out_dir: Path, summary) -> dict[Path, tuple[str, str, str]]:
    """For each input: ("done" | "failed" | "violation", kind, detail); kind is the failure
    reason for "failed", the broken rule for "violation"."""
    failures: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for failure in summary.failures:
        failures.setdefault(failure["input"], []).append(failure["reason"])
        kinds[failure["input"]] = failure["kind"]
    expected: set[str] = set()
    verdicts: dict[Path, tuple[str, str, str]] = {}
    for pdf in pdfs:
        names = output_names(output_stem(pdf))
        present = [name for name in names if (out_dir / name).is_file()]
        reasons = failures.pop(str(pdf), [])
        problems: list[tuple[str, str]] = []
        if reasons:
            if len(reasons) > 1:
                problems.append(("several failure entries", repr(reasons)[:300]))
            reason = reasons[0]
            if not reason.strip() or "\n" in reason or "Traceback" in reason:
                problems.append(("reason not one line", repr(reason)[:300]))
            if kinds[str(pdf)] in BROKEN:
                problems.append((kinds[str(pdf)], reason[:300]))
            if present:
                problems.append(("outputs of a failed input", f"{present} left; reason {reason[:200]!r}"))
        elif len(present) < len(names):
            problems.append(("partial outputs" if present else "no outcome", f"outputs present: {present}"))
        else:
            expected.update(names)
            try:
                Document.model_validate_json((out_dir / names[0]).read_text(encoding="utf-8"))
            except Exception as error:  # noqa: BLE001 - any parse error is the finding
                problems.append(("output does not parse", f"{type(error).__name__}: {str(error)[:200]}"))
        if problems:
            verdicts[pdf] = ("violation", problems[0][0], "; ".join(detail for _, detail in problems))
        elif reasons:
            verdicts[pdf] = ("failed", reasons[0], "")
        else:
            verdicts[pdf] = ("done", "", "")
    stray = leftovers(out_dir, expected)
    if failures:
        stray.append(f"failure entries for unknown inputs: {sorted(failures)[:5]}")
    if summary.done + summary.failed != len(pdfs):
        stray.append(f"summary counts {summary.done} done + {summary.failed} failed != {len(pdfs)} inputs")
    for detail in stray:  # pinned on the input it names, else on the batch
        owner = next((pdf for pdf in pdfs if output_stem(pdf) in detail), Path("<batch>"))
        if owner in verdicts and verdicts[owner][0] == "violation":
            outcome, kind, before = verdicts[owner]
            verdicts[owner] = (outcome, kind, f"{before}; {detail}")
        else:
            verdicts[owner] = ("violation", "leftover file", detail)
    return verdicts


def leftovers(out_dir: Path, expected: set[str]) -> list[str]:
    """Files in the output folder that should not be there: temporaries, stored parts, strays."""
    found = []
    for path in sorted(out_dir.rglob("*")):
        if path.is_dir():
            continue
        relative = path.relative_to(out_dir)
        if path.name.endswith(".tmp"):
            found.append(f"temporary file {relative}")
        elif relative.parts[0] == STATE_FOLDER:
            if len(relative.parts) != 2 or path.name not in STATE_FILES:
                found.append(f"state file {relative}")
        elif str(relative) not in expected:
            found.append(f"stray file {relative}")
    return found


def fuzz(count: int, seed: int = 0, workers: int = 2, timeout: float = DEFAULT_TIMEOUT, out_root: Path | None = None,
         keep: Path | None = None, batch_size: int = BATCH_SIZE, start: int = 0,
         max_memory_mb: int | None = DEFAULT_MEMORY_MB, part_pages: int = PART_PAGES, log=None) -> Report:
    """Run mutants ``start .. start+count-1`` of ``seed`` through :func:`run_batch` and check them.

    ``out_root``: where the batches are written (a temporary folder when None; each batch
    is deleted after its check); ``keep``: where violating mutants are saved with a note.
    """
    report = Report(count, seed, workers, timeout, part_pages, max_memory_mb)
    seeds = load_seeds()
    started = time.perf_counter()
    owned = out_root is None
    scratch = str(SCRATCH) if SCRATCH.is_dir() else None
    root = Path(tempfile.mkdtemp(prefix="fuzz-", dir=scratch)) if owned else Path(out_root)
    try:
        for first in range(start, start + count, batch_size):
            indices = range(first, min(first + batch_size, start + count))
            _run_one_batch(report, seeds, seed, indices, root / f"batch-{first}", workers, timeout, keep,
                           max_memory_mb, part_pages)
            if log:
                done = first + len(indices) - start
                print(f"  {done}/{count} mutants, {time.perf_counter() - started:.0f} s, "
                      f"{len(report.violations)} violations", file=log, flush=True)
    finally:
        if owned:
            shutil.rmtree(root, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _run_one_batch(report: Report, seeds: list[Seed], seed: int, indices: range, folder: Path, workers: int,
                   timeout: float, keep: Path | None, max_memory_mb: int | None, part_pages: int) -> None:
    inputs, out_dir = folder / "in", folder / "out"
    inputs.mkdir(parents=True, exist_ok=True)
    built = time.perf_counter()
    mutants: dict[Path, tuple[int, Seed, bytes, str]] = {}
    for index in indices:
        origin, data, description = build_mutant(seeds, seed, index)
        path = inputs / mutant_name(index)
        path.write_bytes(data)
        mutants[path] = (index, origin, data, description)
        report.seeds[origin.name] += 1
    report.build_seconds += time.perf_counter() - built
    config = BatchConfig(out_dir, SETTINGS, workers=workers, part_pages=part_pages, timeout=timeout,
                         max_memory_mb=max_memory_mb, force=True)
    try:
        summary = run_batch(list(mutants), config, io.StringIO())
        verdicts = check_batch(list(mutants), out_dir, summary)
    except Exception as error:  # noqa: BLE001 - the batch runner itself must not raise
        detail = f"run_batch raised {type(error).__name__}: {error}"
        verdicts = {pdf: ("violation", "run_batch raised", detail) for pdf in mutants}
        traceback.print_exc()
    for pdf, (outcome, kind, detail) in verdicts.items():
        report.outcomes[outcome] += 1
        if outcome == "failed":
            report.reasons[normalise(kind)] += 1
        if outcome != "violation":
            continue
        index, origin, data, description = mutants.get(pdf, (-1, Seed("<batch>", b""), b"", ""))
        violation = Violation(index, origin.name, description, kind, detail)
        if keep is not None and data:
            violation.kept = str(save_mutant(keep, seed, index, origin, data, description, f"{kind}: {detail}"))
        report.violations.append(violation)
    shutil.rmtree(folder, ignore_errors=True)


def save_mutant(keep: Path, seed: int, index: int, origin: Seed, data: bytes, description: str, note: str) -> Path:
    keep.mkdir(parents=True, exist_ok=True)
    path = keep / f"s{seed}-i{index}.pdf"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(
        f"seed {seed}, index {index}\nseed file: {origin.name}\nmutations: {description}\n{note}\n"
        f"rebuild and rerun: PYTHONPATH=. python -m tests.fuzzing.run --reproduce {index} --seed {seed}\n",
        encoding="utf-8")
    return path


def reproduce(seed: int, index: int, keep: Path, timeout: float = DEFAULT_TIMEOUT,
              max_memory_mb: int | None = DEFAULT_MEMORY_MB, part_pages: int = PART_PAGES) -> int:
    """Rebuild one mutant, run it in-process (printing any traceback) and through the batch runner."""
    import pipeline

    origin, data, description = build_mutant(load_seeds(), seed, index)
    path = save_mutant(keep, seed, index, origin, data, description, "reproduced")
    print(f"mutant #{index} of seed {seed}: {origin.name}: {description}\nsaved: {path}")
    # in-process, under the batch's limits: a hang is stopped by an alarm (TimeoutError raised where it
    # is stuck, so the traceback shows where), a memory hog by the address-space limit (MemoryError)
    if max_memory_mb:
        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))

    def alarm(signum, frame):
        raise TimeoutError(f"still running after {timeout:g} s (alarm)")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(max(1, int(timeout)))
    started = time.perf_counter()
    try:
        document = pipeline.process_pdf(path, settings=SETTINGS)
        print(f"process_pdf: ok, {len(document.sections)} sections, {time.perf_counter() - started:.1f} s")
    except pipeline.PdfError as error:
        print(f"process_pdf: PdfError: {error}")
    except BaseException:  # noqa: BLE001
        print(f"process_pdf raised after {time.perf_counter() - started:.1f} s:")
        traceback.print_exc(file=sys.stdout)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    with tempfile.TemporaryDirectory(prefix="fuzz-one-") as folder:
        config = BatchConfig(Path(folder), SETTINGS, workers=1, part_pages=part_pages, timeout=timeout,
                             max_memory_mb=max_memory_mb, force=True)
        summary = run_batch([path], config, io.StringIO())
        verdict = check_batch([path], Path(folder), summary)
    print(f"run_batch: {summary.done} done, failures {summary.failures}\ncheck: {verdict[path]}")
    return 1 if verdict[path][0] == "violation" else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first mutant")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per file")
    parser.add_argument("--max-memory-mb", type=int, default=DEFAULT_MEMORY_MB,
                        help="address-space limit per worker (0: none)")
    parser.add_argument("--part-pages", type=int, default=PART_PAGES,
                        help="files longer than this are read in parts (1 or 2 exercises parts and finish tasks)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--keep", type=Path, default=Path("/tmp/fuzz_found"), help="where violating mutants go")
    parser.add_argument("--reproduce", type=int, metavar="INDEX", help="rebuild and run one mutant in-process")
    args = parser.parse_args(argv)
    if args.reproduce is not None:
        return reproduce(args.seed, args.reproduce, args.keep, args.timeout, args.max_memory_mb or None,
                         args.part_pages)
    print(f"fuzzing {args.count} mutants from seed {args.seed} with OCR off ({SETTINGS.changed()}), "
          f"{args.workers} workers, timeout {args.timeout:g} s", flush=True)
    report = fuzz(args.count, args.seed, args.workers, args.timeout, keep=args.keep, batch_size=args.batch_size,
                  start=args.start, max_memory_mb=args.max_memory_mb or None, part_pages=args.part_pages,
                  log=sys.stdout)
    print(report.text())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
