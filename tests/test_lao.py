"""Lao text handling: normalisation, script runs, word boundaries (generator/lao.py)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA
from generator.lao import ZWSP, break_words, is_lao, normalise, script_runs

ARTICLE = (DATA / "accsm-20-article.lo.txt").read_text(encoding="utf-8")
FIRST_SENTENCE = ARTICLE.splitlines()[0]  # the headline, one unspaced Lao phrase

# Text mixing Lao, Latin, digits, punctuation and characters outside the BMP.
mixed_text = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x0E80, max_codepoint=0x0EFF),
    st.sampled_from(list(" ,.-()0123456789ASEANabc\u00a0\u200b\n") + ["😀", "\U00020000"]),
    st.sampled_from(list(FIRST_SENTENCE)),
))


def words(text: str) -> list[str]:
    """The pieces between the U+200B that break_words inserted."""
    return text.split(ZWSP)


# --- is_lao -----------------------------------------------------------------------------

def test_is_lao_covers_the_lao_block_only() -> None:
    assert is_lao("ກ") and is_lao("\u0e80") and is_lao("\u0eff") and is_lao("໙")
    assert not is_lao("a") and not is_lao("ก") and not is_lao("\u0f00") and not is_lao(ZWSP)


# --- normalise ----------------------------------------------------------------------------

def test_normalise_composes_niggahita_and_aa_into_am() -> None:
    assert normalise("ກິດຈະກ\u0ecd\u0eb2") == "ກິດຈະກ\u0eb3"
    assert normalise("ຈ\u0ecd\u0eb2ນວນ") == "ຈຳນວນ"


def test_normalise_keeps_the_tone_mark_before_am_wherever_it_was_typed() -> None:
    spelled = "ນ\u0ec9\u0eb3"  # ນ້ຳ as the data should hold it
    assert normalise("ນ\u0ec9\u0ecd\u0eb2") == spelled  # tone mark before ໍ
    assert normalise("ນ\u0ecd\u0ec9\u0eb2") == spelled  # tone mark between ໍ and າ
    assert normalise(spelled) == spelled


def test_normalise_applies_nfc() -> None:
    assert normalise("Cafe\u0301") == "Café"
    # Canonical order puts a vowel below (ccc 118) before a tone mark (ccc 122).
    assert normalise("ກ\u0ec8\u0eb8") == "ກ\u0eb8\u0ec8"


def test_normalise_collapses_and_trims_whitespace() -> None:
    assert normalise("  ກະຊວງ \n\t ພາຍໃນ\u00a0 ") == "ກະຊວງ ພາຍໃນ"


def test_normalise_leaves_the_seed_with_one_spelling_of_am() -> None:
    text = normalise(ARTICLE)
    assert "\u0ecd\u0eb2" not in text
    assert "ກິດຈະກຳ" in text and "ຈຳນວນ" in text
    assert normalise(text) == text


# --- script_runs --------------------------------------------------------------------------

def test_script_runs_splits_lao_and_latin_with_neutrals_joining_the_preceding_run() -> None:
    assert script_runs("ກອງປະຊຸມ ACCSM ຄັ້ງທີ 20, ປີ 2020") == [
        ("ກອງປະຊຸມ ", True), ("ACCSM ", False), ("ຄັ້ງທີ 20, ປີ 2020", True),
    ]


def test_script_runs_gives_leading_neutrals_to_the_following_run() -> None:
    assert script_runs(" (17-18) ASEAN ອາຊຽນ") == [(" (17-18) ASEAN ", False), ("ອາຊຽນ", True)]
    assert script_runs("2020\u200bກະຊວງ") == [("2020\u200bກະຊວງ", True)]


def test_script_runs_of_neutral_or_empty_text() -> None:
    assert script_runs("") == []
    assert script_runs("17-18 ") == [("17-18 ", False)]


@given(mixed_text)
def test_script_runs_concatenate_to_the_input_and_alternate(text: str) -> None:
    runs = script_runs(text)
    assert "".join(piece for piece, _ in runs) == text
    assert all(piece for piece, _ in runs)
    assert all(a[1] != b[1] for a, b in zip(runs, runs[1:]))
    for piece, lao in runs:
        letters = [ch for ch in piece if is_lao(ch) or unicodedata.category(ch)[0] == "L"]
        assert all(is_lao(ch) == lao for ch in letters)


# --- break_words --------------------------------------------------------------------------

def test_break_words_segments_the_seed_headline_into_words() -> None:
    pieces = words(break_words(FIRST_SENTENCE))
    for word in ("ກະຊວງພາຍໃນ", "ໄດ້", "ກອງ", "ປະຊຸມ", "ອາຊຽນ", "ກ່ຽວກັບ", "ວຽກງານ", "ລັດຖະກອນ"):
        assert word in pieces
    assert pieces[0] == "ກະຊວງພາຍໃນ"
    assert pieces[-1] == "ລັດຖະກອນ"
    assert len(pieces) >= 8


def test_break_words_changes_nothing_but_adding_zwsp_on_the_seed() -> None:
    broken = break_words(ARTICLE)
    assert broken.replace(ZWSP, "") == ARTICLE.replace(ZWSP, "")
    assert broken.count(ZWSP) > 200  # the article has hundreds of words
    assert ZWSP + ZWSP not in broken


def test_break_words_puts_zwsp_only_between_two_lao_characters() -> None:
    broken = break_words(normalise(ARTICLE) + " ກອງປະຊຸມ ACCSM ຄັ້ງທີ 20 (SOMHR) ກອງປະຊຸມ")
    for i, ch in enumerate(broken):
        if ch == ZWSP:
            before, after = broken[i - 1], broken[i + 1]
            assert is_lao(before) and is_lao(after), (before, after)
            assert unicodedata.category(after)[0] != "M"  # never before a vowel or tone mark


def test_break_words_leaves_latin_words_and_spaces_alone() -> None:
    text = "ACCSM Plus Three Cooperation Work Plan 2021-2025"
    assert break_words(text) == text
    assert break_words("") == ""


def test_break_words_counts_characters_outside_the_bmp_right() -> None:
    # ICU works in UTF-16: an emoji or an extension-B ideograph is two code units.
    lao = "ກະຊວງພາຍໃນໄດ້ເຂົ້າຮ່ວມກອງປະຊຸມ"
    for prefix in ("😀", "\U00020000 ", "😀😀😀"):
        assert break_words(prefix + lao) == prefix + break_words(lao)
        assert break_words(lao + prefix + lao) == break_words(lao) + prefix + break_words(lao)


def test_break_words_adds_nothing_next_to_an_existing_zwsp() -> None:
    text = "ກະຊວງພາຍໃນ" + ZWSP + "ໄດ້ເຂົ້າຮ່ວມ"
    assert break_words(text) == "ກະຊວງພາຍໃນ" + ZWSP + "ໄດ້" + ZWSP + "ເຂົ້າຮ່ວມ"


@given(mixed_text)
def test_break_words_only_inserts_zwsp(text: str) -> None:
    broken = break_words(text)
    assert broken.replace(ZWSP, "") == text.replace(ZWSP, "")
    assert broken.count(ZWSP) >= text.count(ZWSP)
    inserted = broken.count(ZWSP) - text.count(ZWSP)
    assert inserted <= sum(1 for a, b in zip(text, text[1:]) if is_lao(a) and is_lao(b))
