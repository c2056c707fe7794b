"""What the preview page shows: its labels (Lao and English), its state as JSON, and its HTML (escaped Jinja)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.kinds import KINDS
from generator.content.labels import load_labels
from generator.data.model import LANGUAGES
from generator.errors import InputError
from generator.preview.session import Snapshot

ASSETS = Path(__file__).resolve().parent / "assets"

# The page's own words; a desk officer reads Lao first, partners English.
UI: dict[str, str] = {
    "title": "ເບິ່ງເອກະສານກ່ອນພິມ · Document preview",
    "auto": "ໜ້ານີ້ອັບເດດເອງທຸກຄັ້ງທີ່ບັນທຶກແຟ້ມ · Updates by itself whenever you save",
    "kind": "ເອກະສານ · Document",
    "lang": "ພາສາ · Language",
    "download_pdf": "ດາວໂຫຼດ PDF · Download PDF",
    "download_docx": "ດາວໂຫຼດ DOCX · Download DOCX",
    "up_to_date": "ອັບເດດແລ້ວ · Up to date",
    "building": "ກຳລັງອັບເດດ… · Updating…",
    "problems": "ພົບບັນຫາ · Problems found",
    "problems_hint": ("ແກ້ໄຂແຟ້ມ ແລ້ວບັນທຶກ: ໜ້ານີ້ຈະອັບເດດເອງ. · "
                      "Fix the file and save it: this page updates by itself."),
    "stale_pages": ("ໜ້າລຸ່ມນີ້ແມ່ນສະບັບສຸດທ້າຍທີ່ບໍ່ມີບັນຫາ. · "
                    "The pages below are the last version without problems."),
    "no_pages": ("ຍັງບໍ່ມີໜ້າໃຫ້ເບິ່ງ: ແກ້ໄຂບັນຫາຂ້າງເທິງກ່ອນ. · "
                 "No pages yet: fix the problems above first."),
    "page": "ໜ້າ {n} · Page {n}",
    "offline": ("ຂາດການເຊື່ອມຕໍ່ກັບໂປຣແກຣມເບິ່ງເອກະສານ: ມັນຍັງເຮັດວຽກຢູ່ບໍ? · "
                "Lost contact with the preview: is it still running?"),
}
LANGUAGE_NAMES = {"lo": "ລາວ · Lao", "en": "ອັງກິດ · English"}


def kind_names(templates_dir: Path) -> dict[str, str]:
    """Each kind of `generator.build.KINDS` as the documents title it (labels.yaml), else its own name."""
    try:
        labels = load_labels(templates_dir)
    except InputError:
        return {kind: kind for kind in KINDS}  # the page's problem list says what is wrong with the labels
    names = {}
    for kind in KINDS:
        texts = labels.entries.get(kind, {})
        names[kind] = " · ".join(dict.fromkeys(t for t in (texts.get("lo"), texts.get("en")) if t)) or kind
    return names


def page_state(snapshot: Snapshot) -> dict[str, Any]:
    """Everything the page shows, as the JSON of each event (and of the first HTML)."""
    documents = snapshot.documents
    pages = [{"src": f"/pages/{snapshot.shown}/{n}.png", "width": page.width, "height": page.height,
              "alt": UI["page"].format(n=n)}
             for n, page in enumerate(documents.pages if documents else (), 1)]
    return {
        **status(snapshot),
        "shown": snapshot.shown,
        "pages": pages,
        "pdf_name": documents.pdf_name if documents else None,
        "docx_name": documents.docx_name if documents else None,
    }


def status(snapshot: Snapshot) -> dict[str, Any]:
    """`GET /status`: the build number, whether it built, check's problems, and what is shown."""
    return {
        "build": snapshot.build,
        "ok": snapshot.ok,
        "problems": list(snapshot.problems),
        "building": snapshot.building,
        "kind": snapshot.selection.kind,
        "lang": snapshot.lang,
        "seconds": round(snapshot.seconds, 3),
    }


def _environment() -> Environment:
    """The page template: every value escaped, undefined names are errors."""
    return Environment(loader=FileSystemLoader(str(ASSETS)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


_ENVIRONMENT = _environment()


def render_page(snapshot: Snapshot, file: str, templates_dir: Path) -> str:
    """The HTML of `GET /`, showing `snapshot`; its script then follows the events."""
    return _ENVIRONMENT.get_template("page.html.j2").render(
        ui=UI, state=page_state(snapshot), file=file,
        kinds=kind_names(templates_dir), languages={lang: LANGUAGE_NAMES.get(lang, lang) for lang in LANGUAGES},
    )


def asset(name: str) -> bytes:
    """The bytes of one of the page's own files (its script and stylesheet)."""
    return (ASSETS / name).read_bytes()
