"""Where the pages draw each glyph outline, composite glyphs expanded (MuPDF's text trace),
to compare the exact text layer's page with plain WeasyPrint's."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pymupdf
from fontTools.ttLib import TTFont


def drawn_outlines(pdf: Path) -> list[tuple[int, str, str, float, float]]:
    """Every glyph outline the pages draw: (page, font, glyph name, x, y), composite glyphs
    expanded into their components, positions in points (MuPDF's text trace)."""
    outlines = []
    with pymupdf.open(pdf) as document:
        fonts: dict[str, TTFont] = {}
        for page_number, page in enumerate(document):
            for xref, _, _, base, _, _ in page.get_fonts():
                name = base.split("+", 1)[-1]
                if name not in fonts:
                    fonts[name] = TTFont(io.BytesIO(document.extract_font(xref)[3]))
            for span in page.get_texttrace():
                # MuPDF shortens long font names: "Briefing-Phetsarath-OT-B" for "...-Bold".
                matches = [n for n in fonts if n == span["font"]] or [
                    n for n in fonts if n.startswith(span["font"])]
                assert len(matches) == 1, (span["font"], sorted(fonts))
                font = fonts[matches[0]]
                order, glyf = font.getGlyphOrder(), font["glyf"]
                scale = span["size"] / font["head"].unitsPerEm
                for _, glyph_id, (x, y), _ in span["chars"]:
                    if glyph_id < 0:  # a space MuPDF adds, no glyph
                        continue
                    for glyph_name, dx, dy in _components(glyf, order[glyph_id], 0, 0):
                        outlines.append((page_number, span["font"], glyph_name,
                                         x + dx * scale, y - dy * scale))
    return sorted(outlines)


def _components(glyf: Any, name: str, dx: int, dy: int) -> list[tuple[str, int, int]]:
    """The simple glyphs a glyph draws, with their offsets (a composite's components, recursively)."""
    glyph = glyf[name]
    if not glyph.isComposite():
        return [(name, dx, dy)]
    return [part for component in glyph.components
            for part in _components(glyf, component.glyphName, dx + component.x, dy + component.y)]


def misplaced_outlines(expected: list[tuple], drawn: list[tuple], tolerance: float) -> list[tuple]:
    """The outlines of either list with no outline of the same glyph and font on the same page
    within `tolerance` points in the other (each outline matches at most once)."""
    groups: dict[tuple, list[tuple[float, float]]] = {}
    for page, font, name, x, y in drawn:
        groups.setdefault((page, font, name), []).append((x, y))
    unmatched = []
    for page, font, name, x, y in expected:
        candidates = groups.get((page, font, name), [])
        for index, (cx, cy) in enumerate(candidates):
            if abs(cx - x) <= tolerance and abs(cy - y) <= tolerance:
                del candidates[index]
                break
        else:
            unmatched.append((page, font, name, x, y))
    return unmatched + [(*key, x, y) for key, rest in groups.items() for x, y in rest]
