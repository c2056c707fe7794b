"""Reading documents back as a reader would: the PDF's text in content-stream order, the DOCX's paragraphs."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_chars(pdf: bytes) -> list[tuple[int, LTChar]]:
    """(page index, character) in content-stream order, as pdfminer reads them (no layout).

    Not `pdfminer.high_level.extract_pages`: it replaces laparams=None by the defaults and
    so reorders characters by layout analysis.
    """
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    chars = []
    for page_index, page in enumerate(PDFPage.get_pages(io.BytesIO(pdf))):
        interpreter.process_page(page)
        chars += [(page_index, o) for o in device.get_result() if isinstance(o, LTChar)]
    return chars


def pdf_text(path: Path) -> str:
    """Every character the PDF draws, in content-stream order, from the fonts' ToUnicode maps only."""
    return "".join(char.get_text() for _, char in pdf_chars(path.read_bytes()))


def docx_paragraphs(path: Path) -> list[str]:
    """The text of every paragraph of the DOCX body, headers and footers included, in part order."""
    texts = []
    with zipfile.ZipFile(path) as package:
        for name in sorted(package.namelist()):
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                root = etree.fromstring(package.read(name))
                for paragraph in root.iter(f"{W}p"):
                    texts.append("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
    return texts


def squash(text: str) -> str:
    """`text` without any whitespace: line ends in a PDF drop the space a wrapped line ended with."""
    return re.sub(r"\s+", "", text)
