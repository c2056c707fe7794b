"""Write the document model as a Word document with python-docx, on named styles."""

from __future__ import annotations

import datetime as dt

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from docx.table import Table as WordTable
from docx.table import _Cell as WordCell
from docx.text.paragraph import Paragraph as WordParagraph

from generator.chart import Chart, value_text
from generator.docx import chart_part, embed, ooxml, package, styles, subset
from generator.docx.blocks import (
    Block, Document, Field, Figure, Inline, Letterhead, LineBreak, ListBlock, Paragraph, Table,
    Text,
)
from generator.docx.chart_xml import ChartText
from generator.docx.page import PAGE
from generator.docx.runs import font_runs
from generator.fonts import FontSet
from generator.layout import keeps_together

LAO_LANGUAGE = "lo-LA"
_ALIGN = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}


def build_docx(doc: Document, fs: FontSet, created: dt.datetime | None = None,
               modified: dt.datetime | None = None) -> bytes:
    """The bytes of the DOCX for `doc` in font set `fs`; equal input gives equal bytes."""
    word = docx.Document()
    package.strip_template_baggage(word)
    writer = _Writer(word, fs, styles.install_styles(word, fs), created)
    writer.page()
    for block in doc.blocks:
        writer.block(block)
    writer.running(doc.header, doc.footer)
    package.set_core_properties(word, doc.metadata, created, modified)
    embed.embed_fonts(word, fs, fs.families)
    return package.reproducible_package(word, modified or created)


class _Writer:
    """Adds blocks to one python-docx Document."""

    def __init__(self, word: WordDocument, fs: FontSet, base_lists: dict[str, int],
                 created: dt.datetime | None) -> None:
        self.word = word
        self.fs = fs
        self.base_lists = base_lists
        self.created = created  # dates the charts' workbooks
        self.charts = 0

    def page(self) -> None:
        """A4 with the PDF's margins; the first page, like the PDF's, without header and footer."""
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(PAGE.width_mm), Mm(PAGE.height_mm)
        section.top_margin, section.bottom_margin = Mm(PAGE.top_mm), Mm(PAGE.bottom_mm)
        section.left_margin, section.right_margin = Mm(PAGE.left_mm), Mm(PAGE.right_mm)
        section.header_distance, section.footer_distance = Mm(PAGE.header_mm), Mm(PAGE.footer_mm)
        section.different_first_page_header_footer = True

    def running(self, header: Paragraph | None, footer: Paragraph | None) -> None:
        """The running header and footer of every page but the first."""
        section = self.word.sections[0]
        for part in (section.first_page_header, section.first_page_footer):
            part.is_linked_to_previous = False
            part.paragraphs[0].style = None  # an empty Normal paragraph: no header rule
        for part, content in ((section.header, header), (section.footer, footer)):
            part.is_linked_to_previous = False
            if content is not None:
                paragraph = part.paragraphs[0]
                paragraph.style = self.word.styles[content.style]
                self.inlines(paragraph, content.inlines)

    def block(self, block: Block) -> None:
        """Append one block to the body."""
        if isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, ListBlock):
            self.list(block)
        elif isinstance(block, Letterhead):
            self.letterhead(block)
        elif isinstance(block, Figure):
            self.figure(block)
        else:
            self.table(block)

    def paragraph(self, block: Paragraph) -> None:
        """A body paragraph in its style."""
        self.inlines(self.word.add_paragraph(style=block.style), block.inlines)

    def new_table(self, rows: int, columns: int, widths_mm: list[float]) -> WordTable:
        """An empty table at the end of the body with fixed column widths summing to the text
        width, after a spacer paragraph if the body ends with a table (Word would merge them)."""
        if ooxml.ends_with_table(self.word.element.body):
            self.word.add_paragraph(style="Body Text")
        table = self.word.add_table(rows=rows, cols=columns)
        ooxml.set_table_width(table._tbl.tblPr, PAGE.text_width_mm)
        for column, width in zip(table.columns, widths_mm):
            column.width = Mm(width)
        for row in table.rows:
            ooxml.keep_row_whole(row._tr)
            for cell, width in zip(row.cells, widths_mm):
                cell.width = Mm(width)
        return table

    def letterhead(self, block: Letterhead) -> None:
        """Nation and motto centred with the short rule under the motto; then, when both sides
        are there, the issuer and the reference and date side by side in a borderless table."""
        for paragraph in block.centre:
            self.paragraph(paragraph)
            if paragraph.style == "Motto":
                self.word.add_paragraph(style=styles.MOTTO_RULE)
        if not (block.left and block.right):
            for paragraph in block.left + block.right:
                self.paragraph(paragraph)
            return
        table = self.new_table(1, 2, list(styles.LETTERHEAD_COLUMNS_MM))
        ooxml.set_table_borderless(table._tbl.tblPr)
        for cell, side in zip(table.rows[0].cells, (block.left, block.right)):
            self.cell_paragraphs(cell, side)

    def cell_paragraphs(self, cell: WordCell, paragraphs: tuple[Paragraph, ...]) -> None:
        """Fill an empty table cell with `paragraphs`, each in its own style."""
        for index, content in enumerate(paragraphs):
            if index == 0:
                paragraph = cell.paragraphs[0]
                paragraph.style = self.word.styles[content.style]
            else:
                paragraph = cell.add_paragraph(style=content.style)
            self.inlines(paragraph, content.inlines)

    def list(self, block: ListBlock) -> None:
        """A real Word list; every numbered list starts again at 1."""
        numbering = self.word.part.numbering_part.element
        if block.ordered:
            num_id = ooxml.add_list(numbering, styles.LIST_KINDS["number"][0], restart=True)
        else:
            num_id = self.base_lists["bullet"]
        for item in block.items:
            paragraph = self.word.add_paragraph(style=item.style)
            ooxml.set_numbering(paragraph._p.get_or_add_pPr(), num_id)
            self.inlines(paragraph, item.inlines)

    def table(self, block: Table) -> None:
        """A Word table in the "Briefing Table" style; `<thead>` rows repeat on every page, no row
        splits, and a short table (generator/layout.py) stays on one page: every row but the last
        keeps with the next."""
        rows = block.header_rows + block.body_rows
        layout = styles.column_layout(block.kind, block.columns)
        table = self.new_table(len(rows), block.columns, [spec.width_mm or 0 for spec in layout])
        table.style = self.word.styles[styles.TABLE_STYLE]
        whole = keeps_together(len(rows))
        signatures = block.kind == subset.SIGNATURES
        if signatures:
            ooxml.set_table_borderless(table._tbl.tblPr)
        for index, (row, word_row) in enumerate(zip(rows, table.rows)):
            in_head = index < len(block.header_rows)
            if in_head:
                ooxml.repeat_as_header(word_row._tr)
            if whole and index < len(rows) - 1:
                for cell in word_row.cells:
                    ooxml.keep_with_next(cell.paragraphs[0]._p.get_or_add_pPr())
            for column, (cell, spec) in enumerate(zip(word_row.cells, layout)):
                paragraph = cell.paragraphs[0]
                content = row[column] if column < len(row) else None
                header = content is not None and content.header
                if signatures:
                    style = styles.SIGNATURE_ROLE if index == 0 else styles.SIGNATURE_NAME
                else:
                    style = "Table Header" if header else "Table Text"
                paragraph.style = self.word.styles[style]
                if spec.align in _ALIGN:
                    paragraph.alignment = _ALIGN[spec.align]
                if header:
                    ooxml.shade_cell(cell._tc, styles.HEADER_FILL if in_head
                                     else styles.ROW_HEADER_FILL)
                if content is not None:
                    self.inlines(paragraph, content.inlines)

    def figure(self, block: Figure) -> None:
        """The caption (kept with the chart), then a native Word chart in a paragraph of its own."""
        if block.caption.inlines:
            self.paragraph(block.caption)
        text = ChartText(latin=styles.latin_font(self.fs), lao=self.fs.lao_family,
                         size_pt=styles.CHART_TEXT_PT,
                         lang=package.LANGUAGE_TAGS.get(block.lang, "en-US"))
        r_id = chart_part.add_chart(self.word.part, block.chart, text, self.created)
        self.charts += 1
        size = styles.chart_size_mm(len(block.chart.categories), len(block.chart.series))
        run = self.word.add_paragraph(style=styles.CHART_STYLE).add_run()
        ooxml.add_inline_chart(run._r, r_id, size, self.charts, _describe(block.chart))

    def inlines(self, paragraph: WordParagraph, inlines: tuple[Inline, ...]) -> None:
        """Append runs: text cut by font, Lao runs with complex-script properties."""
        for inline in inlines:
            if isinstance(inline, Text):
                for piece, lao in font_runs(inline.text, self.fs):
                    run = paragraph.add_run(piece)
                    ooxml.set_run_properties(run._r, self.run_props(inline, lao))
            elif isinstance(inline, LineBreak):
                paragraph.add_run().add_break()
            elif isinstance(inline, Field):
                ooxml.add_field(paragraph._p, inline.kind, "1",
                                self.run_props(Text("", lang=inline.lang), lao=False))

    def run_props(self, text: Text, lao: bool) -> ooxml.RunProps:
        """Direct run properties: the run's font in every slot, its language, bold and italic."""
        bold, italic = text.bold or None, text.italic or None
        # A character style's colour goes on the run too: LibreOffice gives every run the
        # document's default colour as direct formatting, which would hide the style's.
        char = styles.character_style(text.style) if text.style else None
        style_id, color = (styles.style_id(char.name), char.color) if char else (None, None)
        if lao:
            return ooxml.RunProps(font=self.fs.lao_family, cs_font=self.fs.lao_family,
                                  bold=bold, italic=italic, color=color, complex_script=True,
                                  bidi_lang=LAO_LANGUAGE, style_id=style_id)
        font = styles.latin_font(self.fs)
        return ooxml.RunProps(font=font, cs_font=font, bold=bold, italic=italic, color=color,
                              lang=package.LANGUAGE_TAGS.get(text.lang, "en-US"), style_id=style_id)


def _describe(chart: Chart) -> str:
    """The chart's alternative text: its caption, then each category's values by series."""
    groups = "; ".join(
        f"{category}: " + ", ".join(f"{s.name} {value_text(s.values[i])}" for s in chart.series)
        for i, category in enumerate(chart.categories))
    return f"{chart.caption}: {groups}" if chart.caption else groups
