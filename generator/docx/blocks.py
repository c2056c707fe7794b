"""The small document model between the HTML reader and the DOCX writer (pandoc's shape)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

from generator.chart import Chart

FieldKind = Literal["PAGE", "NUMPAGES"]


@dataclass(frozen=True)
class Text:
    """A piece of text with its inline formatting; `lang` is the nearest HTML lang ("lo", "en")."""

    text: str
    bold: bool = False
    italic: bool = False
    lang: str = "lo"
    style: str | None = None  # a Word character style, from a span's class ("Overdue")


@dataclass(frozen=True)
class LineBreak:
    """A `<br>`: a line break inside a paragraph."""


@dataclass(frozen=True)
class Field:
    """A page field (`PAGE` or `NUMPAGES`) in a running header or footer."""

    kind: FieldKind
    lang: str = "lo"


Inline = Union[Text, LineBreak, Field]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph in a named Word style ("Body Text", "Heading 1", "Nation", ...)."""

    style: str
    inlines: tuple[Inline, ...]

    @property
    def text(self) -> str:
        """The paragraph's text, line breaks as newlines, fields left out."""
        return "".join(i.text if isinstance(i, Text) else "\n" if isinstance(i, LineBreak) else ""
                       for i in self.inlines)


@dataclass(frozen=True)
class ListBlock:
    """A bulleted (`<ul>`) or numbered (`<ol>`) list; each item is one paragraph."""

    ordered: bool
    items: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Cell:
    """A table cell: `header` for `<th>` (style "Table Header"), else `<td>` ("Table Text")."""

    header: bool
    inlines: tuple[Inline, ...]

    @property
    def text(self) -> str:
        """The cell's text, as Paragraph.text."""
        return Paragraph("", self.inlines).text


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A table: `kind` is its HTML class; `header_rows` (from `<thead>`) repeat on every page."""

    kind: str
    header_rows: tuple[Row, ...]
    body_rows: tuple[Row, ...]

    @property
    def columns(self) -> int:
        """The number of columns: the longest row's cell count."""
        return max((len(row) for row in self.header_rows + self.body_rows), default=0)


@dataclass(frozen=True)
class Letterhead:
    """The Lao official heading: `centre` lines (nation, motto) above a short rule, then the
    issuer lines on the `left` and the reference and place and date on the `right`, side by side."""

    centre: tuple[Paragraph, ...]
    left: tuple[Paragraph, ...]
    right: tuple[Paragraph, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph, in reading order: centre, left, right."""
        return self.centre + self.left + self.right


@dataclass(frozen=True)
class Figure:
    """A `<figure class="chart">`: its caption (style "Caption") and the chart, with its data."""

    caption: Paragraph
    chart: Chart
    lang: str = "lo"

    @property
    def texts(self) -> list[str]:
        """The caption, the category names and the series names."""
        return [self.caption.text, *self.chart.categories, *(s.name for s in self.chart.series)]


Block = Union[Paragraph, ListBlock, Table, Letterhead, Figure]


@dataclass(frozen=True)
class Metadata:
    """What `<head>` and `<html lang>` say about the document."""

    lang: str
    title: str = ""
    author: str = ""
    description: str = ""
    keywords: str = ""
    created: str | None = None  # `<meta name="dcterms.created">`, as written
    modified: str | None = None


@dataclass(frozen=True)
class Document:
    """A whole document: metadata, running header and footer, and the body's blocks."""

    metadata: Metadata
    header: Paragraph | None
    footer: Paragraph | None
    blocks: tuple[Block, ...]

    def texts(self) -> list[str]:
        """Every paragraph's and cell's text, in document order (header and footer first)."""
        found = [p.text for p in (self.header, self.footer) if p is not None]
        for block in self.blocks:
            if isinstance(block, Paragraph):
                found.append(block.text)
            elif isinstance(block, ListBlock):
                found.extend(item.text for item in block.items)
            elif isinstance(block, Letterhead):
                found.extend(p.text for p in block.paragraphs)
            elif isinstance(block, Figure):
                found.extend(block.texts)
            else:
                found.extend(cell.text for row in block.header_rows + block.body_rows
                             for cell in row)
        return found
