"""The text people copy and search in the viewers they use is the typed text.

Engines (tests/viewers.py): PDFium (Chrome, Edge), pdf.js (Firefox), MuPDF (SumatraPDF),
poppler's `pdftotext -raw` and pdfminer.six (content-stream order); and poppler's reading
order as Evince and Okular copy and search it (`pdftotext`, `pdftotext -layout`, and
poppler-glib's selection, Evince's copy). Documents: the seed briefing in both editions and
the text-layer corpus, in every font set. For each engine and document: every data text is
found as typed (a line end may stand for a space, or for nothing where a line broke at a Lao
word boundary), no character the document never had, and no space or line end where Lao
cannot break. A reading order reads a table row across its cells, line by line, so there a
text that wraps inside a table cell is found line by line, every other text as typed.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from typing import NamedTuple

import lxml.html
import pytest
import weasyprint
from pypdf import PdfReader

from conftest import DATA, ROOT, SEED
from generator.content.render import render_html
from generator.content.view import build_view
from generator.data.loader import load_meeting
from generator.fonts import FONT_SETS
from generator.pdf.text_layer import write_pdf_exact
from generator.pdf.writer import render_pdf
from test_same_content import shown_texts
from test_text_layer import TROUBLE, document_html
from generator.pdf import line_writer
from outlines import drawn_outlines, misplaced_outlines
from viewers import (
    ENGINES, READERS, READING_ORDER_ENGINES, found_as_typed, found_line_by_line, line_pieces,
    poppler_pages, spaces_inside_syllables, stray_characters,
)

sys.path.insert(0, str(DATA))
from text_corpus import corpus  # noqa: E402

FONT_SET_KEYS = sorted(FONT_SETS)
DOCUMENTS = [f"{kind}-{key}" for key in FONT_SET_KEYS for kind in ("seed-lo", "seed-en", "corpus")]
GENERATED = set("•0123456789/. ")  # list markers and page numbers come from the stylesheet


def _characters(html: str) -> set[str]:
    """The characters the body of `html` shows, without the U+200B word breaks."""
    body = lxml.html.document_fromstring(html).find("body")
    return (set("".join(body.itertext())) | GENERATED) - {"\u200b"}


def _cells(html: str) -> list[str]:
    """The text of each table cell of `html`, spaces collapsed."""
    body = lxml.html.document_fromstring(html).find("body")
    return [" ".join("".join(cell.itertext()).replace("\u200b", "").split()) for cell in body.iter("td", "th")]


class Document(NamedTuple):
    """A built PDF, the texts it must give, the characters it has and the texts of its table cells."""

    pdf: Path
    texts: list[str]
    characters: set[str]
    cells: list[str]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """Every document once, by name."""
    out = tmp_path_factory.mktemp("viewers")
    meeting = load_meeting(SEED)
    built = {}
    for key in FONT_SET_KEYS:
        fs = FONT_SETS[key]
        for lang in ("lo", "en"):
            html = render_html(build_view(meeting, lang), "briefing", ROOT / "templates")
            pdf = out / f"seed-{lang}-{key}.pdf"
            pdf.write_bytes(render_pdf(html, fs, base_url=SEED.parent))
            built[f"seed-{lang}-{key}"] = Document(pdf, shown_texts(lang), _characters(html), _cells(html))
        html = document_html(corpus(), fs)
        pdf = out / f"corpus-{key}.pdf"
        pdf.write_bytes(write_pdf_exact(weasyprint.HTML(string=html).render(), pdf_variant="pdf/a-3a"))
        built[f"corpus-{key}"] = Document(pdf, corpus(), _characters(html), _cells(html))
    return built


@cache
def _pages(engine: str, pdf: Path) -> tuple[str, ...]:
    """One engine's pages of one PDF, read once for all the tests."""
    return tuple(READERS[engine](pdf))


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("engine", list(ENGINES))
def test_the_viewer_gives_the_typed_text(documents, engine: str, document: str) -> None:
    pdf, texts, characters, _ = documents[document]
    pages = list(_pages(engine, pdf))
    found = found_as_typed(texts, pages)
    missing = [text for text in texts if text not in found]
    assert len(texts) > 40
    assert (missing, stray_characters(pages, characters), spaces_inside_syllables(pages)) == ([], [], [])


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("engine", list(READING_ORDER_ENGINES))
def test_the_reading_order_gives_the_typed_text(documents, engine: str, document: str) -> None:
    # poppler's reading order (Evince, Okular) builds words from the characters' boxes: a
    # mark's box must not start where the letter after it starts, or the two become separate
    # words that it may sort the wrong way round. Table cells side by side are read across
    # the row, line by line; a text that wraps inside a cell is found line by line.
    pdf, texts, characters, cells = documents[document]
    pages, drawn = list(_pages(engine, pdf)), list(_pages("pdfminer", pdf))
    wrapped_in_cells = [text for text in texts if len(line_pieces(text, drawn)) > 1
                        and any(text in cell for cell in cells)]
    whole = [text for text in texts if text not in wrapped_in_cells]
    found = found_as_typed(whole, pages, layout=True)
    by_line = found_line_by_line(texts, pages, drawn)
    assert len(whole) > 30
    assert ([text for text in whole if text not in found], [text for text in texts if text not in by_line],
            stray_characters(pages, characters), spaces_inside_syllables(pages)) == ([], [], [], [])


SYLLABLES = "ບໍ່ໄດ້ມາ ເຈົ້າໜ້າທີ່ອາວຸໂສ ສະຫຼຸບ ນ້ຳ ກິດຈະກຳທີ່ສະເໜີ"  # marks before a leading vowel, stacked marks


@pytest.mark.parametrize("key", FONT_SET_KEYS)
def test_poppler_keeps_marks_before_the_next_letter(key: str, tmp_path: Path) -> None:
    pdf = tmp_path / "exact.pdf"
    pdf.write_bytes(write_pdf_exact(weasyprint.HTML(string=document_html([SYLLABLES], FONT_SETS[key])).render()))
    assert [page.strip() for page in poppler_pages(pdf)] == [SYLLABLES]


@pytest.mark.parametrize("key", FONT_SET_KEYS)
def test_marks_with_boxes_of_no_width_split_syllables_in_poppler(key: str, tmp_path: Path, monkeypatch) -> None:
    # Shows what the marks' boxes are for, and that the check can fail: every unit drawn at
    # its own place with its own width (as the text layer had it before), a mark's box starts
    # where the next letter starts and poppler splits syllables ("ບໍໄ່ ດ້ມາ").
    document = weasyprint.HTML(string=document_html(corpus()[:30], FONT_SETS[key])).render()
    pdf = tmp_path / "exact.pdf"
    pdf.write_bytes(write_pdf_exact(document))
    assert spaces_inside_syllables(poppler_pages(pdf)) == []
    monkeypatch.setattr(line_writer, "boxes", lambda run, placed: [
        line_writer.Box(unit.start, line_writer.natural_width(run, unit)) for unit in placed])
    pdf.write_bytes(write_pdf_exact(document))
    assert spaces_inside_syllables(poppler_pages(pdf))


@pytest.fixture(scope="module")
def plain_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The corpus in Phetsarath OT written by WeasyPrint alone: (PDF, its HTML)."""
    html = document_html(corpus(), FONT_SETS["phetsarath"])
    pdf = tmp_path_factory.mktemp("plain") / "plain.pdf"
    pdf.write_bytes(weasyprint.HTML(string=html).render().write_pdf())
    return pdf, html


@pytest.mark.parametrize("engine", ["pdfium", "pdfjs", "mupdf"])
def test_plain_weasyprint_fails_these_checks(plain_corpus, engine: str) -> None:
    # Shows the checks can fail: WeasyPrint alone gives stray letters and split syllables.
    pdf, html = plain_corpus
    pages = ENGINES[engine](pdf)
    assert stray_characters(pages, _characters(html))
    assert len(found_as_typed(corpus(), pages)) < len(corpus()) / 2
    if engine != "pdfjs":  # pdf.js puts its spaces around the stray letters instead ("ຄັ č ງ")
        assert spaces_inside_syllables(pages)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_code_has_a_non_empty_unicode_mapping(documents, document: str) -> None:
    reader = PdfReader(documents[document].pdf)
    maps = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            cmap = font.get_object()["/ToUnicode"].get_object().get_data()
            maps += 1
            assert re.findall(rb"<[0-9a-fA-F]+> <>", cmap) == []
            assert b"beginbfchar" in cmap
    assert maps


@pytest.mark.parametrize("key", FONT_SET_KEYS)
def test_every_glyph_is_drawn_where_plain_weasyprint_draws_it(key: str, tmp_path: Path) -> None:
    document = weasyprint.HTML(string=document_html(TROUBLE + corpus()[:40], FONT_SETS[key])).render()
    plain, exact = tmp_path / "plain.pdf", tmp_path / "exact.pdf"
    plain.write_bytes(document.write_pdf())
    exact.write_bytes(write_pdf_exact(document))
    expected = drawn_outlines(plain)
    assert len(expected) > 3000
    assert misplaced_outlines(expected, drawn_outlines(exact), tolerance=0.01) == []
