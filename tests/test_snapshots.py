"""The sample outputs as reviewed: the Markdown and JSON of every PDF in input_pdfs/, stored in
tests/snapshots/. A change of behaviour fails here with a diff; when the change is meant,
`pytest tests/test_snapshots.py --pipeline-update-snapshots` writes the new outputs, and
the review sees them in the commit's diff."""

import pytest

from .conftest import ROOT

SAMPLES = sorted((ROOT / "input_pdfs").glob("*.pdf"))


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda pdf: pdf.stem)
def test_the_sample_outputs_are_as_reviewed(pdf, pipeline_snapshot):
    pipeline_snapshot(pdf)
