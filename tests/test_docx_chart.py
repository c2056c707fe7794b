"""The native Word chart in the DOCX: its parts, data, workbook, fonts, and LibreOffice's import of it."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from conftest import SEED, require
from generator.build import build
from generator.chart import PALETTE
from generator.data.loader import load_meeting
from generator.data.stats import attendance
from generator.fonts import FONT_SETS
from generator.lao import is_lao
from readers import pdf_chars

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS = {"c": C, "a": A, "w": W, "wp": WP, "r": R, "pr": PR, "ct": CT, "s": S}
CHART = "word/charts/chart1.xml"
WORKBOOK = "word/embeddings/Microsoft_Excel_Worksheet1.xlsx"
NAMES = {"lo": ("ຄະນະຜູ້ແທນ", "ຍິງ", "ຊາຍ"), "en": ("Delegation", "Women", "Men")}


@pytest.fixture(scope="module", params=["lo", "en"])
def seed_docx(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[str, Path]:
    """The seed's DOCX in one edition (font set phetsarath: Noto Sans for Latin)."""
    (path,) = build([SEED], tmp_path_factory.mktemp(f"chart-{request.param}"), ("docx",),
                    lang=request.param).written
    return request.param, path


def parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_chart_part_holds_the_computed_attendance(seed_docx: tuple[str, Path]) -> None:
    lang, docx = seed_docx
    figures = attendance(load_meeting(SEED).delegation)
    root = etree.fromstring(parts(docx)[CHART])
    assert root.tag == f"{{{C}}}chartSpace"
    chart = root.find("c:chart/c:plotArea/c:barChart", NS)
    assert chart.find("c:barDir", NS).get("val") == "bar"
    series = chart.findall("c:ser", NS)
    names = [s.findtext("c:tx/c:strRef/c:strCache/c:pt/c:v", namespaces=NS) for s in series]
    categories = [[v.text for v in s.iterfind("c:cat/c:strRef/c:strCache/c:pt/c:v", NS)]
                  for s in series]
    values = [[v.text for v in s.iterfind("c:val/c:numRef/c:numCache/c:pt/c:v", NS)]
              for s in series]
    category, women, men = NAMES[lang]
    assert names == [women, men]
    assert categories == [[category], [category]]
    assert values == [[str(figures.women)], [str(figures.men)]]
    assert [s.findtext("c:val/c:numRef/c:f", namespaces=NS) for s in series] == [
        "Sheet1!$B$2", "Sheet1!$C$2"]
    fills = [s.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val") for s in series]
    assert fills == list(PALETTE[:2])
    assert not list(root.iter(f"{{{A}}}schemeClr"))  # LibreOffice ignores theme colours here
    # Every bar is labelled with its series name and value, as in the PDF; no legend.
    assert all(s.find("c:dLbls/c:showVal", NS).get("val") == "1" for s in series)
    assert all(s.find("c:dLbls/c:showSerName", NS).get("val") == "1" for s in series)
    assert root.find("c:chart/c:legend", NS) is None
    # The round maximum 10 at 70 % of the width, as in the PDF.
    assert root.find("c:chart/c:plotArea/c:valAx/c:scaling/c:max", NS).get("val") == "14.2857"


def test_the_chart_text_is_in_the_latin_and_lao_fonts(seed_docx: tuple[str, Path]) -> None:
    lang, docx = seed_docx
    root = etree.fromstring(parts(docx)[CHART])
    for defaults in root.iter(f"{{{A}}}defRPr"):
        assert defaults.find("a:latin", NS).get("typeface") == "Noto Sans"
        assert defaults.find("a:cs", NS).get("typeface") == "Phetsarath OT"
    assert root.find("c:lang", NS).get("val") == {"lo": "lo-LA", "en": "en-US"}[lang]


def test_the_workbook_holds_the_same_data_where_the_formulas_point(seed_docx: tuple[str, Path]) -> None:
    lang, docx = seed_docx
    package = parts(docx)
    rels = etree.fromstring(package["word/charts/_rels/chart1.xml.rels"])
    (rel,) = rels.iterfind("pr:Relationship", NS)
    assert rel.get("Type") == f"{R}/package"
    assert rel.get("Target") == "../embeddings/Microsoft_Excel_Worksheet1.xlsx"
    chart = etree.fromstring(package[CHART])
    assert chart.find("c:externalData", NS).get(f"{{{R}}}id") == rel.get("Id")
    with zipfile.ZipFile(io.BytesIO(package[WORKBOOK])) as book:
        strings = [t.text for t in etree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{{{S}}}t")]
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
        workbook = etree.fromstring(book.read("xl/workbook.xml"))
    assert [s.get("name") for s in workbook.iter(f"{{{S}}}sheet")] == ["Sheet1"]
    cells = {}
    for cell in sheet.iter(f"{{{S}}}c"):
        value = cell.findtext("s:v", namespaces=NS)
        cells[cell.get("r")] = strings[int(value)] if cell.get("t") == "s" else value
    category, women, men = NAMES[lang]
    assert cells == {"B1": women, "C1": men, "A2": category, "B2": "5", "C2": "9"}
    # Each formula of the chart (series name, categories, values) points at cells holding exactly
    # the values the chart caches.
    references = list(chart.iter(f"{{{C}}}strRef", f"{{{C}}}numRef"))
    assert len(references) == 3 * len(chart.findall(".//c:ser", NS)) == 6
    for reference in references:
        cached = [v.text for v in reference.iterfind("*/c:pt/c:v", NS)]
        assert cached
        formula = reference.findtext("c:f", namespaces=NS)
        assert [cells.get(cell) for cell in _cells(formula)] == cached


def _cells(formula: str) -> list[str]:
    """The cells a one-column formula such as `Sheet1!$A$2:$A$3` names: ["A2", "A3"]."""
    sheet, _, span = formula.partition("!")
    assert sheet == "Sheet1", formula
    first, _, last = span.replace("$", "").partition(":")
    column, start = re.fullmatch(r"([A-Z]+)(\d+)", first).groups()
    end = re.fullmatch(r"([A-Z]+)(\d+)", last or first).group(2)
    return [f"{column}{row}" for row in range(int(start), int(end) + 1)]


def test_content_types_relationships_and_the_inline_drawing(seed_docx: tuple[str, Path]) -> None:
    _, docx = seed_docx
    package = parts(docx)
    types = etree.fromstring(package["[Content_Types].xml"])
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iterfind("ct:Override", NS)}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iterfind("ct:Default", NS)}
    assert overrides["/" + CHART] == "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    assert defaults["xlsx"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rels = {r.get("Id"): r for r in etree.fromstring(package["word/_rels/document.xml.rels"])}
    document = etree.fromstring(package["word/document.xml"])
    (inline,) = document.iter(f"{{{WP}}}inline")
    data = inline.find("a:graphic/a:graphicData", NS)
    assert data.get("uri") == C
    r_id = data.find("c:chart", NS).get(f"{{{R}}}id")
    assert rels[r_id].get("Type") == f"{R}/chart" and rels[r_id].get("Target") == "charts/chart1.xml"
    width = int(inline.find("wp:extent", NS).get("cx"))
    assert round(width / 36000) == 160  # the text width
    description = inline.find("wp:docPr", NS).get("descr")
    assert re.search(r"5\D+9", description)
    # The caption stays with the chart.
    paragraph = inline.getparent().getparent().getparent()
    caption = paragraph.getprevious()
    assert caption.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "Caption"


# --- LibreOffice ----------------------------------------------------------------------

def _soffice(docx: Path, fmt: str, out: Path) -> Path:
    soffice = require("soffice", "LibreOffice's import of the chart")
    subprocess.run([soffice, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(docx)],
                   capture_output=True, check=True, timeout=300)
    return out / f"{docx.stem}.{fmt}"


def test_libreoffice_imports_a_bar_chart_with_its_data(seed_docx: tuple[str, Path],
                                                       tmp_path: Path) -> None:
    lang, docx = seed_docx
    flat = _soffice(docx, "fodt", tmp_path).read_text(encoding="utf-8")
    start = flat.index('office:mimetype="application/vnd.oasis.opendocument.chart"')
    chart = flat[start:flat.index("</office:document>", start)]
    assert 'chart:class="chart:bar"' in chart
    assert len(re.findall(r"<chart:series ", chart)) == 2
    category, women, men = NAMES[lang]
    assert re.findall(r"<text:p>([^<]*)</text:p>", chart) == [women, men, category, "5", "9"]
    assert "style:font-family-complex=\"&apos;Phetsarath OT&apos;\"" in chart


def test_libreoffice_draws_the_chart_as_vector_with_its_labels_in_the_bundled_fonts(
        seed_docx: tuple[str, Path], tmp_path: Path) -> None:
    lang, docx = seed_docx
    pdf = _soffice(docx, "pdf", tmp_path)
    images = subprocess.run([require("pdfimages", "the vector check"), "-list", str(pdf)],
                            capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) == 2  # no picture: the chart is drawn, not pasted
    chars = pdf_chars(pdf.read_bytes())
    text = "".join(c.get_text() for _, c in chars)
    category, women, men = NAMES[lang]
    for label in (category, f"{women} 5", f"{men} 9"):
        assert label in text
    lao_faces = {TTFont(f.path)["name"].getDebugName(6) for f in FONT_SETS["phetsarath"].faces
                 if f.family == "Phetsarath OT"}
    drawn_by = {c.fontname.split("+")[-1] for _, c in chars if is_lao(c.get_text()[:1] or " ")}
    assert drawn_by and drawn_by <= lao_faces
