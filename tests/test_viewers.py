"""The text people copy and search in the viewers they use is the typed text.

Engines (tests/viewers.py): PDFium (Chrome, Edge), pdf.js (Firefox), MuPDF (SumatraPDF),
poppler (`pdftotext -raw`: Evince, Okular) and pdfminer.six (content-stream order). Documents:
the seed briefing in both editions and the text-layer corpus, in every font set. For each
engine and document: every data text is found as typed (a line end may stand for a space,
or for nothing where a line broke at a Lao word boundary), no character the document never
had, and no space or line end where Lao cannot break.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

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
from viewers import (
    ENGINES, drawn_outlines, found_as_typed, misplaced_outlines, spaces_inside_syllables,
    stray_characters,
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


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str], set[str]]]:
    """Every document once: name -> (PDF, the texts it must give, the characters it has)."""
    out = tmp_path_factory.mktemp("viewers")
    meeting = load_meeting(SEED)
    built = {}
    for key in FONT_SET_KEYS:
        fs = FONT_SETS[key]
        for lang in ("lo", "en"):
            html = render_html(build_view(meeting, lang), "briefing", ROOT / "templates")
            pdf = out / f"seed-{lang}-{key}.pdf"
            pdf.write_bytes(render_pdf(html, fs, base_url=SEED.parent))
            built[f"seed-{lang}-{key}"] = (pdf, shown_texts(lang), _characters(html))
        html = document_html(corpus(), fs)
        pdf = out / f"corpus-{key}.pdf"
        pdf.write_bytes(write_pdf_exact(weasyprint.HTML(string=html).render(), pdf_variant="pdf/a-3a"))
        built[f"corpus-{key}"] = (pdf, corpus(), _characters(html))
    return built


@cache
def _pages(engine: str, pdf: Path) -> tuple[str, ...]:
    """One engine's pages of one PDF, read once for all the tests."""
    return tuple(ENGINES[engine](pdf))


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("engine", list(ENGINES))
def test_the_viewer_gives_the_typed_text(documents, engine: str, document: str) -> None:
    pdf, texts, characters = documents[document]
    pages = list(_pages(engine, pdf))
    found = found_as_typed(texts, pages)
    missing = [text for text in texts if text not in found]
    assert len(texts) > 40
    assert (missing, stray_characters(pages, characters), spaces_inside_syllables(pages)) == ([], [], [])


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
    reader = PdfReader(documents[document][0])
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
