"""Lao text handling as plain functions: normalisation, script runs, word boundaries."""

from __future__ import annotations

import re
import unicodedata

NIGGAHITA = "\u0ecd"  # ໍ
AA = "\u0eb2"  # າ
AM = "\u0eb3"  # ຳ
TONE_MARKS = "\u0ec8\u0ec9\u0eca\u0ecb"  # ່ ້ ໊ ໋

# ໍ + າ typed for ຳ, with the tone mark before ໍ, between ໍ and າ, or absent.
_TONE_BEFORE_AM = re.compile(f"([{TONE_MARKS}])?{NIGGAHITA}([{TONE_MARKS}])?{AA}")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """One spelling for every text: NFC, ໍ+າ composed to ຳ (tone mark kept before ຳ), spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = _TONE_BEFORE_AM.sub(lambda m: (m.group(1) or "") + (m.group(2) or "") + AM, text)
    return _SPACES.sub(" ", text).strip()
