"""Command line: ``python -m pipeline {run,schema,eval}``.

``run`` turns PDFs (files or folders; default ``input_pdfs/``) into ``<stem>.json`` and
``<stem>.md`` in the output folder (default ``output/``). A file that fails gets one
line on stderr naming it and the cause; the others are still processed; the exit code
is 0 only when every file succeeded. Outputs are written to a temporary file and
renamed, so an earlier good output is never replaced by a partial one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from .extract import EXTRACTORS, PdfError
from .models import Document
from .ocr import OCR_MODES

EXIT_FAILED = 1
EXIT_USAGE = 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    return args.handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command")

    run = commands.add_parser("run", help="process PDFs into JSON and Markdown")
    run.add_argument("inputs", nargs="*", type=Path, help="PDF files or folders (default: input_pdfs/)")
    run.add_argument("-o", "--output", type=Path, default=Path("output"), help="output folder (default: output/)")
    run.add_argument("--extractor", choices=sorted(EXTRACTORS), default="pymupdf")
    run.add_argument("--password", help="password for encrypted PDFs")
    run.add_argument("--keep-quotes", action="store_true", help="keep curly quotes as printed")
    _add_ocr_options(run)
    run.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    run.set_defaults(handler=command_run)

    schema = commands.add_parser("schema", help="print the JSON Schema of the output")
    schema.set_defaults(handler=command_schema)

    evaluate = commands.add_parser("eval", help="measure quality against gold text")
    evaluate.add_argument("corpora", nargs="*", type=Path,
                          help="corpus folders (default: tests/corpus); gold/*.json + pdf/*.pdf or *.pdf + *.gt.txt")
    evaluate.add_argument("--extractor", choices=sorted(EXTRACTORS), default="pymupdf")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--ocr-pairs", type=Path, metavar="JSONL",
                          help="score the OCR corrector alone on {ocr, gold} line pairs instead")
    _add_ocr_options(evaluate)
    evaluate.set_defaults(handler=command_eval)
    return parser


def _add_ocr_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ocr", choices=OCR_MODES, default="auto",
                        help="OCR pages with no or poor text (auto, default), every page, or none")
    parser.add_argument("--ocr-language", default="eng", help="Tesseract language(s), e.g. eng or deu+eng")
    parser.add_argument("--no-ocr-fix", dest="ocr_fix", action="store_false",
                        help="do not correct OCR misreadings")


def ocr_options(args: argparse.Namespace) -> dict:
    return {"ocr": args.ocr, "ocr_language": args.ocr_language, "ocr_fix": args.ocr_fix}


def find_pdfs(inputs: list[Path]) -> list[Path]:
    """The PDF files named, and those inside the folders named, in a stable order."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found.extend(sorted(p for p in item.iterdir() if p.suffix.lower() == ".pdf" and p.is_file()))
        else:
            found.append(item)
    return found


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def output_stem(pdf: Path) -> str:
    """A safe output name from an input name: no folders, no leading dots or dashes."""
    stem = pdf.stem.replace(os.sep, "_").lstrip(".-") or "document"
    return stem


def write_outputs(document: Document, out_dir: Path, stem: str) -> None:
    json_text = document.model_dump_json(indent=1)
    markdown = document.to_markdown()
    write_atomically(out_dir / f"{stem}.json", json_text)
    write_atomically(out_dir / f"{stem}.md", markdown)


def command_run(args: argparse.Namespace) -> int:
    from .run import process_pdf

    pdfs = find_pdfs(args.inputs or [Path("input_pdfs")])
    if not pdfs:
        print("no PDF files found", file=sys.stderr)
        return EXIT_FAILED
    failures = 0
    started = time.perf_counter()
    pages = 0
    for pdf in pdfs:
        try:
            document = process_pdf(pdf, extractor=args.extractor, password=args.password,
                                   keep_quotes=args.keep_quotes, **ocr_options(args))
            write_outputs(document, args.output, output_stem(pdf))
            pages += document.page_count
        except PdfError as error:
            failures += 1
            print(f"{pdf}: {error}", file=sys.stderr)
        except Exception as error:  # one bad file must not stop the batch
            failures += 1
            if args.debug:
                raise
            print(f"{pdf}: failed unexpectedly ({type(error).__name__}: {error})", file=sys.stderr)
    elapsed = time.perf_counter() - started
    done = len(pdfs) - failures
    print(f"{done} of {len(pdfs)} files done, {failures} failed, {pages} pages in {elapsed:.2f}s -> {args.output}/",
          file=sys.stderr)
    return EXIT_FAILED if failures else 0


def command_schema(args: argparse.Namespace) -> int:
    print(json.dumps(Document.model_json_schema(), indent=2))
    return 0


def command_eval(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, format_table, gold_pairs, scores_as_json

    if args.ocr_pairs:
        from .evaluation_ocr import format_pair_scores, pair_scores

        print(format_pair_scores(pair_scores(args.ocr_pairs)))
        return 0
    corpora = args.corpora or [Path("tests/corpus")]
    pairs = [pair for corpus in corpora for pair in gold_pairs(corpus)]
    if not pairs:
        print("no gold documents found", file=sys.stderr)
        return EXIT_FAILED
    rows = [evaluate(pdf, gold, extractor=args.extractor, **ocr_options(args)) for pdf, gold in pairs]
    print(scores_as_json(rows) if args.json else format_table(rows))
    return 0
