"""generator/pdf/cluster_glyphs.py: composite glyphs appended to a font, and kept for the same request."""

from __future__ import annotations

import io
from unittest import mock

from fontTools.ttLib import TTFont

import generator.pdf.cluster_glyphs as cluster_glyphs
from generator.paths import FONTS_DIR
from generator.pdf.cluster_glyphs import Composite, add_composites

FONT = (FONTS_DIR / "NotoSansLao-Regular.ttf").read_bytes()
COMPOSITES = [Composite(((5, 0, 0), (9, 120, 40)), 600, 1200), Composite(((7, 0, 0),), 500, 1000)]


def test_composites_are_appended_after_the_last_glyph() -> None:
    data, first = add_composites(FONT, 0, COMPOSITES)
    original, font = TTFont(io.BytesIO(FONT)), TTFont(io.BytesIO(data))
    assert first == len(original.getGlyphOrder()) == len(font.getGlyphOrder()) - 2
    order = font.getGlyphOrder()
    glyph = font["glyf"][order[first]]
    assert glyph.isComposite()
    assert [(c.glyphName, c.x, c.y) for c in glyph.components] == [(order[5], 0, 0), (order[9], 120, 40)]
    assert font["hmtx"][order[first + 1]][0] == 1000


def test_the_same_request_gives_the_same_bytes_without_building_the_font_again() -> None:
    data, first = add_composites(FONT, 0, COMPOSITES)
    with mock.patch.object(cluster_glyphs, "TTFont", side_effect=AssertionError("built again")):
        assert add_composites(FONT, 0, list(COMPOSITES)) == (data, first)
    other, _ = add_composites(FONT, 0, COMPOSITES[:1])
    assert other != data
