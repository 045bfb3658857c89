from __future__ import annotations

from tqa.model import Document
from tqa.segment import segment


def texts(text: str, mode: str = "auto") -> list[str]:
    segments = segment(Document("t", text), mode)
    for s in segments:
        assert text[s.start : s.end] == s.text
    return [s.text for s in segments]


def test_german_ordinals_and_dates_do_not_split() -> None:
    assert texts("Xi nimmt am 2. Gipfeltreffen teil. Am 16. Juni beginnt es.\n") == [
        "Xi nimmt am 2. Gipfeltreffen teil.",
        "Am 16. Juni beginnt es.",
    ]


def test_abbreviations_initials_decimals_domains() -> None:
    text = (
        "Selon M. Dupont, le commerce atteint 94,8 milliards. Cela rapporte ottes.at. "
        "G. O. Dyhrenfurth kam z.B. am 3. März. Tels que China.org.cn rapporté."
    )
    assert texts(text) == [
        "Selon M. Dupont, le commerce atteint 94,8 milliards.",
        "Cela rapporte ottes.at.",
        "G. O. Dyhrenfurth kam z.B. am 3. März.",
        "Tels que China.org.cn rapporté.",
    ]


def test_quotes_and_parentheses_stay_with_their_sentence() -> None:
    assert texts("Il a dit « C'est fini. » Puis il est parti (voir p. 5). Fin!") == [
        "Il a dit « C'est fini. »",
        "Puis il est parti (voir p. 5).",
        "Fin!",
    ]


def test_headings_paragraphs_and_kinds() -> None:
    segments = segment(Document("t", "Titre du jour\n\nPremière phrase. Deuxième phrase\n"), "auto")
    assert [(s.kind, s.block, s.block_end) for s in segments] == [
        ("heading", 0, True),
        ("sentence", 1, False),
        ("sentence", 1, True),
    ]


def test_hard_wrapped_lines_are_one_paragraph() -> None:
    assert texts("Le sommet commence\nlundi à Astana.\nLa Chine participe.\n") == [
        "Le sommet commence\nlundi à Astana.",
        "La Chine participe.",
    ]


def test_lines_mode_ids_are_line_numbers_blank_lines_included() -> None:
    segments = segment(Document("t", "un\n\ntrois\r\nquatre"), "lines")
    assert [(s.id, s.text) for s in segments] == [(0, "un"), (1, ""), (2, "trois"), (3, "quatre")]


def test_paragraphs_mode() -> None:
    assert texts("Une phrase. Une autre.\n\nDeuxième paragraphe.", "paragraphs") == [
        "Une phrase. Une autre.",
        "Deuxième paragraphe.",
    ]


def test_single_huge_line_is_segmented() -> None:
    text = "mot " * 50_000
    assert len(texts(text)) == 1


def test_decimal_score_or_time_before_a_period_ends_a_sentence() -> None:
    # "990,5." "9:19." "39:59." end a sentence: the digits after "," or ":" are
    # not a German ordinal ("am 9. Mai"), which still does not split
    text = (
        "Der Wert lag am 9. Mai bei 990,5. En Saxe, elle était de 990,5. "
        "Es stand 9:19. Die Hoffnung war dahin. Score final 39:59. Fin."
    )
    assert texts(text) == [
        "Der Wert lag am 9. Mai bei 990,5.",
        "En Saxe, elle était de 990,5.",
        "Es stand 9:19.",
        "Die Hoffnung war dahin.",
        "Score final 39:59.",
        "Fin.",
    ]


def test_degree_unit_is_not_an_initial() -> None:
    text = "Lavable en machine à 30 °C. Bitte beachten Sie die Symbole! Il fait 5 °C. à Paris."
    assert texts(text) == [
        "Lavable en machine à 30 °C.",
        "Bitte beachten Sie die Symbole!",
        "Il fait 5 °C. à Paris.",
    ]


def test_leading_zero_number_list_markers_and_etc_end_sentences() -> None:
    text = (
        "Elles portent les numéros 01 à 06. Toutes survivent. Am 01. Januar kam er. "
        "Was sagt ihr? * Quelles sont vos idées. Er schrieb. >Der Text folgt. "
        "Des cordes, des piolets, etc. Le reste suit. Äpfel, Birnen usw. und mehr."
    )
    assert texts(text) == [
        "Elles portent les numéros 01 à 06.",
        "Toutes survivent.",
        "Am 01. Januar kam er.",
        "Was sagt ihr?",
        "* Quelles sont vos idées.",
        "Er schrieb.",
        ">Der Text folgt.",
        "Des cordes, des piolets, etc.",
        "Le reste suit.",
        "Äpfel, Birnen usw. und mehr.",
    ]
