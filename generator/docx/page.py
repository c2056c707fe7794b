"""The page of the DOCX: A4 and the margins of templates/briefing.css (`@page { margin }`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageGeometry:
    """Page size, margins and header/footer distances from the paper's edge, in millimetres."""

    width_mm: float
    height_mm: float
    top_mm: float
    right_mm: float
    bottom_mm: float
    left_mm: float
    header_mm: float  # paper's top edge to the running header
    footer_mm: float  # paper's bottom edge to the running footer

    @property
    def text_width_mm(self) -> float:
        """The width between the left and right margins."""
        return self.width_mm - self.left_mm - self.right_mm


# Keep in step with `@page { size: A4; margin: 25mm 25mm 20mm 25mm }` in templates/briefing.css.
PAGE = PageGeometry(width_mm=210, height_mm=297, top_mm=25, right_mm=25, bottom_mm=20,
                    left_mm=25, header_mm=12, footer_mm=10)
