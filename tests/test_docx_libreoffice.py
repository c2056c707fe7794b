"""LibreOffice, on a machine without the bundled fonts, draws the DOCX with the embedded ones."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from conftest import DATA, ROOT, require
from generator.docx import write_docx
from generator.fonts import FONT_SETS, FontSet

SAMPLE = DATA / "docx_sample.html"
OUT = ROOT / "tests" / "out" / "docx-libreoffice"  # PDFs and PNGs to look at (git-ignored)
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def postscript_names(fs: FontSet) -> set[str]:
    """The PostScript names (name ID 6) of the faces of `fs`."""
    return {TTFont(face.path)["name"].getDebugName(6) for face in fs.faces}


@pytest.mark.parametrize("key", ["phetsarath", "noto-sans"])
def test_libreoffice_draws_with_the_embedded_fonts(key: str, tmp_path: Path) -> None:
    soffice, pdffonts, fc_list = require("soffice", "the LibreOffice check of the DOCX"), require("pdffonts", "the LibreOffice check of the DOCX"), require("fc-list", "the LibreOffice check of the DOCX")
    fs = FONT_SETS[key]
    docx = tmp_path / f"sample-{key}.docx"
    write_docx(SAMPLE.read_text(encoding="utf-8"), fs, docx)

    # Only the machine's own fonts: the bundled ones must not be findable, DejaVu (which has
    # Lao glyphs too) must be, so that a silent fallback would show in the PDF.
    conf = tmp_path / "fonts.conf"
    conf.write_text(FONTS_CONF.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(tmp_path))
    installed = subprocess.run([fc_list, ":", "family"], env=env, capture_output=True,
                               text=True, check=True).stdout
    assert "DejaVu Sans" in installed
    assert not [family for family in fs.families if family in installed]

    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   env=env, capture_output=True, check=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    listing = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    used = {line.split()[0].split("+")[-1] for line in listing}
    assert not [name for name in used if "DejaVu" in name]
    assert used <= postscript_names(fs)
    lao = {TTFont(f.path)["name"].getDebugName(6) for f in fs.faces if f.family == fs.lao_family}
    assert used & lao

    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, OUT / pdf.name)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / pdf.stem)],
                       check=True)
