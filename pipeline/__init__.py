"""Clean, section-structured text from real-world PDFs.

Usage::

    from pipeline import process_pdf
    document = process_pdf("input_pdfs/cstr-2025-07.pdf")
    print(document.to_markdown())

The package in layers, each importing only those below it:

* :mod:`pipeline.run`: the stages in order, :func:`process_pdf`;
* :mod:`pipeline.stages`: one module per stage (extract, ocr, lines, layout, furniture,
  classify, paragraphs, hyphens, repair, ocrfix, structure);
* :mod:`pipeline.settings`: every threshold, one settings object;
* :mod:`pipeline.output`: the output model (JSON) and its Markdown;
* :mod:`pipeline.core` and :mod:`pipeline.language`: the intermediate model, the edit
  log, the error type; word lists and word pairs;
* beside them, using them: :mod:`pipeline.batch` (many files, workers, manifest) and
  :mod:`pipeline.evaluation` (quality against gold text), and :mod:`pipeline.cli`.
"""

from .core.errors import PdfError
from .output.models import Box, Document, Edit, Furniture, Paragraph, Run, Section
from .run import STAGES, process_pdf
from .settings import Settings

__version__ = "0.1.0"

__all__ = ["STAGES", "Box", "Document", "Edit", "Furniture", "Paragraph", "PdfError", "Run", "Section", "Settings",
           "process_pdf", "__version__"]
