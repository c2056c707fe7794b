"""Composite glyphs for the exact text layer: several glyphs, each at its shaped offset, drawn as one.

A Lao syllable is drawn as a consonant plus marks that HarfBuzz places with offsets, and
WeasyPrint draws each offset mark in its own raised, shifted text operation. Viewers read
such a mark as a separate word (PDFium, pdf.js and MuPDF insert a space before or after
it). A TrueType composite glyph puts the same outlines at the same places inside one glyph,
so the page draws one glyph at the pen with no text rise and no shift, and the glyph gets
one character code with its whole text.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph as TTGlyph
from fontTools.ttLib.tables._g_l_y_f import GlyphComponent


@dataclass(frozen=True)
class Composite:
    """A glyph made of `components` (glyph id, x, y in font units from the pen).

    `width` is its PDF width (thousandths of the font size), `advance` the same in font units.
    """

    components: tuple[tuple[int, int, int], ...]
    width: int
    advance: int

    @property
    def glyph_ids(self) -> set[int]:
        """The glyphs this composite draws (they must stay in the subset)."""
        return {glyph_id for glyph_id, _, _ in self.components}


class CompositeError(ValueError):
    """The font cannot hold composite glyphs (no glyf table)."""


def add_composites(font_file: bytes, index: int, composites: list[Composite]) -> tuple[bytes, int]:
    """The font with `composites` appended as glyphs N, N+1, ... after its last glyph, and N
    (see `_with_composites`); the same request gives the bytes it gave before (the preview's
    next build of an unchanged subset)."""
    return _with_composites(font_file, index, tuple(composites))


@functools.lru_cache(maxsize=32)
def _with_composites(font_file: bytes, index: int, composites: tuple[Composite, ...]) -> tuple[bytes, int]:
    """The font with `composites` appended as glyphs N, N+1, ... after its last glyph, and N.

    Components keep their outlines' own hinting and metrics; the offsets are not rounded to
    the pixel grid (ROUND_XY_TO_GRID unset), so a rasteriser puts each outline where the
    separate glyph was drawn. The font's dates are kept (`recalcTimestamp=False`).
    """
    ttfont = TTFont(io.BytesIO(font_file), fontNumber=index, recalcTimestamp=False)
    if "glyf" not in ttfont:
        raise CompositeError("the font has no TrueType outlines (glyf table)")
    order = list(ttfont.getGlyphOrder())
    first = len(order)
    glyf, hmtx = ttfont["glyf"], ttfont["hmtx"]
    taken = set(order)
    names = []
    for number in range(len(composites)):
        name = f"cluster{number}"
        while name in taken:
            name += "_"
        names.append(name)
    ttfont.setGlyphOrder(order + names)
    glyf.glyphOrder = order + names
    for name, composite in zip(names, composites):
        glyph = TTGlyph()
        glyph.numberOfContours = -1
        glyph.components = []
        for glyph_id, x, y in composite.components:
            component = GlyphComponent()
            component.glyphName = order[glyph_id]
            component.x, component.y = x, y
            component.flags = 0
            glyph.components.append(component)
        glyf.glyphs[name] = glyph
        glyph.recalcBounds(glyf)
        hmtx.metrics[name] = (composite.advance, getattr(glyph, "xMin", 0))
    for table in ("hdmx", "LTSH", "VDMX", "vmtx"):  # per-glyph tables that would lack the new glyphs
        if table in ttfont:
            del ttfont[table]
    out = io.BytesIO()
    ttfont.save(out)
    return out.getvalue(), first
