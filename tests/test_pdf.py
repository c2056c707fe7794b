"""The PDF: embedded subset fonts, Lao in the Lao font, text inside the text area, metadata, figures."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pymupdf
import pytest
import yaml
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

from conftest import DATA, ROOT, SEED, require
from generator.errors import InputError
from generator.fonts import FONT_SETS, FontFace, FontSet
from generator.lao import ZWSP, is_lao
from generator.data.loader import load_meeting
from generator.pdf.writer import for_weasyprint, write_pdf
from generator.content.render import render_html
from generator.data.stats import attendance
from generator.content.view import build_view

TEMPLATES = ROOT / "templates"
MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
# templates/briefing.css: 25 mm left, right and top, 20 mm bottom.
LEFT, RIGHT, TOP, BOTTOM = 25 * MM, 25 * MM, 25 * MM, 20 * MM
EPS = 0.5  # points: rounding in the PDF's coordinates


@dataclass(frozen=True)
class Built:
    """One PDF built for the tests, with what went into it."""

    pdf: Path
    font: FontSet
    view: dict


def build(meeting_file: Path, lang: str, font: str, out: Path) -> Built:
    """Load, view, render and write a PDF as the build does."""
    meeting = load_meeting(meeting_file)
    view = build_view(meeting, lang)
    html = render_html(view, "briefing", TEMPLATES)
    write_pdf(html, FONT_SETS[font], out, base_url=meeting.source.parent)
    return Built(out, FONT_SETS[font], view)


def roster_meeting(folder: Path) -> Path:
    """A meeting with 300 named members and long Lao paragraphs (several pages)."""
    article = [p for p in (DATA / "accsm-20-article.lo.txt").read_text(encoding="utf-8").split("\n")
               if len(p) > 1000]
    long_word = "ຫົວໜ້າກົມປະເມີນຜົນແລະພັດທະນາລັດຖະກອນກະຊວງພາຍໃນສາທາລະນະລັດປະຊາທິປະໄຕປະຊາຊົນລາວ"
    members = [{
        "name": {"lo": f"ທ່ານ ສົມພອນ ວົງສາ {i}", "en": f"Member {i}"},
        "gender": "female" if i % 3 == 0 else "male",
        "position": {"lo": long_word, "en": "Director General of a department with a long name"},
        "role": {"lo": "ຜູ້ແທນ", "en": "Delegate"},
    } for i in range(1, 301)]
    data = {
        "language": "lo",
        "issuer": {"ministry": {"lo": "ກະຊວງພາຍໃນ", "en": "Ministry of Home Affairs"},
                   "department": {"lo": "ກົມຄຸ້ມຄອງລັດຖະກອນ", "en": "Civil Service Department"},
                   "reference": "0456/ພນ",
                   "place": {"lo": "ນະຄອນຫຼວງວຽງຈັນ", "en": "Vientiane Capital"}},
        "meeting": {"title": {"lo": "ກອງປະຊຸມໃຫຍ່", "en": "Large meeting"},
                    "start": "2020-11-30", "end": "2020-12-02", "mode": "in-person",
                    "purpose": [{"lo": p, "en": f"Purpose {i}"} for i, p in enumerate(article, 1)]},
        "delegation": {"members": members},
        "outcomes": [{"lo": p + " " + p, "en": f"Outcome {i}"} for i, p in enumerate(article, 1)],
    }
    path = folder / "roster.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def long_tokens_meeting(folder: Path) -> Path:
    """A meeting whose texts hold words longer than a line or a cell: a URL, a long Latin token, Lao without spaces."""
    token = "Pneumonoultramicroscopicsilicovolcanoconiosis" + "0123456789" * 8
    lao = "ການສ້າງຂີດຄວາມສາມາດໃຫ້ການຈັດຕັ້ງແລະການພົວພັນປະສານງານພາຍໃນ" * 3
    data = {
        "language": "en",
        "issuer": {"ministry": {"lo": "ກະຊວງພາຍໃນ", "en": "Ministry of Home Affairs"}},
        "meeting": {"title": {"lo": lao, "en": "Meeting https://asean.org/our-communities/asean-political-"
                                              "security-community/accsm-twentieth-meeting-outcomes"},
                    "start": "2021-03-04", "mode": "online", "purpose": [{"lo": lao, "en": token}]},
        "delegation": {"members": [{"name": {"lo": "ທ່ານ ກ", "en": token}, "gender": "male"}]},
        "plans": [{"title": {"lo": "ແຜນ", "en": "Plan"}, "start": 2021, "end": 2025,
                   "priority_areas": [{"lo": lao, "en": token}], "proposals": [{"lo": lao, "en": token}]}],
    }
    path = folder / "tokens.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    out = tmp_path_factory.mktemp("pdf")
    roster = roster_meeting(out)
    return {
        "seed-lo": build(SEED, "lo", "phetsarath", out / "seed-lo.pdf"),
        "seed-en": build(SEED, "en", "noto-sans", out / "seed-en.pdf"),
        "seed-serif": build(SEED, "lo", "noto-serif", out / "seed-serif.pdf"),
        "roster-lo": build(roster, "lo", "phetsarath", out / "roster-lo.pdf"),
        "roster-en": build(roster, "en", "noto-sans", out / "roster-en.pdf"),
        "tokens-en": build(long_tokens_meeting(out), "en", "phetsarath", out / "tokens-en.pdf"),
    }


ALL = ["seed-lo", "seed-en", "seed-serif", "roster-lo", "roster-en", "tokens-en"]


def pages(pdf: Path) -> Iterator[list[LTChar]]:
    """The characters of each page, as pdfminer lays them out."""
    def chars(item: object) -> Iterator[LTChar]:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            for child in item:
                yield from chars(child)
    for page in extract_pages(pdf):
        assert (round(page.width, 1), round(page.height, 1)) == (round(PAGE_W, 1), round(PAGE_H, 1))
        yield list(chars(page))


def pdffonts(pdf: Path) -> list[list[str]]:
    """Rows of `pdffonts`: name, type..., emb, sub, uni, object, generation."""
    lines = subprocess.run([require("pdffonts", "the PDF font check"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in lines.splitlines()[2:]]


def text_of(pdf: Path) -> str:
    """The PDF's text as `pdftotext -layout` gives it."""
    return subprocess.run([require("pdftotext", "the PDF text check"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def ps_name(family: str) -> str:
    """How WeasyPrint names a family of ours in the PDF: `Briefing-Noto-Sans-Lao`."""
    return ("Briefing " + family).replace(" ", "-")


@pytest.mark.parametrize("key", ALL)
def test_every_font_is_embedded_and_subset(pdfs: dict[str, Built], key: str) -> None:
    rows = pdffonts(pdfs[key].pdf)
    assert rows
    for row in rows:
        name, emb, sub = row[0], row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert re.fullmatch(r"[A-Z]{6}\+Briefing-.+", name), row


@pytest.mark.parametrize("key", ALL)
def test_only_the_font_sets_fonts_are_used(pdfs: dict[str, Built], key: str) -> None:
    families = {ps_name(f) for f in pdfs[key].font.families}
    for row in pdffonts(pdfs[key].pdf):
        base = row[0].split("+", 1)[1].removesuffix("-Bold")
        assert base in families, row  # never DejaVu or another machine font


@pytest.mark.parametrize("key", ALL)
def test_every_lao_character_is_drawn_by_the_lao_font(pdfs: dict[str, Built], key: str) -> None:
    lao_font = ps_name(pdfs[key].font.lao_family)
    lao_chars = 0
    for chars in pages(pdfs[key].pdf):
        for ch in chars:
            if any(is_lao(c) for c in ch.get_text()):
                lao_chars += 1
                assert ch.fontname.split("+", 1)[1].removesuffix("-Bold") == lao_font, (ch.get_text(), ch.fontname)
    # The English editions show Lao only in their bilingual tables; the English roster has none.
    assert lao_chars > {"roster-en": -1, "seed-en": 100, "tokens-en": 100}.get(key, 1000)


@pytest.mark.parametrize("key", ALL)
def test_no_character_outside_the_text_area(pdfs: dict[str, Built], key: str) -> None:
    count = 0
    for number, chars in enumerate(pages(pdfs[key].pdf), start=1):
        margin_text = ""
        for ch in chars:
            count += 1
            assert LEFT - EPS <= ch.x0 and ch.x1 <= PAGE_W - RIGHT + EPS, (number, ch.get_text(), ch.x0, ch.x1)
            assert 10 * MM <= ch.y0 and ch.y1 <= PAGE_H - 10 * MM, (number, ch.get_text(), ch.y0, ch.y1)
            if ch.y1 > PAGE_H - TOP + EPS:
                margin_text += "H"  # running header
            elif ch.y0 < BOTTOM - EPS:
                assert ch.get_text() in "0123456789/ ", (number, ch.get_text())  # only the page number
                margin_text += "F"
        if number == 1:
            assert margin_text == ""  # the letterhead page has no running header or page number
        else:
            assert "H" in margin_text and "F" in margin_text
    assert count > 1000


def test_the_roster_runs_over_several_pages_with_the_table_head_repeated(pdfs: dict[str, Built]) -> None:
    text = text_of(pdfs["roster-en"].pdf)
    page_texts = text.split("\f")[:-1]
    assert len(page_texts) >= 8
    member_pages = [t for t in page_texts if re.search(r"\bMember \d+\b", t)]
    assert len(member_pages) >= 5
    for page in member_pages:
        assert re.search(r"No\.\s+Name\s+Position\s+Role in the", page), page[:400]
    numbers = [int(n) for n in re.findall(r"\bMember (\d+)\b", text)]
    assert numbers == list(range(1, 301))
    assert re.findall(r"(\d+) / (\d+)", page_texts[-1]) == [(str(len(page_texts)), str(len(page_texts)))]


def test_roster_figures_are_the_computed_ones(pdfs: dict[str, Built]) -> None:
    text = text_of(pdfs["roster-en"].pdf)
    figures = attendance(load_meeting(Path(pdfs["roster-en"].pdf.parent / "roster.yaml")).delegation)
    assert (figures.total, figures.women) == (300, 100)
    for label, value in [("Total (persons)", "300"), ("Women (persons)", "100"), ("Men (persons)", "200"),
                         ("Women's share", "33.3%"), ("Named in this note (persons)", "300")]:
        assert re.search(re.escape(label) + r"\s+" + re.escape(value) + r"\n", text), label


def test_seed_attendance_figures_in_both_editions(pdfs: dict[str, Built]) -> None:
    en = text_of(pdfs["seed-en"].pdf)
    for label, value in [("Total (persons)", "14"), ("Women (persons)", "5"), ("Men (persons)", "9"),
                         ("Women's share", "35.7%"), ("Priority areas", "12"), ("Activities", "80"),
                         ("Activities proposed", "3")]:
        assert re.search(re.escape(label) + r"\s+" + re.escape(value) + r"\n", en), label
    lo = text_of(pdfs["seed-lo"].pdf)
    assert re.search(r"\s14\n(.*\n)*.*\s5\n(.*\n)*.*\s9\n(.*\n)*.*\s35,7%\n", lo)


@pytest.mark.parametrize("key", ALL)
def test_no_zero_width_space_in_the_text_layer(pdfs: dict[str, Built], key: str) -> None:
    assert ZWSP not in text_of(pdfs[key].pdf)


def metadata(pdf: Path) -> dict[str, object]:
    """The document information dictionary and the catalog's /Lang."""
    with pdf.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        info = {k: v.decode("utf-16") if v.startswith(b"\xfe\xff") else v.decode()
                for k, v in document.info[0].items() if isinstance(v, bytes)}
        lang = document.catalog.get("Lang")
    info["Lang"] = lang.decode() if isinstance(lang, bytes) else getattr(lang, "name", lang)
    return info


def test_metadata_lao(pdfs: dict[str, Built]) -> None:
    meta = metadata(pdfs["seed-lo"].pdf)
    view = pdfs["seed-lo"].view
    assert meta["Title"] == view["meta"]["title"]
    assert meta["Title"].startswith("ບົດລາຍງານສະຫຼຸບ: ກອງປະຊຸມທາງໄກຮ່ວມມືອາຊຽນ")
    assert meta["Author"] == "ກະຊວງພາຍໃນ"
    assert meta["Subject"] == view["meta"]["subject"]
    assert meta["Keywords"] == view["meta"]["keywords"]
    assert meta["Lang"] == "lo"


def test_metadata_english(pdfs: dict[str, Built]) -> None:
    meta = metadata(pdfs["seed-en"].pdf)
    assert meta["Title"].startswith("Briefing Note: 20th Videoconference on ASEAN Cooperation")
    assert meta["Author"] == "Ministry of Home Affairs"
    assert meta["Lang"] == "en"
    text = text_of(pdfs["seed-en"].pdf)
    assert "Lao People's Democratic Republic" in text
    assert "Peace Independence Democracy Unity Prosperity" in text
    assert re.search(r"Ministry of Home Affairs\s+Vientiane Capital, 20 November 2020\n", text)


def test_word_breaks_only_in_laid_out_text() -> None:
    words = "ໄດ້ເຂົ້າຮ່ວມກອງປະຊຸມທາງໄກ"
    html = (f'<!doctype html>\n<html lang="lo"><head><title>{words}</title>'
            f'<meta name="author" content="{words}"></head><body><p title="{words}">{words}'
            f'<strong>{words}</strong>{words}</p></body></html>')
    broken = f"ໄດ້{ZWSP}ເຂົ້າຮ່ວມ{ZWSP}ກອງ{ZWSP}ປະຊຸມ{ZWSP}ທາງໄກ"
    assert for_weasyprint(lxml.html.document_fromstring(html)) == html.replace(
        f">{words}<strong>{words}</strong>{words}<", f">{broken}<strong>{broken}</strong>{broken}<")


def _seed_html(lang: str = "lo") -> str:
    return render_html(build_view(load_meeting(SEED), lang), "briefing", TEMPLATES)


def test_a_font_that_fails_to_load_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    font = tmp_path / "Other.ttf"
    font.write_bytes(FONT_SETS["phetsarath"].faces[0].path.read_bytes())
    style = (f'<style>@font-face {{ font-family: "Other"; src: url("{font.as_uri()}"); }}'
             'h1 { font-family: "Other"; }</style></head>')
    out = tmp_path / "x.pdf"
    with pytest.raises(InputError) as caught:
        write_pdf(_seed_html().replace("</head>", style, 1), FONT_SETS["phetsarath"], out,
                  base_url=SEED.parent)
    assert str(caught.value).splitlines() == [
        "templates: the PDF renderer reported: Font-face 'Other' cannot be loaded "
        "(fix the font, stylesheet or template it names)",
        # what the failure would otherwise have done silently:
        "templates: the PDF fell back to the font 'DejaVu Sans', which is not in the font set "
        "'phetsarath' (Phetsarath OT, Noto Sans) (a font failed to load or lacks a character: fix what the renderer "
        "reported, and name no other font-family in the stylesheet)",
    ]
    assert not out.exists()


def test_a_font_file_that_is_broken_is_an_error(tmp_path: Path) -> None:
    real = FONT_SETS["phetsarath"]
    broken_file = tmp_path / "PhetsarathOT.ttf"
    broken_file.write_bytes(b"not a font")
    broken = FontSet(real.key, real.lao_family, None,
                     (FontFace(real.lao_family, broken_file, 400, "normal"),))
    out = tmp_path / "x.pdf"
    with pytest.raises(InputError) as caught:
        write_pdf(_seed_html(), broken, out, base_url=SEED.parent)
    assert str(caught.value).startswith(f"{broken_file}: not a readable TrueType/OpenType font")
    assert not out.exists()


def test_a_character_the_fonts_lack_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    html = _seed_html().replace("<h1>", "<h1>中 ", 1)
    with pytest.raises(InputError) as caught:
        write_pdf(html, FONT_SETS["phetsarath"], tmp_path / "x.pdf", base_url=SEED.parent)
    assert str(caught.value) == (
        "templates: character '中' (U+4E2D) is shown in the document but no font of the set "
        "'phetsarath' (Phetsarath OT, Noto Sans) has it (change the label or template text, or choose "
        "another font set with --font)")


def _templates_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    monkeypatch.chdir(tmp_path)
    return folder


def test_a_label_character_the_fonts_lack_is_placed_in_labels_yaml(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _templates_copy(tmp_path, monkeypatch)
    labels = folder / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    labels.write_text(text.replace("  en: Title\n", "  en: Title 中\n", 1), encoding="utf-8")
    line = text[:text.index("  en: Title\n")].count("\n") + 1
    html = render_html(build_view(load_meeting(SEED), "en", templates_dir=folder), "briefing", folder)
    with pytest.raises(InputError) as caught:
        write_pdf(html, FONT_SETS["phetsarath"], tmp_path / "x.pdf", base_url=SEED.parent, templates_dir=folder)
    assert str(caught.value) == (
        f"templates/labels.yaml:{line}:13: character '中' (U+4E2D) is shown in the document but no font of "
        "the set 'phetsarath' (Phetsarath OT, Noto Sans) has it (change the label or template text, or choose "
        "another font set with --font)")


def test_a_stylesheet_mistake_is_placed_in_the_stylesheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _templates_copy(tmp_path, monkeypatch)
    css = folder / "briefing.css"
    css.write_text("h1 { colr: red; }\n" + css.read_text(encoding="utf-8"), encoding="utf-8")
    html = render_html(build_view(load_meeting(SEED), "lo"), "briefing", folder)
    with pytest.raises(InputError) as caught:
        write_pdf(html, FONT_SETS["phetsarath"], tmp_path / "x.pdf", base_url=SEED.parent, templates_dir=folder)
    assert str(caught.value) == (
        "templates/briefing.css:1:6: the PDF renderer reported: Ignored `colr: red`, unknown property. "
        "(fix the stylesheet here)")


def test_files_outside_the_allowed_folders_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    outside = tmp_path / "elsewhere.css"
    outside.write_text("body { color: red; }", encoding="utf-8")
    html = _seed_html().replace("</head>", f'<link rel="stylesheet" href="{outside.as_uri()}"></head>', 1)
    with pytest.raises(InputError) as caught:
        write_pdf(html, FONT_SETS["phetsarath"], tmp_path / "x.pdf", base_url=SEED.parent)
    assert str(caught.value).startswith("templates: the PDF renderer reported: Failed to load stylesheet at")
    assert "is outside the folders a document may load from" in str(caught.value)


def test_a_css_warning_is_an_error(tmp_path: Path) -> None:
    html = _seed_html().replace("</head>", "<style>p { colour: red; }</style></head>", 1)
    with pytest.raises(InputError) as caught:
        write_pdf(html, FONT_SETS["phetsarath"], tmp_path / "x.pdf", base_url=SEED.parent)
    assert "colour" in str(caught.value)


@pytest.mark.parametrize("key", ["seed-lo", "seed-en", "roster-lo"])
def test_the_running_header_rule_spans_the_text_width_as_in_the_docx(pdfs: dict[str, Built], key: str) -> None:
    """Page 2 on: the header's rule (its border, 0.4 pt #888) goes from margin to margin, as the DOCX
    header paragraph's bottom border does, not only under the header's words."""
    with pymupdf.open(pdfs[key].pdf) as document:
        assert document.page_count >= 2
        for page in list(document)[1:]:
            rules = [d["rect"] for d in page.get_drawings()
                     if d["rect"].y1 < TOP and d.get("fill") and abs(d["fill"][0] - 0x88 / 255) < 0.01]
            assert len(rules) == 1, rules
            assert abs(rules[0].x0 - LEFT) < EPS and abs(rules[0].x1 - (PAGE_W - RIGHT)) < EPS, rules[0]
