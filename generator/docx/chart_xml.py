"""The chart part of a native Word chart (DrawingML `c:chartSpace`, ECMA-376 Part 1 §21.2).

A clustered horizontal bar chart drawn as the PDF draws it (pdf/chart_drawing.py): categories
down the left, first at the top; one bar per series in the palette's colours, the series name and
value at its end (no legend: LibreOffice lists a bar chart's legend bottom-up, the reverse of
the bars); the value axis hidden, its round maximum at the same share of the width as in the PDF. The cached
values (`c:strCache`, `c:numCache`) are what Word and LibreOffice draw; the formulas point into
the embedded workbook, which Word's "Edit Data" opens. Colours are explicit `a:srgbClr`
(LibreOffice ignores theme colours in charts) and so are the fonts: Latin text in the set's Latin
family (`a:latin`), Lao in its Lao family (`a:cs`, LibreOffice's complex-script font). Children
are written in the schema's sequence order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from generator.chart import Chart, value_text

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NSMAP = {"c": C, "a": A, "r": R}
SHEET = "Sheet1"  # the workbook's one sheet: category names in column A, a series per column
CATEGORY_AXIS, VALUE_AXIS = "500000001", "500000002"
TEXT_COLOR = "000000"
AXIS_COLOR = "666666"  # th, td { border: 0.5pt solid #666 }


@dataclass(frozen=True)
class ChartText:
    """The chart's text: the Latin and Lao families, size in points, language tag."""

    latin: str
    lao: str
    size_pt: float
    lang: str  # "lo-LA" or "en-US"


def _el(tag: str, attrs: dict[str, str] | None = None,
        children: Iterable[etree._Element | None] = ()) -> etree._Element:
    """`prefix:name` with attributes (prefixed ones too) and the non-None children."""
    element = etree.Element(_clark(tag), {_clark(k): v for k, v in (attrs or {}).items()},
                            nsmap=_NSMAP)
    element.extend(c for c in children if c is not None)
    return element


def _clark(name: str) -> str:
    """`{uri}name` for `c:name`, `a:name`, `r:name`; unprefixed names stay as they are."""
    prefix, _, local = name.rpartition(":")
    return f"{{{_NSMAP[prefix]}}}{local}" if prefix else local


def _val(tag: str, value: object) -> etree._Element:
    """`<tag val="value"/>`, the form of most chart properties."""
    return _el(tag, {"val": str(value)})


def _fill(color: str) -> etree._Element:
    return _el("a:solidFill", children=[_el("a:srgbClr", {"val": color})])


def _column(index: int) -> str:
    """The spreadsheet column letters of 0-based column `index` (0 -> A)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _ref(column: int, first_row: int, last_row: int) -> str:
    """An absolute reference into the sheet, e.g. `Sheet1!$B$2:$B$3` (rows 1-based)."""
    start = f"${_column(column)}${first_row}"
    return f"{SHEET}!{start}" if first_row == last_row else f"{SHEET}!{start}:${_column(column)}${last_row}"


def _strings(formula: str, texts: Iterable[str]) -> etree._Element:
    """A `c:strRef`: the formula and the cached texts."""
    texts = list(texts)
    return _el("c:strRef", children=[
        _el_text("c:f", formula),
        _el("c:strCache", children=[_val("c:ptCount", len(texts)), *(
            _el("c:pt", {"idx": str(i)}, [_el_text("c:v", t)]) for i, t in enumerate(texts))]),
    ])


def _numbers(formula: str, values: Iterable[float]) -> etree._Element:
    """A `c:numRef`: the formula and the cached values."""
    values = list(values)
    return _el("c:numRef", children=[
        _el_text("c:f", formula),
        _el("c:numCache", children=[_el_text("c:formatCode", "General"),
                                    _val("c:ptCount", len(values)), *(
            _el("c:pt", {"idx": str(i)}, [_el_text("c:v", value_text(v))])
            for i, v in enumerate(values))]),
    ])


def _el_text(tag: str, text: str) -> etree._Element:
    element = _el(tag)
    element.text = text
    return element


def text_properties(text: ChartText) -> etree._Element:
    """A `c:txPr`: black text in the Latin family, Lao in the Lao family, on one line
    (LibreOffice would wrap a bar's label "Women 5" after "Wom")."""
    size = str(round(text.size_pt * 100))
    return _el("c:txPr", children=[
        _el("a:bodyPr", {"wrap": "none"}), _el("a:lstStyle"),
        _el("a:p", children=[
            _el("a:pPr", children=[_el("a:defRPr", {"sz": size, "b": "0"}, [
                _fill(TEXT_COLOR), _el("a:latin", {"typeface": text.latin}),
                _el("a:ea", {"typeface": text.latin}), _el("a:cs", {"typeface": text.lao})])]),
            _el("a:endParaRPr", {"lang": text.lang}),
        ]),
    ])


def _no_line() -> etree._Element:
    return _el("a:ln", children=[_el("a:noFill")])


def _series(chart: Chart, number: int, text: ChartText) -> etree._Element:
    """One `c:ser`: name, colour, labels "name value" at the bar ends, categories and values."""
    series = chart.series[number]
    rows = len(chart.categories)
    return _el("c:ser", children=[
        _val("c:idx", number), _val("c:order", number),
        _el("c:tx", children=[_strings(_ref(number + 1, 1, 1), [series.name])]),
        _el("c:spPr", children=[_fill(chart.color(number)), _no_line()]),
        _val("c:invertIfNegative", 0),
        _el("c:dLbls", children=[
            _el("c:spPr", children=[_el("a:noFill"), _no_line()]),
            text_properties(text),
            _val("c:dLblPos", "outEnd"),
            _val("c:showLegendKey", 0), _val("c:showVal", 1), _val("c:showCatName", 0),
            _val("c:showSerName", 1), _val("c:showPercent", 0), _val("c:showBubbleSize", 0),
            _el_text("c:separator", " "),
        ]),
        _el("c:cat", children=[_strings(_ref(0, 2, rows + 1), chart.categories)]),
        _el("c:val", children=[_numbers(_ref(number + 1, 2, rows + 1), series.values)]),
    ])


def _axes(chart: Chart, text: ChartText) -> list[etree._Element]:
    """The category axis (labelled, first category at the top) and the hidden value axis."""
    category = _el("c:catAx", children=[
        _val("c:axId", CATEGORY_AXIS),
        _el("c:scaling", children=[_val("c:orientation", "maxMin")]),
        _val("c:delete", 0), _val("c:axPos", "l"),
        _val("c:majorTickMark", "none"), _val("c:minorTickMark", "none"),
        _val("c:tickLblPos", "nextTo"),
        _el("c:spPr", children=[_el("a:ln", {"w": "6350"}, [_fill(AXIS_COLOR)])]),
        text_properties(text),
        _val("c:crossAx", VALUE_AXIS), _val("c:crosses", "autoZero"), _val("c:auto", 1),
        _val("c:lblAlgn", "ctr"), _val("c:lblOffset", 100), _val("c:noMultiLvlLbl", 0),
    ])
    value = _el("c:valAx", children=[
        _val("c:axId", VALUE_AXIS),
        _el("c:scaling", children=[_val("c:orientation", "minMax"),
                                   _val("c:max", f"{chart.plot_maximum:.6g}"),
                                   _val("c:min", 0)]),
        _val("c:delete", 1), _val("c:axPos", "t"),
        _el("c:numFmt", {"formatCode": "General", "sourceLinked": "1"}),
        _val("c:majorTickMark", "none"), _val("c:minorTickMark", "none"),
        _val("c:tickLblPos", "nextTo"),
        _val("c:crossAx", CATEGORY_AXIS), _val("c:crosses", "autoZero"),
        _val("c:crossBetween", "between"),
    ])
    return [category, value]


def chart_space(chart: Chart, text: ChartText, workbook_rel: str) -> bytes:
    """The bytes of the chart part for `chart`; `workbook_rel` is the relationship id of the
    embedded workbook holding its data."""
    plot_area = _el("c:plotArea", children=[
        _el("c:layout"),
        _el("c:barChart", children=[
            _val("c:barDir", "bar"), _val("c:grouping", "clustered"), _val("c:varyColors", 0),
            *(_series(chart, n, text) for n in range(len(chart.series))),
            _val("c:gapWidth", 60),
            _val("c:axId", CATEGORY_AXIS), _val("c:axId", VALUE_AXIS),
        ]),
        *_axes(chart, text),
        _el("c:spPr", children=[_el("a:noFill"), _no_line()]),
    ])
    root = _el("c:chartSpace", children=[
        _val("c:date1904", 0), _val("c:lang", text.lang), _val("c:roundedCorners", 0),
        _el("c:chart", children=[
            _val("c:autoTitleDeleted", 1),
            plot_area,
            _val("c:plotVisOnly", 1), _val("c:dispBlanksAs", "gap"),
        ]),
        _el("c:spPr", children=[_el("a:noFill"), _no_line()]),
        text_properties(text),
        _el("c:externalData", {"r:id": workbook_rel}, [_val("c:autoUpdate", 0)]),
    ])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
