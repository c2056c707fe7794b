"""The text operators of one line: each unit drawn with its code, every glyph where WeasyPrint put it.

WeasyPrint 70 moves the pen, in thousandths of the font size, by `x_offset / size` before
a glyph with an offset, by the glyph's width, then back by `int(kerning)`, where
kerning = width + offset - Pango advance; an empty glyph moves it by `width / size`; a
glyph with a vertical offset is raised by `-y_offset / 1000` text-space units. The same
arithmetic places the components of a composite glyph, so every outline lands where
WeasyPrint's own operators put it.
"""

from __future__ import annotations

from pydyf import _to_bytes
from weasyprint.text.ffi import FROM_UNITS

from generator.pdf.cluster_glyphs import Composite
from generator.pdf.font_codes import FontCodes
from generator.pdf.shaped_line import Glyph, Run, Unit


def _number(value: float) -> str:
    """A TJ adjustment, short and exact to a millionth of the font size."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class LineWriter:
    """Collects the Tf and TJ operators of one line, run by run."""

    def __init__(self) -> None:
        self._items: list[bytes] = []
        self._font: tuple[str, float] | None = None
        self._parts: list[str] = []  # the current TJ: "<hex>" groups and adjustments

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

    def _move(self, adjustment: float) -> None:
        """A TJ adjustment (the pen moves left by adjustment / 1000 of the font size)."""
        if self._parts and not self._parts[-1].startswith("<"):
            adjustment += float(self._parts.pop())
        if _number(adjustment) != "0":
            self._parts.append(_number(adjustment))

    def write_run(self, run: Run, codes: FontCodes) -> None:
        """Draw the run's units with `codes`, selecting its font first when it changes."""
        font_key = (run.font.hash, run.font_size)
        if font_key != self._font:
            self._flush()
            self._items.append(b"/" + run.font.hash.encode() + b" " + _to_bytes(run.font_size) + b" Tf")
            self._font = font_key
        for unit in run.units:
            self._write_unit(run, unit, codes)

    def _advance(self, run: Run, glyph: Glyph) -> tuple[float, float]:
        """(offset, pen advance) of a drawn glyph, in thousandths of the font size, as WeasyPrint moves it."""
        offset = glyph.x_offset / run.font_size
        logical = run.font.widths[glyph.glyph_id]
        kerning = logical + offset - glyph.width * 1000 * FROM_UNITS / run.font_size
        return offset, offset + logical - int(kerning)

    def _write_unit(self, run: Run, unit: Unit, codes: FontCodes) -> None:
        glyphs = run.glyphs[unit.start:unit.end]
        drawn = [glyph for glyph in glyphs if glyph.glyph_id is not None]
        if not drawn:
            for glyph in glyphs:
                self._move(-glyph.width / run.font_size)
            return
        if len(drawn) == 1 and drawn[0].plain:
            for glyph in glyphs:
                if glyph.glyph_id is None:
                    self._move(-glyph.width / run.font_size)
                    continue
                logical = run.font.widths[glyph.glyph_id]
                self._glyph(codes.glyph_code(glyph.glyph_id, unit.text, logical))
                _, advance = self._advance(run, glyph)
                self._move(logical - advance)
            return
        composite, advance = self._composite(run, glyphs)
        width = composite.width
        self._glyph(codes.composite_code(composite, unit.text, width))
        self._move(width - advance)

    def _composite(self, run: Run, glyphs: list[Glyph]) -> tuple[Composite, float]:
        """The composite glyph that draws `glyphs` as WeasyPrint would, and its pen advance."""
        scale = run.font.upem / 1000  # thousandths of the font size -> font units
        pen = 0.0
        components = []
        for glyph in glyphs:
            if glyph.glyph_id is None:
                pen += glyph.width / run.font_size
                continue
            offset, advance = self._advance(run, glyph)
            rise = -glyph.y_offset / run.font_size  # WeasyPrint's text rise, in thousandths
            components.append((glyph.glyph_id, round((pen + offset) * scale), round(rise * scale)))
            pen += advance
        width = max(0, round(pen))  # a mark's advance can be a hair below 0; the TJ adjustment keeps it
        return Composite(tuple(components), width, round(width * scale)), pen
