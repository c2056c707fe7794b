"""A chart of the rendered HTML (`<figure class="chart">`): its data, read once for both writers.

The figure holds a caption and a small table: a header row naming the series (after an empty
corner cell), then one row per category, its name in a `<th>` and one number per series in a
`<td>`. The numbers are the view's computed figures; the PDF draws bars from them
(pdf/chart_drawing.py), the DOCX writes a native Word chart with its workbook (docx/chart_part.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

CHART_CLASS = "chart"

# Bar colours by series, as RRGGBB: both writers use them, so that the PDF and the DOCX agree.
# Okabe and Ito's colour-blind safe set, ordered so that neighbours differ in lightness too
# (the documents are often printed in black and white).
PALETTE = ("0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00")

_NUMBER = re.compile(r"\d+(\.\d+)?")
# The axis' round maximum lies at this share of the plot's width, in both formats: the rest
# holds the label ("series value") after the longest bar.
BAR_SPAN = 0.7


@dataclass(frozen=True)
class Series:
    """One series: its name and one value per category."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """A clustered bar chart: categories down the side, one bar per series in each."""

    caption: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]

    @property
    def axis_maximum(self) -> float:
        """Where the value axis ends: a round number at or above the largest value."""
        return round_maximum(max((v for s in self.series for v in s.values), default=0.0))

    @property
    def plot_maximum(self) -> float:
        """The value at the plot's right edge: the axis maximum lies at BAR_SPAN of the width."""
        return self.axis_maximum / BAR_SPAN

    def color(self, index: int) -> str:
        """The RRGGBB colour of series `index`."""
        return PALETTE[index % len(PALETTE)]


class ChartError(ValueError):
    """The figure's table is not chart data; `args[0]` says what is wrong and what to do."""


def round_maximum(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `value` (1 for 0)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def value_text(value: float) -> str:
    """A value as the documents print it: `5`, `2.5`."""
    return str(int(value)) if value == int(value) else f"{value:g}"


def parse_value(text: str, where: str) -> float:
    """The number typed in a value cell; ChartError naming `where` when it is not a count."""
    shown = text.strip()
    if shown.startswith("-") and _NUMBER.fullmatch(shown[1:]):
        raise ChartError(f'chart value "{shown}" ({where}) is negative (expected 0 or more)')
    if not _NUMBER.fullmatch(shown):
        raise ChartError(f'chart value "{shown}" ({where}) is not a number '
                         "(expected a figure from the view, like 5 or 2.5)")
    return float(shown)


def chart_from_table(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Chart:
    """The chart that a figure's caption and table cells describe: `header` is the header row
    (corner cell first), each row of `rows` a category name and its values; ChartError else."""
    names = tuple(header[1:])
    if not names:
        raise ChartError("chart table has no series (expected a header row: an empty <th>, "
                         "then one <th> per series)")
    if not rows:
        raise ChartError("chart table has no rows (expected one row per category: its name "
                         "in a <th>, then one number per series in <td>s)")
    categories = []
    columns: list[list[float]] = [[] for _ in names]
    for row in rows:
        category, *cells = row
        if len(cells) != len(names):
            raise ChartError(f'chart row "{category}" has {len(cells)} values for {len(names)} '
                             "series (expected one <td> per series)")
        categories.append(category)
        for column, (name, cell) in enumerate(zip(names, cells)):
            columns[column].append(parse_value(cell, f'row "{category}", series "{name}"'))
    return Chart(caption, tuple(categories),
                 tuple(Series(name, tuple(values)) for name, values in zip(names, columns)))
