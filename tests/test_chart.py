"""The chart element: its data (generator/chart.py), the template macro, and the PDF's drawing of it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import lxml.html
import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer, LTRect

from conftest import ROOT, SEED, require
from generator.chart import BAR_SPAN, PALETTE, Chart, ChartError, Series, chart_from_table, round_maximum
from generator.data.loader import load_meeting
from generator.data.stats import attendance
from generator.docx import read_html
from generator.docx.blocks import Figure
from generator.errors import InputError
from generator.fonts import FONT_SETS, pdf_font_family
from generator.lao import is_lao
from generator.pdf.chart_drawing import draw_charts, read_chart
from generator.pdf.writer import render_pdf
from readers import pdf_chars

TEMPLATES = ROOT / "templates"
SUBSET = "is not in the subset the DOCX writer understands"


def macro_html(categories: list[str], series: list[dict], caption: str = "ການເຂົ້າຮ່ວມ") -> str:
    """A document holding what templates/charts.html.j2's bar_chart writes for these arguments."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    figure = env.from_string('{% import "charts.html.j2" as charts %}'
                             "{{ charts.bar_chart(caption, categories, series) }}").render(
        caption=caption, categories=categories, series=series)
    return f'<!doctype html>\n<html lang="lo">\n<head><title>t</title></head>\n<body>\n{figure}</body>\n</html>\n'


# Minutes will show present and absent, by gender: two categories, two series.
PRESENCE = macro_html(["ມາຮ່ວມ", "ບໍ່ໄດ້ມາ"], [{"name": "ຍິງ", "data": ["4", "1"]},
                                               {"name": "ຊາຍ", "data": ["7", "2"]}])


def test_the_macro_writes_categories_and_series_as_a_table_the_docx_reader_reads() -> None:
    (figure,) = read_html(PRESENCE).blocks
    assert isinstance(figure, Figure)
    assert figure.caption.style == "Caption" and figure.caption.text == "ການເຂົ້າຮ່ວມ"
    assert figure.chart == Chart("ການເຂົ້າຮ່ວມ", ("ມາຮ່ວມ", "ບໍ່ໄດ້ມາ"),
                                 (Series("ຍິງ", (4.0, 1.0)), Series("ຊາຍ", (7.0, 2.0))))


def test_the_pdf_reads_the_same_chart_from_the_figure() -> None:
    root = lxml.html.document_fromstring(PRESENCE)
    (figure,) = root.iter("figure")
    assert read_chart(figure) == read_html(PRESENCE).blocks[0].chart


def test_the_seed_chart_shows_the_computed_attendance() -> None:
    from generator.build import prepare
    figures = attendance(load_meeting(SEED).delegation)
    for lang, names in (("lo", ("ຄະນະຜູ້ແທນ", "ຍິງ", "ຊາຍ")), ("en", ("Delegation", "Women", "Men"))):
        (edition,) = prepare([SEED], "briefing", lang, FONT_SETS["phetsarath"])
        charts = [b for b in read_html(edition.html).blocks if isinstance(b, Figure)]
        assert [c.chart for c in charts] == [Chart(
            charts[0].chart.caption, (names[0],),
            (Series(names[1], (float(figures.women),)), Series(names[2], (float(figures.men),))))]
    assert (figures.women, figures.men) == (5, 9)


def test_round_maximum() -> None:
    assert [round_maximum(v) for v in (0, 0.3, 1, 4, 5, 9, 14, 26, 100, 101)] == \
        [1, 0.5, 1, 5, 5, 10, 20, 50, 100, 200]


@pytest.mark.parametrize(("header", "rows", "message"), [
    (["", "ຍິງ"], [["ກ", "5", "6"]],
     'chart row "ກ" has 2 values for 1 series (expected one <td> per series)'),
    ([""], [["ກ"]], "chart table has no series (expected a header row: an empty <th>, then one "
                    "<th> per series)"),
    (["", "ຍິງ"], [], "chart table has no rows (expected one row per category: its name in a "
                      "<th>, then one number per series in <td>s)"),
    (["", "ຍິງ"], [["ກ", "5 ທ່ານ"]], 'chart value "5 ທ່ານ" (row "ກ", series "ຍິງ") is not a number '
                                     "(expected a figure from the view, like 5 or 2.5)"),
    (["", "ຍິງ"], [["ກ", "-2"]], 'chart value "-2" (row "ກ", series "ຍິງ") is negative '
                                 "(expected 0 or more)"),
])
def test_table_that_is_not_chart_data(header: list[str], rows: list[list[str]], message: str) -> None:
    with pytest.raises(ChartError) as error:
        chart_from_table("c", header, rows)
    assert str(error.value) == message


def test_bad_chart_data_is_reported_by_both_writers_with_its_line() -> None:
    html = macro_html(["ກ"], [{"name": "ຍິງ", "data": ["five"]}])
    message = ('chart value "five" (row "ກ", series "ຍິງ") is not a number (expected a figure '
               "from the view, like 5 or 2.5)")
    with pytest.raises(InputError) as docx_error:
        read_html(html)
    with pytest.raises(InputError) as pdf_error:
        draw_charts(lxml.html.document_fromstring(html))
    assert [str(p) for p in docx_error.value.problems] == [f"rendered HTML:5:1: {message}"]
    assert [str(p) for p in pdf_error.value.problems] == [f"rendered HTML:5: {message}"]


def test_a_figure_that_is_not_a_chart_is_refused() -> None:
    html = PRESENCE.replace('<figure class="chart">', "<figure>")
    with pytest.raises(InputError) as error:
        read_html(html)
    assert [str(p) for p in error.value.problems] == [
        f'rendered HTML:5:1: <figure> without class="chart" {SUBSET} (the figures it knows are '
        'charts: <figure class="chart">)']


# --- the PDF drawing --------------------------------------------------------------------

def test_the_drawing_has_a_bar_per_value_as_long_as_its_share_of_the_axis() -> None:
    root = lxml.html.document_fromstring(PRESENCE)
    draw_charts(root)
    (figure,) = root.iter("figure")
    assert figure.find("table") is None
    assert [e.text_content() for e in figure.find_class("chart-category")] == ["ມາຮ່ວມ", "ບໍ່ໄດ້ມາ"]
    assert [e.text_content() for e in figure.find_class("chart-value")] == [
        "ຍິງ 4", "ຊາຍ 7", "ຍິງ 1", "ຊາຍ 2"]
    widths = [e.get("style") for e in figure.find_class("chart-bar")]
    top = round_maximum(7)  # 10
    assert widths == [f"width: {v / top * BAR_SPAN * 100:.2f}%; background-color: #{PALETTE[i % 2]}"
                      for v, i in ((4, 0), (7, 1), (1, 0), (2, 1))]


@pytest.fixture(scope="module")
def chart_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PRESENCE rendered by the PDF writer, with the project's stylesheet, in Phetsarath OT."""
    html = PRESENCE.replace("<head>", f'<head><link rel="stylesheet" '
                                      f'href="{(TEMPLATES / "briefing.css").as_uri()}">')
    out = tmp_path_factory.mktemp("chart") / "chart.pdf"
    out.write_bytes(render_pdf(html, FONT_SETS["phetsarath"], base_url=out.parent))
    return out


def _objects(pdf: Path) -> tuple[list[LTChar], list[LTRect]]:
    chars, rects = [], []

    def walk(item: object) -> None:
        if isinstance(item, LTChar):
            chars.append(item)
        elif isinstance(item, LTRect):
            rects.append(item)
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child)
    for page in extract_pages(pdf, laparams=None):
        walk(page)
    return chars, rects


def test_the_pdf_chart_labels_copy_as_typed_and_lao_is_drawn_by_the_lao_font(chart_pdf: Path) -> None:
    text = "".join(c.get_text() for _, c in pdf_chars(chart_pdf.read_bytes()))
    for label in ("ການເຂົ້າຮ່ວມ", "ມາຮ່ວມ", "ບໍ່ໄດ້ມາ", "ຍິງ 4", "ຊາຍ 7", "ຍິງ 1", "ຊາຍ 2"):
        assert label in text
    poppler = subprocess.run([require("pdftotext", "the chart's text check"), str(chart_pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
    for label in ("ການເຂົ້າຮ່ວມ", "ບໍ່ໄດ້ມາ", "ຍິງ 4"):
        assert label in poppler
    chars, _ = _objects(chart_pdf)
    for char in chars:
        family = pdf_font_family(char.fontname)
        if is_lao(char.get_text()[:1] or " "):
            assert family == "Phetsarath OT", char
        elif char.get_text().isdigit():
            assert family == "Noto Sans", char


def _hex(color: object) -> str | None:
    """RRGGBB of an RGB fill colour as pdfminer gives it (components 0..1), else None."""
    if not (isinstance(color, tuple) and len(color) == 3):
        return None
    return "".join(f"{round(c * 255):02X}" for c in color)


def test_the_pdf_bars_are_vector_rectangles_in_the_palette(chart_pdf: Path) -> None:
    _, rects = _objects(chart_pdf)
    bars = sorted((r for r in rects if r.fill and _hex(r.non_stroking_color) in PALETTE[:2]),
                  key=lambda r: -r.y1)  # top to bottom
    assert [_hex(b.non_stroking_color) for b in bars] == [PALETTE[0], PALETTE[1]] * 2
    widths = [b.width for b in bars]  # values 4, 7, 1, 2 on an axis ending at 10
    assert widths[1] / widths[0] == pytest.approx(7 / 4, rel=0.01)
    assert widths[3] / widths[2] == pytest.approx(2 / 1, rel=0.01)
    images = subprocess.run([require("pdfimages", "the chart's vector check"), "-list",
                             str(chart_pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) == 2  # the header lines only: no picture


def test_the_minutes_chart_shows_present_and_absent_women_and_men() -> None:
    from generator.build import prepare
    example = SEED.parent / "example-internal-meeting.yaml"
    figures = attendance(load_meeting(example).delegation)
    for lang, names in (("lo", ("ເຂົ້າຮ່ວມ", "ບໍ່ໄດ້ເຂົ້າຮ່ວມ", "ຍິງ", "ຊາຍ")),
                        ("en", ("Present", "Absent", "Women", "Men"))):
        (edition,) = prepare([example], "minutes", lang, FONT_SETS["phetsarath"])
        (chart,) = [b.chart for b in read_html(edition.html).blocks if isinstance(b, Figure)]
        assert chart == Chart(chart.caption, names[:2], (
            Series(names[2], (float(figures.women_present), float(figures.women_absent))),
            Series(names[3], (float(figures.men_present), float(figures.men_absent)))))
    # the example: 6 members, 3 women; 2 absent, one of them a woman
    assert (figures.women_present, figures.women_absent, figures.men_present, figures.men_absent) == (2, 1, 2, 1)
