"""PNG files of rendered pages, made cheaply: rows unfiltered, deflated at zlib's fastest level.

Pillow's PNG writer tries every row filter on every row; on a page of text that is most of a
preview rebuild's page-image time (a quarter of its instructions), for a file no smaller than
unfiltered rows at zlib level 1 give (about 130 KB a page; the page is served to this machine
only). zlib releases the GIL, so pages can be compressed side by side.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RGB_8 = (8, 2, 0, 0, 0)  # bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def unfiltered_rows(pixels: memoryview, width: int, height: int, stride: int) -> bytearray:
    """The PNG image data before compression: each row of 3-byte RGB pixels after a 0 (no filter)."""
    line = width * 3
    out = bytearray(height * (line + 1))
    for y in range(height):
        start = y * (line + 1) + 1
        out[start:start + line] = pixels[y * stride:y * stride + line]
    return out


def rgb_png(pixels: memoryview, width: int, height: int, stride: int) -> bytes:
    """A PNG of `height` rows of `width` RGB pixels, each row `stride` bytes apart in `pixels`."""
    if width <= 0 or height <= 0 or stride < width * 3 or len(pixels) < stride * (height - 1) + width * 3:
        raise ValueError(f"not an RGB bitmap of {width} x {height} pixels with {stride} bytes a row")
    header = struct.pack(">II5B", width, height, *_RGB_8)
    data = zlib.compress(unfiltered_rows(pixels, width, height, stride), 1)
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")
