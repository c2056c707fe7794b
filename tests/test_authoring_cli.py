"""What a desk officer meets at the command line: template mistakes found by `check`, and the help text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, snapshot


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project (package, templates, meetings; fonts linked) whose templates a test may edit."""
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "briefings", tmp_path / "briefings")
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    return tmp_path


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` run from `project`, with the package and templates of that copy."""
    env = dict(os.environ, PYTHONPATH=str(project), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def test_a_line_added_after_the_last_block_fails_check_and_build(project: Path) -> None:
    page = project / "templates" / "briefing.html.j2"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "<p>Copy to: the Minister's office</p>\n", encoding="utf-8")
    line = text.count("\n") + 1
    expected = (f"templates/briefing.html.j2:{line}:1: this text is outside every {{% block %}}, so the "
                "document never shows it (move it inside {% block content %} ... {% endblock %})\n")
    before = snapshot(project)
    checked = _run(project, "check", "briefings/accsm-20.yaml")
    assert (checked.returncode, checked.stdout, checked.stderr) == (2, "", expected)
    built = _run(project, "build", "briefings/accsm-20.yaml", "-o", "out")
    assert (built.returncode, built.stderr) == (2, expected)
    assert not (project / "out").exists()
    assert snapshot(project) == before


def test_a_missing_label_is_named_with_the_labels_file(project: Path) -> None:
    page = project / "templates" / "briefing.html.j2"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<h2>{{ labels.section_purpose }}", "<h2>{{ labels.copy_to }}", 1),
                    encoding="utf-8")
    line = text[:text.index("<h2>{{ labels.section_purpose }}")].count("\n") + 1
    result = _run(project, "check", "briefings/accsm-20.yaml")
    assert (result.returncode, result.stderr) == (
        2, f"templates/briefing.html.j2:{line}:8: labels.copy_to is not in templates/labels.yaml "
           "(add it with lo: and en:)\n")


def test_help_lists_each_command_once_with_one_line() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    expected = {
        "build": "check the meeting files, then write a PDF and a DOCX of each",
        "check": "check the meeting files, templates and fonts; write nothing",
        "extract": "write out the meeting file attached to a PDF made by build",
    }
    for command, summary in expected.items():
        listed = [line for line in lines if line.split()[:1] == [command]]
        assert listed == [f"  {command:<10}  {summary}"]
    section = result.stdout.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    names = [line.split()[0] for line in section.splitlines()]
    assert len(names) == len(set(names)) and set(expected) <= set(names)  # once each, nothing but commands
    assert all(line.startswith(f"  {name} ") for line, name in zip(section.splitlines(), names))
    assert lines.index("commands:") < lines.index("Examples:")


def test_check_help_does_not_speak_of_file_names() -> None:
    checked = run_cli("check", "--help")
    assert checked.returncode == 0
    assert "file names" not in checked.stdout
    assert "the edition to check (default: the meeting's own" in checked.stdout
    built = run_cli("build", "--help")
    assert "-LANG to the file" in built.stdout


def test_nesting_the_docx_cannot_hold_fails_check_at_the_template_line(project: Path) -> None:
    page = project / "templates" / "briefing.html.j2"
    text = page.read_text(encoding="utf-8")
    old = '<p class="note">{{ labels.priority_areas }}</p>\n{{ bilingual(plan.priority_areas) }}'
    page.write_text(text.replace(old, '<p class="note">{{ labels.priority_areas }}\n'
                                      '{{ bilingual(plan.priority_areas) }}</p>', 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 2
    result = _run(project, "check", "briefings/accsm-20.yaml")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"templates/briefing.html.j2:{line}: element <table> inside <p> is not in the subset the DOCX writer "
        "understands (expected one of <strong>, <em>, <span>, <br>)\n")
