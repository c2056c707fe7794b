"""The glyphs of one laid-out Pango line, run by run, grouped into the units the text layer draws.

A unit is a run of consecutive glyphs that the PDF draws with one character code: one glyph
where that glyph stands for its own text, one composite glyph where several glyphs make up
a text (a consonant with its marks, ຳ drawn as ໍ + າ) or where a glyph is drawn away from the
pen (a mark placed by GPOS offsets). Each unit carries the exact text it stands for, so the
units of a line concatenate to the line's typed text without the U+200B word breaks.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

import generator.pdf.libraries  # noqa: F401  (before any weasyprint import: a quick library search)
from fontTools.ttLib import TTFont, TTLibError
from weasyprint.text.ffi import ffi, pango

from generator.lao import ZWSP  # inserted at Lao word boundaries for layout only; never in the text layer


@dataclass(frozen=True)
class Glyph:
    """One Pango glyph: id (None for an empty glyph), Pango-unit advance and offsets."""

    glyph_id: int | None
    width: int
    x_offset: int
    y_offset: int

    @property
    def plain(self) -> bool:
        """Drawn at the pen, with no offset."""
        return self.x_offset == 0 and self.y_offset == 0


@dataclass(frozen=True)
class Unit:
    """Glyphs `start:end` of a run, drawn with one code that copies as `text` (empty glyphs only: no code)."""

    start: int
    end: int
    text: str


@dataclass
class Run:
    """One Pango run: its WeasyPrint font and size, its glyphs and their units in drawing order."""

    font: Any  # weasyprint.pdf.fonts.Font
    font_size: float
    glyphs: list[Glyph]
    units: list[Unit]


def split_cluster(text: str, natural: list[str | None]) -> list[str]:
    """Split a cluster's text over its glyphs so that the pieces concatenate to `text`.

    `natural[k]` is the character glyph k draws on its own (from the font's cmap), or None.
    Glyphs take their own character while it comes next in the text, others take "", and
    the last glyph takes the rest: [ໍ, ້, າ] for "້ຳ" gives ["", "້", "ຳ"].
    """
    pieces = []
    position = 0
    for character in natural[:-1]:
        if character is not None and text.startswith(character, position):
            pieces.append(character)
            position += len(character)
        else:
            pieces.append("")
    pieces.append(text[position:])
    return pieces


_CMAP_ATTRIBUTE = "_exact_text_layer_cmap"


# Per font file (its digest) and font index; as many entries as distinct font files drawn with.
_CMAPS: dict[tuple[bytes, int], dict[int, int]] = {}


def _font_cmap(font: Any) -> dict[int, int]:
    """The font's code point -> glyph id map (its best Unicode cmap subtable), kept on the font
    and, for the next document in this process, by the font file's digest; never changed by its users."""
    cmap = getattr(font, _CMAP_ATTRIBUTE, None)
    if cmap is None:
        key = (hashlib.sha256(font.file_content).digest(), font.index)
        cmap = _CMAPS.get(key)
        if cmap is None:
            try:
                ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
                best = ttfont.getBestCmap() or {}
                cmap = {cp: ttfont.getGlyphID(name) for cp, name in best.items()}
            except TTLibError:  # no usable cmap: every multi-glyph cluster goes to its last glyph
                cmap = {}
            _CMAPS[key] = cmap
        setattr(font, _CMAP_ATTRIBUTE, cmap)
    return cmap


def _natural_characters(font: Any, glyph_ids: list[int], text: str) -> list[str | None]:
    """For each glyph of a cluster, the cluster character the font maps to it, or None."""
    if len(glyph_ids) == 1:
        return [None]
    cmap = _font_cmap(font)
    by_glyph: dict[int | None, str] = {}
    for character in text:
        by_glyph.setdefault(cmap.get(ord(character)), character)
    return [by_glyph.get(glyph_id) for glyph_id in glyph_ids]


def character_units(font: Any, glyphs: list[Glyph], start: int, end: int, text: str) -> list[Unit]:
    """The units of one cluster (glyphs start:end, `text`): one per character where the glyphs allow.

    Each drawn glyph takes its share of the text (`split_cluster`); a glyph whose share is
    empty (ໍ of ຳ, moved before a tone mark) joins the unit of the next glyph, or of the
    previous one at the end of the cluster, so that no code copies as nothing. Empty
    glyphs go with the drawn glyph after them.
    """
    if end - start == 1 and glyphs[start].glyph_id is not None:  # one drawn glyph: the whole text (most clusters)
        return [Unit(start, end, text)]
    drawn = [k for k in range(start, end) if glyphs[k].glyph_id is not None]
    pieces = split_cluster(text, _natural_characters(font, [glyphs[k].glyph_id for k in drawn], text))
    units: list[Unit] = []
    unit_start, unit_text = start, ""
    for index, (k, piece) in enumerate(zip(drawn, pieces)):
        unit_text += piece
        if unit_text:
            unit_end = end if index == len(drawn) - 1 else k + 1
            units.append(Unit(unit_start, unit_end, unit_text))
            unit_start, unit_text = unit_end, ""
    if unit_start < end:  # the cluster's last glyphs copy as nothing: they join the unit before
        if units:
            units[-1] = Unit(units[-1].start, end, units[-1].text)
        else:
            units.append(Unit(start, end, ""))
    return units


def line_runs(stream: Any, textbox: Any) -> list[Run]:
    """The runs of the textbox's first line as WeasyPrint draws them, with their units.

    Walks the Pango line as `draw_first_line` does. The text of a cluster made of empty
    glyphs only (PANGO_GLYPH_EMPTY, e.g. U+200B), minus U+200B, moves to the next drawn
    unit, or to the last one at the end of the line.
    """
    line, _ = textbox.pango_layout.get_first_line()
    utf8_text = textbox.pango_layout.text.encode()
    runs: list[Run] = []
    pending = ""
    last_drawn: tuple[int, int] | None = None  # (run index, unit index) of the last unit with a code
    run = line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        font, font_size = stream.add_font(glyph_item.item.analysis.font)
        if pango.pango_version() < 14802 or font.png:  # as draw_first_line does
            font_size = textbox.style["font_size"]
        glyph_string = glyph_item.glyphs
        infos = glyph_string.glyphs
        count = glyph_string.num_glyphs
        glyphs = []
        for k in range(count):
            glyph_id = infos[k].glyph
            if glyph_id == pango.PANGO_GLYPH_EMPTY:
                glyphs.append(Glyph(None, infos[k].geometry.width, 0, 0))
                continue
            if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                glyph_id = font.get_unused_glyph_id(glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG)
            geometry = infos[k].geometry
            glyphs.append(Glyph(glyph_id, geometry.width, geometry.x_offset, geometry.y_offset))
        clusters = ffi.unpack(glyph_string.log_clusters, count)
        offset, length = glyph_item.item.offset, glyph_item.item.length
        rtl = glyph_item.item.analysis.level % 2
        units: list[Unit] = []
        start = 0
        while start < count:
            end = start
            while end < count and clusters[end] == clusters[start]:
                end += 1
            if rtl:
                text_end = length if start == 0 else clusters[start - 1]
            else:
                text_end = length if end == count else clusters[end]
            text = utf8_text[offset + clusters[start]:offset + text_end].decode()
            text = pending + text.replace(ZWSP, "")
            if all(glyphs[k].glyph_id is None for k in range(start, end)):
                units.append(Unit(start, end, ""))
                pending = text
            else:
                pending = ""
                units += character_units(font, glyphs, start, end, text)
                last_drawn = (len(runs), len(units) - 1)
            start = end
        runs.append(Run(font, font_size, glyphs, units))
    if pending and last_drawn is not None:
        run_index, unit_index = last_drawn
        unit = runs[run_index].units[unit_index]
        runs[run_index].units[unit_index] = Unit(unit.start, unit.end, unit.text + pending)
    return runs
