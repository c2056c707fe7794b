"""Benchmark: the build against LibreOffice, in one run, as ratios of medians (issue 15's figures).

Run: .venv/bin/python bench/compare.py [RUNS] [--instructions]   (prints figures; asserts nothing)

Every figure is the wall time of a whole command as a user runs it (a fresh process, imports
included), the median of RUNS runs (default 5). The commands take turns run by run, so that
other work on the machine slows all of them alike; the CPU time (user + system) of each is
printed too, as it depends less on that other work.

- seed: `python -m generator build briefings/accsm-20.yaml` (PDF and DOCX) into a fresh folder;
- LibreOffice: `soffice --headless --convert-to pdf` of the DOCX that build wrote, with a
  profile of its own made before the first timed run (LibreOffice's start-up included);
- 300 members: the same build of the seed with a roster of 300 (bench/build.py's meeting);
- check: `python -m generator check briefings/accsm-20.yaml`;
- the preview's warm rebuild: its own figure for a rebuild after a save (bench/preview.py).

With --instructions, also the instructions the seed build, the 300-member build and check
execute, child processes included (valgrind's callgrind; a few minutes), which do not depend
on the machine's load.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from build import SEED, big_meeting  # noqa: E402
from preview import rebuild_times  # noqa: E402

GENERATOR = [sys.executable, "-m", "generator"]


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Run `command` to completion; its wall and CPU seconds. Exits when it fails."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return wall, _children_cpu() - cpu


class Figures:
    """The wall and CPU seconds of each named command, run after run."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}

    def add(self, name: str, timed: tuple[float, float]) -> None:
        """Record one run of `name`."""
        self.wall.setdefault(name, []).append(timed[0])
        self.cpu.setdefault(name, []).append(timed[1])

    def median(self, name: str, cpu: bool = False) -> float:
        """The median seconds of `name`."""
        return statistics.median((self.cpu if cpu else self.wall)[name])

    def line(self, name: str) -> str:
        """`name: wall median (min-max), CPU median`."""
        wall = self.wall[name]
        return (f"  {name:34s} {self.median(name) * 1000:7.0f} ms  (min {min(wall) * 1000:.0f}, "
                f"max {max(wall) * 1000:.0f}; CPU {self.median(name, cpu=True) * 1000:.0f} ms)")

    def ratio(self, label: str, over: str, under: str, target: float | None = None) -> str:
        """`label: over / under = wall ratio (CPU ratio)`, with the target when there is one."""
        wall = self.median(over) / self.median(under)
        cpu = self.median(over, cpu=True) / self.median(under, cpu=True)
        aim = f"   target <= {target:.2f}x: {'met' if wall <= target else 'NOT met'}" if target else ""
        return f"  {label:34s} {wall:5.2f}x  (CPU {cpu:.2f}x){aim}"


def soffice_command(profile: Path, docx: Path, out: Path) -> list[str]:
    """LibreOffice converting `docx` to PDF in `out`, with its own user profile."""
    return ["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", "pdf", "--outdir", str(out), str(docx)]


def instructions(command: list[str], folder: Path) -> int:
    """The instructions `command` executes, its child processes included (ldconfig, gcc...), as
    valgrind's callgrind counts them."""
    logs = folder / "callgrind-logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir()
    subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                    f"--callgrind-out-file={logs / 'out.%p'}", f"--log-file={logs / 'log.%p'}", *command],
                   cwd=ROOT, check=True, capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    counts = [int(found[1]) for log in logs.glob("log.*")
              if (found := re.search(r"Collected : (\d+)", log.read_text()))]
    if not counts:
        raise SystemExit(f"no instruction count in {logs}")
    return sum(counts)


def main() -> None:
    """Time the commands in turns and print medians and ratios."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 5
    if shutil.which("soffice") is None:
        raise SystemExit("soffice is not installed (Debian: libreoffice-writer-nogui)")
    folder = Path(tempfile.mkdtemp())
    big = big_meeting(folder)
    profile = folder / "lo-profile"
    figures = Figures()
    seed_docx = None
    try:
        for n in range(runs):
            out = folder / f"seed-{n}"
            figures.add("seed build (PDF + DOCX)", run([*GENERATOR, "build", str(SEED), "-o", str(out)]))
            seed_docx = out / "accsm-20-briefing.docx"
            if n == 0:  # LibreOffice's first start creates its profile: not part of a conversion
                run(soffice_command(profile, seed_docx, folder / "lo-warm-up"))
            figures.add("LibreOffice: that DOCX to PDF", run(soffice_command(profile, seed_docx, folder / f"lo-{n}")))
            figures.add("300 members build", run([*GENERATOR, "build", str(big), "-o", str(folder / f"big-{n}")]))
            figures.add("seed check", run([*GENERATOR, "check", str(SEED)]))
        rebuilds, latencies = rebuild_times(max(runs, 5))
        print(f"wall time of each command, median of {runs} runs (min, max; CPU = user + system)")
        for name in figures.wall:
            print(figures.line(name))
        print(f"  {'preview: warm rebuild after a save':34s} {statistics.median(rebuilds) * 1000:7.0f} ms  "
              f"(min {min(rebuilds) * 1000:.0f}, max {max(rebuilds) * 1000:.0f}; save -> updated "
              f"page state {statistics.median(latencies) * 1000:.0f} ms)")
        print("ratios of the medians")
        print(figures.ratio("seed build / LibreOffice", "seed build (PDF + DOCX)",
                            "LibreOffice: that DOCX to PDF", 1.0))
        print(figures.ratio("300 members / seed build", "300 members build", "seed build (PDF + DOCX)", 3.0))
        print(figures.ratio("seed check / seed build", "seed check", "seed build (PDF + DOCX)"))
        rebuild = statistics.median(rebuilds)
        print(f"  {'preview warm rebuild':34s} {rebuild:5.2f} s   target <= 0.35 s: "
              f"{'met' if rebuild <= 0.35 else 'NOT met'}")
        if "--instructions" in sys.argv:
            _print_instructions(folder, big)
    finally:
        shutil.rmtree(folder)


def _print_instructions(folder: Path, big: Path) -> None:
    """Print the instruction counts of the seed build, the 300-member build and check."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (Debian: valgrind)")
    counts: dict[str, int] = {}
    commands: dict[str, Callable[[], list[str]]] = {
        "seed build (PDF + DOCX)": lambda: [*GENERATOR, "build", str(SEED), "-o", str(folder / "vg-seed")],
        "300 members build": lambda: [*GENERATOR, "build", str(big), "-o", str(folder / "vg-big")],
        "seed check": lambda: [*GENERATOR, "check", str(SEED)],
    }
    print("instructions executed (valgrind --tool=callgrind, one run each)")
    for name, command in commands.items():
        counts[name] = instructions(command(), folder)
        print(f"  {name:34s} {counts[name] / 1e9:7.2f} G")
    seed = counts["seed build (PDF + DOCX)"]
    print(f"  {'300 members / seed build':34s} {counts['300 members build'] / seed:5.2f}x")
    print(f"  {'seed check / seed build':34s} {counts['seed check'] / seed:5.2f}x")


if __name__ == "__main__":
    main()
