"""A native Word chart in the package: the chart part, its embedded workbook, and their relationships.

Parts as Word names them (`word/charts/chartN.xml`, `word/embeddings/Microsoft_Excel_WorksheetN.xlsx`);
python-docx writes their content types and the document's relationship. The workbook is written
with XlsxWriter, dated like the document, so equal input gives equal bytes.
"""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.parts.document import DocumentPart

from generator.chart import Chart
from generator.docx.chart_xml import SHEET, ChartText, chart_space

WORKBOOK_EPOCH = dt.datetime(1980, 1, 1)  # the workbook's date when the document has none


def chart_workbook(chart: Chart, created: dt.datetime | None, font: str) -> bytes:
    """An .xlsx holding the chart's data where the chart's formulas point: series names in row 1
    from column B, category names in column A from row 2, the values beside them."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    when = created or WORKBOOK_EPOCH
    if when.tzinfo is not None:  # XlsxWriter writes the time as UTC without converting it
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    book.set_properties({"created": when})
    text = book.add_format({"font_name": font})
    sheet = book.add_worksheet(SHEET)
    sheet.set_column(0, 0, 24)
    for column, series in enumerate(chart.series, start=1):
        sheet.write_string(0, column, series.name, text)
        for row, value in enumerate(series.values, start=1):
            sheet.write_number(row, column, value)
    for row, category in enumerate(chart.categories, start=1):
        sheet.write_string(row, 0, category, text)
    book.close()
    return out.getvalue()


def add_chart(document: DocumentPart, chart: Chart, text: ChartText,
              created: dt.datetime | None) -> str:
    """Add the chart part (and its workbook) for `chart` to the package of `document`; returns
    the relationship id the inline drawing names."""
    package = document.package
    number = 1 + sum(1 for rel in document.rels.values() if rel.reltype == RT.CHART)
    workbook = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
                    CT.SML_SHEET, chart_workbook(chart, created, text.lao), package)
    # A new part's first relationship is rId1: the chart XML names the workbook by it.
    part = Part(PackURI(f"/word/charts/chart{number}.xml"), CT.DML_CHART,
                chart_space(chart, text, "rId1"), package)
    if part.relate_to(workbook, RT.PACKAGE) != "rId1":
        raise AssertionError("the chart's workbook relationship is not rId1")
    return document.relate_to(part, RT.CHART)
