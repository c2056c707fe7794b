"""The minutes' PDF and DOCX meet the briefing's bar, in both editions and every font set: fonts, margins,
text layer, PDF/A-3a with the data attached, complex-script runs, embedded fonts, overdue marks, signatures."""

from __future__ import annotations

import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from pypdf import PdfReader

from conftest import DATA, ROOT, SEED, require
from generator.build import build
from generator.data.loader import load_meeting
from generator.docx import read_html
from generator.docx.blocks import Text
from generator.fonts import FONT_SETS, FontSet
from generator.lao import ZWSP, is_lao
from readers import pdf_chars, pdf_text, squash
from test_docx import NS, SUBSET, Styles, lao_runs, part, problems_of, w, wrap
from test_pdf import BOTTOM, EPS, LEFT, MM, PAGE_H, PAGE_W, RIGHT, TOP, pages, pdffonts, ps_name
from test_same_content import minutes_texts

EXAMPLE = ROOT / "briefings" / "example-internal-meeting.yaml"
# The example in both editions with every font set, the seed in both editions, and long minutes.
CASES = {f"example-{lang}-{font}": ("example", lang, font) for font in sorted(FONT_SETS) for lang in ("lo", "en")}
CASES |= {"seed-lo-phetsarath": ("seed", "lo", "phetsarath"), "seed-en-noto-serif": ("seed", "en", "noto-serif"),
          "long-lo-noto-sans": ("long", "lo", "noto-sans"), "long-en-phetsarath": ("long", "en", "phetsarath")}


def long_minutes(folder: Path) -> Path:
    """Minutes of several pages: the article's paragraphs as summaries, 40 actions with words longer than a cell."""
    article = [p for p in (DATA / "accsm-20-article.lo.txt").read_text(encoding="utf-8").split("\n") if len(p) > 500]
    long_word = "ຫົວໜ້າກົມປະເມີນຜົນແລະພັດທະນາລັດຖະກອນກະຊວງພາຍໃນສາທາລະນະລັດປະຊາທິປະໄຕປະຊາຊົນລາວ"
    token = "Pneumonoultramicroscopicsilicovolcanoconiosis" + "0123456789" * 4
    data = {
        "language": "lo",
        "issuer": {"ministry": {"lo": "ກະຊວງພາຍໃນ", "en": "Ministry of Home Affairs"}, "date": "2021-03-10"},
        "meeting": {"title": {"lo": "ກອງປະຊຸມ", "en": "Meeting"}, "start": "2021-03-04", "mode": "hybrid",
                    "start_time": "08:00", "end_time": "17:30", "purpose": [{"lo": "ທົດລອງ", "en": "Test"}],
                    "chair": {"name": {"lo": long_word, "en": token}, "position": {"lo": long_word, "en": token}}},
        "delegation": {"members": [
            {"name": {"lo": f"ທ່ານ ສົມພອນ {i} {long_word}", "en": f"Member {i} {token}"}, "gender": "male",
             "present": i % 4 != 0, **({"absence": {"lo": long_word, "en": token}} if i % 4 == 0 else {})}
            for i in range(1, 13)]},
        "agenda": [{"title": {"lo": p[:200], "en": f"Item {i} {token}"}, "presenter": {"lo": long_word, "en": token},
                    "summary": [{"lo": p, "en": f"Summary {i} https://asean.org/{token}"}],
                    "decisions": [{"lo": long_word, "en": token}]} for i, p in enumerate(article, 1)],
        "actions": [{"task": {"lo": f"{long_word} {i}", "en": f"Task {i} {token}"},
                     "owner": {"lo": long_word, "en": token}, "due": f"2021-03-{i % 28 + 1:02d}",
                     "status": ("open", "done", "cancelled")[i % 3], "item": 1} for i in range(1, 41)],
    }
    path = folder / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class Minutes:
    """One edition's minutes as built: the PDF, the DOCX and what went into them."""

    def __init__(self, source: Path, lang: str, font: str, out: Path) -> None:
        self.source, self.lang, self.font = source, lang, FONT_SETS[font]
        written = build([source], out, kind="minutes", lang=lang, font=font).written  # type: ignore[arg-type]
        self.pdf = next(p for p in written if p.suffix == ".pdf")
        self.docx = next(p for p in written if p.suffix == ".docx")
        # The English editions show Lao only in the example's reference number ("015/ກຄລ").
        self.lao_minimum = 1000 if lang == "lo" else 0 if source == EXAMPLE else -1


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Minutes]:
    sources = {"example": EXAMPLE, "seed": SEED, "long": long_minutes(tmp_path_factory.mktemp("long"))}
    return {key: Minutes(sources[name], lang, font, tmp_path_factory.mktemp(key))
            for key, (name, lang, font) in CASES.items()}


# --- PDF ----------------------------------------------------------------------------------

@pytest.mark.parametrize("key", CASES)
def test_only_the_font_sets_fonts_embedded_and_subset(built: dict[str, Minutes], key: str) -> None:
    minutes = built[key]
    families = {ps_name(f) for f in minutes.font.families}
    rows = pdffonts(minutes.pdf)
    assert rows
    for row in rows:
        assert (row[-5], row[-4]) == ("yes", "yes"), row
        assert row[0].split("+", 1)[1].removesuffix("-Bold") in families, row


@pytest.mark.parametrize("key", CASES)
def test_lao_is_drawn_by_the_lao_font_inside_the_text_area(built: dict[str, Minutes], key: str) -> None:
    minutes = built[key]
    lao_font = ps_name(minutes.font.lao_family)
    lao_chars = 0
    for number, chars in enumerate(pages(minutes.pdf), start=1):
        for ch in chars:
            assert LEFT - EPS <= ch.x0 and ch.x1 <= PAGE_W - RIGHT + EPS, (number, ch.get_text(), ch.x0, ch.x1)
            assert 10 * MM <= ch.y0 and ch.y1 <= PAGE_H - 10 * MM, (number, ch.get_text())
            if number == 1:
                assert BOTTOM - EPS <= ch.y0 and ch.y1 <= PAGE_H - TOP + EPS  # no running header or footer
            if any(is_lao(c) for c in ch.get_text()):
                lao_chars += 1
                assert ch.fontname.split("+", 1)[1].removesuffix("-Bold") == lao_font, ch.get_text()
    assert lao_chars > minutes.lao_minimum


@pytest.mark.parametrize("key", CASES)
def test_the_text_layer_has_every_shown_text_as_typed(built: dict[str, Minutes], key: str) -> None:
    minutes = built[key]
    chars = [c for _, c in pdf_chars(minutes.pdf.read_bytes())]  # content-stream order, from the ToUnicode maps
    assert ZWSP not in "".join(c.get_text() for c in chars)
    # Where a paragraph runs onto the next page, the running header, the page number and the list
    # bullets of that page come between its lines in the content stream: leave them out.
    body = squash("".join(c.get_text() for c in chars if BOTTOM - EPS <= c.y0 and c.y1 <= PAGE_H - TOP + EPS
                          and c.get_text() != "•"))
    missing = [t for t in minutes_texts(load_meeting(minutes.source), minutes.lang) if squash(t) not in body]
    assert missing == []


def colours(pdf: Path, word: str) -> set[tuple[float, ...]]:
    """The fill colours (rounded RGB) of the characters of the first `word` in the PDF's text layer."""
    chars = [char for _, char in pdf_chars(pdf.read_bytes())]
    spans, position = [], 0
    for char in chars:
        text = char.get_text()
        spans.append((position, position + len(text), tuple(round(v, 2) for v in char.graphicstate.ncolor)))
        position += len(text)
    start = "".join(char.get_text() for char in chars).find(word)
    assert start >= 0, word
    return {colour for begin, end, colour in spans if begin < start + len(word) and end > start}


DARK_RED, BLACK = (0.75, 0.0, 0.0), (0.0, 0.0, 0.0)


@pytest.mark.parametrize(("key", "word", "plain"), [("example-lo-phetsarath", "ກາຍກຳນົດ", "ກຳລັງດຳເນີນ"),
                                                    ("example-en-noto-sans", "Overdue", "Open")])
def test_the_overdue_mark_is_dark_red_and_the_rest_black(built: dict[str, Minutes], key: str, word: str,
                                                         plain: str) -> None:
    assert colours(built[key].pdf, word) == {DARK_RED}
    assert colours(built[key].pdf, plain) == {BLACK}


def test_a_long_actions_table_repeats_its_header_row_on_every_page(built: dict[str, Minutes]) -> None:
    text = subprocess.run([require("pdftotext", "the PDF text check"), "-layout", str(built["long-en-phetsarath"].pdf),
                           "-"], capture_output=True, text=True, check=True).stdout
    action_pages = [page for page in text.split("\f") if "Task 1" in page or re.search(r"\bTask \d+ ", page)]
    assert len(action_pages) >= 3
    for page in action_pages:
        assert re.search(r"No\.\s+Task\s+Responsible\s+Due\s+Status", page), page[:300]
    assert [int(n) for n in re.findall(r"\bTask (\d+) ", text)] == list(range(1, 41))


@pytest.mark.parametrize("key", [k for k in CASES if not k.startswith("long")])
def test_short_tables_stay_on_one_page(built: dict[str, Minutes], key: str) -> None:
    minutes = built[key]
    page_texts: dict[int, str] = {}
    for page, char in pdf_chars(minutes.pdf.read_bytes()):  # content-stream order: row by row, cell by cell
        page_texts[page] = page_texts.get(page, "") + char.get_text()
    page_texts = {page: squash(text) for page, text in page_texts.items()}
    meeting = load_meeting(minutes.source)
    # Texts found only in the tables: the present members' rows (number, name) and the actions' tasks.
    present = [m for m in meeting.delegation.members if m.present]
    groups = [[f"{i}{squash(m.name.get(minutes.lang) or '')}" for i, m in enumerate(present, start=1)],
              [squash(a.task.get(minutes.lang) or "") for a in meeting.actions]]
    for group in groups:
        assert any(all(item in page for item in group) for page in page_texts.values()), group


def test_poppler_copies_the_overdue_row_as_typed(built: dict[str, Minutes]) -> None:
    text = subprocess.run([require("pdftotext", "the PDF text check"), "-layout",
                           str(built["example-lo-noto-sans"].pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "ກາຍກຳນົດ" in text and "11 ທັນວາ 2020" in text and "ກຳລັງດຳເນີນ" in text


@pytest.mark.parametrize("key", ["example-lo-phetsarath", "example-en-noto-sans"])
def test_the_pdf_is_pdf_a_3a_with_the_meeting_file_attached(built: dict[str, Minutes], key: str) -> None:
    minutes = built[key]
    catalog = PdfReader(minutes.pdf).trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == minutes.lang
    (spec,) = [entry.get_object() for entry in catalog["/AF"]]
    assert spec["/AFRelationship"] == "/Source" and spec["/F"] == EXAMPLE.name
    assert spec["/EF"]["/F"].get_object().get_data() == EXAMPLE.read_bytes()
    assert PdfReader(minutes.pdf).metadata["/CreationDate"] == "D:20201215000000Z"  # the date of issue


def test_two_builds_give_the_same_bytes(built: dict[str, Minutes], tmp_path: Path) -> None:
    time.sleep(1.1)  # another second on the clock
    again = Minutes(EXAMPLE, "lo", "phetsarath", tmp_path)
    first = built["example-lo-phetsarath"]
    assert again.pdf.read_bytes() == first.pdf.read_bytes()
    assert again.docx.read_bytes() == first.docx.read_bytes()


# --- DOCX ---------------------------------------------------------------------------------

def _embedded_families(docx: Path) -> set[str]:
    table = part(docx, "word/fontTable.xml")
    return {f.get(w("name")) for f in table.findall("w:font", NS) if f.find("w:embedRegular", NS) is not None}


@pytest.mark.parametrize("key", CASES)
def test_lao_runs_are_complex_script_and_the_fonts_are_embedded(built: dict[str, Minutes], key: str) -> None:
    minutes = built[key]
    fs: FontSet = minutes.font
    runs = lao_runs(minutes.docx)
    assert len(runs) > min(minutes.lao_minimum, 40)
    for r, _ in runs:
        rpr = r.find("w:rPr", NS)
        fonts = rpr.find("w:rFonts", NS)
        assert [fonts.get(w(k)) for k in ("ascii", "hAnsi", "cs")] == [fs.lao_family] * 3
        assert rpr.find("w:cs", NS) is not None and rpr.find("w:lang", NS).get(w("bidi")) == "lo-LA"
    assert _embedded_families(minutes.docx) == set(fs.families)
    with zipfile.ZipFile(minutes.docx) as package:
        assert sum(name.startswith("word/fonts/") for name in package.namelist()) == len(fs.faces)


def _runs_with_style(docx: Path, style_id: str) -> list[etree._Element]:
    return [r for r in part(docx, "word/document.xml").iter(w("r"))
            if r.find("w:rPr/w:rStyle", NS) is not None and r.find("w:rPr/w:rStyle", NS).get(w("val")) == style_id]


@pytest.mark.parametrize(("key", "word"), [("example-lo-phetsarath", "ກາຍກຳນົດ"),
                                           ("example-en-noto-sans", "Overdue")])
def test_the_overdue_action_is_marked_in_the_docx(built: dict[str, Minutes], key: str, word: str) -> None:
    docx = built[key].docx
    marked = ["".join(t.text for t in r.iter(w("t"))) for r in _runs_with_style(docx, "Overdue")]
    assert "".join(marked).replace(" ", "") in (f"11ທັນວາ2020{word}", f"11December2020{word}")
    for r in _runs_with_style(docx, "Overdue"):
        assert r.find("w:rPr/w:b", NS) is not None and r.find("w:rPr/w:bCs", NS) is not None
        assert r.find("w:rPr/w:color", NS).get(w("val")) == "C00000"  # also where a style's colour is lost
    style = Styles(docx).by_id["Overdue"]
    assert style.get(w("type")) == "character"
    assert style.find("w:rPr/w:color", NS).get(w("val")) == "C00000"
    assert style.find("w:rPr/w:bCs", NS) is not None
    # Only the overdue action's row carries the mark.
    rows = [tr for tbl in part(docx, "word/document.xml").iter(w("tbl")) for tr in tbl.findall("w:tr", NS)
            if tr.find(".//w:rStyle", NS) is not None]
    assert len(rows) == 1 and "".join(t.text for t in rows[0].iter(w("t"))).startswith("2")


def test_the_signature_block_is_a_borderless_table_with_room_to_sign(built: dict[str, Minutes]) -> None:
    docx = built["example-en-noto-sans"].docx
    table = part(docx, "word/document.xml").findall(".//w:tbl", NS)[-1]
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert {b.get(w("val")) for b in borders} == {"nil"}
    cells = [[("".join(t.text for t in tc.iter(w("t"))), tc.find("w:p/w:pPr/w:pStyle", NS).get(w("val")))
              for tc in tr.findall("w:tc", NS)] for tr in table.findall("w:tr", NS)]
    assert cells == [
        [("Minutes taken by", "SignatureRole"), ("Chair", "SignatureRole")],
        [("Ms Dala SisoulathTechnical officer, ASEAN Cooperation Division", "SignatureName"),
         ("Mr Bounmy SihalathDeputy Director General, Department of Civil Service Management", "SignatureName")]]
    by_id = Styles(docx).by_id
    assert by_id["SignatureName"].find("w:pPr/w:spacing", NS).get(w("before")) == str(round(20 * 1440 / 25.4))
    assert by_id["SignatureRole"].find("w:pPr/w:keepNext", NS) is not None
    # The closing time just before it, kept on its page.
    body = part(docx, "word/document.xml").find("w:body", NS)
    closing = table.getprevious()
    assert closing.find("w:pPr/w:pStyle", NS).get(w("val")) == "Closing"
    assert "".join(t.text for t in closing.iter(w("t"))) == "The meeting closed at 11:30 on 4 December 2020."
    assert by_id["Closing"].find("w:pPr/w:keepNext", NS) is not None and body is not None
    assert {jc.get(w("val")) for jc in table.iter(w("jc"))} == {"center"}


def test_libreoffice_draws_the_minutes_with_the_embedded_fonts(built: dict[str, Minutes], tmp_path: Path) -> None:
    soffice, fonts_tool = require("soffice", "the LibreOffice check of the minutes"), require("pdffonts")
    docx = built["example-lo-noto-serif"].docx
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   capture_output=True, check=True, timeout=300)
    pdf = tmp_path / f"{docx.stem}.pdf"
    used = {line.split()[0].split("+")[-1] for line in
            subprocess.run([fonts_tool, str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]}
    assert used and not [name for name in used if "DejaVu" in name]
    text = squash(pdf_text(pdf))
    assert "ກາຍກຳນົດ" in text and "ປະທານກອງປະຊຸມ" in text and "11ທັນວາ2020" in text
    assert colours(pdf, "ກາຍກຳນົດ") == {DARK_RED} and colours(pdf, "ປະທານກອງປະຊຸມ") == {BLACK}


# --- the HTML subset's minutes parts, in the reader -----------------------------------------

def test_an_overdue_span_reads_as_bold_text_in_the_overdue_style() -> None:
    document = read_html(wrap('<p>ກ <span class="overdue">ກາຍກຳນົດ <strong>x</strong></span></p>'))
    (paragraph,) = document.blocks
    assert paragraph.inlines == (Text("ກ "), Text("ກາຍກຳນົດ x", bold=True, style="Overdue"))


def test_a_signatures_table_and_an_actions_table_are_in_the_subset() -> None:
    html = wrap('<table class="signatures"><tbody><tr><td>a</td><td>b</td></tr></tbody></table>\n'
                '<table class="actions"><tbody><tr><td>1</td></tr></tbody></table>')
    assert [block.kind for block in read_html(html).blocks] == ["signatures", "actions"]  # type: ignore[union-attr]


def test_a_span_class_outside_the_subset_names_the_overdue_class() -> None:
    assert problems_of(wrap('<p><span class="late">x</span></p>')) == [
        f'rendered HTML:3:4: class "late" on <span> {SUBSET} (expected one of "number", "overdue", '
        '"page-count", "page-number")']
