"""The text operators of one line: each unit drawn with its code, every glyph where WeasyPrint put it.

WeasyPrint 70 moves the pen, in thousandths of the font size, by `x_offset / size` before
a glyph with an offset, by the glyph's width, then back by `int(kerning)`, where
kerning = width + offset - Pango advance; an empty glyph moves it by `width / size`; a
glyph with a vertical offset is raised by `-y_offset / 1000` text-space units. The same
arithmetic gives where each glyph of a line lands; each code is then drawn at a chosen
place with a chosen width, a TJ adjustment moving the pen there, and the outlines of a
code not drawn at its glyph's place go into a composite glyph at the difference, so every
outline lands where WeasyPrint's own operators put it.

The place and width of a code are what viewers build words from: each code is a box from
where it is drawn to that plus its /W width. A mark moves the pen by nothing, so drawn at
the pen with its own zero width it shares its starting point with the letter after it,
and poppler (Evince, Okular) takes a character that starts within 0.1 em of the one before
as duplicated text: it makes both separate words, which its reading order then sorts by
their left edges, ties in any order (ບໍ່ໄດ້ → `ບໍໄ່ ດ້`). So a unit followed by k
units that do not move the pen (its marks) shares its width with them: it keeps its place
with k × MARK_SHARE less width, and the marks get boxes of MARK_SHARE each, ending where
the pen ends after them, their outlines moved back inside a composite. The boxes follow
each other with no overlap (a gap only where the font kerns the letter), and the pen after
the last mark is where WeasyPrint's is.
"""

from __future__ import annotations

from dataclasses import dataclass

import generator.pdf.libraries  # noqa: F401  (before any weasyprint import: a quick library search)
from pydyf import _to_bytes
from weasyprint.text.ffi import FROM_UNITS

from generator.pdf.cluster_glyphs import Composite
from generator.pdf.font_codes import FontCodes
from generator.pdf.shaped_line import Run, Unit

MARK_SHARE = 150  # thousandths of the font size: a mark's box when the letter before it is wide enough
_STILL = 5  # a unit that moves the pen by less than this (thousandths) is a mark of the unit before


def _number(value: float) -> str:
    """A TJ adjustment, short and exact to a millionth of the font size."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class PlacedUnit:
    """A unit with drawn glyphs, as WeasyPrint places it (thousandths of the font size from the run's start).

    `start` is the pen where its first drawn glyph begins, `advance` how far the pen moves
    from there to the unit's end, `glyphs` (glyph id, x, rise) for each drawn glyph.
    """

    unit: Unit
    start: float
    advance: float
    glyphs: tuple[tuple[int, float, float], ...]


@dataclass(frozen=True)
class Box:
    """Where a code is drawn (thousandths from the run's start) and its /W width."""

    x: float
    width: float


def _advance(run: Run, glyph_index: int) -> tuple[float, float]:
    """(offset, pen advance) of a drawn glyph, in thousandths of the font size, as WeasyPrint moves it."""
    glyph = run.glyphs[glyph_index]
    offset = glyph.x_offset / run.font_size
    logical = run.font.widths[glyph.glyph_id]
    kerning = logical + offset - glyph.width * 1000 * FROM_UNITS / run.font_size
    return offset, offset + logical - int(kerning)


def place_units(run: Run) -> tuple[list[PlacedUnit], float]:
    """The run's units with drawn glyphs, placed as WeasyPrint draws them, and the pen at the run's end."""
    pen = 0.0
    placed = []
    for unit in run.units:
        start = None
        glyphs = []
        for index in range(unit.start, unit.end):
            glyph = run.glyphs[index]
            if glyph.glyph_id is None:
                pen += glyph.width / run.font_size
                continue
            if start is None:
                start = pen
            offset, advance = _advance(run, index)
            glyphs.append((glyph.glyph_id, pen + offset, -glyph.y_offset / run.font_size))
            pen += advance
        if start is not None:
            placed.append(PlacedUnit(unit, start, pen - start, tuple(glyphs)))
    return placed, pen


def _plain(placed: PlacedUnit) -> bool:
    """Drawn as one glyph of the font at the pen, with no offset."""
    return len(placed.glyphs) == 1 and placed.glyphs[0][1:] == (placed.start, 0)


def natural_width(run: Run, placed: PlacedUnit) -> float:
    """The /W width of a unit drawn on its own: the glyph's own width, or a composite's advance."""
    if _plain(placed):
        return run.font.widths[placed.glyphs[0][0]]
    return max(0, round(placed.advance))  # a mark's advance can be a hair below 0


def boxes(run: Run, placed: list[PlacedUnit]) -> list[Box]:
    """Where each placed unit is drawn and its width: marks share the width of the unit before them.

    The letter keeps its own width less MARK_SHARE per mark, and the marks' boxes end where
    the pen ends after them, so the same mark on the same letter is always the same glyph and
    a TJ adjustment takes up any kerning between the letter and its marks.
    """
    result = [Box(unit.start, natural_width(run, unit)) for unit in placed]
    index = 0
    while index < len(placed):
        end = index + 1
        while end < len(placed) and abs(placed[end].advance) < _STILL:
            end += 1
        marks = end - index - 1
        carrier = placed[index]
        if marks and carrier.advance >= _STILL:
            own = result[index].width
            share = min(MARK_SHARE, int(own // (marks + 1)))
            result[index] = Box(carrier.start, own - marks * share)
            pen = placed[end - 1].start + placed[end - 1].advance
            for number in range(marks):
                result[index + 1 + number] = Box(pen - (marks - number) * share, share)
        index = end
    return result


class LineWriter:
    """Collects the Tf and TJ operators of one line, run by run."""

    def __init__(self) -> None:
        self._items: list[bytes] = []
        self._font: tuple[str, float] | None = None
        self._parts: list[str] = []  # the current TJ: "<hex>" groups and adjustments
        self._pen = 0.0  # where the written operators leave the pen, thousandths from the run's start

    def items(self) -> list[bytes]:
        """The operators written so far."""
        self._flush()
        return self._items

    def _flush(self) -> None:
        if self._parts:
            self._items.append(b"[" + "".join(self._parts).encode() + b"] TJ")
            self._parts = []

    def _glyph(self, code: int) -> None:
        if self._parts and self._parts[-1].startswith("<"):
            self._parts[-1] = self._parts[-1][:-1] + f"{code:04x}>"
        else:
            self._parts.append(f"<{code:04x}>")

    def _move_to(self, x: float) -> None:
        """A TJ adjustment that takes the pen to `x` (it moves left by adjustment / 1000 of the font size)."""
        adjustment = _number(self._pen - x)
        if adjustment != "0":
            self._parts.append(adjustment)
            self._pen -= float(adjustment)

    def write_run(self, run: Run, codes: FontCodes) -> None:
        """Draw the run's units with `codes`, selecting its font first when it changes."""
        font_key = (run.font.hash, run.font_size)
        if font_key != self._font:
            self._flush()
            if self._font is not None:  # the pen carries over in text space
                self._pen *= self._font[1] / run.font_size
            self._items.append(b"/" + run.font.hash.encode() + b" " + _to_bytes(run.font_size) + b" Tf")
            self._font = font_key
        placed, end = place_units(run)
        for unit, box in zip(placed, boxes(run, placed)):
            self._draw(run, unit, box, codes)
        self._pen -= end  # the next run starts where WeasyPrint's pen ends this one

    def _draw(self, run: Run, placed: PlacedUnit, box: Box, codes: FontCodes) -> None:
        if _plain(placed) and box == Box(placed.start, natural_width(run, placed)):
            self._move_to(box.x)
            glyph_id = placed.glyphs[0][0]
            self._glyph(codes.glyph_code(glyph_id, placed.unit.text, box.width))
            self._pen += box.width
            return
        scale = run.font.upem / 1000  # thousandths of the font size -> font units
        components = tuple((glyph_id, round((glyph_x - box.x) * scale), round(rise * scale))
                           for glyph_id, glyph_x, rise in placed.glyphs)
        width = round(box.width)
        composite = Composite(components, width, round(width * scale))
        self._move_to(box.x)
        self._glyph(codes.composite_code(composite, placed.unit.text, width))
        self._pen += width
