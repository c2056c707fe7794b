"""What each process loads: the command line alone loads neither the builder nor a renderer, `check`
loads no renderer, and a build's PDF process (forked before the builder is imported) needs neither
the meeting loader nor the DOCX writer. Each is a fresh Python process, so nothing is loaded by the
tests themselves."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEED
from generator.build import pdf_job, prepare
from generator.fonts import FONT_SETS

HEAVY = ("weasyprint", "docx", "generator.build", "generator.data.loader", "generator.pdf.writer")


def loaded_after(code: str, *names: str) -> list[str]:
    """Which of `names` are in sys.modules after a fresh Python process ran `code`."""
    probe = f"{code}\nimport sys\nprint(' '.join(n for n in {names!r} if n in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1].split()


def test_the_command_line_loads_no_builder_or_renderer_before_it_forks() -> None:
    assert loaded_after("import generator.cli", *HEAVY) == []


def test_check_loads_no_renderer() -> None:
    code = f"from generator.cli import main\nassert main(['check', {str(SEED)!r}]) == 0"
    assert loaded_after(code, *HEAVY) == ["generator.build", "generator.data.loader"]


def test_the_pdf_process_renders_without_the_loader_or_the_docx_writer(tmp_path: Path) -> None:
    fs = FONT_SETS["phetsarath"]
    job = tmp_path / "job.pickle"
    job.write_bytes(pickle.dumps(pdf_job(prepare([SEED], "briefing", None, fs)[0])))
    out = tmp_path / "out.pdf"
    code = ("import pickle\nfrom pathlib import Path\nfrom generator.fonts import FONT_SETS\n"
            "from generator.paths import TEMPLATES_DIR\nimport generator.pdf.jobs as jobs\n"
            "jobs.import_pdf_writer()\n"
            f"pdf = jobs.render_jobs([pickle.loads(Path({str(job)!r}).read_bytes())], "
            "FONT_SETS['phetsarath'], TEMPLATES_DIR)[0]\n"
            f"Path({str(out)!r}).write_bytes(pdf)")
    assert loaded_after(code, *HEAVY) == ["weasyprint", "generator.pdf.writer"]
    assert out.read_bytes().startswith(b"%PDF-")
