"""Accuracy checks against the source, through the real CLI: a name the
translation keeps in one sentence and loses in another (TQA-ACC-009), meaning
words dropped (TQA-ACC-004) and their phrases with another sense, and a
negation that French writes with a bare *ne* (TQA-ACC-003)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair

check = check_pair


GERMAN_F1 = (
    "Max Verstappen soll nach Ansicht von Mercedes zwei Regeln gebrochen haben.\n"
    "Verstappen hatte in der letzten Runde Hamilton überholt.\n"
)


def test_a_name_kept_elsewhere_but_translated_here_is_reported_with_its_source_span(
    tmp_path: Path,
) -> None:
    french = (
        "De l'avis de Mercedes, les arrêts de Max auraient enfreint deux règles.\n"
        "Verstappen avait dépassé Hamilton dans le dernier tour.\n"
    )
    status, findings = check(tmp_path, french, GERMAN_F1, "TQA-ACC-009")
    assert status == 1  # a major finding fails the default gate
    [finding] = findings
    assert finding["severity"] == "major"
    assert finding["segment"] == 0
    assert GERMAN_F1[finding["source_start"] : finding["source_end"]] == "Verstappen"
    assert "Verstappen" in finding["message"] and finding["suggestions"] == ["Verstappen"]


def test_a_name_kept_everywhere_or_written_the_french_way_is_not_reported(
    tmp_path: Path,
) -> None:
    french = (
        "De l'avis de Mercedes, Max Verstappen aurait enfreint deux règles.\n"
        "Verstappen avait dépassé Hamilton dans le dernier tour.\n"
    )
    assert check(tmp_path, french, GERMAN_F1, "TQA-ACC-009") == (0, [])
    german = "Verstappen gewinnt in Abu Dhabi.\nIn Abu Dhabi war es heiß.\n"
    french = "Verstappen gagne à Abu Dhabi.\nÀ Abou Dabi, il faisait chaud.\n"
    assert check(tmp_path, french, german, "TQA-ACC-009") == (0, [])


def test_a_dropped_meaning_word_is_reported_but_not_inside_a_phrase_with_another_sense(
    tmp_path: Path,
) -> None:
    german = "Der damalige Minister hat zugestimmt.\nNicht zuletzt wegen Shorts gewann das Team.\n"
    french = "Le ministre a donné son accord.\nL'équipe a gagné notamment grâce à Shorts.\n"
    _, findings = check(tmp_path, french, german, "TQA-ACC-004")
    assert [german[f["source_start"] : f["source_end"]] for f in findings] == ["damalige"]
    kept = (
        "Le ministre de l'époque a donné son accord.\nL'équipe a gagné notamment grâce à Shorts.\n"
    )
    assert check(tmp_path, kept, german, "TQA-ACC-004") == (0, [])


def test_a_bare_ne_before_pouvoir_is_a_negation(tmp_path: Path) -> None:
    german = "Der Minister kann den Vertrag nicht unterschreiben.\n"
    negated = "Le ministre ne peut signer le contrat.\n"
    assert check(tmp_path, negated, german, "TQA-ACC-003") == (0, [])
    dropped = "Le ministre peut signer le contrat.\n"
    _, findings = check(tmp_path, dropped, german, "TQA-ACC-003")
    assert [german[f["source_start"] : f["source_end"]] for f in findings] == ["nicht"]


def test_a_one_word_hashtag_translated_is_left_alone_and_a_changed_handle_is_not(
    tmp_path: Path,
) -> None:
    german = "#Wozu dieser Beitrag?\n#Was sich ändern muss, sagt @DNAT_news.\n"
    french = "#Pourquoi cette publication ?\n#Ce qu'il faut changer, selon @DNAT_news.\n"
    assert check(tmp_path, french, german, "TQA-MT-006,TQA-ALN-004") == (0, [])
    changed = "#Pourquoi cette publication ?\n#Ce qu'il faut changer, selon @DNAT_nouvelles.\n"
    _, findings = check(tmp_path, changed, german, "TQA-MT-006,TQA-ALN-004")
    assert [f["text"] for f in findings] == ["@DNAT_nouvelles"]


def test_numbers_written_the_german_way_match_their_translation(tmp_path: Path) -> None:
    german = (
        "Das löste den California Gold Rush von ‘49 aus.\n"
        "Warum bieten Sie mir dann nur 20EUR an?\n"
        "Wir erreichen Abmessungen von nur 30mm x15.5mm.\n"
        "Die Grenze wurde auf 25 .000 Euro für Tagesgeldkonten gesenkt.\n"
        "Ein 0815 Werbesender, der von 0 auf 100 explodiert.\n"
    )
    french = (
        "Cela a déclenché la ruée vers l'or de Californie de 1849.\n"
        "Pourquoi ne m'offrez-vous que 20 EUR ?\n"
        "Nous atteignons des dimensions de seulement 30 mm x 15,5 mm.\n"
        "La limite a été abaissée à 25 000 euros pour les comptes à vue.\n"
        "Une station de publicité banale qui explose d'un coup.\n"
    )
    assert check(tmp_path, french, german, "TQA-ALN-003") == (0, [])
    wrong = french.replace("15,5 mm", "51,5 mm").replace("1849", "1848")
    _, findings = check(tmp_path, wrong, german, "TQA-ALN-003")
    assert sorted(f["text"] for f in findings) == ["1848", "51,5"]


def test_only_a_year_written_short_matches_a_full_year(tmp_path: Path) -> None:
    # an ordinal of two digits is no short year: 2021 is missing from the French
    german = "Das Gesetz gilt seit 2021 in ganz Europa.\n"
    french = "La loi s'applique au 21e siècle dans toute l'Europe.\n"
    _, findings = check(tmp_path, french, german, "TQA-ALN-003")
    assert len(findings) == 1 and "2021" in findings[0]["message"]


def test_a_dropped_day_is_an_omission_but_a_month_kept_as_a_name_is_not(tmp_path: Path) -> None:
    german = (
        "Die Mannschaft spielte am Samstag in Ludwigsburg.\nAugust Bebel sprach im Reichstag.\n"
    )
    french = "L'équipe a joué à Ludwigsburg.\nAugust Bebel a parlé au Reichstag.\n"
    _, findings = check(tmp_path, french, german, "TQA-ACC-004")
    assert [german[f["source_start"] : f["source_end"]] for f in findings] == ["Samstag"]
    dated = "L'équipe a joué samedi à Ludwigsburg.\nAugust Bebel a parlé au Reichstag.\n"
    assert check(tmp_path, dated, german, "TQA-ACC-004") == (0, [])


def test_a_name_marked_by_the_source_elsewhere_and_dropped_here_is_reported(
    tmp_path: Path,
) -> None:
    german = (
        "Biontech-Chef Uğur Şahin hat sich geäußert.\n"
        "Er sei dreimal geimpft, teilte Şahin am Freitag mit.\n"
    )
    # the first sentence garbles the name (TQA-ACC-002's), the second drops it
    dropped = "Le chef de Biontech, M. Usur Iahin, s'est exprimé.\nIl a été vacciné trois fois, a-t-il dit vendredi.\n"
    status, findings = check(tmp_path, dropped, german, "TQA-ACC-009")
    assert status == 1
    assert [(f["segment"], german[f["source_start"] : f["source_end"]]) for f in findings] == [
        (1, "Şahin")
    ]
    assert "marks “Şahin” as a name" in findings[0]["evidence"]
    kept = "Le chef de Biontech, Uğur Şahin, s'est exprimé.\nIl a été vacciné trois fois, a dit Şahin vendredi.\n"
    assert check(tmp_path, kept, german, "TQA-ACC-009") == (0, [])
