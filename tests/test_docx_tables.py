"""Tables in the DOCX: short ones (generator/layout.py) stay on one page with the heading before
them, long ones break between rows and repeat their header row; checked in the XML and in where
LibreOffice puts each row."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import SEED, require
from generator.build import build
from generator.docx import write_docx
from generator.fonts import FONT_SETS
from generator.layout import SHORT_TABLE_ROWS
from readers import squash

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SECTIONS = 16
LONG_ROWS = 40
FILLER = ("Filler text of a paragraph that takes a line or two of the page, so that the table "
          "after it falls at a different height on the page in every section. ")


def sections_html() -> str:
    """Sections of a varying number of paragraphs, a heading and a 6-row table each, then a long
    table; every row carries markers (`T3R0` ... `T3R5`, `L7a` ... `L7z`) to find it by."""
    body = []
    for k in range(SECTIONS):
        body += [f"<p>P{k}x{i} {FILLER * (1 + (i + k) % 2)}</p>" for i in range((k * 7) % 11 + 1)]
        body.append(f"<h3>H{k} heading</h3>")
        rows = "".join(f"<tr><td>T{k}R{r}</td><td>value {r}</td></tr>" for r in range(1, 6))
        body.append(f'<table class="figures"><thead><tr><th>T{k}R0</th><th>head</th></tr></thead>'
                    f"<tbody>{rows}</tbody></table>")
    long_rows = "".join(f"<tr><td>L{i}a</td><td>{FILLER * 2} L{i}z</td></tr>" for i in range(LONG_ROWS))
    body.append('<h3>LONG heading</h3><table class="facts"><thead><tr><th>LONGHEAD</th>'
                f"<th>text</th></tr></thead><tbody>{long_rows}</tbody></table>")
    return ('<!doctype html>\n<html lang="en"><head><title>t</title></head><body>\n'
            + "\n".join(body) + "\n</body></html>\n")


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tables") / "tables.docx"
    write_docx(sections_html(), FONT_SETS["phetsarath"], out)
    return out


def body_tables(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml")).findall(".//w:body/w:tbl", NS)


def keeps(tr: etree._Element) -> list[bool]:
    """Whether each paragraph of the row keeps with the next."""
    return [p.find("w:pPr/w:keepNext", NS) is not None for p in tr.iterfind("w:tc/w:p", NS)]


def test_short_tables_keep_every_row_but_the_last_with_the_next(docx: Path) -> None:
    *short, long = body_tables(docx)
    assert len(short) == SECTIONS
    for table in short:
        rows = table.findall("w:tr", NS)
        assert len(rows) == 6 <= SHORT_TABLE_ROWS
        assert [all(keeps(tr)) for tr in rows] == [True] * 5 + [False]
        assert not any(keeps(rows[-1]))
        assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in rows)
    rows = long.findall("w:tr", NS)
    assert len(rows) == LONG_ROWS + 1 > SHORT_TABLE_ROWS
    assert not any(any(keeps(tr)) for tr in rows)
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in rows)
    assert [tr.find("w:trPr/w:tblHeader", NS) is not None for tr in rows] == [True] + [False] * LONG_ROWS


def pdf_pages(docx: Path, out: Path) -> list[str]:
    """The text of each page of LibreOffice's PDF of `docx`."""
    soffice = require("soffice", "the LibreOffice page-break check")
    pdftotext = require("pdftotext", "the LibreOffice page-break check")
    subprocess.run([soffice, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   capture_output=True, check=True, timeout=300)
    text = subprocess.run([pdftotext, str(out / f"{docx.stem}.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def page_of(pages: list[str], marker: str) -> int:
    """The one page (0-based) that shows `marker` as a word."""
    found = [i for i, page in enumerate(pages) if marker in page.split()]
    assert len(found) == 1, (marker, found)
    return found[0]


def test_libreoffice_keeps_short_tables_and_their_headings_on_one_page(docx: Path,
                                                                        tmp_path: Path) -> None:
    pages = pdf_pages(docx, tmp_path)
    moved = 0
    for k in range(SECTIONS):
        rows = {page_of(pages, f"T{k}R{r}") for r in range(6)}
        assert len(rows) == 1, f"table {k} has rows on pages {sorted(rows)}"
        assert page_of(pages, f"H{k}") in rows, f"heading {k} is not on its table's page"
        last_filler = max(page for page, text in enumerate(pages) if f"P{k}x0" in text)
        moved += last_filler < rows.pop()
    # The check had something to do: some tables would have straddled a page break.
    assert moved >= 2


def test_libreoffice_breaks_a_long_table_between_rows_and_repeats_its_header(
        docx: Path, tmp_path: Path) -> None:
    pages = pdf_pages(docx, tmp_path)
    spans = sorted({page_of(pages, f"L{i}a") for i in range(LONG_ROWS)})
    assert len(spans) >= 2
    for i in range(LONG_ROWS):
        assert page_of(pages, f"L{i}a") == page_of(pages, f"L{i}z"), f"row {i} is split"
    assert all("LONGHEAD" in pages[p].split() for p in spans)


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_the_seed_attendance_table_stays_on_one_page_with_its_heading(lang: str, tmp_path: Path) -> None:
    # Measured before the fix: 1 row on page 1, 5 on page 2.
    (path,) = build([SEED], tmp_path / "out", ("docx",), lang=lang).written
    # LibreOffice's PDF puts spaces after some Lao tone marks: compare without white space.
    pages = [squash(p) for p in pdf_pages(path, tmp_path)]
    # The heading by its first letters: poppler reorders the stacked marks of LibreOffice's bold
    # Lao line (ິ ູ ເ້ ຂົາຮ່ ...), which would not match the whole word.
    labels = {"lo": ["ສະຖິຕ", "ລາຍການ", "ຈຳນວນທັງໝົດ (ທ່ານ)", "ຍິງ (ທ່ານ)", "ຊາຍ (ທ່ານ)",
                     "ສັດສ່ວນຍິງ", "ມີລາຍຊື່ໃນບົດລາຍງານນີ້ (ທ່ານ)", "ຈຳນວນພາກສ່ວນ"],
              "en": ["Attendance", "Item", "Total (persons)", "Women (persons)", "Men (persons)",
                     "Women's share", "Named in this note (persons)", "Units"]}[lang]
    found = {label: [i for i, page in enumerate(pages) if squash(label) in page] for label in labels}
    assert all(found.values()), found
    assert len({pages_[0] for pages_ in found.values()}) == 1, found
