"""The archival PDF: PDF/A-3 declared, the meeting's YAML attached as its Source file, and `extract`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import weasyprint
from pypdf import PdfReader

from conftest import SEED, run_cli
from generator.build import build
from generator.data.loader import load_meeting
from generator.pdf.attachment import SourceFile, finish, weasyprint_attachment

NO_DATA = "no meeting data attached (expected a PDF made by this generator)"


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed meeting's PDF, built once for the module."""
    out = tmp_path_factory.mktemp("archive")
    build([SEED], out, formats=("pdf",))
    return out / "accsm-20-briefing.pdf"


def _catalog(pdf: Path):
    return PdfReader(pdf).trailer["/Root"]


def _small_pdf(tmp_path: Path, source: SourceFile | None, name: str = "small.pdf") -> Path:
    """A one-line PDF/A-3b made the way the generator makes its PDFs, uncompressed."""
    when = dt.datetime(2020, 11, 20, tzinfo=dt.timezone.utc)
    attachments = [weasyprint_attachment(source, when)] if source else []
    data = weasyprint.HTML(string="<p>x</p>").write_pdf(
        pdf_variant="pdf/a-3b", attachments=attachments, finisher=finish, uncompressed_pdf=True)
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- PDF/A-3 ------------------------------------------------------------------------------

def test_the_pdf_declares_pdf_a_3a(seed_pdf):
    data = seed_pdf.read_bytes()
    assert data.startswith(b"%PDF-1.7")
    catalog = _catalog(seed_pdf)
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part="3"', xmp)
    assert re.search(r'pdfaid:conformance="A"', xmp)
    assert catalog["/MarkInfo"]["/Marked"].value is True  # level A: tagged
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "lo"


def test_the_pdf_has_an_srgb_output_intent(seed_pdf):
    intents = _catalog(seed_pdf)["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert "sRGB" in intent["/OutputConditionIdentifier"]
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"  # an ICC profile


def test_the_yaml_is_the_pdfs_one_source_associated_file(seed_pdf):
    catalog = _catalog(seed_pdf)
    associated = [entry.get_object() for entry in catalog["/AF"]]
    assert len(associated) == 1  # WeasyPrint 70 lists it twice; finish() fixes that
    spec = associated[0]
    assert spec["/AFRelationship"] == "/Source"
    assert spec["/F"] == spec["/UF"] == "accsm-20.yaml"
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/application/yaml"
    assert stream.get_data() == SEED.read_bytes()
    params = stream["/Params"]
    assert params["/Size"] == len(SEED.read_bytes())
    assert params["/ModDate"] == params["/CreationDate"] == "D:20201120000000Z"  # the date of issue
    names = catalog["/Names"]["/EmbeddedFiles"].get_object()["/Names"]
    assert names[0] == "accsm-20.yaml" and names[1].get_object() == spec


# --- extract ------------------------------------------------------------------------------

@pytest.mark.cli
def test_extract_gives_back_the_yaml_byte_for_byte(seed_pdf, tmp_path):
    result = run_cli("extract", str(seed_pdf), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    extracted = tmp_path / "accsm-20.yaml"
    assert result.stdout == "wrote accsm-20.yaml\n"
    assert extracted.read_bytes() == SEED.read_bytes()
    again = load_meeting(extracted)
    assert dataclasses.replace(again, source=SEED) == load_meeting(SEED)


@pytest.mark.cli
def test_extract_refuses_to_overwrite_unless_forced(seed_pdf, tmp_path):
    out = tmp_path / "data"
    out.mkdir()
    (out / "accsm-20.yaml").write_text("mine\n")
    refused = run_cli("extract", str(seed_pdf), "-o", str(out))
    assert refused.returncode == 2
    assert refused.stderr == (f"{out / 'accsm-20.yaml'}: already exists: not overwritten "
                              "(use --force to replace it)\n")
    assert (out / "accsm-20.yaml").read_text() == "mine\n"
    assert sorted(p.name for p in out.iterdir()) == ["accsm-20.yaml"]  # no temporary left
    forced = run_cli("extract", str(seed_pdf), "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / "accsm-20.yaml").read_bytes() == SEED.read_bytes()


@pytest.mark.cli
def test_extract_makes_the_output_folder(seed_pdf, tmp_path):
    result = run_cli("extract", str(seed_pdf), "-o", str(tmp_path / "new" / "folder"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "new" / "folder" / "accsm-20.yaml").read_bytes() == SEED.read_bytes()


@pytest.mark.cli
def test_extract_errors(tmp_path):
    plain = _small_pdf(tmp_path, None, "x.pdf")
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_bytes(SEED.read_bytes())
    for path in (plain, not_pdf):
        result = run_cli("extract", path.name, cwd=tmp_path)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"{path.name}: {NO_DATA}\n"
    missing = run_cli("extract", "gone.pdf", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, "gone.pdf: no such file (give the path of a PDF made by "
                                                      "this generator)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.pdf", "x.pdf"]


@pytest.mark.cli
def test_extract_rejects_damaged_data_and_unsafe_names(tmp_path):
    damaged = _small_pdf(tmp_path, SourceFile("m.yaml", b"language: lo\n"), "damaged.pdf")
    damaged.write_bytes(damaged.read_bytes().replace(b"language: lo\n", b"language: en\n"))
    result = run_cli("extract", "damaged.pdf", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "damaged.pdf: the attached meeting data is damaged: its "
                                                     "checksum does not match (ask for the PDF again, or "
                                                     "build it again from the meeting file)\n")
    _small_pdf(tmp_path, SourceFile("../m.yaml", b"language: lo\n"), "escape.pdf")
    result = run_cli("extract", "escape.pdf", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "escape.pdf: the attached meeting data has an unusable "
                                                     "file name '../m.yaml' (expected a PDF made by this "
                                                     "generator)\n")
    assert not (tmp_path.parent / "m.yaml").exists()


def test_other_attachments_are_not_meeting_data(tmp_path):
    from generator.errors import InputError
    from generator.pdf.attachment import extract_source

    other = _small_pdf(tmp_path, SourceFile("notes.txt", b"language: lo\n"), "other.pdf")
    with pytest.raises(InputError) as caught:
        extract_source(other)
    assert [str(p) for p in caught.value.problems] == [f"{other}: {NO_DATA}"]


@pytest.mark.cli
def test_help_names_extract():
    result = run_cli("--help")
    assert "  extract     write out the meeting file attached to a PDF made by build" in result.stdout
    sub = run_cli("extract", "--help")
    assert "--force" in sub.stdout and "default: the current folder" in sub.stdout
