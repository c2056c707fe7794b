"""Where the project's own folders are: the repository that holds this package."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = ROOT / "templates"
FONTS_DIR = ROOT / "fonts"
