"""Language mixing: German left in a French target text."""

from __future__ import annotations

from collections.abc import Iterator

from tqa import names
from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.model import Finding, Segment

LANGUAGE_NAMES = {"de": "German", "fr": "French", "en": "English", "und": "undetermined"}
#: a segment in a third language needs this many words before it is reported
OTHER_LANGUAGE_MIN_WORDS = 6
OTHER_LANGUAGE_MIN_CONFIDENCE = 0.9


def _name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


@rule(
    "TQA-MIX-001",
    "wrong-language-segment",
    "accuracy/untranslated",
    "major",
    examples=(
        Example(
            "Le sommet commence lundi à Astana.\n\nDer Gipfel beginnt am Montag in Astana.\n",
            flagged=("Der Gipfel beginnt am Montag in Astana.",),
        ),
        Example("Détails\n\nQuellen\n", flagged=("Quellen",)),
        Example("Le Bundestag a voté la loi lundi soir.\n"),
    ),
)
def wrong_language_segment(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A whole segment is in the source language (German) inside the target text.

    Machine-translation pipelines and CMS exports leave German captions, headings
    and boilerplate ("Details", "Quellen") beside or instead of their French
    translation. Short segments are decided by their words, so a German name or
    acronym alone ("DNAT", "Volkswagen") is not a German segment. When the
    document also holds the French translation of the segment, the evidence
    names it.
    """
    source = check.config.source_lang
    twins = _aligned_twins(check)
    for segment in check.segments:
        if segment.lang != source or segment.spans:
            continue  # a German label among names is reported word by word (MIX-002)
        twin = twins.get(segment.id)
        if twin:
            evidence = f"lang={source} ({segment.confidence:.2f}); aligned with segment {', '.join(map(str, twin))}"
            message = f"{_name(source)} {_kind(segment)} left beside its {_name(check.config.target_lang)} translation"
        else:
            evidence = f"lang={source} ({segment.confidence:.2f}); no {_name(check.config.target_lang)} counterpart found"
            message = f"{_name(source)} {_kind(segment)} inside a {_name(check.config.target_lang)} document"
        yield self.finding(
            check,
            segment.start,
            segment.end,
            message,
            segment=segment.id,
            confidence=segment.confidence,
            evidence=evidence,
        )


def _kind(segment: Segment) -> str:
    return {"heading": "heading", "sentence": "sentence", "line": "line"}.get(segment.kind, "text")


def _aligned_twins(check: CheckInput) -> dict[int, tuple[int, ...]]:
    """Inside one document the alignment beads pair German segment ids (source
    side) with French segment ids (target side) of the same document."""
    if check.source is not None:
        return {}
    twins: dict[int, tuple[int, ...]] = {}
    for bead in check.alignment:
        if bead.source and bead.target:
            for sid in bead.source:
                twins[sid] = bead.target
    return twins


@rule(
    "TQA-MIX-002",
    "source-word-in-target",
    "accuracy/untranslated",
    "major",
    examples=(
        Example(
            "Le sommet a lieu à Astana, Kasachstan, selon les Quellen officielles.\n",
            flagged=("Kasachstan", "Quellen"),
        ),
        Example("OrtAstana, Kazakhstan\n", flagged=("Ort",)),
        Example(
            "Selon la Frankfurter Allgemeine Zeitung, le Bundestag et les Länder ont trouvé un accord.\n"
        ),
        Example("Volkswagen et Siemens investissent au Kazakhstan.\n"),
        Example("Selon M. Maas, le chancelier Kurz et Hubertus Heil ont trouvé un accord.\n"),
        Example(
            "La maison d'édition a racheté le site de Springer.\n",
            source="Der Verlag kaufte die Website von Springer.\n",
        ),
    ),
)
def source_word_in_target(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German word left inside French text.

    Decided per word from real statistics for both languages: the word is in the
    German hunspell dictionary and not the French one, and much more frequent in
    German than in French (wordfreq). Without hunspell, frequencies alone decide,
    more cautiously. Names of people, companies, newspapers and institutions, and
    German words established in French (Land, Länder, Ostpolitik), are listed in
    ``corpora/lexicon/german-allowed.tsv`` and stay unflagged, as do words that
    their context marks as names: joined to another capitalised word ("Thomas
    Müller", "Business Insider"), after a first name ("Hubertus Heil";
    ``first-names.tsv``), a title or the kind of an organisation ("M. Maas",
    "le chancelier Kurz", "le groupe Springer"; ``name-titles.tsv``), a German
    adjective capitalised mid-sentence ("Kurz", "Heil"), and, with the German
    source, a word that stands there as a name too: after a first name or
    title, or used in English or French about as much as in German
    ("Springer"; "Quellen" is still reported). Place names get their French
    exonym as the suggestion ("Kasachstan" → "Kazakhstan"), other words the
    first sense in the German–French dictionary.

    Misfires: a surname alone that is also a German noun ("selon Maas", with
    no first name or title) and team nicknames ("les Riesen") are reported.
    """
    source_lang, target_lang = check.config.source_lang, check.config.target_lang
    for segment in check.segments:
        aligned: str | None = None
        for span in segment.spans:
            if span.text[:1].isupper() and " " not in span.text:
                if aligned is None:
                    aligned = check.aligned_source(segment.id) or ""
                if (
                    aligned
                    and names.mid_sentence(check.text, span.start)
                    and names.in_source(span.text, aligned, source_lang, target_lang)
                ):
                    continue  # "Springer", "Kurz": the source has the name too
            glued = span.end < segment.end and check.text[span.end : span.end + 1].isupper()
            if glued:
                message = f"{_name(span.lang)} label “{span.text}” glued to the text that follows"
            else:
                message = f"{_name(span.lang)} word “{span.text}” in {_name(check.config.target_lang)} text"
            yield self.finding(
                check,
                span.start,
                span.end,
                message,
                segment=segment.id,
                confidence=span.confidence,
                suggestions=(span.suggestion,) if span.suggestion else (),
                evidence=span.evidence,
            )


@rule(
    "TQA-MIX-003",
    "third-language-segment",
    "accuracy/untranslated",
    "minor",
    examples=(
        Example(
            "Le sommet commence lundi.\n\nThe summit starts on Monday in the capital city of the country.\n",
            flagged=("The summit starts on Monday in the capital city of the country.",),
        ),
        Example("Le sommet commence lundi dans la capitale.\n"),
    ),
)
def third_language_segment(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A sentence in neither the source nor the target language (usually English).

    MT pipelines that pivot through English, or copy untranslatable segments,
    leave English sentences behind. Only sentences of at least six words
    identified with high confidence are reported: short strings (product names,
    slogans) are too often English on purpose.
    """
    allowed = {check.config.source_lang, check.config.target_lang, "und"}
    for segment in check.segments:
        if (
            segment.lang not in allowed
            and segment.confidence >= OTHER_LANGUAGE_MIN_CONFIDENCE
            and segment.words >= OTHER_LANGUAGE_MIN_WORDS
        ):
            yield self.finding(
                check,
                segment.start,
                segment.end,
                f"{_name(segment.lang)} {_kind(segment)} inside a {_name(check.config.target_lang)} document",
                segment=segment.id,
                confidence=segment.confidence,
                evidence=f"lang={segment.lang} ({segment.confidence:.2f})",
            )
