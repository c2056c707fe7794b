"""The meeting's YAML file inside its PDF: written as a PDF/A-3 associated file, read back by `extract`.

Writing: WeasyPrint 70 embeds the file and, for PDF/A-3, gives its file specification an
/AFRelationship and lists it in the catalog's /AF array. Two things it gets wrong are
fixed by `finish`, run as WeasyPrint's `finisher`: /AF lists every attachment twice
(WeasyPrint issue #2917), and a file given as bytes gets the MIME type
application/octet-stream (PDF/A-3 wants the real one: application/yaml, RFC 9512).

Reading: pypdf (pure Python). The meeting data is the associated file of the catalog's /AF
with /AFRelationship /Source and MIME type application/yaml; its /CheckSum (MD5) is checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydyf

from generator.errors import InputError, Problem, shown_path
from generator.output import write_atomically, write_new

MIME_TYPE = "application/yaml"
RELATIONSHIP = "Source"  # ISO 19005-3 Annex E: the file the document was made from
DESCRIPTION = "Meeting data (YAML) this document was made from; extract it with: python -m generator extract"
_PDF_MIME = "/" + MIME_TYPE.replace("/", "#2f")  # a PDF name: "/" in a name is written #2f


if TYPE_CHECKING:
    import weasyprint


@dataclass(frozen=True)
class SourceFile:
    """A file to embed or that was extracted: its plain file name and its exact bytes."""

    name: str
    data: bytes


# --- writing ------------------------------------------------------------------------------

def weasyprint_attachment(source: SourceFile, when: dt.datetime) -> weasyprint.Attachment:
    """`source` as a WeasyPrint attachment with relationship Source, dated `when` (not the file's mtime)."""
    import weasyprint  # here, so that `extract` and `mail` never load WeasyPrint

    return weasyprint.Attachment(string=source.data, name=source.name, description=DESCRIPTION,
                                 created=when, modified=when, relationship=RELATIONSHIP)


def finish(document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher: each associated file once in the catalog's /AF, and YAML files typed application/yaml."""
    af = pdf.catalog.get("AF")
    if af is not None:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(af))
    for spec in pdf.objects:
        if not (isinstance(spec, dict) and spec.get("Type") == "/Filespec" and "EF" in spec):
            continue
        name = spec["UF"] if "UF" in spec else spec.get("F")
        if str(getattr(name, "string", "")).lower().endswith((".yaml", ".yml")):
            stream = pdf.objects[int(spec["EF"]["F"].split()[0])]
            stream.extra["Subtype"] = _PDF_MIME


# --- reading ------------------------------------------------------------------------------

def _no_data(pdf_path: Path, why: str = "no meeting data attached") -> InputError:
    """The error for a PDF (or another file) that does not carry readable meeting data."""
    return InputError([Problem(f"{why} (expected a PDF made by this generator)", file=shown_path(pdf_path))])


def _raw_bytes(value: Any) -> bytes:
    """The bytes of a PDF string, however pypdf decoded it."""
    original = getattr(value, "original_bytes", None)
    return bytes(original) if original is not None else bytes(value)


def _associated_files(reader: Any) -> list[Any]:
    """The file specification dictionaries listed in the catalog's /AF."""
    catalog = reader.trailer["/Root"]
    af = catalog.get("/AF")
    if af is None:
        return []
    return [entry.get_object() for entry in af.get_object()]


def _plain_name(name: str) -> bool:
    """True for a file name that names a file in the current folder: no folder part, not . or .."""
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name \
        and "\0" not in name


def _meeting_data(spec: Any, pdf_path: Path) -> SourceFile | None:
    """The meeting file a file specification holds: None when it is not one, InputError when damaged."""
    if spec.get("/AFRelationship") != f"/{RELATIONSHIP}" or "/EF" not in spec:
        return None
    stream = spec["/EF"].get("/UF", spec["/EF"].get("/F")).get_object()
    if stream.get("/Subtype") != f"/{MIME_TYPE}":
        return None
    name = str(spec.get("/UF", spec.get("/F", "")))
    content = stream.get_data()
    checksum = stream.get("/Params", {}).get("/CheckSum")
    if checksum is not None and _raw_bytes(checksum) != hashlib.md5(content, usedforsecurity=False).digest():
        raise InputError([Problem("the attached meeting data is damaged: its checksum does not match (ask for "
                                  "the PDF again, or build it again from the meeting file)",
                                  file=shown_path(pdf_path))])
    if not _plain_name(name):
        raise _no_data(pdf_path, f"the attached meeting data has an unusable file name {name!r}")
    return SourceFile(name, content)


def extract_source(pdf_path: Path) -> SourceFile:
    """The meeting file attached to the PDF at `pdf_path`; InputError when it is not there or damaged."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        data = pdf_path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem("no such file (give the path of a PDF made by this generator)", file=shown_path(pdf_path))]) from None
    except OSError as err:
        raise InputError([Problem(f"cannot be read: {err.strerror} (give the path of a PDF you may read)",
                                  file=shown_path(pdf_path))]) from None
    if b"%PDF-" not in data[:1024]:  # where ISO 32000 lets the header start
        raise _no_data(pdf_path)
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # a damaged file is reported as such, not as pypdf warnings
    try:
        for spec in _associated_files(PdfReader(io.BytesIO(data))):
            found = _meeting_data(spec, pdf_path)
            if found is not None:
                return found
    except (PyPdfError, KeyError, AttributeError, TypeError, ValueError):
        raise _no_data(pdf_path) from None
    finally:
        pypdf_log.setLevel(level)
    raise _no_data(pdf_path)


def write_source(source: SourceFile, out_dir: Path, force: bool = False) -> Path:
    """Write `source` as `out_dir/<its name>` in one step (making the folder if needed);
    InputError if that file exists and not `force`, or the folder cannot take it."""
    target = out_dir / source.name
    exists = InputError([Problem("already exists: not overwritten (use --force to replace it)",
                                 file=shown_path(target))])
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError([Problem("this is a file, not a folder (give -o a folder)", file=shown_path(out_dir))])
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError([Problem(f"cannot make this folder: {err.strerror} (give -o a folder that can be made)",
                                  file=shown_path(out_dir))]) from None
    if target.exists() and not force:
        raise exists
    try:
        if force:
            write_atomically(target, source.data)
        else:
            write_new(target, source.data)
    except FileExistsError:
        raise exists from None
    except OSError as err:
        raise InputError([Problem(f"cannot write here: {err.strerror} (give -o a folder you may write in)",
                                  file=shown_path(out_dir))]) from None
    return target
