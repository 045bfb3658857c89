"""Checks with a translation model (optional: ``pip install 'tqa[neural]'`` and
a Marian model named in the configuration, see tqa.backends.marian).

TQA-NEU-001 force-decodes the French of each aligned bead after its German:
words whose tokens the model finds very unlikely there are where a
mistranslation may hide (*tribunal* for *Gipfel*), and the model's own choice
at that point is the suggestion. TQA-NEU-002 does the same for French that
has no German: it is translated into German with the French→German model,
and the original French is force-decoded from that German; what the round
trip cannot reproduce is reported.

The model's probability is evidence, not proof: a finding of these rules is
minor, and where another accuracy check reports the same words,
:func:`tqa.merge.merge` folds it into that check's finding as evidence
(one finding per problem). Confidence: see :func:`confidence`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.model import Finding, Segment

#: a word of the target text (letters, digits, inner apostrophes and hyphens)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
#: at most this many characters of the German shown in a finding's evidence
SHOWN = 90


@dataclass(frozen=True)
class Span:
    """Unlikely words of one target text: offsets into that text, the lowest
    token probability among them, and what the model would have written."""

    start: int
    end: int
    prob: float
    suggestion: str


def unlikely_spans(text: str, tokens: Sequence[object], threshold: float) -> list[Span]:
    """Runs of words of ``text`` holding a token (tqa.backends.marian.TokenScore)
    whose probability is under ``threshold``; words separated by spaces only
    join one span. Tokens without a letter or digit (punctuation, spaces, the
    end of the sentence) never start a span. Linear in the text."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not words:
        return []
    # each low token marks the word it falls in (both lists are in text order)
    low: dict[int, float] = {}
    best: dict[int, list[str]] = {}
    w = 0
    for token in tokens:
        start, end, prob = token.start, token.end, token.prob  # type: ignore[attr-defined]
        if end <= start:
            continue
        while w < len(words) and words[w][1] <= start:
            w += 1
        if w == len(words):
            break
        if words[w][0] >= end:
            continue  # punctuation between words
        best.setdefault(w, []).append(token.best)  # type: ignore[attr-defined]
        if prob < threshold and any(ch.isalnum() for ch in text[start:end]):
            low[w] = min(prob, low.get(w, 1.0))
    spans: list[Span] = []
    run: list[int] = []

    def close() -> None:
        if run:
            pieces = [p for n in run for p in best.get(n, [])]
            suggestion = "".join(pieces).replace("\u2581", " ").replace("</s>", "").strip()
            start, end = words[run[0]][0], words[run[-1]][1]
            if suggestion.casefold() == text[start:end].casefold():
                suggestion = ""
            spans.append(Span(start, end, min(low[n] for n in run), suggestion))
            run.clear()

    for n in sorted(low):
        if run and not (n == run[-1] + 1 and not text[words[run[-1]][1] : words[n][0]].strip()):
            close()
        run.append(n)
    close()
    return spans


#: words of the model's own continuation compared with the target's (see rejoin)
LOOKAHEAD = 8


def rejoin(text: str, span: Span, continuation: str) -> Span:
    """``span`` narrowed to the words the model would replace, with its
    replacement as the suggestion.

    After a surprising word, the next ones surprise the model too: it is
    reading a sentence it would not have written (*Le tribunal commence*
    makes *commence* unlikely after *tribunal*). So the model continues the
    target in its own words from where the span starts, and the first word
    where its continuation meets the target again (the fewest words on
    both sides) ends the span: *sommet commence lundi.* meets *tribunal
    commence lundi.* at *commence*, so the span is *tribunal* and the
    suggestion *sommet*. Where they never meet, the span stays as it was and
    the suggestion is the continuation's first words."""
    target = _first_words(text, span.start)
    own = _first_words(continuation)
    best: tuple[int, int] | None = None
    for i in range(1, len(target)):
        for j in range(len(own)):
            if target[i][2] == own[j][2] and (best is None or i + j < sum(best)):
                best = (i, j)
    if best is None:
        covered = sum(1 for w in target if w[1] <= span.end) or 1
        words = own[:covered]
        suggestion = continuation[words[0][0] : words[-1][1]] if words else ""
        return Span(span.start, span.end, span.prob, suggestion)
    i, j = best
    end = target[i - 1][1]
    suggestion = continuation[own[0][0] : own[j - 1][1]] if j else ""
    return Span(span.start, end, span.prob, suggestion)


def _first_words(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """The first LOOKAHEAD words from ``start`` (start, end, casefolded); the
    rest of the text is not read, so a span costs the same anywhere."""
    found = islice(_WORD.finditer(text, start), LOOKAHEAD)
    return [(m.start(), m.end(), m.group().casefold()) for m in found]


def confidence(prob: float, threshold: float) -> float:
    """How likely a span at token probability ``prob`` is a real error.

    Uncalibrated default, until scripts/eval_accuracy.py has measured a model
    on the annotated dev split: 0.35 at the threshold, rising by 0.1 for each
    tenfold drop of the probability under it, capped at 0.75 — a rare word,
    a name or a free but correct rendering also surprises a model, so the
    rule stays minor and its confidence moderate until corroborated."""
    if prob <= 0:
        return 0.75
    drop = max(0.0, math.log10(threshold / prob))
    return min(0.75, 0.35 + 0.1 * drop)


def _pairs(check: CheckInput) -> Iterator[tuple[str, list[Segment]]]:
    """(German text, French segments) of every bead with both sides."""
    source = check.source_segments if check.source is not None else check.segments
    by_source = {s.id: s for s in source}
    by_target = {s.id: s for s in check.segments}
    for bead in check.alignment:
        german = [by_source[i].text for i in bead.source if i in by_source]
        french = [by_target[j] for j in bead.target if j in by_target]
        french = [s for s in french if s.lang == check.config.target_lang or check.source]
        if german and french:
            yield " ".join(german), french


def _joined(segments: Sequence[Segment]) -> tuple[str, list[tuple[int, int, Segment]]]:
    """The segments' texts joined by spaces, and where each starts in the join."""
    parts, places, at = [], [], 0
    for s in segments:
        places.append((at, at + len(s.text), s))
        parts.append(s.text)
        at += len(s.text) + 1
    return " ".join(parts), places


def _place(span: Span, places: list[tuple[int, int, Segment]]) -> tuple[int, int, Segment] | None:
    """A span of the joined text as document offsets (cut to its first segment)."""
    for begin, end, segment in places:
        if begin <= span.start < end:
            return (
                segment.start + span.start - begin,
                segment.start + min(span.end, end) - begin,
                segment,
            )
    return None


def _refined(model: Any, german: str, text: str, tokens: Sequence[Any], span: Span) -> Span:
    """The span and suggestion after the model's own continuation (rejoin)."""
    before = [t.piece for t in tokens if t.end <= span.start and t.piece != "</s>"]
    while before and before[-1] == "\u2581":  # the span's own space: the model picks its word
        before.pop()
    return rejoin(text, span, model.continue_after(german, before))


def _findings(
    self: Rule,
    check: CheckInput,
    model: Any,
    items: Sequence[tuple[str, list[Segment]]],
    scores: Sequence[Sequence[Any]],
    describe: str,
    evidence_of: Sequence[str],
) -> Iterator[Finding]:
    threshold = check.config.neural_threshold
    name = check.config.neural_model or ""
    for (german, segments), tokens, said in zip(items, scores, evidence_of, strict=True):
        text, places = _joined(segments)
        for low in unlikely_spans(text, tokens, threshold):
            span = _refined(model, german, text, tokens, low)
            placed = _place(span, places)
            if placed is None:
                continue
            start, end, segment = placed
            prefers = f"; it would write “{span.suggestion}”" if span.suggestion else ""
            yield self.finding(
                check, start, end,
                f"{describe} “{check.text[start:end]}” (probability {span.prob:.2g}){prefers}",
                segment=segment.id,
                confidence=confidence(span.prob, threshold),
                suggestions=(span.suggestion,) if span.suggestion else (),
                evidence=f"model {name}: token probability {span.prob:.2g} "
                f"< {threshold:g}{prefers}; {said}",
            )  # fmt: skip


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


@rule(
    "TQA-NEU-001",
    "unlikely-given-source",
    "accuracy/mistranslation",
    "minor",
    examples=(Example("Le sommet commence lundi.\n", source="Der Gipfel beginnt am Montag.\n"),),
    configured_by="neural-model",
)
def unlikely_given_source(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German→French translation model finds these words very unlikely given the German.

    With ``neural-model`` configured (a Marian model such as
    Helsinki-NLP/opus-mt-de-fr, by hub id in the local cache or as a folder;
    ``pip install 'tqa[neural]'``), every aligned bead's French is
    force-decoded after its German, and words holding a token under
    ``neural-threshold`` (probability) are reported, with the words the
    model would have written there as the suggestion. This is where
    mistranslations hide (*tribunal* for *Gipfel*, *trésor*, *contrats de
    travail* for *Werkverträge*). It misfires on rare words, names, numbers
    written differently and free but correct renderings, which also
    surprise a model: the rule is minor, and when another accuracy check
    reports the same words its probability becomes evidence in that finding.
    """
    if not check.config.neural_model:
        return
    from tqa.backends import marian

    items = list(_pairs(check))
    if not items:
        return
    model = marian.load(check.config.neural_model, check.config.device)
    scores = model.force_decode([g for g, _ in items], [_joined(s)[0] for _, s in items])
    said = [f"German: “{_short(g)}”" for g, _ in items]
    yield from _findings(self, check, model, items, scores, "the translation model finds", said)


@rule(
    "TQA-NEU-002",
    "round-trip-mismatch",
    "accuracy/mistranslation",
    "minor",
    examples=(Example("Le sommet commence lundi.\n"),),
    configured_by="neural-back-model",
)
def round_trip_mismatch(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """French words that a round trip through German cannot reproduce.

    For French without a German source (no ``--source``, and no German twin
    in a mixed document), with both ``neural-back-model`` (French→German,
    e.g. Helsinki-NLP/opus-mt-fr-de) and ``neural-model`` (German→French)
    configured: each French segment is translated into German, and the
    original French is force-decoded from that German. Words the German
    route cannot give back (probability under ``neural-threshold``) are
    reported, with what the round trip writes instead. A meaning error often
    survives the first leg but not the second; so do idioms, names and
    wordings that the German loses without being wrong, so the rule is minor.
    """
    cfg = check.config
    if not (cfg.neural_back_model and cfg.neural_model) or check.source is not None:
        return
    from tqa.backends import marian

    twinned = {j for bead in check.alignment if bead.source for j in bead.target}
    alone = [
        s
        for s in check.segments
        if s.lang == cfg.target_lang and s.id not in twinned and any(ch.isalpha() for ch in s.text)
    ]
    if not alone:
        return
    back = marian.load(cfg.neural_back_model, cfg.device)
    forward = marian.load(cfg.neural_model, cfg.device)
    german = back.translate([s.text for s in alone])
    items = [(g, [s]) for g, s in zip(german, alone, strict=True)]
    scores = forward.force_decode(german, [s.text for s in alone])
    said = [f"round trip through German: “{_short(g)}”" for g in german]
    yield from _findings(
        self, check, forward, items, scores, "the round trip through German loses", said
    )
