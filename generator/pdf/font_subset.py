"""WeasyPrint's fontTools subsetting, made cheap: the same subset bytes, without decoding what it drops.

fontTools 4.68's `Subsetter.subset` decodes a font's GSUB and GPOS tables in full (to lower
their in-memory layout) before it drops them, as WeasyPrint asks it to: 60–120 ms per Noto
face, most of the PDF's writing time. The tables play no part in the subset (they are
dropped before the glyph closure), so removing them from the font file first, once per file
and process, gives the subsetter's very bytes (checked by the reproducibility tests and the
benchmark's byte comparison). A subset is also kept for the next request of the same font,
glyphs, options and font date (a long-running process such as the preview).
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import fontTools.ttLib.tables._h_e_a_d as ft_head
from fontTools.ttLib import TTFont, TTLibError

# The tables WeasyPrint 70 drops when it subsets (weasyprint/pdf/fonts.py, `_fonttools_subset`)
# that fontTools would decode first.
DROPPED_LAYOUT_TABLES = ("GSUB", "GPOS")
_KEPT_SUBSETS = 32

_subsets: OrderedDict[tuple, bytes] = OrderedDict()


def _digest(data: bytes) -> bytes:
    """A digest that identifies a font file's bytes."""
    return hashlib.sha256(data).digest()


@functools.lru_cache(maxsize=16)
def _without_layout_tables(digest: bytes, data: bytes) -> bytes:
    """`data` (a font file with that digest) without the tables the subset drops anyway; `data`
    itself when it has none of them or fontTools cannot read it (the subsetter then says so)."""
    try:
        font = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
        if not any(tag in font for tag in DROPPED_LAYOUT_TABLES):
            return data
        for tag in DROPPED_LAYOUT_TABLES:
            if tag in font:
                del font[tag]
        out = io.BytesIO()
        font.save(out, reorderTables=True)
    except (TTLibError, AssertionError, ValueError, KeyError, OSError):
        return data
    return out.getvalue()


def fast_fonttools_subset(original: Callable[[Any, dict, bool], None]) -> Callable[[Any, dict, bool], None]:
    """Wrap WeasyPrint's `Font._fonttools_subset(to_unicode, hinting)`: it subsets the font file
    without its layout tables, and reuses a subset it made before for the same request."""

    def _fonttools_subset(self: Any, to_unicode: dict, hinting: bool) -> None:
        digest = _digest(self.file_content)
        key = (digest, self.index, frozenset(to_unicode), bool(hinting), bool(self.missing),
               ft_head.timestampNow())
        if key in _subsets:
            _subsets.move_to_end(key)
            self.file_content = _subsets[key]
            return
        stripped = _without_layout_tables(digest, self.file_content)
        self.file_content = stripped
        original(self, to_unicode, hinting)
        if self.file_content is not stripped:  # unchanged: fontTools failed and WeasyPrint warned
            _subsets[key] = self.file_content
            while len(_subsets) > _KEPT_SUBSETS:
                _subsets.popitem(last=False)

    return _fonttools_subset
