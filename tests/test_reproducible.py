"""Reproducible builds: the same input gives the same PDF and DOCX bytes on any day; SOURCE_DATE_EPOCH dates them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from fontTools.misc.timeTools import timestampSinceEpoch
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from conftest import ROOT, SEED
from generator.build import document_time
from generator.errors import InputError
from generator.data.loader import load_meeting

EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC
PDF_NAME, DOCX_NAME = "accsm-20-briefing.pdf", "accsm-20-briefing.docx"


def _build(out: Path, epoch: str | None) -> subprocess.CompletedProcess[str]:
    """`python -m generator build SEED -o out` in a new process, with SOURCE_DATE_EPOCH as given (None: unset)."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(ROOT)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run([sys.executable, "-m", "generator", "build", str(SEED), "-o", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three builds of the seed: two without SOURCE_DATE_EPOCH 1.1 s apart, one with it."""
    folders = {}
    for name, epoch in (("first", None), ("second", None), ("epoch", str(EPOCH))):
        if name == "second":
            time.sleep(1.1)  # a different wall clock, to the second WeasyPrint and fontTools use
        folders[name] = tmp_path_factory.mktemp(name)
        result = _build(folders[name], epoch)
        assert result.returncode == 0, result.stderr
    return folders


def _pdf_dates(pdf: Path) -> dict[str, str]:
    """Every date the PDF carries: Info, XMP and the attached file's."""
    reader = PdfReader(pdf)
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    params = catalog["/AF"][0].get_object()["/EF"]["/F"].get_object()["/Params"]
    between = lambda text, tag: text.split(f"<{tag}>")[1].split(f"</{tag}>")[0]  # noqa: E731
    return {"Info created": reader.metadata["/CreationDate"], "Info modified": reader.metadata["/ModDate"],
            "XMP created": between(xmp, "xmp:CreateDate"), "XMP modified": between(xmp, "xmp:ModifyDate"),
            "file created": params["/CreationDate"], "file modified": params["/ModDate"]}


def _font_dates(pdf: Path) -> set[int]:
    """The head.modified timestamps (seconds since 1904) of every embedded font subset."""
    stamps = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            data = descriptor["/FontFile2"].get_object().get_data()
            stamps.add(TTFont(io.BytesIO(data))["head"].modified)
    return stamps


def _docx_dates(docx: Path) -> tuple[set[tuple[int, ...]], str]:
    """The zip entries' dates and docProps/core.xml."""
    with zipfile.ZipFile(docx) as package:
        return ({info.date_time for info in package.infolist()},
                package.read("docProps/core.xml").decode())


def test_two_builds_on_different_clocks_give_the_same_bytes(builds):
    for name in (PDF_NAME, DOCX_NAME):
        first, second = (builds["first"] / name).read_bytes(), (builds["second"] / name).read_bytes()
        assert first == second, f"{name} differs between two builds of the same input"


def test_without_source_date_epoch_the_documents_are_dated_by_the_date_of_issue(builds):
    pdf, docx = builds["first"] / PDF_NAME, builds["first"] / DOCX_NAME
    assert set(_pdf_dates(pdf).values()) == {"D:20201120000000Z", "2020-11-20T00:00:00Z"}
    issued = dt.datetime(2020, 11, 20, tzinfo=dt.timezone.utc)
    assert _font_dates(pdf) == {timestampSinceEpoch(issued.timestamp())}
    entries, core = _docx_dates(docx)
    assert entries == {(2020, 11, 20, 0, 0, 0)}
    assert 'W3CDTF">2020-11-20T00:00:00Z</dcterms:created>' in core
    assert 'W3CDTF">2020-11-20T00:00:00Z</dcterms:modified>' in core


def test_source_date_epoch_dates_both_formats(builds):
    pdf, docx = builds["epoch"] / PDF_NAME, builds["epoch"] / DOCX_NAME
    assert _pdf_dates(pdf) == {
        "Info created": "D:20231114221320Z", "Info modified": "D:20231114221320Z",
        "XMP created": "2023-11-14T22:13:20Z", "XMP modified": "2023-11-14T22:13:20Z",
        "file created": "D:20231114221320Z", "file modified": "D:20231114221320Z"}
    assert _font_dates(pdf) == {timestampSinceEpoch(EPOCH)}
    entries, core = _docx_dates(docx)
    assert entries == {(2023, 11, 14, 22, 13, 20)}
    assert 'W3CDTF">2023-11-14T22:13:20Z</dcterms:created>' in core
    assert 'W3CDTF">2023-11-14T22:13:20Z</dcterms:modified>' in core
    assert (builds["epoch"] / PDF_NAME).read_bytes() != (builds["first"] / PDF_NAME).read_bytes()


def test_the_pdf_identifier_is_derived_from_the_content(builds):
    ids = [PdfReader(builds[name] / PDF_NAME).trailer["/ID"] for name in ("first", "epoch")]
    assert all(len(pair) == 2 and len(pair[0].original_bytes) == 32 for pair in ids)
    assert ids[0] != ids[1]  # pydyf: the MD5 of the file's own bytes, so other dates, other /ID


def test_the_docx_names_this_generator_not_word(builds):
    with zipfile.ZipFile(builds["first"] / DOCX_NAME) as package:
        app = package.read("docProps/app.xml").decode()
        names = [info.filename for info in package.infolist()]
    assert "<Application>lao-briefing-generator</Application>" in app
    assert "Microsoft" not in app
    assert names[0] == "[Content_Types].xml"


def test_a_bad_source_date_epoch_is_an_input_problem(tmp_path):
    result = _build(tmp_path / "out", "soon")
    assert result.returncode == 2
    assert result.stderr == ("SOURCE_DATE_EPOCH: 'soon' is not a whole number of seconds since "
                             "1970-01-01 UTC (expected e.g. 1605830400, or unset it)\n")
    assert not (tmp_path / "out").exists()


def test_document_time_rules():
    meeting = load_meeting(SEED)
    utc = dt.timezone.utc
    assert document_time(meeting, {}) == dt.datetime(2020, 11, 20, tzinfo=utc)  # issuer.date
    undated = dataclasses.replace(meeting, issuer=dataclasses.replace(meeting.issuer, date=None))
    assert document_time(undated, {}) == dt.datetime(2020, 11, 18, tzinfo=utc)  # the meeting's end
    one_day = dataclasses.replace(undated, meeting=dataclasses.replace(meeting.meeting, end=None))
    assert document_time(one_day, {}) == dt.datetime(2020, 11, 17, tzinfo=utc)  # its start
    assert document_time(meeting, {"SOURCE_DATE_EPOCH": str(EPOCH)}) == dt.datetime.fromtimestamp(EPOCH, utc)
    assert document_time(meeting, {"SOURCE_DATE_EPOCH": ""}) == dt.datetime(2020, 11, 20, tzinfo=utc)
    with pytest.raises(InputError):
        document_time(meeting, {"SOURCE_DATE_EPOCH": "1.5"})
