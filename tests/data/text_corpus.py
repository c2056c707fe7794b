"""Text-layer corpus: the seed article, Lao syllables built systematically, mixed lines.

Every paragraph is normalised with `generator.lao.normalise`. The paragraphs whose glyphs
WeasyPrint 70 mislabels (a tone mark merged with ຳ into one cluster) come first, again in
the middle in another order, and last, so each is met both before and after its rivals.
"""

from __future__ import annotations

from pathlib import Path

from generator.lao import AM, NIGGAHITA, TONE_MARKS, normalise

DATA = Path(__file__).resolve().parent

CONSONANTS = "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮໜໝ"
# Vowel patterns; "C" stands for the consonant.
VOWELS = (
    "Cະ", "Cັກ", "Cາ", "C" + AM, "Cິ", "Cີ", "Cຶ", "Cື", "Cຸ", "Cູ", "Cົງ", "Cຽງ", "C" + NIGGAHITA,
    "ເC", "ເCະ", "ແC", "ແCະ", "ໂC", "ໂCະ", "ໃC", "ໄC", "ເCົາ", "ເCົ້າ", "ເCີ", "ເCຍ", "ເCືອ",
    "Cົວ", "Cວົ", "ເCາະ", "Cອ", "Cຼ",
)
# Tone marks on the bare consonant, over an upper vowel, with a lower vowel, with ຳ.
TONED = ("C{t}", "C{t}າ", "Cິ{t}", "Cີ{t}", "Cຸ{t}", "Cູ{t}", "ເC{t}", "C{t}" + AM)

TROUBLE_FIRST = "ນ້ຳ ນ່ຳ ກ່ຳ ຄ້ຳ ທ່ຳ ນຳ ນາ ກໍ ສຳເລັດ ກິດຈະກຳ ຈຳນວນ ນ້ຳ"
TROUBLE_MIDDLE = "ນາ ກໍ ນຳ ທ່ຳ ຄ້ຳ ກ່ຳ ນ່ຳ ນ້ຳ ກ໊ຳ ກ໋ຳ ຈຳ ລຳ ຄຳ ນາ"
TROUBLE_LAST = "ນ່ຳ ນ້ຳ ນາ ນຳ ກໍ ນ່ຳ"

MIXED = (
    "ກອງປະຊຸມ ASEAN (ACCSM) ຄັ້ງທີ 20, ວັນທີ 17-18 November 2020.",
    "The Ministry of Home Affairs ໄດ້ສຳເລັດ ການເຂົ້າຮ່ວມ; office affairs: 2021-2025 ແຜນງານ.",
    "Water ນ້ຳ, black ດຳ, to lead ນຳ: 45,5 % ແລະ 100 ຄົນ.",
)


def syllables(pattern: str, consonant: str) -> str:
    """`pattern` with its consonant slot filled."""
    return pattern.replace("C", consonant)


def syllable_paragraphs() -> list[str]:
    """Per consonant: its vowels; its tones; and for each tone mark, the tone with ຳ."""
    paragraphs = []
    for consonant in CONSONANTS:
        paragraphs.append(" ".join(syllables(v, consonant) for v in VOWELS))
        paragraphs.append(" ".join(
            syllables(pattern.format(t=tone), consonant)
            for tone in TONE_MARKS for pattern in TONED))
        paragraphs.append(" ".join(consonant + tone + AM for tone in TONE_MARKS))
    return paragraphs


def article_paragraphs() -> list[str]:
    """The seed article's non-empty paragraphs, normalised."""
    text = (DATA / "accsm-20-article.lo.txt").read_text(encoding="utf-8")
    return [normalise(line) for line in text.splitlines() if line.strip()]


def corpus() -> list[str]:
    """All test paragraphs, normalised, trouble first, in the middle and last."""
    paragraphs = [
        TROUBLE_FIRST, *MIXED, *article_paragraphs(), TROUBLE_MIDDLE,
        *syllable_paragraphs(), TROUBLE_LAST,
    ]
    return [normalise(p) for p in paragraphs]
