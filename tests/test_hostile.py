"""Hostile and broken situations: markup in data, no network, killed and concurrent builds, edited DOCX."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import DATA, ROOT, SEED, run_cli, snapshot
from generator.build import build
from readers import docx_paragraphs, pdf_text, squash

MARKUP = {
    "title": "<b>not bold</b> {{ 7*7 }}",
    "purpose": "<img src=http://example.invalid/x.png> {% if 1 %}x{% endif %} &amp; <script>alert(1)</script>",
}


def documents(folder: Path) -> dict[str, bytes]:
    """The documents in `folder` (hidden bookkeeping files aside) with their bytes."""
    return snapshot(folder, hidden=False)


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in `folder`."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def markup_meeting(tmp_path: Path) -> Path:
    """A meeting whose English texts hold HTML and Jinja syntax."""
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("en: Test meeting}", f"en: '{MARKUP['title']}'}}")
    text = text.replace("en: To test}", f"en: '{MARKUP['purpose']}'}}")
    path = tmp_path / "markup.yaml"
    path.write_text(text.replace("language: lo", "language: en"), encoding="utf-8")
    return path


def test_markup_in_data_is_shown_literally_without_network(markup_meeting: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    out = tmp_path / "out"
    written = build([markup_meeting], out).written
    pdf = squash(pdf_text(out / "markup-briefing.pdf"))
    paragraphs = docx_paragraphs(out / "markup-briefing.docx")
    for shown in MARKUP.values():
        assert squash(shown) in pdf
        assert any(shown in p for p in paragraphs), shown
    assert "49" not in pdf  # {{ 7*7 }} was not evaluated
    with zipfile.ZipFile(out / "markup-briefing.docx") as package:
        assert not [n for n in package.namelist() if n.startswith("word/media/")]  # no image fetched
    assert len(written) == 2


def test_a_build_killed_midway_leaves_earlier_outputs_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", str(SEED), "-o", str(out)).returncode == 0
    before = documents(out)
    changed = tmp_path / "accsm-20.yaml"
    changed.write_text(SEED.read_text(encoding="utf-8").replace("activities: 80", "activities: 81"),
                       encoding="utf-8")
    for sig in (signal.SIGTERM, signal.SIGKILL):
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", str(changed), "-o", str(out)],
            cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while not leftovers(out) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert process.poll() is None, "the build ended before it could be interrupted"
        process.send_signal(sig)
        process.wait(timeout=60)
        assert documents(out) == before, sig
        if sig == signal.SIGTERM:
            assert process.returncode != 0
            assert leftovers(out) == []
    # a killed build cannot clean up; the next build removes what it left
    assert run_cli("build", str(changed), "-o", str(out)).returncode == 0
    assert leftovers(out) == []
    assert documents(out) != before


@pytest.mark.parametrize("write", ["staged", "write_atomically", "write_new"])
def test_a_sigterm_as_a_temporary_file_is_made_leaves_no_file(
        write: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worst moment for a SIGTERM: the temporary exists, nobody has recorded it yet."""
    import tempfile

    from generator import output

    make = tempfile.mkstemp

    def mkstemp_then_sigterm(*args, **kwargs):  # type: ignore[no-untyped-def]
        made = make(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_sigterm)
    previous = signal.signal(signal.SIGTERM, output._terminate)  # as staged() and the CLI have it
    try:
        with pytest.raises(SystemExit):
            if write == "staged":
                with output.staged(tmp_path) as staging:
                    staging.path_for(tmp_path / "x-briefing.pdf")
            else:
                getattr(output, write)(tmp_path / "x-briefing.pdf", b"%PDF")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_concurrent_builds_of_the_same_meeting(tmp_path: Path) -> None:
    out = tmp_path / "out"
    processes = [subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(SEED), "-o", str(out)],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) for _ in range(3)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in processes]  # type: ignore[union-attr]
    assert results == [(0, "")] * 3
    assert sorted(documents(out)) == ["accsm-20-briefing.docx", "accsm-20-briefing.pdf"]
    assert leftovers(out) == []
    assert (out / "accsm-20-briefing.pdf").read_bytes().rstrip().endswith(b"%%EOF")
    docx.Document(str(out / "accsm-20-briefing.docx"))  # a whole, readable package


def test_an_edited_docx_is_kept_on_rebuild(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", str(SEED), "-o", str(out)).returncode == 0
    target = out / "accsm-20-briefing.docx"
    edited = docx.Document(str(target))
    edited.add_paragraph("A note the director added by hand.")
    edited.save(str(target))
    edited_bytes = target.read_bytes()

    result = run_cli("build", str(SEED), "-o", str(out))
    assert result.returncode == 0
    kept = [p for p in out.iterdir() if p.name.startswith("accsm-20-briefing.edited-")]
    assert len(kept) == 1 and kept[0].suffix == ".docx"
    assert kept[0].read_bytes() == edited_bytes
    assert result.stdout.splitlines()[0] == (
        f"{target} was edited after it was generated: kept it as {kept[0]}")
    assert "A note the director added by hand." not in "\n".join(docx_paragraphs(target))

    # an unedited DOCX is simply replaced, with nothing kept
    result = run_cli("build", str(SEED), "-o", str(out))
    assert result.returncode == 0 and "kept it as" not in result.stdout
    assert len([p for p in out.iterdir() if ".edited-" in p.name]) == 1


def test_a_docx_of_unknown_origin_is_kept_too(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "accsm-20-briefing.docx").write_bytes(b"someone else's document")
    result = run_cli("build", str(SEED), "-o", str(out), "--format", "docx")
    assert result.returncode == 0
    kept = [p for p in out.iterdir() if ".edited-" in p.name]
    assert [p.read_bytes() for p in kept] == [b"someone else's document"]


def test_a_stylesheet_from_the_network_is_refused(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    base = templates / "base.html.j2"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "</head>", '<link rel="stylesheet" href="http://example.invalid/evil.css"></head>'), encoding="utf-8")
    with pytest.raises(Exception) as caught:
        build([SEED], tmp_path / "out", templates_dir=templates)
    assert "example.invalid" in str(caught.value)
    assert not (tmp_path / "out").exists() or documents(tmp_path / "out") == {}
