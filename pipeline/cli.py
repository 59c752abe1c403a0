"""Command line: ``python -m pipeline {run,show,settings,schema,eval}`` (also installed as ``pdf-relayout``).

``run`` turns PDFs (files or folders; default ``input_pdfs/``) into ``<stem>.json`` and
``<stem>.md`` (``--format``: also ``<stem>.html`` and ``<stem>.chunks.jsonl``, see
:mod:`pipeline.output.formats`) in the output folder (default ``output/``), on a pool of worker processes
(or a Dask cluster), redoing only what changed (see :mod:`pipeline.batch`). A file that
fails gets one line on stderr naming it and the cause; the others are still processed;
the exit code is 0 only when every file succeeded, else it tells the kind of failure
(see :mod:`pipeline.batch.failures`). Outputs are written to a temporary file and renamed, so
an earlier good output is never replaced by a partial one. No traceback reaches the
user unless ``--debug`` is given.

``show`` draws what the pipeline decided over a PDF's pages, one PNG each (see
:mod:`pipeline.output.draw`).

``settings`` lists every setting with its current value (after ``--config`` and ``--set``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import get_args

from .batch.failures import EXIT_FAILED, EXIT_USAGE, KINDS, exit_code, exit_codes_help, kind_of_exception
from .batch.files import find_pdfs
from .core.errors import PdfError
from .evaluation.gates import Bound, baseline_failures, bound_failures, load_baseline, parse_bound, save_baseline
from .evaluation.gold import GoldDocument, GoldError
from .evaluation.metrics import metrics_help
from .output.formats import DEFAULT_FORMATS, FORMATS, parse_formats
from .output.models import Document
from .settings import (
    PAGE_LIST,
    ExtractSettings,
    OcrSettings,
    Settings,
    SettingsError,
    describe,
    load_settings,
    selected_pages,
)
from .stages.extract import short_message

EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
"""As a shell reports a program ended by SIGPIPE (128 + 13)."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.handler(args)
    except (SettingsError, GoldError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader stopped reading (``... | head``): it has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush finds no pipe
        return EXIT_BROKEN_PIPE
    except Exception as error:  # the command itself failed (not one file): one line, unless --debug
        if getattr(args, "debug", False):
            raise
        print(f"error: {type(error).__name__}: {short_message(error)} (--debug shows the traceback)", file=sys.stderr)
        return KINDS[kind_of_exception(error)][0]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command")

    run = commands.add_parser("run", help="process PDFs into JSON and Markdown", epilog=exit_codes_help(),
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("inputs", nargs="*", type=Path, help="PDF files or folders (default: input_pdfs/)")
    run.add_argument("-o", "--output", type=Path, default=Path("output"), help="output folder (default: output/)")
    run.add_argument("--password", help="password for encrypted PDFs")
    _add_settings_options(run)
    run.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    _batch_arguments(run)
    run.add_argument("--format", dest="formats", type=_formats, default=DEFAULT_FORMATS, metavar="LIST",
                     help=f"outputs to write, comma-separated, of {','.join(FORMATS)} (default: md,json)")
    run.set_defaults(handler=command_run)

    show = commands.add_parser("show", help="draw the pipeline's decisions over a PDF's pages, one PNG each")
    show.add_argument("pdf", type=Path, help="the PDF file")
    show.add_argument("--pages", dest="draw_pages", type=_page_numbers, metavar="RANGES",
                      help="pages to draw, e.g. 1-3,5 (default: all); the whole document is read")
    show.add_argument("-o", "--output", type=Path, default=Path("show"), help="output folder (default: show/)")
    show.add_argument("--zoom", type=float, default=1.5, help="scale of the page (1: 72 dpi; default: 1.5)")
    show.add_argument("--password", help="password for an encrypted PDF")
    _add_settings_options(show, page_list=False)
    show.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    show.set_defaults(handler=command_show)

    settings = commands.add_parser("settings", help="list every setting with its value, unit and reason (as TOML)")
    _add_settings_options(settings)
    settings.set_defaults(handler=command_settings)

    schema = commands.add_parser("schema", help="print the JSON Schema of the output (or of a gold file)")
    schema.add_argument("--gold", action="store_true", help="the schema of a gold file (<stem>.gold.json) instead")
    schema.set_defaults(handler=command_schema)

    evaluate = commands.add_parser("eval", help="measure quality against gold text", epilog=_eval_epilog(),
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    evaluate.add_argument("corpora", nargs="*", type=Path,
                          help="corpus folders (default: tests/corpus): *.pdf + *.gold.json (or *.gt.txt) side "
                               "by side, gold/*.json + pdf/*.pdf, or pdf/*.pdf + gt/*.md (a reference Markdown)")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--ocr-pairs", type=Path, metavar="JSONL",
                          help="score the OCR corrector alone on {ocr, gold} line pairs instead")
    evaluate.add_argument("--split", type=Path, metavar="TOML",
                          help="score each half of a split corpus apart (e.g. tests/real/split.toml)")
    evaluate.add_argument("--root", type=Path, default=Path("../shared/corpus"),
                          help="folder the split file's paths are relative to (default: ../shared/corpus)")
    _gate_arguments(evaluate)
    _add_settings_options(evaluate)
    evaluate.set_defaults(handler=command_eval)

    _gold_parser(commands)

    diff = commands.add_parser("diff", help="compare two outputs (JSON or Markdown files, or folders) block by block",
                               epilog="exit codes: 0 the same, 1 they differ, 2 wrong command line",
                               description="Each block that changed, moved, vanished or appeared, in B's order.")
    diff.add_argument("a", type=Path, help="an output file (.json or .md) or an output folder")
    diff.add_argument("b", type=Path, help="the other one")
    diff.set_defaults(handler=command_diff)
    return parser


def _gate_arguments(evaluate: argparse.ArgumentParser) -> None:
    group = evaluate.add_argument_group("holding a build to its quality (exit 1 and a line per failing document "
                                        "and metric)")
    group.add_argument("--fail-under", type=_bound(higher_is_better=True), action="append", default=[],
                       metavar="METRIC=VALUE", help="fail a document that scores below VALUE on a metric where "
                                                    "higher is better, e.g. paragraph_recall=1.0 (repeatable)")
    group.add_argument("--fail-over", type=_bound(higher_is_better=False), action="append", default=[],
                       metavar="METRIC=VALUE", help="fail a document that scores above VALUE on a metric where lower "
                                                    "is better (cer, wer, leakage), e.g. cer=0.01 (repeatable)")
    group.add_argument("--save-baseline", type=Path, metavar="FILE", help="save every document's metrics")
    group.add_argument("--baseline", type=Path, metavar="FILE",
                       help="fail a document worse on any metric than in this saved baseline")
    group.add_argument("--tolerance", type=float, default=0.0,
                       help="how much worse than the baseline a metric may get (default: 0, not at all)")


def _bound(higher_is_better: bool) -> Callable[[str], Bound]:
    def parse(text: str) -> Bound:
        try:
            return parse_bound(text, higher_is_better)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def _eval_epilog() -> str:
    return metrics_help() + (f"\n\nexit codes:\n  0  scored (and every bound and the baseline held)\n"
                             f"  {EXIT_FAILED}  a document failed a bound or the baseline, or no gold was found\n"
                             f"  {EXIT_USAGE}  wrong command line, or a gold file not of the model")


def _gold_parser(commands: argparse._SubParsersAction) -> None:
    gold = commands.add_parser("gold", help="write gold files (what a PDF should read as) for eval and tests")
    gold_commands = gold.add_subparsers(dest="gold_command", required=True)
    init = gold_commands.add_parser(
        "init", help="write the pipeline's reading of a PDF as a gold file, for a person to correct by hand")
    init.add_argument("pdf", type=Path, help="the PDF")
    init.add_argument("-o", "--output", type=Path, help="the gold file (default: <stem>.gold.json beside the PDF)")
    init.add_argument("--from-markdown", type=Path, metavar="MD",
                      help="take the text from this Markdown file (the pipeline's, corrected by hand); the PDF's "
                           "reading still gives the furniture and tells captions, formulas and contents entries")
    init.add_argument("--force", action="store_true", help="replace an existing gold file")
    init.add_argument("--password", help="password for an encrypted PDF")
    _add_settings_options(init)
    init.set_defaults(handler=command_gold_init)


def _add_settings_options(parser: argparse.ArgumentParser, page_list: bool = True) -> None:
    """``--config``, ``--set`` and the flags that are short for common settings (``page_list``:
    with ``--pages``, the pages to read)."""
    group = parser.add_argument_group("settings (python -m pipeline settings lists them all)")
    group.add_argument("--config", type=Path, metavar="TOML",
                       help="settings file (default: ./pipeline.toml, or [tool.pipeline] in ./pyproject.toml)")
    group.add_argument("--set", dest="assignments", action="append", default=[], metavar="NAME=VALUE",
                       help="change one setting, e.g. --set furniture.band=0.15 (repeatable)")
    group.add_argument("--extractor", choices=get_args(ExtractSettings.model_fields["extractor"].annotation),
                       help="= --set extract.extractor=...")
    group.add_argument("--ascii-punctuation", action="store_const", const=True,
                       help="curly quotes, dashes and ellipses as ASCII (= --set repair.ascii_punctuation=true)")
    if page_list:
        group.add_argument("--pages", metavar="LIST",
                           help="read only these pages, e.g. 1-3,7 (= --set extract.pages=...)")
    group.add_argument("--ocr", choices=get_args(OcrSettings.model_fields["mode"].annotation),
                       help="OCR pages with no or poor text (auto), every page, or none (= --set ocr.mode=...)")
    group.add_argument("--ocr-language", help="Tesseract language(s), e.g. deu+eng (= --set ocr.language=...)")
    group.add_argument("--no-ocr-fix", dest="ocr_fix", action="store_const", const=False,
                       help="do not correct OCR misreadings (= --set ocrfix.enabled=false)")


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings a command runs with: defaults, the config file, ``--set``, then the short flags."""
    flags = {"extract.extractor": args.extractor, "extract.pages": getattr(args, "pages", None),
             "repair.ascii_punctuation": args.ascii_punctuation,
             "ocr.mode": args.ocr, "ocr.language": args.ocr_language, "ocrfix.enabled": args.ocr_fix}
    settings = load_settings(args.config, args.assignments)
    return settings.with_values({name: value for name, value in flags.items() if value is not None})


def _batch_arguments(run: argparse.ArgumentParser) -> None:
    from .batch.runner import DEFAULT_PART_PAGES, DEFAULT_TIMEOUT, MIN_MEMORY_GUARD_MB, default_workers

    run.add_argument("--workers", type=_positive, default=default_workers(),
                     help="worker processes (default: the number of cores)")
    run.add_argument("--force", action="store_true", help="redo every file, even those unchanged since the last run")
    run.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                     help=f"seconds one file (or one part of a large file) may take; 0: no limit "
                          f"(default: {DEFAULT_TIMEOUT:g})")
    run.add_argument("--max-memory", type=int, metavar="MB",
                     help="address space per worker process, in MB; 0: no limit (default: 80%% of the "
                          f"machine's memory shared by the workers, at least {MIN_MEMORY_GUARD_MB})")
    run.add_argument("--part-pages", type=_positive, default=DEFAULT_PART_PAGES,
                     help=f"files longer than this are read in parts of this many pages, in parallel "
                          f"(default: {DEFAULT_PART_PAGES})")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="run on a Dask distributed cluster (e.g. tcp://host:8786) instead of local processes")


def _formats(text: str) -> tuple[str, ...]:
    try:
        return parse_formats(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{error} (choose from {', '.join(FORMATS)})") from None


def _page_numbers(text: str) -> list[int]:
    """Page numbers from a page list such as ``1-3,5`` (see :func:`pipeline.settings.selected_pages`).

    >>> _page_numbers("1-3,5")
    [1, 2, 3, 5]
    """
    if not PAGE_LIST.match(text):
        raise argparse.ArgumentTypeError(f"{text!r}: pages must be numbers and ranges, e.g. 1-3,5")
    pages = sorted(selected_pages(text) or ())
    if not pages or pages[0] < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: pages are numbered from 1")
    return pages


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def command_run(args: argparse.Namespace) -> int:
    from .batch import BatchConfig, run_batch

    settings = settings_of(args)
    inputs = args.inputs or [Path("input_pdfs")]
    pdfs = find_pdfs(inputs)
    if not pdfs:
        where = ", ".join(map(str, inputs))
        print(f"no PDF files found in {where}: put PDFs there (or name files or folders: "
              f"python -m pipeline run FILES_OR_FOLDERS)", file=sys.stderr)
        return KINDS["not-pdf"][0]
    if str(args.output) == "-":
        return _markdown_to_standard_output(pdfs, settings, args.password)
    config = BatchConfig(args.output, settings, args.password, args.workers, args.part_pages, args.timeout or None,
                         _memory_guard(args), args.force, args.scheduler, args.debug, formats=args.formats)
    return run_batch(pdfs, config).exit_code


def _markdown_to_standard_output(pdfs: list[Path], settings: Settings, password: str | None) -> int:
    """``run -o -``: the Markdown of each PDF in turn on standard output (nothing written to
    disk); a file that cannot be read gets its one line on standard error."""
    from . import process_pdf

    kinds = []
    for pdf in pdfs:
        try:
            sys.stdout.write(process_pdf(pdf, settings=settings, password=password).to_markdown())
        except PdfError as error:
            print(f"{pdf}: {error}", file=sys.stderr)
            kinds.append(error.kind)
    return exit_code(kinds)


def _memory_guard(args: argparse.Namespace) -> int | None:
    from .batch.runner import default_max_memory_mb

    return default_max_memory_mb(args.workers) if args.max_memory is None else args.max_memory or None


def command_show(args: argparse.Namespace) -> int:
    from .batch.files import output_stem
    from .run import process_pdf

    try:
        document = process_pdf(args.pdf, settings=settings_of(args), password=args.password)
    except PdfError as error:
        print(f"{args.pdf}: {error}", file=sys.stderr)
        return KINDS[error.kind][0]
    pages = args.draw_pages or range(1, document.page_count + 1)
    missing = [page for page in pages if page > document.page_count]
    if missing:
        print(f"{args.pdf}: has {document.page_count} pages, no page {missing[0]}", file=sys.stderr)
        return EXIT_USAGE
    args.output.mkdir(parents=True, exist_ok=True)
    for page in pages:
        path = args.output / f"{output_stem(args.pdf)}.page-{page}.png"
        document.draw(page, args.zoom, args.password).save(path)
        print(path)
    return 0


def command_settings(args: argparse.Namespace) -> int:
    print(describe(settings_of(args)), end="")
    return 0


def command_schema(args: argparse.Namespace) -> int:
    print(json.dumps((GoldDocument if args.gold else Document).model_json_schema(), indent=2))
    return 0


def command_eval(args: argparse.Namespace) -> int:
    from .evaluation.documents import evaluate, format_table, gold_pairs, scores_as_json

    settings = settings_of(args)
    holds = args.fail_under or args.fail_over or args.baseline or args.save_baseline
    if holds and (args.ocr_pairs or args.split):
        print("--fail-under, --fail-over and baselines hold gold folders, not --ocr-pairs or --split", file=sys.stderr)
        return EXIT_USAGE
    if args.ocr_pairs:
        from .evaluation.ocr import format_pair_scores, pair_scores

        print(format_pair_scores(pair_scores(args.ocr_pairs, settings.ocrfix)))
        return 0
    if args.split:
        from .evaluation.split import evaluate_half, format_half, load_split

        if not args.root.exists():
            print(f"{args.root}: not found; the split's files are relative to it (--root)", file=sys.stderr)
            return EXIT_FAILED
        for name, files in load_split(args.split).items():
            print(format_half(evaluate_half(name, files, args.root, settings)) + "\n", flush=True)
        return 0
    from .evaluation.reference import evaluate_reference, format_reference_table, reference_pairs

    corpora = args.corpora or [Path("tests/corpus")]
    pairs = [pair for corpus in corpora for pair in gold_pairs(corpus)]
    references = [pair for corpus in corpora for pair in reference_pairs(corpus)]
    if not pairs and not references:
        print("no gold documents found", file=sys.stderr)
        return EXIT_FAILED
    rows = [evaluate(pdf, gold, settings) for pdf, gold in pairs]
    reference_rows = [evaluate_reference(pdf, markdown, settings) for pdf, markdown in references]
    failures = bound_failures(rows, args.fail_under + args.fail_over)
    if args.baseline:
        failures += baseline_failures(rows, load_baseline(args.baseline), args.tolerance)
    if args.save_baseline:
        save_baseline(rows, args.save_baseline)
    if args.json:
        print(scores_as_json(rows, reference_rows, [failure.as_json() for failure in failures]))
    else:
        if rows:
            print(format_table(rows))
        if reference_rows:
            print(("\n" if rows else "") + format_reference_table(reference_rows))
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return EXIT_FAILED if failures else 0


def command_gold_init(args: argparse.Namespace) -> int:
    from .evaluation.drafts import draft_from_document, draft_from_markdown
    from .evaluation.gold import GOLD_SUFFIX, write_gold_document
    from .run import process_pdf

    output = args.output or args.pdf.with_name(args.pdf.stem + GOLD_SUFFIX)
    if output.exists() and not args.force:
        print(f"{output}: exists, and may hold corrections; --force replaces it", file=sys.stderr)
        return EXIT_FAILED
    try:
        reading = process_pdf(args.pdf, settings=settings_of(args), password=args.password)
    except PdfError as error:
        print(f"{args.pdf}: {error}", file=sys.stderr)
        return KINDS[error.kind][0]
    if args.from_markdown:
        draft = draft_from_markdown(args.from_markdown.read_text(encoding="utf-8"), reading, args.pdf.stem)
    else:
        draft = draft_from_document(reading, args.pdf.stem)
    write_gold_document(draft, output)
    print(f"{output}: {len(draft.sections)} sections, {len(draft.footnotes)} footnotes, "
          f"{len(draft.furniture)} furniture lines; correct it by hand, then: python -m pipeline eval "
          f"{args.pdf.parent}")
    return 0


def command_diff(args: argparse.Namespace) -> int:
    from .evaluation.compare import compare_blocks, format_changes, output_pairs, read_blocks

    try:
        pairs, notes = output_pairs(args.a, args.b)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    differ = bool(notes)
    for a, b in pairs:
        changes = compare_blocks(read_blocks(a), read_blocks(b))
        if changes:
            print(format_changes(a, b, changes) + "\n")
            differ = True
    for note in notes:
        print(note)
    return EXIT_FAILED if differ else 0
