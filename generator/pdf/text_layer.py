"""An exact PDF text layer for WeasyPrint 70: one character code per (glyph, text) pair.

Why: WeasyPrint 70 writes the glyph id as the character code and gives each glyph one
ToUnicode entry, the text of the first cluster it met the glyph in. HarfBuzz's Lao shaper
splits ຳ into ໍ + າ and merges a tone mark before it into the same cluster, so one glyph
stands for different texts in different places (າ for "າ", "ຳ" and "້ຳ") and copied or
searched text comes out wrong.

How: two narrow wrappers, active only inside `exact_text_layer()`:

- `weasyprint.draw.text.draw_first_line`: WeasyPrint draws the line as before; then we walk
  the same Pango line, give every drawn glyph its share of its cluster's text, and rewrite
  the glyph codes of the `TJ` operators just emitted. A glyph whose text differs from the
  text WeasyPrint recorded for it gets an alias code: a new CID with its own ToUnicode
  entry and width. Alias codes come from the same counter WeasyPrint uses for missing
  glyphs (`Font.glyph_count + len(Font.missing)`), so the two never collide.
- `weasyprint.pdf.fonts._build_vector_font_dictionary`: for a font with aliases, replace
  `/CIDToGIDMap /Identity` by a stream that sends each alias CID to its real glyph. The
  encoding stays Identity-H (or WeasyPrint's own CMap for missing glyphs, which maps
  alias codes to equal CIDs), so code == CID for every alias, and extractors that key the
  ToUnicode map by CID (poppler) or by code (pdfminer) agree.

Fonts stay embedded and subset by WeasyPrint (alias codes are in `Font.to_unicode`, whose
keys WeasyPrint treats as glyph ids to keep, exactly as for its missing-glyph ids).
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

import pydyf
import weasyprint
import weasyprint.draw.text as wp_draw_text
import weasyprint.pdf.fonts as wp_pdf_fonts
from fontTools.ttLib import TTFont, TTLibError
from weasyprint.text.ffi import ffi, pango

WEASYPRINT_VERSION = "70.0"  # the version whose internals the wrappers below rely on
ZWSP = "\u200b"  # inserted at Lao word boundaries for layout only; never in the text layer
MAX_CODE = 0xFFFF  # two-byte codes (Identity-H)

_ALIASES_ATTRIBUTE = "_exact_text_layer"
_TJ = re.compile(rb"^\[(.*)\] TJ$", re.DOTALL)
_HEX_GROUP = re.compile(rb"<([0-9a-fA-F]*)>")


class TextLayerError(RuntimeError):
    """The exact text layer cannot be written (WeasyPrint changed, or an unsupported option)."""


@dataclass
class _FontAliases:
    """Alias codes of one WeasyPrint `Font`: (written code, text) -> alias code -> target."""

    codes: dict[tuple[int, str], int] = field(default_factory=dict)
    targets: dict[int, int] = field(default_factory=dict)
    cmap: dict[int, int] | None = None  # code point -> glyph id, loaded on first need


@dataclass(frozen=True)
class _Glyph:
    """One glyph as WeasyPrint wrote it in a TJ string, and the text it must stand for."""

    font: Any  # weasyprint.pdf.fonts.Font
    code: int  # the code WeasyPrint wrote: the glyph id, or its id for a missing glyph
    text: str
    raised: bool = False  # drawn with a text rise (Ts), i.e. a vertical offset


def _aliases(font: Any) -> _FontAliases:
    """The alias table stored on a WeasyPrint font (created on first use)."""
    aliases = getattr(font, _ALIASES_ATTRIBUTE, None)
    if aliases is None:
        aliases = _FontAliases()
        setattr(font, _ALIASES_ATTRIBUTE, aliases)
    return aliases


def _font_cmap(font: Any) -> dict[int, int]:
    """The font's code point -> glyph id map (its best Unicode cmap subtable)."""
    aliases = _aliases(font)
    if aliases.cmap is None:
        try:
            ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
            best = ttfont.getBestCmap() or {}
        except TTLibError:  # no usable cmap: every multi-glyph cluster goes to its last glyph
            best = {}
        aliases.cmap = {cp: ttfont.getGlyphID(name) for cp, name in best.items()}
    return aliases.cmap


def _code_for(font: Any, written: int, text: str) -> int:
    """The character code that draws glyph code `written` and copies as `text`."""
    canonical = font.to_unicode.get(written)
    if canonical is None:  # WeasyPrint records every glyph it draws; keep its rule anyway
        font.to_unicode[written] = text
        return written
    if canonical == text:
        return written
    aliases = _aliases(font)
    code = aliases.codes.get((written, text))
    if code is None:
        # Same counter as Font.get_unused_glyph_id: advancing glyph_count reserves the id.
        code = font.glyph_count + len(font.missing)
        if code > MAX_CODE:
            raise TextLayerError(
                f'font "{font.family}": more than {MAX_CODE + 1} glyph codes needed')
        font.glyph_count += 1
        aliases.codes[(written, text)] = code
        aliases.targets[code] = written
        font.to_unicode[code] = text
        font.widths[code] = font.widths[written]
    return code


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


def _natural_characters(font: Any, glyph_ids: list[int], text: str) -> list[str | None]:
    """For each glyph of a cluster, the cluster character the font maps to it, or None."""
    if len(glyph_ids) == 1:
        return [None]
    cmap = _font_cmap(font)
    by_glyph = {}
    for character in text:
        by_glyph.setdefault(cmap.get(ord(character)), character)
    return [by_glyph.get(glyph_id) for glyph_id in glyph_ids]


def _line_glyphs(stream: Any, textbox: Any) -> list[_Glyph]:
    """The glyphs of the textbox's first line in drawing order, each with its exact text.

    Walks the Pango line as `draw_first_line` does. Empty glyphs (PANGO_GLYPH_EMPTY, e.g.
    U+200B) are not drawn: their text minus U+200B moves to the next drawn glyph, or to
    the last one at the end of the line.
    """
    line, _ = textbox.pango_layout.get_first_line()
    utf8_text = textbox.pango_layout.text.encode()
    glyphs: list[_Glyph] = []
    pending = ""
    run = line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        font, _ = stream.add_font(glyph_item.item.analysis.font)
        glyph_string = glyph_item.glyphs
        infos = glyph_string.glyphs
        glyph_ids = [infos[k].glyph for k in range(glyph_string.num_glyphs)]
        clusters = ffi.unpack(glyph_string.log_clusters, glyph_string.num_glyphs)
        count = glyph_string.num_glyphs
        offset, length = glyph_item.item.offset, glyph_item.item.length
        rtl = glyph_item.item.analysis.level % 2
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
            drawn = [k for k in range(start, end) if glyph_ids[k] != pango.PANGO_GLYPH_EMPTY]
            start = end
            if not drawn:
                pending = text
                continue
            pending = ""
            pieces = split_cluster(
                text, _natural_characters(font, [glyph_ids[k] for k in drawn], text))
            for k, piece in zip(drawn, pieces):
                glyph_id = glyph_ids[k]
                if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                    glyph_id = font.get_unused_glyph_id(
                        glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG)
                glyphs.append(_Glyph(font, glyph_id, piece, infos[k].geometry.y_offset != 0))
    if pending and glyphs:
        glyphs[-1] = replace(glyphs[-1], text=glyphs[-1].text + pending)
    return _lower_raised_text(glyphs)


def _lower_raised_text(glyphs: list[_Glyph]) -> list[_Glyph]:
    """Move the text of raised glyphs to the previous unraised glyph (or the next one).

    poppler's text output starts a new line where the baseline moves, a text rise included,
    so ເປົ້າ with a raised tone mark came out as "ເປົ", a line break, " ້າ"; a glyph with
    no text adds nothing.
    The concatenation in drawing order is unchanged: only raised glyphs lie in between.
    """
    texts = [glyph.text for glyph in glyphs]
    anchor = None  # index of the last unraised glyph
    carried = ""
    for index, glyph in enumerate(glyphs):
        if not glyph.raised:
            anchor = index
            texts[index] = carried + texts[index]
            carried = ""
        elif anchor is not None:
            texts[anchor] += texts[index]
            texts[index] = ""
        else:
            carried += texts[index]
            texts[index] = ""
    if carried:  # no unraised glyph at all: leave the line as it was
        return glyphs
    return [replace(glyph, text=text) for glyph, text in zip(glyphs, texts)]


def _rewrite_codes(items: list[bytes], glyphs: list[_Glyph]) -> None:
    """Replace, in the TJ operators of `items`, each glyph's code by its exact-text code."""
    queue = iter(glyphs)

    def rewrite_group(match: re.Match[bytes]) -> bytes:
        digits = match.group(1).decode()
        out = []
        position = 0
        while position < len(digits):
            glyph = next(queue, None)
            if glyph is None:
                raise TextLayerError("WeasyPrint drew more glyphs than its Pango line holds")
            width = 2 if glyph.font.bitmap else 4
            written = int(digits[position:position + width], 16)
            if written != glyph.code:
                raise TextLayerError(
                    f"glyph code {written:#x} drawn where the Pango line has {glyph.code:#x}")
            code = written if glyph.font.bitmap else _code_for(glyph.font, written, glyph.text)
            out.append(f"{code:0{width}x}")
            position += width
        return b"<" + "".join(out).encode() + b">"

    for index, item in enumerate(items):
        match = _TJ.match(item) if isinstance(item, bytes) else None
        if match:
            items[index] = b"[" + _HEX_GROUP.sub(rewrite_group, match.group(1)) + b"] TJ"
    if next(queue, None) is not None:
        raise TextLayerError("the Pango line holds glyphs that WeasyPrint did not draw")


def _exact_draw_first_line(original: Any) -> Any:
    """Wrap WeasyPrint's `draw_first_line` so the glyph codes it writes carry exact text."""

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        first_item = len(stream.stream)
        emojis = original(stream, textbox, text_overflow, block_ellipsis, matrix)
        if len(stream.stream) > first_item:  # nothing drawn for blank lines
            items = stream.stream[first_item:]
            _rewrite_codes(items, _line_glyphs(stream, textbox))
            stream.stream[first_item:] = items
        return emojis

    return draw_first_line


def _cid_to_gid_map(font: Any, aliases: _FontAliases) -> bytes:
    """CIDToGIDMap data: used glyph CIDs to themselves, aliases to their glyph, missing to 0."""
    missing = set(font.missing.values())
    codes = sorted(font.to_unicode)
    data = bytearray(2 * (codes[-1] + 1))
    for code in codes:
        target = aliases.targets.get(code, code)
        glyph_id = 0 if target in missing else target
        data[2 * code:2 * code + 2] = glyph_id.to_bytes(2, "big")
    return bytes(data)


def _exact_vector_font_dictionary(original: Any) -> Any:
    """Wrap WeasyPrint's vector font builder to map alias CIDs to their glyphs."""

    def build(font_dictionary, pdf, font, widths, compress, reference, pdf_version):
        aliases = getattr(font, _ALIASES_ATTRIBUTE, None)
        if aliases is None or not aliases.targets:
            return original(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
        if widths is not font.widths:
            raise TextLayerError(
                f'font "{font.family}" is not subset (full_fonts or PDF forms): '
                "its ToUnicode map would lose the alias codes of the exact text layer")
        original(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
        descendant = font_dictionary["DescendantFonts"][0]
        subfont = pdf.objects[int(descendant.split()[0])]
        cid_to_gid = pydyf.Stream([_cid_to_gid_map(font, aliases)], compress=compress)
        pdf.add_object(cid_to_gid)
        subfont["CIDToGIDMap"] = cid_to_gid.reference

    return build


_lock = threading.RLock()
_depth = 0


def check_weasyprint() -> None:
    """Raise TextLayerError unless WeasyPrint is the pinned version with both hook points."""
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        raise TextLayerError(
            f"WeasyPrint {weasyprint.__version__} is installed, the exact text layer "
            f"is written for {WEASYPRINT_VERSION}: check its hooks before upgrading")
    for module, name in ((wp_draw_text, "draw_first_line"),
                         (wp_pdf_fonts, "_build_vector_font_dictionary")):
        if not callable(getattr(module, name, None)):
            raise TextLayerError(f"{module.__name__}.{name} is gone: the hook cannot be set")


@contextmanager
def exact_text_layer() -> Iterator[None]:
    """While active, PDFs written by WeasyPrint in this process get the exact text layer.

    Reentrant; holds a lock so that concurrent renders never see half-installed hooks.
    """
    global _depth
    with _lock:
        if _depth == 0:
            check_weasyprint()
            saved_draw = wp_draw_text.draw_first_line
            saved_build = wp_pdf_fonts._build_vector_font_dictionary
            wp_draw_text.draw_first_line = _exact_draw_first_line(saved_draw)
            wp_pdf_fonts._build_vector_font_dictionary = _exact_vector_font_dictionary(
                saved_build)
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
            if _depth == 0:
                wp_draw_text.draw_first_line = saved_draw
                wp_pdf_fonts._build_vector_font_dictionary = saved_build


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
