"""The character codes of one WeasyPrint font in the exact text layer: what each draws and copies as."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.pdf.cluster_glyphs import Composite

MAX_CODE = 0xFFFF  # two-byte codes (Identity-H)
_ATTRIBUTE = "_exact_text_layer"


class TextLayerError(RuntimeError):
    """The exact text layer cannot be written (WeasyPrint changed, or an unsupported option or font)."""


@dataclass
class FontCodes:
    """Codes drawn with one font: code -> text, width and glyph (a glyph id or a composite)."""

    font: Any  # weasyprint.pdf.fonts.Font
    to_unicode: dict[int, str] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    composites: list[Composite] = field(default_factory=list)
    first_composite_glyph: int | None = None  # set when the composites are added to the subset
    cleaned: bool = False
    _codes: dict[tuple[object, str], int] = field(default_factory=dict)
    _glyphs: dict[int, int] = field(default_factory=dict)  # code -> glyph id
    _composite_codes: dict[int, int] = field(default_factory=dict)  # code -> index in composites
    _composite_index: dict[Composite, int] = field(default_factory=dict)

    def glyph_code(self, glyph_id: int, text: str, width: float) -> int:
        """The code that draws glyph `glyph_id` and copies as `text`: the glyph id the first time."""
        code = self._codes.get((glyph_id, text))
        if code is None:
            code = glyph_id if glyph_id not in self.to_unicode else self._new_code()
            self._codes[(glyph_id, text)] = code
            self._glyphs[code] = glyph_id
            self.to_unicode[code] = text
            self.widths[code] = width
        return code

    def composite_code(self, composite: Composite, text: str, width: int) -> int:
        """The code that draws `composite` (added to the font) and copies as `text`."""
        code = self._codes.get((composite, text))
        if code is None:
            index = self._composite_index.get(composite)
            if index is None:
                index = self._composite_index[composite] = len(self.composites)
                self.composites.append(composite)
            code = self._new_code()
            self._codes[(composite, text)] = code
            self._composite_codes[code] = index
            self.to_unicode[code] = text
            self.widths[code] = width
        return code

    def _new_code(self) -> int:
        """A code no glyph and no missing-glyph id of the font uses (WeasyPrint's own counter)."""
        # Same counter as Font.get_unused_glyph_id: advancing glyph_count reserves the id.
        code = self.font.glyph_count + len(self.font.missing)
        if code > MAX_CODE:
            raise TextLayerError(f'font "{self.font.family}": more than {MAX_CODE + 1} character codes needed')
        self.font.glyph_count += 1
        return code

    def glyph_of(self, code: int) -> int:
        """The glyph id in the embedded subset that `code` draws."""
        if code in self._composite_codes:
            if self.first_composite_glyph is None:
                raise TextLayerError(f'font "{self.font.family}": composite glyphs were not added')
            return self.first_composite_glyph + self._composite_codes[code]
        return self._glyphs[code]

    def kept_glyphs(self) -> set[int]:
        """The glyphs the subset must keep: .notdef, every drawn glyph, every composite's components."""
        missing = set(self.font.missing.values())
        kept = {0} | {glyph for glyph in self._glyphs.values() if glyph not in missing}
        for composite in self.composites:
            kept |= composite.glyph_ids
        return kept


def codes_of(font: Any) -> FontCodes:
    """The codes of a WeasyPrint font (created on first use)."""
    codes = getattr(font, _ATTRIBUTE, None)
    if codes is None:
        codes = FontCodes(font)
        setattr(font, _ATTRIBUTE, codes)
    return codes
