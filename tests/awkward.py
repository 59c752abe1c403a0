"""A document built by hand with everything the outputs must render safely: markup and
scripts in the text, characters HTML does not allow, unsafe links, right-to-left text, a
wide table, a word and a run of spaces in code longer than a phone is wide, nested sections
that skip a level, notes."""

from __future__ import annotations

from pipeline.output.models import Box, Cell, Code, Document, Figure, Footnote, Formula, Paragraph, Run, Section, Table

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt" * 2


def box(page: int = 1, top: float = 100.0) -> Box:
    return Box(page=page, x0=72.0, y0=top, x1=300.0, y1=top + 24)


def paragraph(text: str, kind: str = "paragraph", runs: list[Run] | None = None, page: int = 1) -> Paragraph:
    return Paragraph(kind=kind, text=text, runs=runs or [], pages=[page], boxes=[box(page)])


def wide_table() -> Table:
    header = [Cell(text=f"Column heading {col}", row=0, col=col, header=True, box=box()) for col in range(8)]
    spanning = [Cell(text="spans two rows", row=1, col=0, row_span=2, box=box())]
    rows = [Cell(text=f"value {row}.{col} <b>", row=row, col=col, box=box()) for row in (1, 2) for col in range(1, 8)]
    return Table(caption="Table 1: eight columns", rows=3, columns=8, header_rows=1, ruled=True,
                 cells=header + spanning + rows, pages=[1], boxes=[box()])


def awkward_document() -> Document:
    call = [Run(text="See the note"), Run(text="1", note="1"), Run(text=" and "),
            Run(text="a script", link="javascript:alert(1)"), Run(text=" or "),
            Run(text="the site", link="https://example.org/?a=1&b=<2>", bold=True), Run(text=".")]
    method = Section(heading="2.1 Method <i>", level=2, page=1, box=box(), blocks=[
        paragraph("Bullet one", "list_item"), paragraph("Bullet two", "list_item"),
        paragraph("1. First step", "list_item"), paragraph("2. Second step", "list_item"),
        Code(text="\nif a < b:\n    print('</pre><script>alert(1)</script>')" + " " * 120 + "# aligned far right",
             pages=[1], boxes=[box()]),
        Formula(text="E = mc² < ∞", pages=[1], boxes=[box()]),
    ], sections=[Section(heading="Deep detail", level=4, page=2, box=box(2), blocks=[paragraph("Deep.", page=2)])])
    return Document(
        source="/data/awkward <name>.pdf", extractor="pymupdf", page_count=2, language="en",
        title="A title with <script>alert(1)</script> in it",
        sections=[
            Section(heading=None, level=0,
                    blocks=[paragraph("Before the first heading \x00\x07 with controls \ufffe.")]),
            Section(heading="1 Introduction & scope", level=1, page=1, box=box(), blocks=[
                paragraph("See the note and a script or the site.", runs=call),
                paragraph(f"A word longer than a phone: {LONG_WORD}."),
                paragraph("هذه فقرة باللغة العربية تقرأ من اليمين إلى اليسار."),
                wide_table(),
                Figure(caption="Figure 1: <img src=x onerror=alert(1)>", labels=["0", "10"], pages=[1], boxes=[box()]),
                paragraph("Caption without its figure", "caption"),
            ], sections=[method]),
            Section(heading="3 Results", level=1, page=2, box=box(2), blocks=[paragraph("Results.", page=2)]),
        ],
        footnotes=[Footnote(label="1", text="The note <em>itself</em>.", page=1, box=box(1, 700))],
    )
