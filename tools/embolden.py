"""Derive "Phetsarath OT Bold" from the regular Phetsarath OT by thickening every outline.

Run `python tools/embolden.py` (or `make fonts`): reads fonts/PhetsarathOT.ttf and writes
fonts/PhetsarathOT-Bold.ttf. The same input and the same skia-pathops give the same bytes.

Each outline grows outward by half the stroke on either side, horizontally, and by a smaller
amount vertically (a real bold thickens stems more than horizontals, and the gaps between
Lao stacked marks and their bases are small); counters shrink by the same amounts. Glyphs
with an advance get `stroke` wider and move right by half of it, so both side bearings stay
as designed. Zero-width marks keep their advance and move left by half of it, so that a mark
placed without GPOS still sits over the centre of its (wider, shifted) base; GPOS anchors move
with the outline of their glyph, so anchored marks keep their place relative to the base, and
where a mark would now touch a base it cleared in the regular face, the base's anchor moves
the mark away by the gap the thickening closed.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pathops
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables import otTables
from fontTools.ttLib.tables._g_l_y_f import Glyph
from fontTools.ttLib.tables.ttProgram import Program
from fontTools.ttLib.ttGlyphSet import _TTGlyphSet

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "fonts" / "PhetsarathOT.ttf"
OUTPUT = ROOT / "fonts" / "PhetsarathOT-Bold.ttf"

STROKE_PER_EM = 0.025  # horizontal thickening of each stem, as a fraction of unitsPerEm
VERTICAL_RATIO = 0.5  # vertical thickening relative to the horizontal one
MITER_LIMIT = 2.0  # corners sharper than 60 degrees are bevelled, not spiked
CURVE_TOLERANCE = 1.0  # font units: how far a converted quadratic may stray from the cubic

FAMILY = "Phetsarath OT"
SUBFAMILY = "Bold"
FULL_NAME = f"{FAMILY} {SUBFAMILY}"
POSTSCRIPT_NAME = "PhetsarathOT-Bold"

_HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX")
_HEAD_FLAG_INTEGER_PPEM = 1 << 3
_HEAD_FLAG_INSTRUCTIONS_ALTER_ADVANCE = 1 << 4
_FS_SELECTION_BOLD = 1 << 5
_FS_SELECTION_REGULAR = 1 << 6
_MAC_STYLE_BOLD = 1 << 0
_PANOSE_WEIGHT_BOLD = 8
_GASP_GRAY_SYMMETRIC = 0x0002 | 0x0008


def stroke_units(units_per_em: int) -> int:
    """The horizontal thickening in font units: STROKE_PER_EM of the em, rounded to an even number."""
    return 2 * round(units_per_em * STROKE_PER_EM / 2)


def outline(glyph_set: _TTGlyphSet, name: str, offset: tuple[int, int] = (0, 0)) -> pathops.Path:
    """The outline of glyph `name`, components decomposed, moved by `offset`."""
    path = pathops.Path()
    glyph_set[name].draw(TransformPen(path.getPen(glyphSet=glyph_set), (1, 0, 0, 1, *offset)))
    return path


def embolden_path(path: pathops.Path, stroke: float, vertical_ratio: float) -> pathops.Path:
    """`path` grown outward by stroke/2 horizontally and stroke*vertical_ratio/2 vertically.

    The grown outline is the union of the filled outline and its stroke with an elliptical
    pen, drawn with a round pen in a space squashed vertically; the result winds clockwise
    around filled areas, as TrueType wants.
    """
    squash = (1, 0, 0, 1 / vertical_ratio, 0, 0)
    unsquash = (1, 0, 0, vertical_ratio, 0, 0)
    filled = pathops.Path()
    path.draw(TransformPen(filled.getPen(), squash))
    filled.fillType = path.fillType
    band = pathops.Path(filled)
    band.stroke(stroke, pathops.LineCap.BUTT_CAP, pathops.LineJoin.MITER_JOIN, MITER_LIMIT)
    grown = pathops.op(filled, band, pathops.PathOp.UNION, fix_winding=True,
                       keep_starting_points=False, clockwise=True)
    result = pathops.Path()
    grown.draw(TransformPen(result.getPen(), unsquash))
    return result


def embolden_glyph(glyph_set: _TTGlyphSet, name: str, stroke: int, dx: int) -> Glyph:
    """The bold version of glyph `name`: outline grown, moved right by `dx`, quadratic, unhinted.

    Components are decomposed: the result is always a simple glyph (or an empty one).
    """
    regular = outline(glyph_set, name)
    pen = TTGlyphPen(None)
    if not regular.area:
        return pen.glyph()
    grown = embolden_path(regular, stroke, VERTICAL_RATIO)
    grown.draw(TransformPen(Cu2QuPen(pen, CURVE_TOLERANCE), (1, 0, 0, 1, dx, 0)))
    return pen.glyph()  # with an empty program


def shifts(font: TTFont, stroke: int, keep: set[str]) -> dict[str, int]:
    """How far each glyph's outline moves right: half the stroke, left by it for zero-width
    glyphs, not at all for the glyphs in `keep`."""
    return {name: 0 if name in keep else stroke // 2 if advance > 0 else -(stroke // 2)
            for name, (advance, _) in font["hmtx"].metrics.items()}


def format_glyphs(font: TTFont) -> set[str]:
    """The glyphs that only format characters (ZWSP, ZWNJ, ZWJ...) map to.

    Phetsarath OT draws them as placeholders (a 2-unit speck for U+200B, a hairline for
    U+200C); shapers hide them, but a thickened speck would show wherever one does not.
    """
    by_glyph: dict[str, set[str]] = {}
    for code, name in font.getBestCmap().items():
        by_glyph.setdefault(name, set()).add(unicodedata.category(chr(code)))
    return {name for name, categories in by_glyph.items() if categories == {"Cf"}}


def embolden_outlines(font: TTFont, stroke: int, dx: dict[str, int], keep: set[str]) -> None:
    """Replace every glyph not in `keep` by its bold version, widening its advance (if any) by `stroke`."""
    glyf, hmtx = font["glyf"], font["hmtx"]
    glyph_set = font.getGlyphSet()
    bold = {name: embolden_glyph(glyph_set, name, stroke, dx[name])
            for name in font.getGlyphOrder() if name not in keep}
    for name, glyph in bold.items():
        glyph.recalcBounds(glyf)
        glyf[name] = glyph
        advance, lsb = hmtx[name]
        hmtx[name] = (advance + stroke if advance > 0 else advance,
                      glyph.xMin if glyph.numberOfContours else lsb)


@dataclass(frozen=True)
class Attachment:
    """A mark `mark` attached to `base` (a base glyph or a mark) through two GPOS anchors."""

    base: str
    base_anchor: otTables.Anchor
    mark: str
    mark_anchor: otTables.Anchor

    @property
    def offset(self) -> tuple[int, int]:
        """Where the mark's origin goes relative to the base's origin."""
        return (self.base_anchor.XCoordinate - self.mark_anchor.XCoordinate,
                self.base_anchor.YCoordinate - self.mark_anchor.YCoordinate)


def attachments(font: TTFont) -> list[Attachment]:
    """Every base-mark pair of the mark-to-base and mark-to-mark lookups of the font's GPOS."""
    if "GPOS" not in font:
        return []
    found = []
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            if lookup.LookupType == 4:
                marks, bases = sub.MarkCoverage.glyphs, sub.BaseCoverage.glyphs
                mark_records = sub.MarkArray.MarkRecord
                base_anchors = [r.BaseAnchor for r in sub.BaseArray.BaseRecord]
            elif lookup.LookupType == 6:
                marks, bases = sub.Mark1Coverage.glyphs, sub.Mark2Coverage.glyphs
                mark_records = sub.Mark1Array.MarkRecord
                base_anchors = [r.Mark2Anchor for r in sub.Mark2Array.Mark2Record]
            elif lookup.LookupType in (3, 5, 8, 9):
                raise ValueError(f"GPOS lookup type {lookup.LookupType} is not handled by this tool")
            else:
                continue
            for base, anchors in zip(bases, base_anchors):
                for mark, record in zip(marks, mark_records):
                    if anchors[record.Class] is not None:
                        found.append(Attachment(base, anchors[record.Class], mark, record.MarkAnchor))
    return found


def move_anchors(font: TTFont, dx: dict[str, int]) -> None:
    """Move every GPOS anchor with the outline of its glyph; contour-point anchors become plain ones."""
    gdef = font["GDEF"].table if "GDEF" in font else None
    if gdef is not None and gdef.LigCaretList is not None and gdef.LigCaretList.LigGlyphCount:
        raise ValueError("GDEF ligature carets are not handled by this tool")
    moved: set[int] = set()  # an Anchor object may serve several records: move it once
    for attachment in attachments(font):
        for glyph, anchor in ((attachment.base, attachment.base_anchor),
                              (attachment.mark, attachment.mark_anchor)):
            if id(anchor) in moved:
                continue
            moved.add(id(anchor))
            anchor.XCoordinate += dx[glyph]
            if anchor.Format != 1:  # point numbers and device tables refer to the old outline
                anchor.Format = 1
                for attr in ("AnchorPoint", "XDeviceTable", "YDeviceTable"):
                    if hasattr(anchor, attr):
                        delattr(anchor, attr)


def _overlap(glyph_set: _TTGlyphSet, attachment: Attachment) -> tuple[float, pathops.Path]:
    """The area where an attached mark covers its base, and that region."""
    base = outline(glyph_set, attachment.base)
    mark = outline(glyph_set, attachment.mark, attachment.offset)
    region = pathops.op(base, mark, pathops.PathOp.INTERSECTION)
    return region.area, region


def _centre(bounds: tuple[float, float, float, float]) -> tuple[float, float]:
    """The centre of a bounding box (xMin, yMin, xMax, yMax)."""
    return (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2


def keep_marks_clear(regular: TTFont, bold: TTFont, stroke: int) -> None:
    """Move base anchors so that no mark touches a base in `bold` that it cleared in `regular`.

    Two shapes that face each other close their gap by the whole stroke (horizontally) or
    stroke*VERTICAL_RATIO (vertically) when both grow; moving the base's anchor away by that
    amount restores the designed gap. It matters for the above vowels on ປ ຝ ຟ ຢ, which the
    font places a few units left of the ascender.
    """
    regular_set, bold_set = regular.getGlyphSet(), bold.getGlyphSet()
    clear = [_overlap(regular_set, a)[0] == 0 for a in attachments(regular)]
    nudged: set[int] = set()
    for was_clear, attachment in zip(clear, attachments(bold), strict=True):
        if not was_clear or id(attachment.base_anchor) in nudged:
            continue
        area, region = _overlap(bold_set, attachment)
        if area == 0:
            continue
        mark_x, mark_y = _centre(outline(bold_set, attachment.mark, attachment.offset).bounds)
        region_x, region_y = _centre(region.bounds)
        anchor = attachment.base_anchor
        if abs(mark_x - region_x) >= abs(mark_y - region_y):
            anchor.XCoordinate += stroke if mark_x > region_x else -stroke
        else:
            gap = round(stroke * VERTICAL_RATIO)
            anchor.YCoordinate += gap if mark_y > region_y else -gap
        nudged.add(id(anchor))


def drop_hinting(font: TTFont) -> None:
    """Remove the TrueType instructions, which were written for the regular outlines."""
    for tag in _HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.numberOfContours:  # empty glyphs carry no program
            glyph.program = Program()
            glyph.program.fromBytecode(b"")
    head, maxp = font["head"], font["maxp"]
    head.flags &= ~(_HEAD_FLAG_INTEGER_PPEM | _HEAD_FLAG_INSTRUCTIONS_ALTER_ADVANCE)
    maxp.maxZones = 1
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, attr, 0)
    gasp = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: _GASP_GRAY_SYMMETRIC}
    font["gasp"] = gasp


def set_bold_style(font: TTFont) -> None:
    """Mark the font as the Bold face of its family in OS/2 and head."""
    os2 = font["OS/2"]
    os2.usWeightClass = 700
    os2.fsSelection = (os2.fsSelection | _FS_SELECTION_BOLD) & ~_FS_SELECTION_REGULAR
    if os2.panose.bFamilyType == 2:  # Latin text: the weight digit is meaningful
        os2.panose.bWeight = _PANOSE_WEIGHT_BOLD
    os2.recalcAvgCharWidth(font)
    font["head"].macStyle |= _MAC_STYLE_BOLD


# LGPL-2.1 §2(a) asks a modified work to carry the date of the change; fixed for reproducibility.
DERIVED_ON = "2026-11-26"


def rename(font: TTFont, stroke: int, source_version: str) -> None:
    """Give the font the names of the Bold face and say where it comes from (LGPL-2.1 §2a)."""
    units = font["head"].unitsPerEm
    provenance = (f"Derived on {DERIVED_ON} from {FAMILY} {source_version} by tools/embolden.py of the Lao "
                  f"briefing generator: stems thickened by {stroke}/{units} em horizontally and "
                  f"{round(stroke * VERTICAL_RATIO)}/{units} em vertically; hinting removed. "
                  "Licensed, like the original, under the GNU LGPL version 2.1 or later.")
    names = {
        1: FAMILY,
        2: SUBFAMILY,
        3: f"{FULL_NAME}: {source_version}: tools/embolden.py",
        4: FULL_NAME,
        5: f"Version {source_version}; derived by tools/embolden.py",
        6: POSTSCRIPT_NAME,
        10: provenance,
        16: FAMILY,
        17: SUBFAMILY,
        18: FULL_NAME,
    }
    table = font["name"]
    platforms = sorted({(r.platformID, r.platEncID, r.langID) for r in table.names})
    table.names = [r for r in table.names if r.nameID not in names and r.nameID != 20]
    for name_id, text in names.items():
        for platform, encoding, language in platforms:
            table.setName(text, name_id, platform, encoding, language)


def embolden_font(font: TTFont, regular: TTFont) -> TTFont:
    """Turn `font`, a copy of the regular Phetsarath OT `regular`, into Phetsarath OT Bold."""
    stroke = stroke_units(font["head"].unitsPerEm)
    source_version = font["name"].getDebugName(5) or "unknown version"
    keep = format_glyphs(font)
    dx = shifts(font, stroke, keep)
    drop_hinting(font)
    embolden_outlines(font, stroke, dx, keep)
    move_anchors(font, dx)
    keep_marks_clear(regular, font, stroke)
    set_bold_style(font)
    rename(font, stroke, source_version)
    return font


def build(source: Path, output: Path) -> None:
    """Write the bold face derived from `source` to `output`; timestamps come from `source`."""
    font = TTFont(source, recalcTimestamp=False)
    embolden_font(font, TTFont(source))
    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(output)


def main(argv: list[str] | None = None) -> int:
    """Command line: `embolden.py [--source REGULAR.ttf] [--output BOLD.ttf]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"default: {SOURCE}")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    args = parser.parse_args(argv)
    build(args.source, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
