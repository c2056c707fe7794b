"""The exact PDF text layer (generator/pdf/text_layer.py).

What "exact" means here: the text an extractor reads through the fonts' ToUnicode maps, in
content-stream order (pdfminer.six with laparams=None, which ignores /ActualText; poppler's
`pdftotext -raw`), equals the input paragraphs joined by "\n". The only thing ignored is
where the layout broke lines: at each line boundary of the PDF, one space or paragraph
break of the input may be absent (WeasyPrint draws no space at the end of a line, and a
line broken at a U+200B has no character there). Nothing inside a line is ignored.
"""

from __future__ import annotations

import html
import inspect
import io
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import weasyprint
import weasyprint.draw.text as wp_draw_text
import weasyprint.pdf
import weasyprint.pdf.fonts as wp_pdf_fonts
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageFilter
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

from conftest import DATA, require
from generator.fonts import FONT_SETS, FontSet, font_face_css, pdf_font_family, uncovered_characters
from generator.lao import ZWSP, break_words, is_lao
from generator.pdf.shaped_line import split_cluster
from generator.pdf.text_layer import (
    WEASYPRINT_VERSION, TextLayerError, check_weasyprint, exact_text_layer, write_pdf_exact,
)

sys.path.insert(0, str(DATA))
from readers import pdf_chars  # noqa: E402
from viewers import pdfminer_lines as viewer_lines  # noqa: E402
from text_corpus import TROUBLE_FIRST, TROUBLE_LAST, TROUBLE_MIDDLE, corpus  # noqa: E402

FONT_SET_KEYS = sorted(FONT_SETS)
TROUBLE = [TROUBLE_FIRST, TROUBLE_MIDDLE, TROUBLE_LAST]


# --- rendering and extraction helpers ---------------------------------------------------

def document_html(paragraphs: list[str], fs: FontSet) -> str:
    """An A4 HTML page with one <p> per paragraph (U+200B inserted), every 4th one bold."""
    body = "\n".join(
        f"<p>{'<strong>' if i % 4 == 3 else ''}{html.escape(break_words(p))}"
        f"{'</strong>' if i % 4 == 3 else ''}</p>"
        for i, p in enumerate(paragraphs))
    return (
        '<!doctype html><html lang="lo"><head><meta charset="utf-8"><title>t</title><style>'
        f"{font_face_css(fs)}"
        f"@page {{ size: A4; margin: 2cm }} body {{ font-family: {fs.css_stack()}; "
        "font-size: 11pt }</style></head>"
        f"<body>{body}</body></html>")


def render(paragraphs: list[str], fs: FontSet) -> weasyprint.Document:
    """The laid-out document for these paragraphs in this font set."""
    return weasyprint.HTML(string=document_html(paragraphs, fs)).render()


def pdfminer_lines(pdf: bytes) -> list[str]:
    """The text per PDF line in content-stream order (see viewers.pdfminer_lines)."""
    return [text for _, text in viewer_lines(pdf)]


def pdftotext_lines(pdf: bytes) -> list[str]:
    """The lines poppler's `pdftotext -raw` gives (content-stream order)."""
    out = subprocess.run(
        [require("pdftotext", "the poppler text-layer check"), "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
        check=True).stdout.decode()
    return [line for line in out.replace("\f", "\n").split("\n") if line]


def text_mismatch(paragraphs: list[str], lines: list[str]) -> str | None:
    """None when the lines give the paragraphs exactly (see module docstring), else where not."""
    expected = "\n".join(paragraphs)
    position = 0
    for number, line in enumerate(lines):
        if number and expected[position:position + 1] in (" ", "\n"):
            position += 1  # the line break stands for this space or paragraph break
        if not expected.startswith(line, position):
            return (f"line {number}: extracted {line!r}, "
                    f"expected {expected[position:position + len(line)]!r}")
        position += len(line)
    if position != len(expected):
        return f"extraction ends early, missing {expected[position:position + 40]!r}..."
    return None


@cache
def exact_pdf(key: str) -> bytes:
    """The whole corpus in font set `key`, with the exact text layer."""
    return write_pdf_exact(render(corpus(), FONT_SETS[key]))


# --- WeasyPrint version and the hook points -----------------------------------------------

def test_weasyprint_is_the_pinned_version_with_the_hooks_relied_on():
    assert weasyprint.__version__ == WEASYPRINT_VERSION == "70.0"
    check_weasyprint()
    draw = inspect.getsource(wp_draw_text.draw_first_line)
    # Codes are written as 4 hex digits into TJ strings, one ToUnicode entry per glyph id.
    assert "string += f'{glyph_id:02x}' if font.bitmap else f'{glyph_id:04x}'" in draw
    assert "if glyph_id not in font.to_unicode:" in draw
    assert "stream.show_text(string)" in draw
    assert "glyph_id = font.get_unused_glyph_id(codepoint)" in draw
    # The pen arithmetic generator/pdf/line_writer.py repeats for composite glyphs.
    assert "string += f'>{-width / font_size}<'" in draw
    assert "offset = glyph_info.geometry.x_offset / font_size" in draw
    assert "rise = glyph_info.geometry.y_offset / 1000" in draw
    assert "stream.set_text_rise(-rise)" in draw
    assert "kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size" in draw
    assert "string += f'>{int(kerning)}<'" in draw
    assert "if pango.pango_version() < 14802 or font.png:" in draw
    # Subsetting and the fonts dictionary, as the other hooks see them.
    assert "from .fonts import build_fonts_dictionary" in inspect.getsource(weasyprint.pdf)
    assert "font.clean(to_unicode, options['hinting'])" in inspect.getsource(
        wp_pdf_fonts.build_fonts_dictionary)
    assert "subsetter.populate(gids=to_unicode)" in inspect.getsource(wp_pdf_fonts.Font._fonttools_subset)
    # Missing-glyph ids come from glyph_count + len(missing), and glyph_count has no other use.
    unused = inspect.getsource(wp_pdf_fonts.Font.get_unused_glyph_id)
    assert "next_unused_glyph_id = self.glyph_count + len(self.missing)" in unused
    package = Path(weasyprint.__file__).parent
    uses = [(path.name, line.strip()) for path in package.rglob("*.py")
            for line in path.read_text(encoding="utf-8").splitlines() if ".glyph_count" in line]
    assert uses == [
        ("fonts.py", "self.glyph_count = harfbuzz.hb_face_get_glyph_count(self.hb_face)"),
        ("fonts.py", "next_unused_glyph_id = self.glyph_count + len(self.missing)"),
    ]
    # The font builder: Identity CIDToGIDMap, W from the widths argument, one descendant.
    build = inspect.getsource(wp_pdf_fonts._build_vector_font_dictionary)
    assert "'CIDToGIDMap': '/Identity'," in build
    assert "font_dictionary['DescendantFonts'] = pydyf.Array([subfont_dictionary.reference])" in build
    fonts_source = inspect.getsource(wp_pdf_fonts.build_fonts_dictionary)
    assert "font_widths = font.widths" in fonts_source
    assert "_build_vector_font_dictionary(" in fonts_source


def test_an_other_weasyprint_version_is_refused(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(TextLayerError) as error:
        with exact_text_layer():
            pass
    assert str(error.value) == (
        "WeasyPrint 71.0 is installed, the exact text layer is written for 70.0: "
        "check its hooks before upgrading")


def test_hooks_are_installed_only_inside_the_context_and_nest():
    draw, build = wp_draw_text.draw_first_line, wp_pdf_fonts._build_vector_font_dictionary
    with exact_text_layer():
        inner = wp_draw_text.draw_first_line
        assert inner is not draw
        with exact_text_layer():
            assert wp_draw_text.draw_first_line is inner
        assert wp_draw_text.draw_first_line is inner
    assert wp_draw_text.draw_first_line is draw
    assert wp_pdf_fonts._build_vector_font_dictionary is build


# --- splitting a cluster's text over its glyphs -------------------------------------------

def test_split_gives_each_glyph_its_own_character_and_the_last_the_rest():
    # ນ້ຳ shaped: ໍ moved before the tone mark, tone mark and ຳ one cluster.
    assert split_cluster("\u0ec9\u0eb3", ["\u0ecd", "\u0ec9", None]) == ["", "\u0ec9", "\u0eb3"]
    assert split_cluster("\u0eb3", [None, None]) == ["", "\u0eb3"]
    assert split_cluster("fi", [None]) == ["fi"]


@given(st.text(max_size=6), st.lists(st.one_of(st.none(), st.characters()), min_size=1, max_size=5))
def test_split_pieces_always_concatenate_to_the_cluster_text(text, natural):
    pieces = split_cluster(text, natural)
    assert len(pieces) == len(natural)
    assert "".join(pieces) == text


# --- the corpus, every font set -----------------------------------------------------------

def test_corpus_is_normalised_covered_and_has_no_zwsp():
    paragraphs = corpus()
    assert len(paragraphs) > 90
    assert not any(ZWSP in p for p in paragraphs)
    for key in FONT_SET_KEYS:
        assert uncovered_characters(FONT_SETS[key], "".join(paragraphs)) == []


@pytest.mark.parametrize("key", FONT_SET_KEYS)
def test_pdfminer_reads_the_corpus_exactly(key):
    assert text_mismatch(corpus(), pdfminer_lines(exact_pdf(key))) is None


@pytest.mark.parametrize("key", FONT_SET_KEYS)
def test_pdftotext_reads_the_corpus_exactly(key):
    assert text_mismatch(corpus(), pdftotext_lines(exact_pdf(key))) is None


@pytest.mark.parametrize("key", FONT_SET_KEYS)
def test_plain_weasyprint_gets_the_trouble_paragraphs_wrong(key):
    # Shows the tests above can fail: WeasyPrint alone mislabels tone mark + ຳ.
    pdf = render(TROUBLE, FONT_SETS[key]).write_pdf()
    assert text_mismatch(TROUBLE, pdfminer_lines(pdf)) is not None


@pytest.mark.parametrize("key", FONT_SET_KEYS)
def test_every_character_is_drawn_with_a_bundled_font_of_the_set(key):
    fs = FONT_SETS[key]
    pdf = exact_pdf(key)
    used = {}
    for _, char in pdf_chars(pdf):
        family = pdf_font_family(char.fontname)
        for ch in char.get_text():
            used.setdefault(ch, set()).add(family)
    lao = {ch: families for ch, families in used.items() if is_lao(ch)}
    assert lao and all(families == {fs.lao_family} for families in lao.values())
    assert set().union(*used.values()) <= set(fs.families)
    listing = subprocess.run([require("pdffonts", "the font check"), "-"], input=pdf, capture_output=True, check=True)
    rows = listing.stdout.decode().splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, _uni, _object, _id = row.split()
        assert pdf_font_family(name) in fs.families, row
        assert (emb, sub) == ("yes", "yes"), row


@pytest.mark.parametrize("key", FONT_SET_KEYS)
def test_the_pages_look_as_plain_weasyprint_draws_them(key, tmp_path):
    # Composite glyphs put each outline within 0.01 pt of where WeasyPrint puts it
    # (test_viewers.py); a rasteriser still places a composite's outlines on its own pixel
    # grid, so single pixels of a mark differ by up to 1/4 pixel of anti-aliasing. Measured
    # at 150 dpi after a 5-pixel box blur: at most 46 of 255 (11 pt text); a mark raised by
    # half its offset gives 154.
    document = render(TROUBLE + corpus()[:8], FONT_SETS[key])

    def pages(pdf: bytes, name: str) -> list[Image.Image]:
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run([require("pdftoppm", "the page image comparison"), "-r", "150", "-gray",
                        str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True)
        return [Image.open(page).filter(ImageFilter.BoxBlur(2))
                for page in sorted(tmp_path.glob(f"{name}-*.pgm"))]

    plain = pages(document.write_pdf(), "plain")
    exact = pages(write_pdf_exact(document), "exact")
    assert len(plain) == len(exact) == len(document.pages) >= 1
    differences = [ImageChops.difference(a, b).getextrema()[1] for a, b in zip(plain, exact)]
    assert max(differences) <= 60, differences


# --- write_pdf options and targets ---------------------------------------------------------

@pytest.mark.parametrize("options", [
    {"pdf_variant": "pdf/a-3b"},
    {"pdf_variant": "pdf/a-3a"},
    {"uncompressed_pdf": True},
    {"attachments": [weasyprint.Attachment(string="ນ້ຳ data", name="data.txt")]},
], ids=["pdf-a-3b", "pdf-a-3a", "uncompressed", "attachment"])
def test_options_keep_the_text_exact(options, tmp_path):
    pdf = write_pdf_exact(render(TROUBLE, FONT_SETS["noto-sans"]), **options)
    assert text_mismatch(TROUBLE, pdfminer_lines(pdf)) is None
    assert text_mismatch(TROUBLE, pdftotext_lines(pdf)) is None
    if "pdf_variant" in options:
        metadata = PDFDocument(PDFParser(io.BytesIO(pdf))).catalog["Metadata"].resolve().get_data()
        conformance = options["pdf_variant"][-1].upper().encode()
        assert re.search(rb"pdfaid:conformance(>|=\")" + conformance, metadata)
    if "uncompressed_pdf" in options:
        assert b"/CIDToGIDMap " in pdf and b"beginbfchar" in pdf
    if "attachments" in options:
        (tmp_path / "a.pdf").write_bytes(pdf)
        listing = subprocess.run([require("pdfdetach", "the attachment listing"), "-list", str(tmp_path / "a.pdf")],
                                 capture_output=True, check=True).stdout.decode()
        assert listing.splitlines() == ["1 embedded files", "1: data.txt"]


def test_targets_path_and_file(tmp_path):
    document = render(TROUBLE, FONT_SETS["phetsarath"])
    path = tmp_path / "out.pdf"
    assert write_pdf_exact(document, path) is None
    buffer = io.BytesIO()
    assert write_pdf_exact(document, buffer) is None
    for pdf in (path.read_bytes(), buffer.getvalue()):
        assert text_mismatch(TROUBLE, pdfminer_lines(pdf)) is None


def test_full_fonts_are_refused():
    with pytest.raises(TextLayerError) as error:
        write_pdf_exact(render(TROUBLE, FONT_SETS["phetsarath"]), full_fonts=True)
    assert str(error.value) == (
        "write_pdf_exact needs subset fonts: full_fonts=True is not supported")


def test_an_ellipsis_line_copies_as_the_whole_text():
    # Pango ellipsizes the line; the ellipsis glyph's cluster is the elided text, so the
    # copy is the whole input (plain WeasyPrint loses it). The walk of the Pango line must
    # match what was drawn glyph for glyph, or write_pdf_exact raises.
    fs = FONT_SETS["noto-sans"]
    style = "p { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; width: 5cm }"
    for text in ("Hello world, this is a long line of text. " * 5, TROUBLE_FIRST * 3):
        source = document_html([text], fs).replace("font-size: 11pt }", "font-size: 11pt } " + style)
        pdf = write_pdf_exact(weasyprint.HTML(string=source).render())
        assert pdfminer_lines(pdf) == [text]
