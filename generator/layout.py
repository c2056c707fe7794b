"""Page-break rules both writers follow (SPEC: short tables and a heading with what follows stay on one page)."""

from __future__ import annotations

# A table of at most this many rows (header rows included) is kept on one page; a longer one
# breaks between rows and repeats its header row.
SHORT_TABLE_ROWS = 8


def keeps_together(rows: int) -> bool:
    """Whether a table of `rows` rows stays on one page."""
    return rows <= SHORT_TABLE_ROWS
