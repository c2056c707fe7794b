"""The DOCX edition: rendered HTML (the documented subset) -> document model -> Word document.

The writer (python-docx, XlsxWriter) is imported when a document is written, so that `check`
and the commands that write no DOCX do not load it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.docx.html_reader import read_html
from generator.docx.template_check import template_problems
from generator.fonts import FontSet
from generator.output import write_atomically

__all__ = ["write_docx", "template_problems", "read_html", "build_docx"]


def write_docx(html: str, fs: FontSet, out: Path, *, created: dt.datetime | None = None,
               modified: dt.datetime | None = None, source: str = "rendered HTML") -> None:
    """Write the DOCX for the subset HTML `html` to `out` in one step (no partial file);
    raises InputError naming every element outside the subset, and writes nothing then."""
    from generator.docx.writer import build_docx

    write_atomically(Path(out), build_docx(read_html(html, source), fs, created, modified))


def __getattr__(name: str) -> Any:
    """`build_docx`, imported on first use."""
    if name == "build_docx":
        from generator.docx.writer import build_docx

        return build_docx
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
