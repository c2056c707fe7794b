"""The text Evince copies from each page of a PDF (poppler-glib), as a JSON list on stdout.

Usage: /usr/bin/python3 extract.py FILE.pdf  (the system Python: python3-gi, gir1.2-poppler-0.18)
Evince's Select All + Copy: poppler_page_get_selected_text over the whole page, glyph by glyph
(POPPLER_SELECTION_GLYPH), which walks poppler's reading order (blocks, lines, words).
"""

import json
import sys

import gi

gi.require_version("Poppler", "0.18")
from gi.repository import Poppler  # noqa: E402

document = Poppler.Document.new_from_file("file://" + sys.argv[1], None)
pages = []
for number in range(document.get_n_pages()):
    page = document.get_page(number)
    whole = Poppler.Rectangle()
    whole.x1, whole.y1 = 0, 0
    whole.x2, whole.y2 = page.get_size()
    pages.append(page.get_selected_text(Poppler.SelectionStyle.GLYPH, whole))
json.dump(pages, sys.stdout, ensure_ascii=False)
