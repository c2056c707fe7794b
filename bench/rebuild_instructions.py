"""Benchmark: the instructions one warm preview rebuild of the seed executes (valgrind's callgrind).

Run: .venv/bin/python bench/rebuild_instructions.py   (prints a figure; asserts nothing; about 2 minutes)

Unlike a time, the count does not depend on other work on the machine, so two versions of the
code can be compared on a busy machine. The rebuild is the preview's (`build_documents`: check,
PDF, page images), in a process that keeps what the preview keeps between builds, after two
rebuilds that warm it up; callgrind counts only inside `operator.methodcaller`'s call, which
runs the measured rebuilds (nothing else in the rebuild calls it).
"""

from __future__ import annotations

import operator
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "briefings" / "accsm-20.yaml"
MEASURED = 2


class _Rebuilds:
    """The measured rebuilds, run through methodcaller so that callgrind can switch on around them."""

    def __init__(self) -> None:
        from generator.fonts import FONT_SETS
        from generator.paths import TEMPLATES_DIR
        from generator.pdf.font_configs import keep_font_configurations
        from generator.preview.builder import Selection, build_documents

        keep_font_configurations()  # as the preview does
        self.build = lambda: build_documents(SEED, Selection("briefing"), FONT_SETS["phetsarath"], TEMPLATES_DIR)
        for _ in range(2):
            assert self.build().ok

    def run(self) -> None:
        for _ in range(MEASURED):
            self.build()


def main() -> None:
    """Run this file under callgrind and print the instructions per rebuild."""
    if sys.argv[1:] == ["--inside"]:
        sys.path.insert(0, str(ROOT))
        operator.methodcaller("run")(_Rebuilds())
        return
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run([valgrind, "--tool=callgrind", f"--callgrind-out-file={out}", "--collect-atstart=no",
                        "--toggle-collect=methodcaller_call", sys.executable, __file__, "--inside"],
                       cwd=ROOT, check=True, capture_output=True)
        found = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
    assert found, "callgrind wrote no total"
    print(f"preview, seed: one warm rebuild executes {int(found[1]) // MEASURED / 1e6:,.0f} M instructions")


if __name__ == "__main__":
    main()
