"""An exact PDF text layer for WeasyPrint 70: every drawn character code copies as its own typed text.

Why: WeasyPrint 70 writes the glyph id as the character code and gives each glyph one
ToUnicode entry, the text of the first cluster it met the glyph in; glyphs inside a
cluster get an empty entry, which PDFium, pdf.js and MuPDF replace by the code itself (a
stray Latin letter); and marks placed with a vertical offset go into their own raised
text operations, which those viewers read as separate words. HarfBuzz's Lao shaper also
splits ຳ into ໍ + າ and merges a tone mark before it, so one glyph stands for different
texts in different places.

How: four narrow wrappers, active only inside `exact_text_layer()`:

- `weasyprint.draw.text.draw_first_line`: WeasyPrint draws the line as before (recording
  widths); then its text operators are replaced by ours for the same Pango line
  (`shaped_line.line_runs`): one code per unit, where a unit is a glyph that stands for its
  own character, or a composite glyph (`cluster_glyphs`) for a glyph drawn off the pen or a
  group of glyphs that make up one character (ໍ + າ). Every glyph lands where WeasyPrint
  put it; there is no text rise and no shift inside a syllable any more. A (glyph, text)
  pair gets the glyph id as its code the first time, an alias code after that; alias and
  composite codes come from WeasyPrint's missing-glyph counter (`Font.glyph_count +
  len(Font.missing)`), so they never collide with glyph ids or missing-glyph codes.
- `weasyprint.pdf.fonts.Font.clean`: the subset keeps exactly the glyphs our codes draw,
  composite components included; the composites are then appended to the subset font.
- `weasyprint.pdf.build_fonts_dictionary`: the ToUnicode map and widths hold
  exactly the codes drawn, each with its text (never an empty one).
- `weasyprint.pdf.fonts._build_vector_font_dictionary`: `/CIDToGIDMap` sends each code to
  its glyph. The encoding stays Identity-H, so code == CID, and extractors that key the
  ToUnicode map by CID (poppler) or by code (pdfminer, PDFium, pdf.js, MuPDF) agree.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import generator.pdf.libraries  # noqa: F401  (before any weasyprint import: a quick library search)
import pydyf
import weasyprint
import weasyprint.draw.text as wp_draw_text
import weasyprint.pdf as wp_pdf
import weasyprint.pdf.fonts as wp_pdf_fonts

from generator.pdf.cluster_glyphs import CompositeError, add_composites
from generator.pdf.font_codes import MAX_CODE, FontCodes, TextLayerError, codes_of
from generator.pdf.line_writer import LineWriter
from generator.pdf.shaped_line import line_runs

__all__ = ["MAX_CODE", "TextLayerError", "WEASYPRINT_VERSION", "check_weasyprint",
           "exact_text_layer", "write_pdf_exact"]

WEASYPRINT_VERSION = "70.0"  # the version whose internals the wrappers below rely on

_TEXT_OPERATOR = re.compile(rb"(?:\[.*\] TJ|-?[0-9.]+ Ts|/\S+ -?[0-9.]+ Tf)$", re.DOTALL)
_HEX_GROUP = re.compile(rb"<([0-9a-fA-F]*)>")


def _drawn_glyph_ids(items: list[bytes]) -> list[int]:
    """The 4-digit glyph codes of WeasyPrint's TJ operators, in order."""
    codes = []
    for item in items:
        if item.endswith(b"] TJ"):
            for group in _HEX_GROUP.findall(item):
                codes += [int(group[i:i + 4], 16) for i in range(0, len(group), 4)]
    return codes


def _exact_draw_first_line(original: Any) -> Any:
    """Wrap WeasyPrint's `draw_first_line`: same glyphs at the same places, drawn with exact codes."""

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        first_item = len(stream.stream)
        emojis = original(stream, textbox, text_overflow, block_ellipsis, matrix)
        items = stream.stream[first_item:]
        if not items:  # nothing drawn for blank lines
            return emojis
        runs = line_runs(stream, textbox)
        for run in runs:
            font = run.font
            if font.bitmap or font.png or font.svg or font.colr:
                raise TextLayerError(f'font "{font.family}" is a bitmap or colour font: '
                                     "the exact text layer needs vector outlines")
        drawn = [glyph.glyph_id for run in runs for glyph in run.glyphs if glyph.glyph_id is not None]
        if _drawn_glyph_ids(items) != drawn:
            raise TextLayerError("WeasyPrint drew other glyphs than its Pango line holds")
        # Items: the text matrix first, then font selections, text rises and TJ operators.
        if not all(_TEXT_OPERATOR.match(item) for item in items[1:]) or not items[0].endswith(b" Tm"):
            raise TextLayerError("WeasyPrint wrote other operators than text for a line")
        writer = LineWriter()
        for run in runs:
            writer.write_run(run, codes_of(run.font))
        stream.stream[first_item + 1:] = writer.items()
        return emojis

    return draw_first_line


def _exact_clean(original: Any) -> Any:
    """Wrap `Font.clean`: keep exactly the glyphs our codes draw, then append the composites."""

    def clean(self, to_unicode, hinting):
        codes: FontCodes | None = getattr(self, "_exact_text_layer", None)
        if codes is None:
            return original(self, to_unicode, hinting)
        if "fvar" in self.tables:
            raise TextLayerError(f'font "{self.family}" is a variable font: composite glyphs '
                                 "for the exact text layer need a static font")
        original(self, {glyph_id: "" for glyph_id in codes.kept_glyphs()}, hinting)
        if codes.composites:
            try:
                self.file_content, first = add_composites(self.file_content, self.index,
                                                          codes.composites)
            except CompositeError as error:
                raise TextLayerError(f'font "{self.family}": {error}') from error
            codes.first_composite_glyph = first
        codes.cleaned = True

    return clean


def _exact_fonts_dictionary(original: Any) -> Any:
    """Wrap `build_fonts_dictionary`: ToUnicode and widths of exactly the codes drawn."""

    def build_fonts_dictionary(pdf, fonts, compress, subset, options):
        saved = []
        for font in fonts.values():
            codes = getattr(font, "_exact_text_layer", None)
            if codes is None:
                continue
            if not subset or font.used_in_forms:
                raise TextLayerError(
                    f'font "{font.family}" is not subset (full_fonts or PDF forms): '
                    "its ToUnicode map would lose the codes of the exact text layer")
            saved.append((font, font.to_unicode, font.widths, font.file_content))
            font.to_unicode, font.widths = dict(codes.to_unicode), dict(codes.widths)
            codes.cleaned, codes.first_composite_glyph = False, None
        try:
            return original(pdf, fonts, compress, subset, options)
        finally:  # the document stays as WeasyPrint left it, for another write_pdf
            for font, to_unicode, widths, file_content in saved:
                font.to_unicode, font.widths, font.file_content = to_unicode, widths, file_content

    return build_fonts_dictionary


def _cid_to_gid_map(font: Any, codes: FontCodes) -> bytes:
    """CIDToGIDMap data: each drawn code to its glyph (missing glyphs to 0)."""
    missing = set(font.missing.values())
    drawn = sorted(codes.to_unicode)
    data = bytearray(2 * (drawn[-1] + 1))
    for code in drawn:
        glyph_id = 0 if code in missing else codes.glyph_of(code)
        data[2 * code:2 * code + 2] = glyph_id.to_bytes(2, "big")
    return bytes(data)


def _exact_vector_font_dictionary(original: Any) -> Any:
    """Wrap WeasyPrint's vector font builder to map codes to their glyphs."""

    def build(font_dictionary, pdf, font, widths, compress, reference, pdf_version):
        codes = getattr(font, "_exact_text_layer", None)
        original(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
        if codes is None or not codes.to_unicode:
            return
        if not codes.cleaned:  # WeasyPrint embeds one file for fonts of equal description
            raise TextLayerError(f'font "{font.family}" shares its font file with another font: '
                                 "the exact text layer cannot give both their glyphs")
        descendant = font_dictionary["DescendantFonts"][0]
        subfont = pdf.objects[int(descendant.split()[0])]
        cid_to_gid = pydyf.Stream([_cid_to_gid_map(font, codes)], compress=compress)
        pdf.add_object(cid_to_gid)
        subfont["CIDToGIDMap"] = cid_to_gid.reference

    return build


_lock = threading.RLock()
_depth = 0
_HOOKS = ((wp_draw_text, "draw_first_line", _exact_draw_first_line),
          (wp_pdf_fonts.Font, "clean", _exact_clean),
          (wp_pdf, "build_fonts_dictionary", _exact_fonts_dictionary),
          (wp_pdf_fonts, "_build_vector_font_dictionary", _exact_vector_font_dictionary))


def check_weasyprint() -> None:
    """Raise TextLayerError unless WeasyPrint is the pinned version with every hook point."""
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        raise TextLayerError(
            f"WeasyPrint {weasyprint.__version__} is installed, the exact text layer "
            f"is written for {WEASYPRINT_VERSION}: check its hooks before upgrading")
    for owner, name, _ in _HOOKS:
        if not callable(getattr(owner, name, None)):
            raise TextLayerError(f"{owner.__name__}.{name} is gone: the hook cannot be set")


@contextmanager
def exact_text_layer() -> Iterator[None]:
    """While active, PDFs written by WeasyPrint in this process get the exact text layer.

    Reentrant; holds a lock so that concurrent renders never see half-installed hooks.
    """
    global _depth
    with _lock:
        if _depth == 0:
            check_weasyprint()
            saved = [getattr(owner, name) for owner, name, _ in _HOOKS]
            for (owner, name, wrap), function in zip(_HOOKS, saved):
                setattr(owner, name, wrap(function))
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
            if _depth == 0:
                for (owner, name, _), function in zip(_HOOKS, saved):
                    setattr(owner, name, function)


def write_pdf_exact(
    document: weasyprint.Document,
    target: Path | BinaryIO | None = None,
    **write_pdf_options: Any,
) -> bytes | None:
    """Write `document` like `document.write_pdf(target, **options)`, with an exact text layer.

    Returns the PDF bytes when `target` is None. Raises TextLayerError with
    `full_fonts=True` (the text layer needs WeasyPrint's subset fonts).
    """
    if write_pdf_options.get("full_fonts"):
        raise TextLayerError("write_pdf_exact needs subset fonts: full_fonts=True is not supported")
    with exact_text_layer():
        return document.write_pdf(target, **write_pdf_options)

