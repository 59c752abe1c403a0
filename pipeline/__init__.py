"""Clean, section-structured text from real-world PDFs.

Usage::

    from pipeline import process_pdf
    document = process_pdf("input_pdfs/cstr-2025-07.pdf")
    print(document.to_markdown())

The stages, in order, are listed in :mod:`pipeline.run`.
"""

from .extract import PdfError
from .models import Box, Document, Edit, Furniture, Paragraph, Run, Section
from .run import process_pdf

__version__ = "0.1.0"

__all__ = ["Box", "Document", "Edit", "Furniture", "Paragraph", "PdfError", "Run", "Section",
           "process_pdf", "__version__"]
