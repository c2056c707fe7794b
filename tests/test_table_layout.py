"""Tables in the PDF have fixed column widths (templates/briefing.css): every text stays inside its cell.

With `table-layout: fixed` a column no longer widens to its longest word, so a word that does
not fit must wrap inside the cell (Lao at its word breaks, anything else anywhere). Checked on
WeasyPrint's own layout: each piece of text of a cell lies within the cell's content box.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import weasyprint
from weasyprint.formatting_structure import boxes

from conftest import ROOT, SEED
from generator.content.lao_words import lao_words
from generator.content.render import render_html
from generator.content.view import build_view
from generator.data.loader import load_meeting
from generator.fonts import FONT_SETS
from generator.pdf.writer import font_stylesheet, for_weasyprint
from test_pdf import long_tokens_meeting, roster_meeting

TEMPLATES = ROOT / "templates"
EXAMPLE = ROOT / "briefings" / "example-internal-meeting.yaml"
EPS = 0.01  # CSS pixels


def laid_out(meeting_file: Path, kind: str, lang: str, font: str) -> Any:
    """WeasyPrint's laid-out document of one edition, as the PDF writer lays it out."""
    view = build_view(load_meeting(meeting_file), lang, kind)
    html = for_weasyprint(lxml.html.document_fromstring(render_html(view, kind, TEMPLATES)), lao_words(TEMPLATES))
    fonts = weasyprint.text.fonts.FontConfiguration()
    return weasyprint.HTML(string=html, base_url=str(meeting_file.parent) + "/").render(
        font_config=fonts, stylesheets=[weasyprint.CSS(string=font_stylesheet(FONT_SETS[font]), font_config=fonts)])


def descendants(box: Any) -> Iterator[Any]:
    """Every box inside `box`."""
    for child in getattr(box, "children", ()):
        yield child
        yield from descendants(child)


def cells_and_texts(document: Any) -> Iterator[tuple[Any, Any]]:
    """(table cell, text box inside it) for every text of every table cell of the document."""
    for page in document.pages:
        for box in descendants(page._page_box):
            if isinstance(box, boxes.TableCellBox):
                for inner in descendants(box):
                    if isinstance(inner, boxes.TextBox) and inner.text.strip("\u200b "):
                        yield box, inner


@pytest.fixture(scope="module")
def meetings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tables")
    return {"seed": SEED, "example": EXAMPLE, "roster": roster_meeting(folder), "tokens": long_tokens_meeting(folder)}


@pytest.mark.parametrize(("meeting", "kind", "lang", "font"), [
    ("seed", "briefing", "lo", "phetsarath"), ("seed", "briefing", "en", "noto-sans"),
    ("example", "minutes", "lo", "phetsarath"), ("example", "minutes", "en", "noto-serif"),
    ("roster", "briefing", "lo", "phetsarath"), ("roster", "briefing", "en", "noto-sans"),
    ("tokens", "briefing", "en", "phetsarath"), ("tokens", "briefing", "lo", "noto-serif"),
])
def test_every_text_of_a_table_cell_stays_inside_the_cell(meetings: dict[str, Path], meeting: str, kind: str,
                                                          lang: str, font: str) -> None:
    document = laid_out(meetings[meeting], kind, lang, font)
    checked = 0
    for cell, text in cells_and_texts(document):
        left = cell.content_box_x()
        assert left - EPS <= text.position_x and text.position_x + text.width <= left + cell.width + EPS, (
            text.text, text.position_x, text.width, left, cell.width)
        checked += 1
    assert checked > 20


def test_the_tables_have_a_fixed_layout(meetings: dict[str, Path]) -> None:
    document = laid_out(meetings["seed"], "briefing", "lo", "phetsarath")
    tables = [box for page in document.pages for box in descendants(page._page_box)
              if isinstance(box, boxes.TableBox)]
    assert tables and {table.style["table_layout"] for table in tables} == {"fixed"}
