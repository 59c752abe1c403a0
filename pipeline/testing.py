"""Regression tests of clean-up quality in pytest: a plugin that installing the package registers.

``assert_quality(pdf, gold, **bounds)`` reads a PDF, scores it against its gold file (or
plain-text gold) and fails, showing what differs, when a metric passes its bound::

    from pipeline.testing import assert_quality

    def test_memo():
        assert_quality("memo.pdf", "memo.gold.json", paragraph_recall=1.0, cer=0.002)

A bound is how good the metric must be: at least the value where higher is better, at
most where lower is better (cer, wer, leakage); the metrics are those of
:mod:`pipeline.evaluation.metrics`.

The ``pipeline_snapshot`` fixture reads a PDF and compares its Markdown and JSON with the
files stored in ``snapshots/`` beside the test module, failing with a unified diff when
they differ; ``pytest --pipeline-update-snapshots`` writes them anew::

    def test_memo_reads_as_reviewed(pipeline_snapshot):
        pipeline_snapshot("memo.pdf")
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from .evaluation.documents import Scores, load_gold, score
from .evaluation.explain import explain
from .evaluation.gates import Bound, bound_failures
from .evaluation.metrics import metric_named
from .output.models import Document
from .run import process_pdf
from .settings import DEFAULTS, Settings

SNAPSHOT_FOLDER = "snapshots"
VOLATILE_FIELDS = {"source"}
"""Left out of JSON snapshots: the path the PDF was read from depends on where the tests run."""
MAX_DIFF_LINES = 80


def assert_quality(pdf: str | Path, gold: str | Path, *, settings: Settings | None = None,
                   **bounds: float) -> Scores:
    """Read ``pdf`` and hold its scores against ``gold`` (``.gold.json`` or ``.gt.txt``) to
    ``bounds`` (metric name = value); return the scores.

    Raises :class:`AssertionError` naming each bound that is not met, or that cannot be
    measured on this document, followed by what the failed metrics missed (gold text beside
    the closest output text, with a word diff). ``settings`` default to the defaults.
    """
    __tracebackhide__ = True
    if not bounds:
        raise TypeError("assert_quality needs a bound, e.g. paragraph_recall=1.0 (see pipeline.evaluation.metrics)")
    held = [Bound(metric_named(name), value) for name, value in bounds.items()]
    pdf, gold = Path(pdf), Path(gold)
    settings = settings or DEFAULTS
    document = process_pdf(pdf, settings=settings)
    gold_text = load_gold(gold, document.page_count)
    scores = score(pdf, gold_text, document, settings)
    broken = bound_failures([scores], held)
    unmeasured = [bound.metric for bound in held if bound.metric.value_of(scores) is None]
    if broken or unmeasured:
        lines = [f"{pdf.name} against {gold.name}: {len(broken) + len(unmeasured)} of {len(held)} bounds not met"]
        lines += [f"  {failure.comparison()}" for failure in broken]
        lines += [f"  {metric.name}: not measured on this document ({metric.not_measured})" for metric in unmeasured]
        details = explain({failure.metric.name for failure in broken}, pdf, gold_text, document, settings)
        raise AssertionError("\n".join(lines) + (f"\n\n{details}" if details else ""))
    return scores


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("pipeline").addoption(
        "--pipeline-update-snapshots", action="store_true",
        help="write the pipeline_snapshot files anew from the current outputs instead of comparing")


class Snapshot:
    """Compares a PDF's Markdown and JSON with the snapshots stored in a folder (see the module)."""

    def __init__(self, folder: Path, update: bool) -> None:
        self.folder = folder
        self.update = update

    def __call__(self, pdf: str | Path, *, name: str | None = None, settings: Settings | None = None) -> Document:
        """Read ``pdf`` and compare ``<name>.md`` and ``<name>.json`` (``name``: the PDF's
        stem); return the document."""
        __tracebackhide__ = True
        document = process_pdf(pdf, settings=settings or DEFAULTS)
        name = name or Path(pdf).stem
        differences = [self._check(self.folder / f"{name}{suffix}", text)
                       for suffix, text in ((".md", document.to_markdown()), (".json", snapshot_json(document)))]
        if any(differences):
            pytest.fail("\n\n".join(difference for difference in differences if difference), pytrace=False)
        return document

    def _check(self, path: Path, text: str) -> str:
        """Why ``text`` does not stand in the snapshot ``path`` (a diff), or "" when it does."""
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return ""
        if not path.exists():
            return f"{path}: no snapshot yet; pytest --pipeline-update-snapshots writes it"
        stored = path.read_text(encoding="utf-8")
        if stored == text:
            return ""
        diff = list(difflib.unified_diff(stored.splitlines(), text.splitlines(), f"{path} (snapshot)",
                                         f"{path.name} (now)", lineterm=""))
        more = [f"... {len(diff) - MAX_DIFF_LINES} more lines"] if len(diff) > MAX_DIFF_LINES else []
        return "\n".join([*diff[:MAX_DIFF_LINES], *more,
                          "(pytest --pipeline-update-snapshots accepts the new output)"])


def snapshot_json(document: Document) -> str:
    """The document's JSON as snapshots store it: indented, one value a line, without the
    fields that depend on where the tests run."""
    return json.dumps(document.model_dump(mode="json", exclude=VOLATILE_FIELDS), indent=1, ensure_ascii=False) + "\n"


@pytest.fixture
def pipeline_snapshot(request: pytest.FixtureRequest) -> Snapshot:
    """Compares a PDF's outputs with the snapshots in ``snapshots/`` beside the test module."""
    return Snapshot(request.path.parent / SNAPSHOT_FOLDER, request.config.getoption("pipeline_update_snapshots"))
