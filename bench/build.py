"""Benchmark: where the time of one build goes, stage by stage, for the seed and a 300-member meeting.

Run: .venv/bin/python bench/build.py [REPEATS]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from pdfminer.pdfpage import PDFPage

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.docx import write_docx  # noqa: E402
from generator.fonts import FONT_SETS, coverage_problems  # noqa: E402
from generator.data.loader import load_meeting  # noqa: E402
from generator.paths import TEMPLATES_DIR  # noqa: E402
from generator.pdf.writer import render_pdf  # noqa: E402
from generator.content.render import environment, render_html  # noqa: E402
from generator.content.template_structure import structure_problems  # noqa: E402
from generator.docx.html_reader import read_html  # noqa: E402
from generator.content.view import build_view  # noqa: E402

SEED = ROOT / "briefings" / "accsm-20.yaml"


def median_ms(call: Callable[[], object], repeats: int) -> float:
    """Median wall time of `repeats` calls, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def big_meeting(folder: Path) -> Path:
    """The seed with a 300-member roster (100 women) written to `folder`."""
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["delegation"] = {"members": [
        {"name": {"lo": f"ທ່ານ ສົມຊາຍ ວົງສະຫວັນ {i}", "en": f"Somxay Vongsavanh {i}"},
         "gender": "female" if i % 3 == 0 else "male",
         "position": {"lo": "ຫົວໜ້າກົມຄຸ້ມຄອງລັດຖະກອນ", "en": "Director General"}} for i in range(300)]}
    path = folder / "roster-300.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def report(path: Path, repeats: int) -> None:
    """Print the median time of each stage for one meeting file."""
    fs = FONT_SETS["phetsarath"]
    meeting = load_meeting(path)
    view = build_view(meeting, meeting.language, "briefing")
    html = render_html(view, "briefing", TEMPLATES_DIR)
    out = Path(tempfile.mkdtemp()) / "x.docx"
    stages = {
        "load + validate": lambda: load_meeting(path),
        "view (stats, dates, labels)": lambda: build_view(meeting, meeting.language, "briefing"),
        "font coverage": lambda: coverage_problems(meeting, fs, meeting.language),
        "templates: parse, outside blocks": lambda: structure_problems(environment(TEMPLATES_DIR),
                                                                       TEMPLATES_DIR),
        "render HTML (Jinja)": lambda: render_html(view, "briefing", TEMPLATES_DIR),
        "HTML read back as DOCX (check)": lambda: read_html(html),
        "PDF (layout + exact text layer)": lambda: render_pdf(html, fs, base_url=path.parent),
        "DOCX": lambda: write_docx(html, fs, out),
    }
    pdf_pages = sum(1 for _ in PDFPage.get_pages(io.BytesIO(render_pdf(html, fs, base_url=path.parent))))
    print(f"\n{path.name}: {len(html):,} characters of HTML")
    total = 0.0
    for name, call in stages.items():
        ms = median_ms(call, repeats)
        total += ms
        print(f"  {name:34s} {ms:9.1f} ms")
    print(f"  {'total':34s} {total:9.1f} ms  ({pdf_pages} PDF pages)")


def main() -> None:
    """Run the benchmark on the seed and on a large generated meeting."""
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print(f"median of {repeats} runs per stage")
    report(SEED, repeats)
    report(big_meeting(Path(tempfile.mkdtemp())), max(1, repeats // 2))


if __name__ == "__main__":
    main()
