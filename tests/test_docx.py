"""The DOCX writer: read the HTML subset, write a Word document with Lao runs and fonts right."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from generator.docx import read_html, template_problems, write_docx
from generator.docx.runs import font_runs
from generator.docx.template_check import source_problems
from generator.errors import InputError
from generator.fonts import FONT_SETS, FontSet
from conftest import DATA, ROOT, run_cli

SAMPLE = DATA / "docx_sample.html"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
LAO = re.compile("[\u0e80-\u0eff]")
CREATED = dt.datetime(2020, 11, 20, 9, 0)
SUBSET = "is not in the subset the DOCX writer understands"


def w(name: str) -> str:
    """Clark name of a WordprocessingML tag or attribute."""
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module", params=sorted(FONT_SETS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[FontSet, Path]:
    """The sample written with each font set."""
    fs = FONT_SETS[request.param]
    out = tmp_path_factory.mktemp(fs.key) / "sample.docx"
    write_docx(SAMPLE.read_text(encoding="utf-8"), fs, out, created=CREATED)
    return fs, out


def part(docx: Path, name: str) -> etree._Element:
    """A part of the package, parsed."""
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(name))


def story_parts(docx: Path) -> list[str]:
    """The document body and every header and footer part."""
    with zipfile.ZipFile(docx) as z:
        return ["word/document.xml"] + sorted(
            n for n in z.namelist() if re.fullmatch(r"word/(header|footer)\d+\.xml", n))


# --- page and package ---------------------------------------------------------------

def test_page_is_a4_with_the_pdf_margins(built: tuple[FontSet, Path]) -> None:
    _, docx = built
    sect = part(docx, "word/document.xml").find(".//w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    mm = lambda element, name: round(int(element.get(w(name))) * 25.4 / 1440, 1)  # noqa: E731
    assert (mm(size, "w"), mm(size, "h")) == (210.0, 297.0)
    assert [mm(margins, side) for side in ("top", "right", "bottom", "left")] == [25, 25, 20, 25]
    assert sect.find("w:titlePg", NS) is not None  # first page without header/footer, as the PDF


def test_core_properties(built: tuple[FontSet, Path]) -> None:
    _, docx = built
    core = part(docx, "docProps/core.xml")
    text = {etree.QName(e).localname: e.text for e in core}
    assert text["title"] == "ບົດສະຫຼຸບ ກອງປະຊຸມ ACCSM ຄັ້ງທີ 20"
    assert text["creator"] == "ກະຊວງພາຍໃນ"
    assert text["subject"] == "ບົດສະຫຼຸບສັ້ນ ສຳລັບຄະນະນຳ"
    assert text["keywords"] == "ACCSM, ອາຊຽນ, ລັດຖະກອນ"
    assert text["language"] == "lo-LA"
    assert text["created"] == text["modified"] == "2020-11-20T09:00:00Z"


def test_same_input_gives_the_same_bytes(built: tuple[FontSet, Path], tmp_path: Path) -> None:
    fs, docx = built
    again = tmp_path / "again.docx"
    write_docx(SAMPLE.read_text(encoding="utf-8"), fs, again, created=CREATED)
    assert again.read_bytes() == docx.read_bytes()


def test_no_template_baggage(built: tuple[FontSet, Path]) -> None:
    _, docx = built
    with zipfile.ZipFile(docx) as z:
        names = set(z.namelist())
    assert not {n for n in names if "thumbnail" in n or "customXml" in n or "WithEffects" in n}


# --- Lao runs -----------------------------------------------------------------------

class Styles:
    """Resolves run properties through paragraph styles (basedOn chain) and docDefaults."""

    def __init__(self, docx: Path) -> None:
        root = part(docx, "word/styles.xml")
        self.by_id = {s.get(w("styleId")): s for s in root.findall("w:style", NS)}
        self.defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        self.default_paragraph = next(s.get(w("styleId")) for s in self.by_id.values()
                                      if s.get(w("type")) == "paragraph"
                                      and s.get(w("default")) == "1")

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The rPr elements from the style `style_id` up to the document defaults."""
        found = []
        style_id = style_id or self.default_paragraph
        while style_id:
            style = self.by_id[style_id]
            if style.find("w:rPr", NS) is not None:
                found.append(style.find("w:rPr", NS))
            based = style.find("w:basedOn", NS)
            style_id = based.get(w("val")) if based is not None else None
        return found + [self.defaults]

    @staticmethod
    def value(chain: list[etree._Element], tag: str) -> str | None:
        """The effective value of an on/off or valued property (first in the chain wins)."""
        for rpr in chain:
            element = rpr.find(f"w:{tag}", NS)
            if element is not None:
                return element.get(w("val"), "1")
        return None


def lao_runs(docx: Path) -> list[tuple[etree._Element, str | None]]:
    """Every run with Lao text, with its paragraph's style id."""
    found = []
    for name in story_parts(docx):
        for p in part(docx, name).iter(w("p")):
            style = p.find("w:pPr/w:pStyle", NS)
            for r in p.iter(w("r")):
                text = "".join(t.text or "" for t in r.findall("w:t", NS))
                if LAO.search(text):
                    found.append((r, style.get(w("val")) if style is not None else None))
    return found


def test_every_lao_run_has_the_complex_script_properties(built: tuple[FontSet, Path]) -> None:
    fs, docx = built
    styles = Styles(docx)
    runs = lao_runs(docx)
    assert len(runs) > 30
    for r, style_id in runs:
        rpr = r.find("w:rPr", NS)
        text = "".join(t.text for t in r.findall("w:t", NS))
        fonts = rpr.find("w:rFonts", NS)
        assert [fonts.get(w(k)) for k in ("ascii", "hAnsi", "cs")] == [fs.lao_family] * 3, text
        assert rpr.find("w:cs", NS) is not None, text
        assert rpr.find("w:lang", NS).get(w("bidi")) == "lo-LA", text
        chain = [rpr] + styles.chain(style_id)
        for plain, complex_ in (("b", "bCs"), ("i", "iCs"), ("sz", "szCs")):
            assert styles.value(chain, plain) == styles.value(chain, complex_), (text, plain)
        assert styles.value(chain, "szCs") is not None, text


def test_bold_lao_is_bold_in_the_complex_half(built: tuple[FontSet, Path]) -> None:
    _, docx = built
    styles = Styles(docx)
    effective = {}
    for r, style_id in lao_runs(docx):
        text = "".join(t.text for t in r.findall("w:t", NS))
        chain = [r.find("w:rPr", NS)] + styles.chain(style_id)
        effective[text] = (styles.value(chain, "bCs"), styles.value(chain, "iCs"),
                           styles.value(chain, "szCs"))
    assert effective["ສຳເລັດການເຂົ້າຮ່ວມ"] == ("1", "0", "24")  # styles say not italic
    assert effective["ສຳຄັນ"] == ("1", "1", "24")
    assert effective["ຈຸດປະສົງ"] == ("1", "0", "27")  # Heading 1: 13.5 pt, bold from the style
    assert effective["ກະຊວງພາຍໃນ"][0] == "0"


def test_styles_set_both_halves_and_the_lao_font(built: tuple[FontSet, Path]) -> None:
    fs, docx = built
    root = part(docx, "word/styles.xml")
    names = {s.find("w:name", NS).get(w("val")) for s in root.findall("w:style", NS)}
    assert {"Nation", "Motto", "Issuer", "Reference", "Place and Date", "Subtitle", "Note",
            "Title", "heading 1", "heading 2", "Body Text", "List Bullet", "List Number",
            "Table Header", "Table Text", "Briefing Table"} <= names
    rprs = root.findall("w:style/w:rPr", NS) + root.findall("w:docDefaults//w:rPr", NS)
    assert len(rprs) >= 18
    for rpr in rprs:
        for plain, complex_ in (("b", "bCs"), ("i", "iCs"), ("sz", "szCs")):
            a, b = rpr.find(f"w:{plain}", NS), rpr.find(f"w:{complex_}", NS)
            assert (a is None) == (b is None)
            assert a is None or a.get(w("val")) == b.get(w("val"))
        fonts = rpr.find("w:rFonts", NS)
        assert fonts.get(w("cs")) == fs.lao_family
        assert fonts.get(w("asciiTheme")) is None and fonts.get(w("cstheme")) is None


def test_no_character_falls_to_a_font_without_it(built: tuple[FontSet, Path]) -> None:
    fs, docx = built
    cmaps = {face.family: set() for face in fs.faces}
    for face in fs.faces:
        cmaps[face.family] |= set(TTFont(face.path).getBestCmap())
    for name in story_parts(docx):
        for r in part(docx, name).iter(w("r")):
            text = "".join(t.text or "" for t in r.findall("w:t", NS))
            if text:
                font = r.find("w:rPr/w:rFonts", NS).get(w("ascii"))
                assert {ch for ch in text if ord(ch) not in cmaps[font]} == set(), (font, text)


def test_digits_and_punctuation_in_lao_text_go_to_the_first_font_of_the_pdf_stack() -> None:
    # Phetsarath OT: the Latin family first (its own figures are old-style), as in the PDF.
    assert font_runs("ວັນທີ 20 ພະຈິກ (ສ. ປ ຈີນ)", FONT_SETS["phetsarath"]) == [
        ("ວັນທີ ", True), ("20 ", False), ("ພະຈິກ ", True), ("(", False), ("ສ", True),
        (". ", False), ("ປ ຈີນ", True), (")", False)]
    assert font_runs("ACCSM 2020 ກ", FONT_SETS["phetsarath"]) == [("ACCSM 2020 ", False), ("ກ", True)]
    # Noto Sans Lao first: it draws what it has, Noto Sans the digits it lacks.
    assert font_runs("ວັນທີ 20 ພະຈິກ", FONT_SETS["noto-sans"]) == [
        ("ວັນທີ ", True), ("20 ", False), ("ພະຈິກ", True)]


# --- embedded fonts -----------------------------------------------------------------

def deobfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 Part 1 §17.8.1, written again here so the test does not trust the writer."""
    digits = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    return bytes(b ^ digits[i % 16] for i, b in enumerate(data[:32])) + data[32:]


def test_embedded_fonts_are_the_whole_bundled_fonts(built: tuple[FontSet, Path],
                                                    tmp_path: Path) -> None:
    fs, docx = built
    table = part(docx, "word/fontTable.xml")
    rels = {r.get("Id"): r for r in part(docx, "word/_rels/fontTable.xml.rels")}
    types = part(docx, "[Content_Types].xml")
    lao_text = "".join(LAO.findall(" ".join(
        "".join(t.text or "" for t in part(docx, n).iter(w("t"))) for n in story_parts(docx))))
    assert part(docx, "word/settings.xml").find("w:embedTrueTypeFonts", NS) is not None
    entries = {f.get(w("name")): f for f in table.findall("w:font", NS)}
    assert list(entries) == list(fs.families)
    embedded = 0
    with zipfile.ZipFile(docx) as z:
        for family, entry in entries.items():
            faces = [f for f in fs.faces if f.family == family]
            embeds = [e for e in entry if etree.QName(e).localname.startswith("embed")]
            assert len(embeds) == len(faces)
            for embed in embeds:
                rel = rels[embed.get(f"{{{R}}}id")]
                assert rel.get("Type").endswith("/relationships/font")
                name = "word/" + rel.get("Target")
                assert re.fullmatch(r"word/fonts/font\d+\.odttf", name)
                override = types.find(f"{{*}}Override[@PartName='/{name}']")
                assert override.get("ContentType") == \
                    "application/vnd.openxmlformats-officedocument.obfuscatedFont"
                key = embed.get(w("fontKey"))
                assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", key)
                data = deobfuscate(z.read(name), key)
                assert data in {f.path.read_bytes() for f in faces}  # whole file, not a subset
                font_file = tmp_path / f"{embedded}.ttf"
                font_file.write_bytes(data)
                font = TTFont(font_file)
                assert font["name"].getDebugName(1) == family
                if family == fs.lao_family:
                    assert {ch for ch in lao_text if ord(ch) not in font.getBestCmap()} == set()
                assert etree.QName(embed).localname == "embed" + (
                    "Bold" if font["OS/2"].usWeightClass >= 600 else "") + (
                    "Italic" if font["head"].macStyle & 2 else "") or "embedRegular"
                embedded += 1
    assert embedded == len(fs.faces)


# --- content ------------------------------------------------------------------------

def html_texts(html: str) -> list[str]:
    """The text of every paragraph-like element of the body, read by lxml (not our reader)."""
    root = lxml.html.fromstring(html.encode("utf-8"))
    found = []
    for e in root.xpath("//body//*[self::p or self::h1 or self::h2 or self::h3 or self::li "
                        "or self::th or self::td]"):
        for br in e.iter("br"):
            br.tail = "\ue000" + (br.tail or "")  # a private-use mark for the line break
        lines = " ".join(e.text_content().split()).split("\ue000")
        found.append("\n".join(line.strip() for line in lines))
    return found


def docx_texts(docx: Path) -> list[str]:
    """The text of every body paragraph and table cell, in order, without empty spacers."""
    body = part(docx, "word/document.xml").find("w:body", NS)
    found = []
    for p in body.iter(w("p")):
        text = "".join("\n" if e.tag == w("br") else e.text or ""
                       for e in p.iter(w("t"), w("br")))
        if text or p.getparent().tag == w("tc"):
            found.append(text)
    return found


def test_the_docx_has_every_text_of_the_html_in_order(built: tuple[FontSet, Path]) -> None:
    _, docx = built
    expected = html_texts(SAMPLE.read_text(encoding="utf-8"))
    assert len(expected) == 35
    assert docx_texts(docx) == expected


def test_running_header_and_footer(built: tuple[FontSet, Path]) -> None:
    _, docx = built
    root = part(docx, "word/document.xml")
    refs = {(ref.tag, ref.get(w("type"))): ref.get(f"{{{R}}}id")
            for ref in root.find(".//w:body/w:sectPr", NS)
            if ref.tag in (w("headerReference"), w("footerReference"))}
    rels = {r.get("Id"): r.get("Target") for r in part(docx, "word/_rels/document.xml.rels")}
    header = part(docx, "word/" + rels[refs[w("headerReference"), "default"]])
    footer = part(docx, "word/" + rels[refs[w("footerReference"), "default"]])
    first = part(docx, "word/" + rels[refs[w("footerReference"), "first"]])
    assert "".join(header.itertext()) == "ບົດສະຫຼຸບ ກອງປະຊຸມ ACCSM ຄັ້ງທີ 20"
    assert [i.text for i in footer.iter(w("instrText"))] == [" PAGE ", " NUMPAGES "]
    assert "".join(t.text for t in footer.iter(w("t"))) == "ໜ້າ 1 / 1"
    assert "".join(first.itertext()) == ""


def test_lists_are_word_lists_and_each_numbered_list_starts_at_one(
        built: tuple[FontSet, Path]) -> None:
    _, docx = built
    body = part(docx, "word/document.xml")
    numbering = part(docx, "word/numbering.xml")
    items = [(p.find("w:pPr/w:pStyle", NS).get(w("val")),
              p.find("w:pPr/w:numPr/w:numId", NS).get(w("val")))
             for p in body.iter(w("p")) if p.find("w:pPr/w:numPr", NS) is not None]
    assert [style for style, _ in items] == ["ListNumber"] * 3 + ["ListBullet"] * 2
    first, second = items[0][1], items[2][1]
    assert items[1][1] == first != second
    nums = {n.get(w("numId")): n for n in numbering.findall("w:num", NS)}
    abstract = {a.get(w("abstractNumId")): a for a in numbering.findall("w:abstractNum", NS)}
    for num_id, fmt in ((first, "decimal"), (second, "decimal"), (items[3][1], "bullet")):
        target = nums[num_id].find("w:abstractNumId", NS).get(w("val"))
        assert abstract[target].find("w:lvl/w:numFmt", NS).get(w("val")) == fmt
    assert nums[second].find("w:lvlOverride/w:startOverride", NS).get(w("val")) == "1"


def test_tables_use_the_style_and_repeat_their_header_row(built: tuple[FontSet, Path]) -> None:
    _, docx = built
    letterhead, *tables = part(docx, "word/document.xml").findall(".//w:tbl", NS)
    assert letterhead.find("w:tblPr/w:tblStyle", NS) is None
    assert [t.find("w:tblPr/w:tblStyle", NS).get(w("val")) for t in tables] == \
        ["BriefingTable"] * 2
    facts, areas = tables
    assert [tr.find("w:trPr/w:tblHeader", NS) is not None for tr in areas.findall("w:tr", NS)] \
        == [True, False, False, False]
    assert all(tr.find("w:trPr/w:tblHeader", NS) is None for tr in facts.findall("w:tr", NS))
    styles = [[tc.find("w:p/w:pPr/w:pStyle", NS).get(w("val")) for tc in tr.findall("w:tc", NS)]
              for tr in areas.findall("w:tr", NS)]
    assert styles[0] == ["TableHeader"] * 3 and styles[1] == ["TableText"] * 3
    widths = [int(g.get(w("w"))) for g in areas.findall("w:tblGrid/w:gridCol", NS)]
    assert round(sum(widths) * 25.4 / 1440) == 160


# --- the letterhead -------------------------------------------------------------------

TEXT_WIDTH_TWIPS = round(160 * 1440 / 25.4)  # A4 less 25 mm margins on both sides


def text_of(p: etree._Element) -> str:
    """The text of a w:p."""
    return "".join(t.text or "" for t in p.iter(w("t")))


def style_of(p: etree._Element) -> str | None:
    """The style id of a w:p."""
    style = p.find("w:pPr/w:pStyle", NS)
    return style.get(w("val")) if style is not None else None


def paragraph_property(docx: Path, p: etree._Element, path: str) -> etree._Element | None:
    """The effective paragraph property `path` (e.g. "w:jc") of `p`: its own, else its style's
    (basedOn chain)."""
    found = p.find(f"w:pPr/{path}", NS)
    style_id = style_of(p)
    by_id = Styles(docx).by_id
    while found is None and style_id:
        found = by_id[style_id].find(f"w:pPr/{path}", NS)
        based = by_id[style_id].find("w:basedOn", NS)
        style_id = based.get(w("val")) if based is not None else None
    return found


def letterhead_table(docx: Path) -> etree._Element:
    """The body's first table, checking that only the heading's centred lines come before it."""
    body = part(docx, "word/document.xml").find("w:body", NS)
    before = []
    for child in body:
        if child.tag == w("tbl"):
            assert [style_of(p) for p in before] == ["Nation", "Motto", "MottoRule"]
            return child
        before.append(child)
    raise AssertionError("no table in the body")


def cell_paragraphs(tc: etree._Element) -> list[tuple[str | None, str]]:
    """(style id, text) of each paragraph of a table cell."""
    return [(style_of(p), text_of(p)) for p in tc.findall("w:p", NS)]


def test_the_letterhead_sides_are_one_borderless_two_cell_table(
        built: tuple[FontSet, Path]) -> None:
    _, docx = built
    table = letterhead_table(docx)
    (row,) = table.findall("w:tr", NS)
    left, right = row.findall("w:tc", NS)
    assert cell_paragraphs(left) == [("Issuer", "ກະຊວງພາຍໃນ"), ("Issuer", "ກົມຄຸ້ມຄອງລັດຖະກອນ")]
    assert cell_paragraphs(right) == [("Reference", "ເລກທີ 123/ພນ"),
                                      ("PlaceandDate", "ນະຄອນຫຼວງວຽງຈັນ, ວັນທີ 20 ພະຈິກ 2020")]
    for p in right.findall("w:p", NS):
        assert paragraph_property(docx, p, "w:jc").get(w("val")) == "right"
    for p in left.findall("w:p", NS):
        assert paragraph_property(docx, p, "w:jc").get(w("val")) == "left"

    tbl_pr = table.find("w:tblPr", NS)
    borders = tbl_pr.find("w:tblBorders", NS)
    assert {etree.QName(b).localname: b.get(w("val")) for b in borders} == dict.fromkeys(
        ("top", "left", "bottom", "right", "insideH", "insideV"), "nil")
    assert table.find(".//w:tcBorders", NS) is None and table.find(".//w:shd", NS) is None
    default_table_style = next(s for s in Styles(docx).by_id.values()
                               if s.get(w("type")) == "table" and s.get(w("default")) == "1")
    assert default_table_style.find(".//w:tblBorders", NS) is None
    # Fixed widths summing to the text width, and no cell margins: the text lines up with
    # the page margins as in the PDF.
    assert tbl_pr.find("w:tblLayout", NS).get(w("type")) == "fixed"
    assert tbl_pr.find("w:tblW", NS).get(w("w")) == str(TEXT_WIDTH_TWIPS)
    grid = [int(g.get(w("w"))) for g in table.findall("w:tblGrid/w:gridCol", NS)]
    assert abs(sum(grid) - TEXT_WIDTH_TWIPS) <= 1 and abs(grid[0] - grid[1]) <= 1
    assert [int(tc.find("w:tcPr/w:tcW", NS).get(w("w"))) for tc in (left, right)] == grid
    assert {m.get(w("w")) for m in tbl_pr.find("w:tblCellMar", NS)} == {"0"}


def test_section_headings_have_the_rule_the_pdf_draws_under_h2(built: tuple[FontSet, Path]) -> None:
    _, docx = built
    style = Styles(docx).by_id["Heading1"]
    (bottom,) = style.find("w:pPr/w:pBdr", NS)
    assert etree.QName(bottom).localname == "bottom"
    assert (bottom.get(w("val")), bottom.get(w("sz")), bottom.get(w("color"))) == \
        ("single", "5", "000000")  # h2 { border-bottom: 0.6pt solid #000 }, in eighths of a point


def test_a_short_centred_rule_under_the_motto(built: tuple[FontSet, Path]) -> None:
    _, docx = built
    body = part(docx, "word/document.xml").find("w:body", NS)
    paragraphs = body.findall("w:p", NS)
    motto = next(i for i, p in enumerate(paragraphs) if style_of(p) == "Motto")
    rule = paragraphs[motto + 1]
    assert style_of(rule) == "MottoRule" and text_of(rule) == ""
    assert [etree.QName(e).localname for e in rule.find("w:pPr", NS)] == ["pStyle"]  # all in the style
    style = Styles(docx).by_id["MottoRule"]
    assert style.find("w:name", NS).get(w("val")) == "Motto Rule"
    (bottom,) = style.find("w:pPr/w:pBdr", NS)
    assert etree.QName(bottom).localname == "bottom"
    assert (bottom.get(w("val")), bottom.get(w("sz")), bottom.get(w("color"))) == \
        ("single", "5", "000000")  # 0.6 pt in eighths
    assert style.find("w:pPr/w:jc", NS).get(w("val")) == "center"
    ind = style.find("w:pPr/w:ind", NS)
    left, right = int(ind.get(w("left"))), int(ind.get(w("right")))
    assert left == right and abs(TEXT_WIDTH_TWIPS - left - right - round(40 * 1440 / 25.4)) <= 2
    spacing = style.find("w:pPr/w:spacing", NS)
    assert (spacing.get(w("lineRule")), spacing.get(w("line"))) == ("exact", "85")  # 1.5 mm


def test_a_letterhead_with_one_side_is_stacked_paragraphs(tmp_path: Path) -> None:
    html = wrap('<section class="letterhead"><p class="nation">ກ</p><p class="motto">ຂ</p>\n'
                '<p class="issuer">ຄ</p><p class="issuer">ງ</p></section><h1>ຈ</h1>')
    write_docx(html, FONT_SETS["phetsarath"], tmp_path / "x.docx")
    body = part(tmp_path / "x.docx", "word/document.xml").find("w:body", NS)
    assert body.find(".//w:tbl", NS) is None
    assert [(style_of(p), text_of(p)) for p in body.findall("w:p", NS)] == [
        ("Nation", "ກ"), ("Motto", "ຂ"), ("MottoRule", ""), ("Issuer", "ຄ"), ("Issuer", "ງ"),
        ("Title", "ຈ")]


def test_a_letterhead_without_department_and_reference(tmp_path: Path) -> None:
    result = run_cli("build", str(DATA / "minimal.yaml"), "-o", str(tmp_path), "--format", "docx")
    assert result.returncode == 0, result.stderr
    (docx,) = tmp_path.glob("*.docx")
    left, right = letterhead_table(docx).findall("w:tr/w:tc", NS)
    assert cell_paragraphs(left) == [("Issuer", "ກະຊວງພາຍໃນ")]
    assert cell_paragraphs(right) == [("PlaceandDate", "ວັນທີ 4 ມີນາ 2021")]


def test_only_the_heading_lines_may_stand_in_the_letterhead() -> None:
    assert problems_of(wrap('<section class="letterhead">\n<p class="nation">ກ</p>\n'
                            '<p class="note">ຂ</p>\n<h2>ຄ</h2></section>')) == [
        f'rendered HTML:5:1: <p class="note"> inside <section class="letterhead"> {SUBSET} '
        '(expected one of <p class="nation">, <p class="motto">, <p class="issuer">, '
        '<p class="reference">, <p class="place-date">)',
        f'rendered HTML:6:1: <h2> inside <section class="letterhead"> {SUBSET} '
        '(expected one of <p class="nation">, <p class="motto">, <p class="issuer">, '
        '<p class="reference">, <p class="place-date">)']


# --- the subset, and what is outside it ---------------------------------------------

def problems_of(html: str) -> list[str]:
    """The messages read_html raises for `html`."""
    with pytest.raises(InputError) as caught:
        read_html(html)
    return [str(p) for p in caught.value.problems]


def wrap(body: str) -> str:
    """A minimal document around `body` (the body starts on line 3)."""
    return f'<!doctype html>\n<html lang="lo"><head><title>t</title></head><body>\n{body}\n</body></html>'


def test_an_unknown_inline_element_is_named_with_its_line() -> None:
    assert problems_of(wrap("<p>ກ\n  <blink>x</blink></p>")) == [
        f"rendered HTML:4:3: element <blink> {SUBSET} "
        "(expected one of <strong>, <em>, <span>, <br>)"]


def test_an_unknown_block_element_and_a_misplaced_one() -> None:
    assert problems_of(wrap("<div>x</div>\n<li>y</li>")) == [
        f"rendered HTML:3:1: element <div> {SUBSET} (expected one of <header>, <footer>, "
        "<section>, <h1>, <h2>, <h3>, <p>, <ul>, <ol>, <table>, <figure>)",
        "rendered HTML:4:1: element <li> inside <body> is not in the subset the DOCX writer "
        "understands (expected one of <header>, <footer>, <section>, <h1>, <h2>, <h3>, <p>, "
        "<ul>, <ol>, <table>, <figure>)"]


def test_unknown_classes_attributes_and_stray_text() -> None:
    assert problems_of(wrap('<p class="blink">a</p>\n<h2 style="color: red">b</h2>\nloose')) == [
        f'rendered HTML:3:1: class "blink" on <p> {SUBSET} (expected one of "closing", "issuer", '
        '"motto", "nation", "note", "place-date", "reference", "subtitle")',
        f"rendered HTML:4:1: attribute style on <h2> {SUBSET} (expected one of class, id, lang)",
        f'rendered HTML:5:1: text "loose" directly inside <body> {SUBSET} (expected one of '
        "<header>, <footer>, <section>, <h1>, <h2>, <h3>, <p>, <ul>, <ol>, <table>, <figure> around it)"]


def test_page_fields_only_in_the_running_footer_and_empty() -> None:
    assert problems_of(wrap('<p><span class="page-number"></span></p>\n'
                            '<footer class="running-footer"><span class="page-count">9</span></footer>')) == [
        f'rendered HTML:3:4: <span class="page-number"> outside <header> and <footer> {SUBSET} '
        "(page fields belong in the running header or footer)",
        'rendered HTML:4:32: <span class="page-count"> must be empty: the DOCX writer puts a '
        "NUMPAGES field there"]


def test_unclosed_elements_are_named() -> None:
    assert problems_of(wrap("<ul><li>a</ul>")) == [
        "rendered HTML:3:5: element <li> is not closed before </ul> "
        "(the DOCX reader needs every element closed)"]


def test_a_failed_write_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    with pytest.raises(InputError):
        write_docx(wrap("<blink>x</blink>"), FONT_SETS["phetsarath"], out)
    assert list(tmp_path.iterdir()) == []


def test_white_space_collapses_as_in_a_browser_and_break_hints_go() -> None:
    doc = read_html(wrap("<p>\n  ກ <strong> ຂ\u200bຄ </strong>\n ງ<br>\n  ຈ  </p>"))
    assert doc.texts() == ["ກ ຂຄ ງ\nຈ"]


# --- template checker ---------------------------------------------------------------

def test_the_template_checker_names_template_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.html.j2").write_text(
        '{% extends "base.html.j2" %}\n{% block content %}\n<section class="{{ cls }}">\n'
        '<p class="note">{{ x }}</p>\n  <blink>{{ y }}</blink>\n<p class="shout">z</p>\n'
        "{% endblock %}\n", encoding="utf-8")
    everything = ", ".join(f"<{t}>" for t in (
        "html", "head", "title", "meta", "style", "link", "body", "header", "footer",
        "section", "h1", "h2", "h3", "p", "ul", "ol", "li", "table", "figure", "figcaption", "thead",
        "tbody", "tr",
        "th", "td", "strong", "em", "span", "br"))
    assert [str(p) for p in template_problems(tmp_path)] == [
        f"{tmp_path}/x.html.j2:5:3: element <blink> {SUBSET} (expected one of {everything})",
        f'{tmp_path}/x.html.j2:6:1: class "shout" on <p> {SUBSET} (expected one of "closing", '
        '"issuer", "motto", "nation", "note", "place-date", "reference", "subtitle")']


def test_jinja_keeps_line_and_column(tmp_path: Path) -> None:
    source = '{# a\ncomment #}{% if x %}<div>{{ "a\nb" }}</div>{% endif %}'
    assert [str(p).split(": element")[0] for p in source_problems(source, "t.j2")] == ["t.j2:2:21"]


def test_the_project_templates_are_in_the_subset() -> None:
    assert [str(p) for p in template_problems(ROOT / "templates")] == []
