"""The gold file: what a person asserts about one PDF (``<stem>.gold.json``).

``python -m pipeline schema --gold`` prints its JSON Schema; ``python -m pipeline gold
init`` writes a first one from the pipeline's reading, for a person to correct. The
project's own gold corpora (``tests/corpus/gold``, ``tests/regions/*/gold``) are files of
this model too. A minimal one::

    {"title": "Water Board Memo",
     "sections": [{"heading": "1 Findings", "level": 1,
                   "paragraphs": ["The reservoir held 82 per cent in May.",
                                  {"items": ["Pump 2 repaired", "Pump 3 on order"]},
                                  {"table": {"rows": [["Site", "Level"], ["North", "82"]]}}]}],
     "footnotes": [{"label": "1", "text": "Measured at the dam."}],
     "furniture": ["Water Board - internal", "Page 1 of 2"]}

Texts are as printed, with the lines of a paragraph joined by spaces and line-end
hyphens resolved. Paragraph strings may hold inline marks (``**bold**``, ``*italic*``,
``[text](url)``, a footnote call ``[^1]``); they are removed before scoring.

>>> gold = GoldDocument.model_validate({"title": "Memo", "sections": [
...     {"heading": "Findings", "paragraphs": ["One.", {"items": ["a", "b"]}]}]})
>>> gold.sections[0].level, gold.sections[0].paragraphs[1]
(1, ListEntry(items=['a', 'b']))
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError

PARAGRAPH_MATCH = 95.0
"""How alike (0-100) an output paragraph must be to a gold paragraph to match it, unless the gold says."""


class GoldModel(BaseModel):
    """A part of a gold file; a key it does not know is an error (a misspelt key would
    otherwise assert nothing)."""

    model_config = ConfigDict(extra="forbid")


class GoldTable(GoldModel):
    caption: str | None = Field(default=None, description="the table's caption as printed")
    rows: list[list[str]] = Field(description="every row as printed, header rows first, each a list of cell texts; "
                                              "an empty cell is \"\"; a cell spanning columns is repeated in each")
    header_rows: int = Field(default=1, description="how many of the rows are headers")
    ruled: bool | None = Field(default=None, description="whether the PDF draws the table's rules (not scored)")


class GoldFigure(GoldModel):
    caption: str | None = None
    labels: list[str] = Field(default_factory=list, description="text drawn in the figure (not scored)")


class ListEntry(GoldModel):
    """A list: its items in order, without their bullets."""

    items: list[str]


class TableEntry(GoldModel):
    table: GoldTable


class FigureEntry(GoldModel):
    figure: GoldFigure


class CaptionEntry(GoldModel):
    """A caption with no table or figure of its own."""

    caption: str


class CodeEntry(GoldModel):
    """A code listing, its lines as printed."""

    code: str


class FormulaEntry(GoldModel):
    formula: str


ENTRY_KEYS = {"items": ListEntry, "table": TableEntry, "figure": FigureEntry, "caption": CaptionEntry,
              "code": CodeEntry, "formula": FormulaEntry}
"""What an entry that is no paragraph is, by its key."""


def _entry_key(value: Any) -> str | None:
    """Which kind of entry ``value`` is (for an object, by the first of its keys that names one)."""
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, dict):
        return next((key for key in ENTRY_KEYS if key in value), None)
    return next((key for key, model in ENTRY_KEYS.items() if isinstance(value, model)), None)


Entry = Annotated[
    Annotated[str, Tag("paragraph")] | Annotated[ListEntry, Tag("items")] | Annotated[TableEntry, Tag("table")]
    | Annotated[FigureEntry, Tag("figure")] | Annotated[CaptionEntry, Tag("caption")]
    | Annotated[CodeEntry, Tag("code")] | Annotated[FormulaEntry, Tag("formula")],
    Discriminator(_entry_key, custom_error_type="entry",
                  custom_error_message=f"an entry is a paragraph (a string) or an object with one key of: "
                                       f"{', '.join(ENTRY_KEYS)}")]
"""One entry of a section, in reading order: a paragraph (a string), a list, a table, a
figure, a lone caption, a code listing or a formula."""


class GoldSection(GoldModel):
    heading: str = Field(description="the heading as printed, with its number ('2.1 Data')")
    level: int = Field(default=1, description="1 for a section, 2 for a subsection, ...")
    paragraphs: list[Entry] = Field(default_factory=list,
                                    description="what follows the heading up to the next one, in reading order")


class GoldFootnote(GoldModel):
    label: str | None = Field(default=None, description="the note's mark as printed: '1', '*'")
    text: str


class GoldDocument(GoldModel):
    """What a person asserts about one PDF: its text in reading order, and what must not
    appear in it."""

    id: str | None = Field(default=None, description="the document's name in reports (default: the file's stem)")
    kind: str | None = Field(default=None, description="free text: newsletter, paper, report (not scored)")
    producer: str | None = Field(default=None, description="what made the PDF (not scored)")
    title: str | None = None
    front_matter: list[Entry] = Field(default_factory=list,
                                      description="what comes between the title and the first heading")
    toc: list[str] = Field(default_factory=list, description="table-of-contents entries as printed")
    sections: list[GoldSection] = Field(default_factory=list, description="every heading and what follows it, "
                                                                          "in reading order, at its level")
    footnotes: list[GoldFootnote] = Field(default_factory=list)
    furniture: list[str] = Field(default_factory=list,
                                 description="lines that must not appear in the text: running heads, page numbers")
    header: str | list[str] | None = Field(
        default=None, description="a running header on every page, as a template: {page} is the page number, "
                                  "{total} the page count; a list alternates by page")
    footer: str | list[str] | None = Field(default=None, description="a running footer, like header")
    layout: dict[str, Any] | None = Field(default=None,
                                          description="how a corpus builder renders the document (not scored)")
    paragraph_match: float = Field(
        default=PARAGRAPH_MATCH, ge=0, le=100,
        description="how alike (percent) an output paragraph must be to a gold paragraph for paragraph_recall to "
                    "find it (whitespace and quotes folded); gold init writes 100, so that a gold of a reading holds "
                    "every word")


GOLD_SUFFIX = ".gold.json"
MAX_PROBLEMS_SHOWN = 6


class GoldError(ValueError):
    """A gold file that is not valid JSON or not of the model."""


def read_gold_document(path: Path) -> GoldDocument:
    """A gold file, checked against the model; a :class:`GoldError` names the file and
    what is wrong where (the first few problems)."""
    try:
        return GoldDocument.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as error:
        problems = [f"  {'.'.join(map(str, problem['loc'])) or 'the file'}: {problem['msg']}"
                    for problem in error.errors()[:MAX_PROBLEMS_SHOWN]]
        count = error.error_count()
        title = f"{path}: not a gold file ({count} problem{'s' if count > 1 else ''})"
        more = [f"  ... and {count - len(problems)} more"] if count > len(problems) else []
        raise GoldError("\n".join([title, *problems, *more])) from None


def write_gold_document(gold: GoldDocument, path: Path) -> None:
    """``gold`` as indented JSON, unset optional fields left out."""
    path.write_text(gold.model_dump_json(indent=2, exclude_none=True) + "\n", encoding="utf-8")


def gold_name(path: Path) -> str:
    """The document a gold file is of, by its file name.

    >>> gold_name(Path("memo.gold.json")), gold_name(Path("gold/memo.json")), gold_name(Path("memo.gt.txt"))
    ('memo', 'memo', 'memo')
    """
    for suffix in (GOLD_SUFFIX, ".gt.txt", ".json"):
        if path.name.endswith(suffix):
            return path.name.removesuffix(suffix)
    return path.stem
