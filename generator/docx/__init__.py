"""The DOCX edition: rendered HTML (the documented subset) -> document model -> Word document."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from generator.docx.html_reader import read_html
from generator.docx.template_check import template_problems
from generator.docx.writer import build_docx
from generator.fonts import FontSet

__all__ = ["write_docx", "template_problems", "read_html", "build_docx"]


def write_docx(html: str, fs: FontSet, out: Path, *, created: dt.datetime | None = None,
               modified: dt.datetime | None = None, source: str = "rendered HTML") -> None:
    """Write the DOCX for the subset HTML `html` to `out` in one step (no partial file);
    raises InputError naming every element outside the subset, and writes nothing then."""
    data = build_docx(read_html(html, source), fs, created, modified)
    out = Path(out)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would make the document private
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
