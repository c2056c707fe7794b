"""What WeasyPrint lays out for the page rules HTML cannot say: charts drawn as boxes, short tables kept whole.

A `<figure class="chart">` holds its data as a table (generator/chart.py). Here it becomes a
drawing WeasyPrint paints as vector rectangles: one box per bar, its length the value's share
of the axis, and every label (categories, values, legend) as HTML text, which Pango shapes and
the exact text layer covers. Measured with WeasyPrint 70: SVG `<text>` draws each Lao character
on its own (marks on dotted circles), so no label is SVG text.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from generator.chart import CHART_CLASS, Chart, ChartError, chart_from_table, value_text
from generator.errors import InputError, Problem
from generator.layout import keeps_together

SOURCE = "rendered HTML"
KEEP_TOGETHER = "keep-together"  # the class briefing.css keeps on one page
_SPACE = re.compile(r"\s+")


def _text(element: Any) -> str:
    """The element's text, white space collapsed as a browser shows it."""
    return _SPACE.sub(" ", element.text_content()).strip()


def _classes(element: Any) -> list[str]:
    return (element.get("class") or "").split()


def read_chart(figure: Any) -> Chart:
    """The chart a `<figure class="chart">` element holds; InputError naming its line when its
    table is not chart data."""
    caption = figure.find("figcaption")
    header = figure.xpath("./table/thead/tr")[:1]
    body = figure.xpath("./table/tbody/tr")
    try:
        return chart_from_table(
            _text(caption) if caption is not None else "",
            [_text(cell) for cell in header[0]] if header else [],
            [[_text(cell) for cell in row] for row in body])
    except ChartError as error:
        raise InputError([Problem(str(error), file=f"{SOURCE}:{figure.sourceline}")]) from None


def _element(tag: str, cls: str, text: str = "", style: str = "") -> Any:
    element = etree.Element(tag, {"class": cls})
    if style:
        element.set("style", style)
    element.text = text or None
    return element


def drawing(chart: Chart) -> list[Any]:
    """The elements that draw `chart`: the caption, then per category its name and one bar per
    series with "series value" after it (as the DOCX chart's labels; no legend)."""
    caption = _element("figcaption", "chart-caption", chart.caption)
    plot = _element("div", "chart-plot")
    right = chart.plot_maximum
    for index, category in enumerate(chart.categories):
        group = _element("div", "chart-group")
        group.append(_element("div", "chart-category", category))
        bars = _element("div", "chart-bars")
        for number, series in enumerate(chart.series):
            value = series.values[index]
            line = _element("div", "chart-bar-line")
            width = f"{value / right * 100:.2f}%"
            line.append(_element("span", "chart-bar", style=(
                f"width: {width}; background-color: #{chart.color(number)}")))
            line.append(_element("span", "chart-value", f"{series.name} {value_text(value)}"))
            bars.append(line)
        group.append(bars)
        plot.append(group)
    return [caption, plot]


def draw_charts(root: Any) -> None:
    """Replace the content of every `<figure class="chart">` under `root` by its drawing."""
    for figure in root.iter("figure"):
        if CHART_CLASS not in _classes(figure):
            continue
        chart = read_chart(figure)
        for child in list(figure):
            figure.remove(child)
        figure.text = None
        figure.extend(drawing(chart))


def mark_short_tables(root: Any) -> None:
    """Give every table short enough to stay on one page the class `keep-together`."""
    for table in root.iter("table"):
        rows = table.xpath("./thead/tr | ./tbody/tr | ./tr | ./tfoot/tr")
        if keeps_together(len(rows)):
            table.set("class", " ".join(_classes(table) + [KEEP_TOGETHER]))
