"""The bundled fonts: files, coverage, @font-face CSS, DOCX obfuscation (generator/fonts.py)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from fontTools.ttLib import TTFont
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer

from conftest import DATA, ROOT
from generator.fonts import (
    DEFAULT_FONT_SET, FONT_SETS, FONTS_DIR, FontFace, FontSet, coverage_problems,
    font_face_css, font_file_problems, new_font_key, obfuscate_font, pdf_font_family,
    uncovered_characters,
)
from generator.lao import is_lao, normalise
from generator.data.model import Delegation, Issuer, Location, Meeting, MeetingInfo, Text

ARTICLE = (DATA / "accsm-20-article.lo.txt").read_text(encoding="utf-8")
ALL_FACES = sorted({face for fs in FONT_SETS.values() for face in fs.faces}, key=lambda f: f.path)
SOURCE = "briefings/x.yaml"


def maps(path: Path, ch: str) -> bool:
    """Whether the font file at `path` has a glyph for `ch` (read directly with fontTools)."""
    with TTFont(path, lazy=True) as font:
        return ord(ch) in font.getBestCmap()


# --- the sets and their files -------------------------------------------------------------

def test_font_sets_are_the_three_documented_ones() -> None:
    assert DEFAULT_FONT_SET == "phetsarath"
    assert FONTS_DIR == ROOT / "fonts"
    assert {key: fs.families for key, fs in FONT_SETS.items()} == {
        "phetsarath": ("Phetsarath OT", "Noto Sans"),
        "noto-sans": ("Noto Sans Lao", "Noto Sans"),
        "noto-serif": ("Noto Serif Lao", "Noto Serif"),
    }
    for key, fs in FONT_SETS.items():
        assert fs.key == key
        assert {face.family for face in fs.faces} == set(fs.families)
        assert (fs.lao_family, 400, "normal") in {(f.family, f.weight, f.style) for f in fs.faces}


@pytest.mark.parametrize("face", ALL_FACES, ids=lambda f: f.path.name)
def test_each_face_file_exists_parses_and_is_what_the_set_says(face: FontFace) -> None:
    with TTFont(face.path) as font:
        assert font["name"].getDebugName(1) == face.family
        assert font["OS/2"].usWeightClass == face.weight
        assert bool(font["head"].macStyle & 2) == (face.style == "italic")
        # LibreOffice only uses a font embedded in a DOCX when it is installable (fsType 0).
        assert font["OS/2"].fsType == 0


@pytest.mark.parametrize("key", FONT_SETS)
def test_bundled_sets_have_no_file_problems(key: str) -> None:
    assert font_file_problems(FONT_SETS[key]) == []


def test_font_file_problems_names_missing_unreadable_and_wrong_files(tmp_path: Path) -> None:
    garbage = tmp_path / "Garbage.ttf"
    garbage.write_bytes(b"this is not a font")
    wrong = tmp_path / "Wrong.ttf"
    shutil.copy(FONTS_DIR / "NotoSans-Regular.ttf", wrong)
    fs = FontSet("test", "Noto Sans Lao", None, (
        FontFace("Noto Sans Lao", tmp_path / "Missing.ttf", 400, "normal"),
        FontFace("Noto Sans Lao", garbage, 700, "normal"),
        FontFace("Noto Sans Lao", wrong, 400, "italic"),
    ))
    fix = "restore the file from the repository, or choose another font set with --font"
    assert [str(p) for p in font_file_problems(fs)] == [
        f"{tmp_path}/Missing.ttf: the font file is missing (font set 'test' needs it: Noto Sans Lao, "
        f"weight 400, normal; {fix})",
        f"{tmp_path}/Garbage.ttf: not a readable TrueType/OpenType font: Not a TrueType or OpenType font "
        f"(bad sfntVersion) (font set 'test' needs it: Noto Sans Lao, weight 700, normal; {fix})",
        f"{tmp_path}/Wrong.ttf: the font's family is 'Noto Sans' (font set 'test' needs it: Noto Sans Lao, "
        f"weight 400, italic; {fix})",
    ]


def test_font_files_are_named_from_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    fs = FontSet("test", "Noto Sans Lao", None, (FontFace("Noto Sans Lao", tmp_path / "fonts" / "X.ttf", 400, "normal"),))
    assert [str(p) for p in font_file_problems(fs)] == [
        "fonts/X.ttf: the font file is missing (font set 'test' needs it: Noto Sans Lao, weight 400, normal; "
        "restore the file from the repository, or choose another font set with --font)"]


# --- coverage -----------------------------------------------------------------------------

@pytest.mark.parametrize("key", FONT_SETS)
def test_every_set_covers_the_seed_article(key: str) -> None:
    fs = FONT_SETS[key]
    text = normalise(ARTICLE)
    assert uncovered_characters(fs, text) == []
    # ... and the Lao letters come from the Lao family, not from its Latin companion.
    lao_faces = [face for face in fs.faces if face.family == fs.lao_family]
    for ch in sorted({ch for ch in text if is_lao(ch)}):
        assert all(maps(face.path, ch) for face in lao_faces), ch


def test_uncovered_characters_lists_each_missing_character_once_in_order() -> None:
    fs = FONT_SETS["phetsarath"]
    assert not any(maps(face.path, "😀") or maps(face.path, "中") for face in fs.faces)
    assert uncovered_characters(fs, "Nguyễn 中 😀 ກະຊວງ 中😀") == ["中", "😀"]


def test_uncovered_characters_ignores_what_is_not_drawn() -> None:
    fs = FONT_SETS["noto-serif"]
    invisible = " \n\t\u00a0\u2003\u200b\u200c\u200d\u2060\ufeff\ufe0f"
    assert not all(maps(face.path, "\u2060") for face in fs.faces)  # not mapped, yet ignored
    assert uncovered_characters(fs, "ກະ" + invisible + "ຊວງ") == []


def test_a_character_counts_as_covered_when_any_face_of_the_set_has_it() -> None:
    fs = FONT_SETS["noto-sans"]
    lao_face = next(face for face in fs.faces if face.family == "Noto Sans Lao")
    assert not maps(lao_face.path, "A")
    assert uncovered_characters(fs, "A ກ") == []


def make_meeting(title: Text, purpose: Text, locations: dict[str, Location]) -> Meeting:
    """A minimal meeting holding the two texts under test."""
    ministry = Text(lo="ກະຊວງພາຍໃນ", en="Ministry of Home Affairs", path="issuer.ministry",
                    location=Location(SOURCE, 2, 13))
    return Meeting(
        id="x", source=Path(SOURCE), language="lo", issuer=Issuer(ministry=ministry),
        meeting=MeetingInfo(title=title, start=dt.date(2020, 11, 17), mode="online",
                            purpose=(purpose,)),
        delegation=Delegation(), locations=locations,
    )


def test_coverage_problems_name_character_code_point_field_and_place() -> None:
    title = Text(lo="ກອງປະຊຸມ 😀", en="Meeting with ໞ 中 😀", path="meeting.title",
                 location=Location(SOURCE, 5, 3))
    purpose = Text(lo="ປຶກສາຫາລື 😀😀", path="meeting.purpose[1]",
                   location=Location(SOURCE, 9, 7))
    meeting = make_meeting(title, purpose, {
        "meeting.title": Location(SOURCE, 5, 3),
        "meeting.title.lo": Location(SOURCE, 5, 10),
        "meeting.title.en": Location(SOURCE, 5, 30),
    })
    grin = ("character '😀' (U+1F600 GRINNING FACE) is not in the font set 'phetsarath' "
            "(Phetsarath OT, Noto Sans): use a character the bundled fonts have")
    khmu = ("character 'ໞ' (U+0EDE LAO LETTER KHMU GO) is not in the font set 'phetsarath' "
            "(Phetsarath OT, Noto Sans): use a character the bundled fonts have, or choose "
            "--font noto-sans or --font noto-serif")
    han = ("character '中' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D) is not in the font set "
           "'phetsarath' (Phetsarath OT, Noto Sans): use a character the bundled fonts have")
    fs = FONT_SETS["phetsarath"]
    assert [str(p) for p in coverage_problems(meeting, fs)] == [
        f"{SOURCE}:5:10: meeting.title.lo: {grin}",
        f"{SOURCE}:5:30: meeting.title.en: {khmu}",
        f"{SOURCE}:5:30: meeting.title.en: {han}",
        f"{SOURCE}:5:30: meeting.title.en: {grin}",
        f"{SOURCE}:9:7: meeting.purpose[1]: {grin}",
    ]
    assert [str(p) for p in coverage_problems(meeting, fs, "lo")] == [
        f"{SOURCE}:5:10: meeting.title.lo: {grin}",
        f"{SOURCE}:9:7: meeting.purpose[1]: {grin}",
    ]
    assert [p.path for p in coverage_problems(meeting, FONT_SETS["noto-sans"], "en")] == [
        "meeting.title.en"] * 2  # 中 and 😀; Noto Sans Lao has ໞ


# --- CSS and what WeasyPrint does with it ------------------------------------------------

@pytest.mark.parametrize("key", FONT_SETS)
def test_font_face_css_loads_every_face_from_a_file_url(key: str) -> None:
    fs = FONT_SETS[key]
    css = font_face_css(fs)
    rules = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    assert len(rules) == len(fs.faces)
    for rule, face in zip(rules, fs.faces):
        url = re.search(r'src: url\("([^"]+)"\);', rule).group(1)
        assert url.startswith("file:///")
        assert Path(unquote(urlparse(url).path)) == face.path and face.path.is_file()
        assert f'font-family: "Briefing {face.family}";' in rule
        assert f"font-weight: {face.weight};" in rule and f"font-style: {face.style};" in rule
    # Each character comes from the first family that has it, and only the Lao family has Lao:
    # Latin first where the Lao font has a Latin of its own, so that it never draws Latin text.
    order = [fs.latin_family, fs.lao_family] if key == "phetsarath" else [fs.lao_family, fs.latin_family]
    assert fs.latin_first == (key == "phetsarath")
    assert fs.css_stack() == ", ".join(f'"Briefing {family}"' for family in order)


def pdf_fonts_by_text(pdf: Path) -> list[tuple[str, str]]:
    """(text, PDF font name) of every glyph, in content-stream order."""
    found: list[tuple[str, str]] = []

    def walk(item: object) -> None:
        if isinstance(item, LTChar):
            found.append((item.get_text(), item.fontname))
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child)

    for page in extract_pages(pdf, laparams=None):
        walk(page)
    return found


def render(css: str, stack: str, out: Path) -> list[tuple[str, str]]:
    """Render a Lao and Latin paragraph with WeasyPrint; the glyphs and their fonts."""
    import weasyprint

    html = (f"<html lang='lo'><style>{css} body {{ font-family: {stack}; }}</style><body>"
            "<p>ກະຊວງພາຍໃນ ໄດ້ເຂົ້າຮ່ວມ ACCSM 2020, <strong>ນ້ຳ Bold</strong> <em>Italic</em>"
            " ວັນທີ 20 ພະຈິກ</p>")
    weasyprint.HTML(string=html).write_pdf(out)
    return pdf_fonts_by_text(out)


@pytest.mark.parametrize("key", FONT_SETS)
def test_weasyprint_draws_every_glyph_with_the_bundled_fonts(
    key: str, tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    fs = FONT_SETS[key]
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        glyphs = render(font_face_css(fs), fs.css_stack(), tmp_path / "out.pdf")
    # WeasyPrint may warn that it subsets with fontTools (always, in our writer; here, when HarfBuzz-Subset is absent).
    assert [r.getMessage() for r in caplog.records
            if not r.getMessage().startswith("Using fontTools instead of HarfBuzz-Subset")] == []
    assert {pdf_font_family(name) for _, name in glyphs} == set(fs.families)
    for text, name in glyphs:
        if any(is_lao(ch) for ch in text):
            assert pdf_font_family(name) == fs.lao_family, (text, name)
        elif any(ch.isascii() and ch.isalnum() for ch in text):
            # Latin letters and digits, also inside Lao text: the Latin family, never the
            # Lao font's own Latin (Phetsarath OT's old-style figures).
            assert pdf_font_family(name) == fs.latin_family, (text, name)
    assert {pdf_font_family(name) for text, name in glyphs if text in ("2", "0")} == {fs.latin_family}


def test_a_face_loaded_without_file_url_falls_back_to_a_font_we_do_not_bundle(
    tmp_path: Path,
) -> None:
    # The hazard the file:// URLs avoid (LAO.md); it also shows the check above can fail.
    fs = FONT_SETS[DEFAULT_FONT_SET]
    css = font_face_css(fs)
    for face in fs.faces:
        css = css.replace(face.path.as_uri(), str(face.path))
    glyphs = render(css, fs.css_stack(), tmp_path / "out.pdf")
    assert {pdf_font_family(name) for text, name in glyphs if "ກ" in text} == {None}


def test_pdf_font_family_reads_weasyprint_font_names() -> None:
    assert pdf_font_family("ABCDEF+Briefing-Noto-Sans-Lao-Bold") == "Noto Sans Lao"
    assert pdf_font_family("/ABCDEF+Briefing-Noto-Sans-BoldItalic") == "Noto Sans"
    assert pdf_font_family("ABCDEF+Briefing-Phetsarath-OT") == "Phetsarath OT"
    assert pdf_font_family("ABCDEF+DejaVu-Sans") is None
    assert pdf_font_family("ABCDEF+Noto-Sans-Lao") is None  # not loaded from our @font-face


# --- DOCX font obfuscation ----------------------------------------------------------------

GUID = "{00112233-4455-6677-8899-AABBCCDDEEFF}"


def test_obfuscate_font_matches_a_vector_worked_out_from_the_standard() -> None:
    # Key: the GUID's bytes in reverse order, FF EE DD ... 11 00; byte i is XORed with
    # key[i % 16] for i < 32; the rest is untouched. Data: bytes 0, 1, 2, ...
    data = bytes(range(40))
    expected = bytes.fromhex(
        "ffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f"  # 0x00^0xFF, 0x01^0xEE, 0x02^0xDD, ...
        "efffcfdfafbf8f9f6f7f4f5f2f3f0f1f"  # 0x10^0xFF, 0x11^0xEE, ...
    ) + bytes(range(32, 40))
    assert obfuscate_font(data, GUID) == expected


def test_obfuscate_font_is_its_own_inverse_on_a_real_font() -> None:
    data = (FONTS_DIR / "PhetsarathOT.ttf").read_bytes()
    key = new_font_key(data)
    hidden = obfuscate_font(data, key)
    assert hidden[32:] == data[32:] and hidden[:32] != data[:32]
    assert obfuscate_font(hidden, key) == data


def test_obfuscate_font_refuses_a_key_that_is_not_an_upper_case_braced_guid() -> None:
    for bad in ("00112233-4455-6677-8899-AABBCCDDEEFF", GUID.lower(), "{0011}"):
        with pytest.raises(ValueError) as error:
            obfuscate_font(b"x" * 40, bad)
        assert str(error.value) == (
            f"font key {bad!r} is not an upper-case braced GUID like {{0123ABCD-...}}")


def test_new_font_key_is_a_deterministic_upper_case_braced_guid() -> None:
    key = new_font_key(b"accsm-20 Phetsarath OT")
    assert re.fullmatch(r"\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}",
                        key)
    assert new_font_key(b"accsm-20 Phetsarath OT") == key
    assert new_font_key(b"accsm-20 Noto Sans Lao") != key
