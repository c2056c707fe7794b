"""The command line as a user runs it: output names, exit statuses, messages, and nothing written on failure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SEED, run_cli, snapshot
from generator.build import build
from generator.errors import InputError


def documents(folder: Path) -> list[str]:
    """The names of the documents in `folder` (the generator's hidden bookkeeping files aside)."""
    return sorted(snapshot(folder, hidden=False))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed meeting built once, both formats, main language."""
    out = tmp_path_factory.mktemp("out")
    result = run_cli("build", str(SEED), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_build_writes_both_formats_with_spec_names(built: Path) -> None:
    assert documents(built) == ["accsm-20-briefing.docx", "accsm-20-briefing.pdf"]
    assert (built / "accsm-20-briefing.pdf").read_bytes().startswith(b"%PDF-")
    assert (built / "accsm-20-briefing.docx").read_bytes().startswith(b"PK")


def test_other_language_and_one_format(tmp_path: Path) -> None:
    result = run_cli("build", str(SEED), "-o", str(tmp_path), "--lang", "en", "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert documents(tmp_path) == ["accsm-20-briefing-en.pdf"]
    assert result.stdout == f"wrote {tmp_path / 'accsm-20-briefing-en.pdf'}\n"


def test_check_writes_nothing_and_exits_0(tmp_path: Path) -> None:
    copy = tmp_path / "accsm-20.yaml"
    shutil.copy(SEED, copy)
    result = run_cli("check", str(copy), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert [p.name for p in tmp_path.iterdir()] == ["accsm-20.yaml"]


def test_bad_input_exits_2_with_message_and_leaves_output_untouched(tmp_path: Path, built: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = snapshot(out)
    bad = tmp_path / "accsm-20.yaml"
    bad.write_text(SEED.read_text(encoding="utf-8").replace("women: 5", "women: 15"), encoding="utf-8")
    result = run_cli("build", "accsm-20.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2
    line = next(i for i, text in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
                if "women: 15" in text)
    assert result.stderr == f"accsm-20.yaml:{line}:10: delegation.women: 15 is more than delegation.total (14)\n"
    assert result.stdout == ""
    assert snapshot(out) == before


def test_one_bad_file_among_several_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "minimal.yaml").read_text(encoding="utf-8").replace("mode: online", "mode: x"),
                   encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", str(SEED), str(bad), "-o", str(out))
    assert result.returncode == 2
    assert "bad.yaml:8:9: meeting.mode: 'x' is not one of online, in-person, hybrid" in result.stderr
    assert not out.exists()


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("build", str(SEED), "-o", str(tmp_path), "--format", "odt")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == ("python -m generator build: argument --format: "
                                              "'odt' is not a list of formats (expected pdf, docx or pdf,docx)")
    assert list(tmp_path.iterdir()) == []


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "build"
    target.write_text("not a folder")
    result = run_cli("build", str(SEED), "-o", str(target))
    assert result.returncode == 2
    assert result.stderr == f"{target}: this is a file, not a folder (give -o a folder)\n"
    assert target.read_text() == "not a folder"


def test_missing_file_is_an_input_problem(tmp_path: Path) -> None:
    result = run_cli("check", "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "nowhere.yaml: cannot read the file (No such file or directory)\n"
    assert "Traceback" not in result.stderr


def test_help_explains_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for words in ("build", "check", "Exit status", "--lang en"):
        assert words in result.stdout


def test_two_files_with_the_same_document_names(tmp_path: Path) -> None:
    other = tmp_path / "accsm-20.yaml"
    shutil.copy(SEED, other)
    result = run_cli("build", str(SEED), str(other), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr == (f"{other}: gives the same document names as briefings/accsm-20.yaml "
                             "(accsm-20-briefing.pdf); "
                             "rename one of the files\n")
    assert not (tmp_path / "out").exists()


def test_an_element_the_docx_cannot_hold_is_refused_with_its_template_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "briefing.html.j2"
    lines = page.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "<h2" in line)
    lines.insert(at, "<blink>news</blink>")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build([SEED], tmp_path / "out", templates_dir=templates)
    assert str(caught.value).startswith(
        f"{page}:{at + 1}:1: element <blink> is not in the subset the DOCX writer understands (expected one of")
    assert not (tmp_path / "out").exists()


@pytest.mark.cli
def test_check_all_documents_checks_every_kind_and_edition_make_builds() -> None:
    result = run_cli("check", "briefings/accsm-20.yaml", "briefings/example-internal-meeting.yaml", "--all-documents")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"ok briefings/{name}.yaml ({kind}, {lang})"
        for name in ("accsm-20", "example-internal-meeting") for kind in ("briefing", "minutes")
        for lang in ("lo", "en")]


@pytest.mark.cli
def test_check_all_documents_finds_what_only_another_kind_or_edition_shows(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    # an agenda item's presenter with no English: only the English minutes show it
    marker = "    presenter:\n      lo: ສ ສ ຫວຽດນາມ\n      en: Viet Nam\n"
    assert marker in text
    broken = tmp_path / "accsm-20.yaml"
    broken.write_text(text.replace(marker, "    presenter:\n      lo: ສ ສ ຫວຽດນາມ\n"), encoding="utf-8")
    line = text[:text.index(marker)].count("\n") + 2
    assert run_cli("check", str(broken)).returncode == 0  # the Lao briefing does not show it
    result = run_cli("check", str(broken), "--all-documents")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{broken}:{line}:7: agenda[4].presenter: no English text (the en edition needs every text it "
        "shows in English; add en: ...)"]


@pytest.mark.cli
def test_check_all_documents_refuses_a_kind_or_edition_it_would_ignore() -> None:
    for option in (["--lang", "en"], ["--kind", "minutes"]):
        result = run_cli("check", "briefings/accsm-20.yaml", "--all-documents", *option)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.splitlines()[-1] == (
            "python -m generator: check: --all-documents checks every kind and edition; "
            "give it without --kind and --lang")
