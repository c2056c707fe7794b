"""Embed whole font files in the DOCX as obfuscated parts (ECMA-376 Part 1 §17.8.1)."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from fontTools.ttLib import TTFont

from generator.docx import ooxml
from generator.fonts import FontFace, FontSet, new_font_key, obfuscate_font

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def face_kind(face: FontFace) -> str:
    """Which embed slot of its family a face fills: Regular, Bold, Italic or BoldItalic."""
    bold = "Bold" if face.weight >= 600 else ""
    italic = "Italic" if face.style == "italic" else ""
    return (bold + italic) or "Regular"


def embed_fonts(document: WordDocument, fs: FontSet, families: Sequence[str]) -> None:
    """Replace the template's font table by one listing `families`, embedding each face of them
    from `fs` whole (so the reader can go on editing), with keys derived from the font data."""
    package = document.part.package
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            document.part.drop_rel(r_id)
    table = XmlPart(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE,
                    ooxml.empty_font_table(), package)
    document.part.relate_to(table, RT.FONT_TABLE)

    entries = []
    number = 0
    for family in families:
        faces = [f for f in fs.faces if f.family == family]
        embedded = []
        for face in faces:
            number += 1
            data = face.path.read_bytes()
            key = new_font_key(data)
            part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT,
                        obfuscate_font(data, key), package)
            embedded.append(ooxml.EmbeddedFace(face_kind(face), table.relate_to(part, RT.FONT), key))
        entries.append(ooxml.FontEntry(family, *_matching_data(faces[0]), tuple(embedded)))
    ooxml.add_fonts(table.element, entries)
    ooxml.embed_true_type_fonts(document.settings.element)


def _matching_data(face: FontFace) -> tuple[str, dict[str, str]]:
    """The PANOSE digits and Unicode/code-page signature Word uses to match a font."""
    with TTFont(face.path, lazy=True) as font:
        os2 = font["OS/2"]
        p = os2.panose
        panose = bytes([p.bFamilyType, p.bSerifStyle, p.bWeight, p.bProportion, p.bContrast,
                        p.bStrokeVariation, p.bArmStyle, p.bLetterForm, p.bMidline,
                        p.bXHeight]).hex().upper()
        ranges = [os2.ulUnicodeRange1, os2.ulUnicodeRange2, os2.ulUnicodeRange3,
                  os2.ulUnicodeRange4, getattr(os2, "ulCodePageRange1", 0),
                  getattr(os2, "ulCodePageRange2", 0)]
    names = ("usb0", "usb1", "usb2", "usb3", "csb0", "csb1")
    return panose, {n: f"{v:08X}" for n, v in zip(names, ranges)}
