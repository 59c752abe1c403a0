"""Clean, section-structured text from real-world PDFs.

>>> from pipeline import process_pdf                      # doctest: +SKIP
>>> document = process_pdf("input_pdfs/cstr-2025-07.pdf")  # doctest: +SKIP
>>> print(document.to_markdown())                          # doctest: +SKIP
"""

from .extract import PdfError
from .models import Box, Document, Edit, Furniture, Paragraph, Run, Section
from .run import process_pdf

__version__ = "0.1.0"

__all__ = ["Box", "Document", "Edit", "Furniture", "Paragraph", "PdfError", "Run", "Section",
           "process_pdf", "__version__"]
