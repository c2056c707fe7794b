"""`make briefing` and `make minutes`: every edition each file lists, with make's dependency tracking.

Make runs in a copy of the repository with a stand-in for `python -m generator build` that
records each call and touches the documents it would write, so that make's decisions (what to
build, what is up to date) are tested quickly; the real builds are tested elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT, require
from generator.editions import Plan, makefile, plan

STAND_IN = '''\
import os, pathlib, sys
args = sys.argv[1:]
if args[:2] in (["-m", "generator.editions"], ["-m", "compileall"]):  # the real ones
    os.execv(sys.executable, [sys.executable, *args])
assert args[:3] == ["-m", "generator", "build"], args
with open("calls.log", "a", encoding="utf-8") as log:
    log.write(" ".join(args[3:]) + "\\n")
with open("jobs.log", "a", encoding="utf-8") as log:  # the -j make passes down to its jobs
    log.write(" ".join(w for w in os.environ.get("MAKEFLAGS", "").split() if w.startswith("-j")) + "\\n")
source, out = pathlib.Path(args[3]), pathlib.Path(args[args.index("-o") + 1])
kind = args[args.index("--kind") + 1]
suffix = f"-{args[args.index('--lang') + 1]}" if "--lang" in args else ""
for fmt in ("pdf", "docx"):
    (out / f"{source.stem}-{kind}{suffix}.{fmt}").write_text("x")
'''
BRIEFINGS = [f"{stem}-briefing{suffix}.{fmt}" for stem in ("accsm-20", "example-internal-meeting")
             for suffix in ("", "-en") for fmt in ("docx", "pdf")]


class Repo:
    """A copy of what the Makefile reads, with the stand-in generator as PY."""

    def __init__(self, folder: Path) -> None:
        self.root = folder
        for name in ("generator", "templates", "fonts", "briefings"):
            shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("Makefile", "pyproject.toml"):
            shutil.copy(ROOT / name, folder / name)
        stamp = folder / ".venv" / ".installed"
        stamp.parent.mkdir()
        stamp.touch()
        (folder / "python").write_text(f"#!{sys.executable}\n{STAND_IN}", encoding="utf-8")
        (folder / "python").chmod(0o755)

    def make(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`make ARGS` in the copy; the calls log starts empty for each run."""
        (self.root / "calls.log").unlink(missing_ok=True)
        (self.root / "jobs.log").unlink(missing_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
        return subprocess.run([require("make", "the Makefile tests"), "--no-print-directory",
                               f"PY={self.root / 'python'}", *args],
                              cwd=self.root, env=env, capture_output=True, text=True, timeout=300)

    def calls(self) -> list[str]:
        """The builds the last make ran, sorted (make runs them in parallel, in any order):
        `FILE -o build --font F --kind K [--lang L]`."""
        log = self.root / "calls.log"
        return sorted(log.read_text(encoding="utf-8").splitlines()) if log.exists() else []

    def jobs(self) -> set[str]:
        """The -j flags the builds of the last make saw."""
        return set((self.root / "jobs.log").read_text(encoding="utf-8").splitlines())

    def documents(self) -> list[str]:
        return sorted(p.name for p in (self.root / "build").iterdir() if not p.name.startswith("."))

    def touch(self, name: str) -> None:
        """Make `name` newer than everything built so far."""
        time.sleep(0.01)
        future = time.time() + 5
        os.utime(self.root / name, (future, future))


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


def build_call(stem: str, kind: str, lang: str | None = None, font: str = "phetsarath") -> str:
    return f"briefings/{stem}.yaml -o build --font {font} --kind {kind}" + (f" --lang {lang}" if lang else "")


def test_make_briefing_builds_every_edition_each_file_lists(repo: Repo) -> None:
    result = repo.make("briefing")
    assert result.returncode == 0, result.stderr
    assert repo.calls() == [build_call("accsm-20", "briefing"), build_call("accsm-20", "briefing", "en"),
                            build_call("example-internal-meeting", "briefing"),
                            build_call("example-internal-meeting", "briefing", "en")]
    assert repo.documents() == sorted(BRIEFINGS)


def test_make_runs_one_build_per_core_at_once_unless_told_otherwise(repo: Repo) -> None:
    assert repo.make("briefing").returncode == 0
    assert repo.jobs() == {f"-j{len(os.sched_getaffinity(0))}"}
    (repo.root / "build" / "accsm-20-briefing.pdf").unlink()
    (repo.root / "build" / "accsm-20-briefing-en.pdf").unlink()
    assert repo.make("-j1", "briefing").returncode == 0
    assert repo.jobs() == {"-j1"}
    assert repo.calls() == [build_call("accsm-20", "briefing"), build_call("accsm-20", "briefing", "en")]


def test_a_second_make_does_nothing_and_make_q_says_up_to_date(repo: Repo) -> None:
    assert repo.make("briefing").returncode == 0
    assert repo.make("-q", "briefing").returncode == 0
    again = repo.make("briefing")
    assert (again.returncode, again.stdout, repo.calls()) == (0, "make: Nothing to be done for 'briefing'.\n", [])


@pytest.mark.parametrize("changed", ["templates/minutes.css", "fonts/PhetsarathOT.ttf", "generator/lao.py",
                                     "templates/labels.yaml"])
def test_a_change_to_templates_fonts_or_code_rebuilds_everything(repo: Repo, changed: str) -> None:
    assert repo.make("briefing").returncode == 0
    repo.touch(changed)
    assert repo.make("-q", "briefing").returncode == 1
    assert repo.make("briefing").returncode == 0
    assert len(repo.calls()) == 4


def test_a_change_to_one_meeting_file_rebuilds_only_its_editions(repo: Repo) -> None:
    assert repo.make("briefing").returncode == 0
    repo.touch("briefings/accsm-20.yaml")
    assert repo.make("briefing").returncode == 0
    assert repo.calls() == [build_call("accsm-20", "briefing"), build_call("accsm-20", "briefing", "en")]


def test_make_minutes_builds_the_files_with_an_agenda_only(repo: Repo) -> None:
    shutil.copy(DATA / "minimal.yaml", repo.root / "briefings" / "no-agenda.yaml")
    result = repo.make("minutes")
    assert result.returncode == 0, result.stderr
    assert repo.calls() == [build_call("accsm-20", "minutes"), build_call("accsm-20", "minutes", "en"),
                            build_call("example-internal-meeting", "minutes"),
                            build_call("example-internal-meeting", "minutes", "en")]
    assert repo.make("-q", "minutes").returncode == 0
    assert repo.make("briefing").returncode == 0
    assert build_call("no-agenda", "briefing") in repo.calls()  # a briefing needs no agenda


def test_a_change_of_editions_changes_what_is_built(repo: Repo) -> None:
    assert repo.make("briefing").returncode == 0
    seed = repo.root / "briefings" / "accsm-20.yaml"
    text = seed.read_text(encoding="utf-8")
    assert "editions: [lo, en]" in text
    seed.write_text(text.replace("editions: [lo, en]", "editions: [en]"), encoding="utf-8")
    repo.touch("briefings/accsm-20.yaml")
    assert repo.make("briefing").returncode == 0
    assert repo.calls() == [build_call("accsm-20", "briefing", "en")]
    assert repo.make("-q", "briefing").returncode == 0  # the Lao edition is no longer wanted


def test_a_new_or_removed_meeting_file_is_noticed(repo: Repo) -> None:
    assert repo.make("briefing").returncode == 0
    shutil.copy(DATA / "minimal.yaml", repo.root / "briefings" / "new.yaml")
    os.utime(repo.root / "briefings" / "new.yaml", (1_000_000_000, 1_000_000_000))  # an old file, copied with -p
    assert repo.make("briefing").returncode == 0
    assert repo.calls() == [build_call("new", "briefing")]
    (repo.root / "briefings" / "new.yaml").unlink()
    result = repo.make("briefing")
    assert (result.returncode, repo.calls()) == (0, []), result.stderr


def test_font_changes_rebuild_and_are_remembered(repo: Repo) -> None:
    assert repo.make("briefing").returncode == 0
    assert repo.make("briefing", "FONT=noto-serif").returncode == 0
    assert repo.calls() == [c.replace("phetsarath", "noto-serif") for c in (
        build_call("accsm-20", "briefing"), build_call("accsm-20", "briefing", "en"),
        build_call("example-internal-meeting", "briefing"), build_call("example-internal-meeting", "briefing", "en"))]
    assert repo.make("-q", "briefing", "FONT=noto-serif").returncode == 0
    assert repo.make("-q", "briefing").returncode == 1  # back to the default font: out of date


def test_targets_without_documents_read_no_meeting_file(repo: Repo) -> None:
    help_text = repo.make("help")
    assert help_text.returncode == 0
    assert "make minutes    the same for the minutes of every briefings/*.yaml that has an agenda" in help_text.stdout
    assert repo.make("clean").returncode == 0
    assert repo.make().returncode == 0
    assert not (repo.root / "build").exists()


@pytest.mark.parametrize("name", ["accsm 21.yaml", "accsm:21.yaml", "accsm#21.yaml"])
def test_a_file_name_make_cannot_use_is_refused_with_its_name(repo: Repo, name: str) -> None:
    shutil.copy(DATA / "minimal.yaml", repo.root / "briefings" / name)
    result = repo.make("briefing")
    assert result.returncode != 0 and repo.calls() == []
    assert (f"briefings/{name}: make cannot build a file whose name has a space or one of "
            "$:#%;|=*?[]\\'\" (rename it, e.g. accsm-21.yaml)\n") in result.stderr


# --- the rules themselves ----------------------------------------------------------------

def test_rules_name_both_documents_of_each_edition(tmp_path: Path) -> None:
    text = makefile([Plan(Path("briefings/x.yaml"), (None, "lo"), True)])
    assert text.splitlines()[2:] == [
        "EDITIONS_MK_FILES := briefings/x.yaml",
        "BRIEFING_DOCUMENTS := build/x-briefing.pdf build/x-briefing.docx build/x-briefing-lo.pdf "
        "build/x-briefing-lo.docx",
        "MINUTES_DOCUMENTS := build/x-minutes.pdf build/x-minutes.docx build/x-minutes-lo.pdf build/x-minutes-lo.docx",
        "",
        "build/x-briefing.pdf build/x-briefing.docx &: briefings/x.yaml $(DOCUMENT_INPUTS)",
        "\t$(BUILD_DOCUMENT) --kind briefing",
        "",
        "build/x-briefing-lo.pdf build/x-briefing-lo.docx &: briefings/x.yaml $(DOCUMENT_INPUTS)",
        "\t$(BUILD_DOCUMENT) --kind briefing --lang lo",
        "",
        "build/x-minutes.pdf build/x-minutes.docx &: briefings/x.yaml $(DOCUMENT_INPUTS)",
        "\t$(BUILD_DOCUMENT) --kind minutes",
        "",
        "build/x-minutes-lo.pdf build/x-minutes-lo.docx &: briefings/x.yaml $(DOCUMENT_INPUTS)",
        "\t$(BUILD_DOCUMENT) --kind minutes --lang lo",
    ]


@pytest.mark.parametrize(("source", "editions", "minutes"), [
    ("language: en\neditions: [lo, en]\nagenda: [{title: x}]\n", ("lo", None), True),
    ("editions: [en]\n", ("en",), False),
    ("agenda: []\n", (None,), False),
    ("agenda:\n", (None,), False),
    ("agenda: FILL IN\n", (None,), True),  # `check` says what to write
    ("editions: [lo, lo]\nagenda: [{title: x}]\n", (None,), True),  # the build reports the duplicate
    ("editions: fr\n", (None,), False),
    ("language: fr\neditions: [en]\n", (None,), False),
    ("meeting: [unclosed\n", (None,), True),  # unreadable: its main editions, so the build reports it
])
def test_plans_read_editions_and_agenda_leniently(tmp_path: Path, source: str, editions: tuple,
                                                 minutes: bool) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(source, encoding="utf-8")
    found = plan(path)
    assert (found.editions, found.minutes) == (editions, minutes)


def test_make_minutes_with_the_real_generator(repo: Repo) -> None:
    for other in (repo.root / "briefings").glob("*.yaml"):
        if other.stem != "example-internal-meeting":
            other.unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    result = subprocess.run([require("make", "the Makefile tests"), "--no-print-directory", f"PY={sys.executable}",
                             "minutes"], cwd=repo.root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert sorted(line for line in result.stdout.splitlines() if line.startswith("wrote")) == sorted(
        f"wrote build/example-internal-meeting-minutes{suffix}.{fmt}" for suffix in ("", "-en")
        for fmt in ("pdf", "docx"))  # the editions build in parallel: their lines come in any order
    assert (repo.root / "build" / "example-internal-meeting-minutes-en.pdf").read_bytes().startswith(b"%PDF-")
    assert subprocess.run(["make", "-q", f"PY={sys.executable}", "minutes"], cwd=repo.root, env=env).returncode == 0


def test_make_compiles_the_generator_once_and_again_after_a_change(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    assert repo.make("briefing").returncode == 0
    compiled = tmp_path / "generator" / "__pycache__" / f"lao.{sys.implementation.cache_tag}.pyc"
    assert compiled.exists() and (tmp_path / ".venv" / ".bytecode").exists()
    first = compiled.stat().st_mtime_ns
    assert repo.make("-q", "briefing").returncode == 0
    lao = tmp_path / "generator" / "lao.py"
    lao.write_text(lao.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert repo.make("briefing").returncode == 0
    assert compiled.stat().st_mtime_ns != first
