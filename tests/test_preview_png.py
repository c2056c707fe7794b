"""generator/preview/png.py: the PNG of a drawn page holds exactly the page's pixels."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from PIL import Image, ImageChops

from conftest import SEED
from generator.build import edition_pdf, prepare
from generator.fonts import FONT_SETS
from generator.preview.builder import page_images
from generator.preview.png import rgb_png


def test_a_png_holds_the_pixels_with_rows_padded_in_the_bitmap() -> None:
    width, height, stride = 3, 2, 12  # 9 bytes of pixels a row, 3 of padding
    rows = [bytes([255, 0, 0, 0, 255, 0, 0, 0, 255]), bytes([10, 20, 30, 40, 50, 60, 70, 80, 90])]
    pixels = memoryview(b"".join(row + b"\xee" * 3 for row in rows))
    image = Image.open(io.BytesIO(rgb_png(pixels, width, height, stride)))
    image.load()
    assert (image.format, image.mode, image.size) == ("PNG", "RGB", (3, 2))
    assert image.tobytes() == b"".join(rows)


@pytest.mark.parametrize("width, height, stride, size", [(0, 1, 3, 3), (2, 2, 5, 12), (2, 2, 6, 11)])
def test_a_buffer_that_is_not_such_a_bitmap_is_refused(width: int, height: int, stride: int, size: int) -> None:
    with pytest.raises(ValueError, match="not an RGB bitmap"):
        rgb_png(memoryview(bytes(size)), width, height, stride)


def test_the_page_images_are_what_pdfium_draws() -> None:
    fs = FONT_SETS["phetsarath"]
    pdf = edition_pdf(prepare([SEED], "briefing", None, fs)[0], fs)
    images = page_images(pdf)
    document = pypdfium2.PdfDocument(pdf)
    assert len(images) == len(document) == 4
    for number, page_image in enumerate(images):
        drawn = document[number].render(scale=1.5).to_pil().convert("RGB")
        image = Image.open(io.BytesIO(page_image.png))
        assert (image.format, image.size) == ("PNG", drawn.size) == ("PNG", (page_image.width, page_image.height))
        assert ImageChops.difference(image.convert("RGB"), drawn).getbbox() is None, f"page {number + 1}"
        assert len(page_image.png) < 400_000
