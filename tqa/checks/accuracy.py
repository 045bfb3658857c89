"""Accuracy checks against the source, on the word alignment of each bead.

With ``--source`` (or inside a mixed document, against a German segment's
French twin) each bead of the sentence alignment is word-aligned
(:mod:`tqa.word_align`); these checks read what the French kept, dropped or
reversed of the German: placeholders, names, negations and time limits,
meaning-bearing adverbs and hedges, repeated phrases and scale words. The
German words concerned are the finding's source span and its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.lang import names, polarity
from tqa.model import Finding
from tqa.word_align import AlignedPair, Token

#: placeholders of CAT tools and software strings: #NAME#, {0}, {name}, %s, %(name)s, ${var}
PLACEHOLDER = re.compile(
    r"#[A-Z][A-Z0-9_]{1,40}#|\{[\w.:-]{0,40}\}|%(?:\([\w]{1,40}\))?[sdif]|\$\{[\w.]{1,40}\}"
)


def _pairs(check: CheckInput) -> tuple[AlignedPair, ...]:
    return check.word_pairs if check.alignment else ()


def _nearest_target(pair: AlignedPair, source_index: int) -> Token | None:
    """The French token linked to the closest linked German token (a place to
    point at when the German word itself has no counterpart)."""
    links = pair.words.links
    if not links:
        return None
    best = min(links, key=lambda k: (abs(k.source - source_index), k.source < source_index))
    return pair.words.target[best.target]


def _segment_of(check: CheckInput, offset: int) -> int | None:
    for segment in check.segments:
        if segment.start <= offset <= segment.end:
            return segment.id
    return None


def _at(pair: AlignedPair, check: CheckInput, source_index: int) -> int:
    """A zero-width target position for an omission: before the French word
    that renders the German word's neighbour."""
    near = _nearest_target(pair, source_index)
    if near is not None:
        return near.start
    return pair.words.target[0].start if pair.words.target else 0


@rule(
    "TQA-ACC-001",
    "placeholder-changed",
    "accuracy/do-not-translate",
    "major",
    examples=(
        Example(
            "Votre commande NAME est arrivée.\n",
            flagged=("NAME",),
            source="Ihre Bestellung #NAME# ist angekommen.\n",
        ),
        Example(
            "Votre commande #NAME# est arrivée.\n",
            source="Ihre Bestellung #NAME# ist angekommen.\n",
        ),
    ),
)
def placeholder_changed(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A placeholder of the source (#NAME#, {0}, %s) that the translation changed or dropped.

    Placeholders are filled in by software after translation: a changed one
    breaks the text or the program that uses it. They must come through
    character for character. The finding marks the French text that looks
    like the placeholder (NAME, «NAME», 'PRS'ORG'), or the place where it is
    missing. It misfires only when a translator deliberately spells a
    placeholder out.
    """
    for pair in _pairs(check):
        target = pair.target_text
        seen: set[str] = set()
        for match in PLACEHOLDER.finditer(pair.source_text):
            placeholder = match.group()
            if placeholder in seen or placeholder in target:
                continue
            seen.add(placeholder)
            core = re.sub(r"\W", "", placeholder).lower()
            where = None
            for token in pair.words.target:
                if core and token.text.lower() in core and len(token.text) >= 3:
                    where = token
                    break
            start = where.start if where else pair.words.target[0].start
            end = where.end if where else start
            src_at = _source_offset(check, pair, match.start())
            yield self.finding(
                check,
                start,
                end,
                f"placeholder “{placeholder}” of the source is changed or missing",
                segment=_segment_of(check, start),
                confidence=0.9 if where else 0.8,
                suggestions=(placeholder,),
                evidence=f"source: {placeholder}",
                source_span=(src_at, src_at + len(placeholder)) if src_at is not None else None,
            )


def _source_offset(check: CheckInput, pair: AlignedPair, index: int) -> int | None:
    """Document offset of character ``index`` of ``pair.source_text`` (segments
    joined by one space)."""
    segments = _source_segments(check, pair)
    position = 0
    for segment in segments:
        if index < position + len(segment.text):
            return segment.start + index - position
        position += len(segment.text) + 1
    return None


def _source_segments(check: CheckInput, pair: AlignedPair) -> list:  # type: ignore[type-arg]
    pool = check.source_segments if check.source is not None else check.segments
    by_id = {s.id: s for s in pool}
    return [by_id[i] for i in pair.source_ids if i in by_id]


@rule(
    "TQA-ACC-002",
    "name-not-kept",
    "accuracy/named-entity",
    "major",
    examples=(
        Example(
            "Le palais orchestre joue à Lunes.\n",
            flagged=("Lunes",),
            source="Das Palast Orchester spielt in Lünen.\n",
        ),
        Example(
            "Le Palast Orchester joue à Lünen.\n",
            source="Das Palast Orchester spielt in Lünen.\n",
        ),
        Example(
            "Selon Ugur Sahin, le vaccin protège.\n",
            source="Laut Uğur Şahin schützt der Impfstoff.\n",
        ),
    ),
)
def name_not_kept(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A name of the source that the translation changed, translated or garbled.

    Person, place, company and street names come through as written (accents
    may go: Şahin → Sahin) or in their usual French form (München → Munich).
    Machine translation garbles them (Uğur → Usur) or translates them word
    for word (Lünen → les Lunes, Selb → autosuffisance). A German word is
    taken for a name when the German dictionary does not know it, or when it
    is a listed company or media name or a street. Reported when the French
    sentence neither keeps the name nor gives its French form, and a French
    word looks like a changed copy of it or is aligned with it through a
    dictionary. A name that is simply absent is left to the omission checks:
    translations often replace a repeated name by a pronoun. It misfires on
    names that French writes otherwise and that are not in exonyms.tsv.
    """
    for pair in _pairs(check):
        tokens = pair.words.source
        if not tokens:
            continue
        first = tokens[0].start
        segments = _source_segments(check, pair)
        offset = segments[0].start if segments else first
        text = check.source_text[offset : segments[-1].end] if segments else pair.source_text
        for token in names.german_names(tokens, text, offset, _translatable):
            if names.kept(token.text, pair.target_text):
                continue
            linked = [
                (k, pair.words.target[k.target])
                for k in pair.words.links
                if k.source == token.index and k.kind in ("dict", "pivot", "model")
            ]
            changed = names.near_miss(token.text, pair.words.target)
            if linked:
                link, where = linked[0]
                how = f"translated: “{token.text}” → “{where.text}” ({link.kind})"
                confidence = 0.75
            elif changed is not None:
                where = changed
                how = f"changed: “{token.text}” → “{where.text}”"
                confidence = 0.7
            elif any(k.source == token.index for k in pair.words.links):
                continue  # a compound rendered by its parts: a word, not a name
            elif _name_context(tokens, token, text, offset):
                at = _at(pair, check, token.index)
                yield self.finding(
                    check,
                    at,
                    at,
                    f"name “{token.text}” of the source is missing or replaced",
                    segment=_segment_of(check, at),
                    confidence=0.6,
                    suggestions=(token.text,),
                    evidence=(
                        f"“{token.text}” (unknown to the German dictionary, or a listed name) "
                        "appears nowhere in the French sentence"
                    ),
                    source_span=(token.start, token.end),
                )
                continue
            else:
                continue
            yield self.finding(
                check,
                where.start,
                where.end,
                f"name “{token.text}” of the source is {how.split(':')[0]}",
                segment=_segment_of(check, where.start),
                confidence=confidence,
                suggestions=(token.text,),
                evidence=f"{how}; the source name is unknown to the German dictionary or listed as a name",
                source_span=(token.start, token.end),
            )


#: German prepositions before a place name (bei Selb, in Lünen, aus Barsinghausen)
_PLACE_PREPOSITIONS = frozenset("in im bei beim aus nach von vom zwischen nahe".split())
#: zipf frequency (German) that a missing name must have: typos and one-off
#: compounds unknown to the dictionaries are rarer
NAME_ZIPF = 1.0


def _name_context(tokens: Sequence[Token], token: Token, text: str, offset: int) -> bool:
    """The context says the word is a name, so its absence from the French is
    an error: a place after a preposition, or one word of a person's or
    company's name of several capitalised words (Uğur Şahin, Jarl Magnus Riiber)."""
    from tqa.backends import words as wordstats

    if names.is_initial(text, token, offset) or wordstats.zipf(token.lower, "de") < NAME_ZIPF:
        return False
    before = tokens[token.index - 1] if token.index else None
    after = tokens[token.index + 1] if token.index + 1 < len(tokens) else None
    if before is not None and before.lower in _PLACE_PREPOSITIONS:
        return True
    return any(
        t is not None and t.text[:1].isupper() and not _translatable(t.lower)
        for t in (before, after)
    )


@lru_cache(maxsize=1 << 14)
def _translatable(word: str) -> bool:
    """A common word rather than a name: a bilingual dictionary renders it or
    its compound parts (FreeDict, Ding through English), or it is a frequent
    English word (Stream, Delay, Safety in German social media)."""
    from tqa.backends import pivot
    from tqa.backends import words as wordstats
    from tqa.word_align import default_resources, german_keys

    lexicon, has_pivot = default_resources()
    if german_keys(word, lexicon) or (has_pivot and pivot.german(word)):
        return True
    return wordstats.zipf(word, "en") >= ENGLISH_WORD


#: zipf frequency from which a word is ordinary English, not a name
ENGLISH_WORD = 3.0


@lru_cache(maxsize=1)
def _meaning_words() -> list[tuple[frozenset[str], re.Pattern[str], str, str]]:
    from tqa.lexicon import read_table

    table = []
    for row in read_table("meaning-words.tsv"):
        forms = frozenset(w.strip().lower() for w in row["german"].split("|") if w.strip())
        parts = []
        for rendering in row["french"].split("|"):
            rendering = rendering.strip().lower().replace("’", "'")
            if not rendering:
                continue
            if rendering.endswith("*"):
                parts.append(rf"(?<!\w){re.escape(rendering[:-1])}\w*")
            else:
                parts.append(rf"(?<!\w){re.escape(rendering)}(?!\w)")
        pattern = re.compile("|".join(parts)) if parts else re.compile(r"(?!)")
        table.append((forms, pattern, row.get("severity", "minor"), row.get("note", "")))
    return table


@rule(
    "TQA-ACC-004",
    "meaning-word-dropped",
    "accuracy/omission",
    "minor",
    examples=(
        Example(
            "Le formulaire doit arriver au fisc pour le 1er mars, un maximum de deux pour cent.\n",
            flagged=("",),
            source="Das Formular muss bis zum 1. März beim Finanzamt sein, möglichst zwei Prozent.\n",
        ),
        Example(
            "Il avait déjà gagné deux fois.\n",
            source="Er hatte bereits zweimal gewonnen.\n",
        ),
    ),
)
def meaning_word_dropped(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German word that carries meaning (bereits, zuletzt, möglichst, fast, angeblich) left untranslated.

    Machine translation drops short words that change what a sentence
    claims: *möglichst zwei Prozent* (as close to two percent as possible)
    becomes *un maximum de deux pour cent*; *zuletzt* (most recently) goes
    and a recent state reads as a permanent one; *angeblich* goes and a
    rumour reads as a fact. The words and their usual French renderings are
    data (meaning-words.tsv), each with the severity of its omission. The
    finding is an empty span at the French word nearest to where the German
    word would be rendered. It misfires when a translation renders the word
    in a way the table does not list.
    """
    table = _meaning_words()
    for pair in _pairs(check):
        french = pair.target_text.lower().replace("’", "'")
        for token in pair.words.source:
            low = token.lower
            for forms, pattern, severity, note in table:
                if low not in forms or pattern.search(french):
                    continue
                at = _at(pair, check, token.index)
                yield self.finding(
                    check,
                    at,
                    at,
                    f"“{token.text}” of the source is not rendered ({note})",
                    segment=_segment_of(check, at),
                    confidence=0.6 if severity == "major" else 0.5,
                    severity=severity,  # type: ignore[arg-type]
                    evidence=f"source word “{token.text}”; none of its renderings in the French sentence",
                    source_span=(token.start, token.end),
                )


@rule(
    "TQA-ACC-003",
    "polarity-reversed",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "La déclaration doit arriver au fisc dès la fin de l'année.\n",
            flagged=("dès",),
            source="Die Erklärung muss bis Ende des Jahres beim Finanzamt sein.\n",
        ),
        Example(
            "Le ministre a signé le contrat.\n",
            flagged=("",),
            source="Der Minister hat den Vertrag nicht unterschrieben.\n",
        ),
        Example(
            "Le ministre n'a pas signé le contrat.\n",
            source="Der Minister hat den Vertrag nicht unterschrieben.\n",
        ),
        Example(
            "La déclaration doit arriver au fisc d'ici la fin de l'année.\n",
            source="Die Erklärung muss bis Ende des Jahres beim Finanzamt sein.\n",
        ),
    ),
)
def polarity_reversed(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A negation dropped or added, or a time limit reversed (bis → dès, ab → jusqu'à, vor → après).

    One word turns a statement into its opposite: a dropped *nicht*, an added
    *pas*, a deadline *bis zum 1. März* (by 1 March) that becomes *dès le 1er
    mars* (from 1 March). Negations are counted on both sides of a bead
    (German nicht, kein, nie, nichts, niemand, weder, ohne; French ne … pas,
    jamais, rien, aucun, sans, non …, a bare *ne* not counted); time limits
    are read from the preposition before a date or time word. A missing
    negation is reported only when most German content words are aligned (a
    free translation says "no" in other words), and as minor: on the WMT22
    references it fired three times on correct paraphrases. A reversed time
    limit is major. It misfires where a translation says the same thing with
    the opposite construction (*nicht vor Montag* → *seulement lundi*).
    """
    for pair in _pairs(check):
        src, tgt = pair.words.source, pair.words.target
        german_neg = [t for t in polarity.german_negations(src) if not _idiomatic(src, t)]
        if (
            german_neg
            and not polarity.french_negations(tgt)
            and not _negative_prefix(tgt)
            and not _negative_prefix_de(src)
            and _parallel(pair) >= PARALLEL
        ):
            token = german_neg[0]
            at = _at(pair, check, token.index)
            yield self.finding(
                check,
                at,
                at,
                f"the negation “{token.text}” of the source is missing: the sentence says the opposite",
                segment=_segment_of(check, at),
                confidence=0.5,
                severity="minor",
                evidence=(
                    f"source negation “{token.text}”; no negation in the French sentence, "
                    f"{_parallel(pair):.0%} of the German content words aligned"
                ),
                source_span=(token.start, token.end),
            )
        yield from _time_limits(self, check, pair)


#: share of the German content words that must be aligned before a missing
#: negation is believed (a free translation says "no" in other words)
PARALLEL = 0.75
#: German negations that are part of a phrase rather than negating the sentence
_IDIOMS = {
    "zuletzt", "nur", "einmal", "mal", "mehr", "wenige", "weniger", "umsonst", "selten",
    "schlecht", "ganz", "so", "zu", "gerade",
}  # fmt: skip


def _idiomatic(tokens: Sequence[Token], token: Token) -> bool:
    """nicht zuletzt (notably), nicht nur (not only), nicht einmal, nicht mehr…"""
    following = tokens[token.index + 1].lower if token.index + 1 < len(tokens) else ""
    return token.lower == "nicht" and following in _IDIOMS


def _parallel(pair: AlignedPair) -> float:
    from tqa.word_align import is_function_word

    content = [
        t for t in pair.words.source if len(t.text) >= 4 and not is_function_word(t.text, "de")
    ]
    if not content:
        return 0.0
    linked = pair.words.linked_source()
    return sum(t.index in linked for t in content) / len(content)


def _negative_prefix(tokens: Sequence[Token]) -> bool:
    """The French renders a negation with a negative word (impossible,
    inconnu, refuser, manquer, éviter, interdit, peu, moins, à peine …)."""
    words = {t.lower for t in tokens}
    return bool(
        words
        & {
            "refuse", "refusé", "refusent", "interdit", "interdite", "interdits", "manque",
            "manquent", "éviter", "évite", "peu", "moins", "faute", "absence", "aucunement",
            "exclu", "exclue", "impossible", "impossibles", "incapable", "inutile", "inconnu",
            "inconnue", "seulement", "que", "qu", "uniquement", "rarement", "ignorent", "ignore",
            "sauf", "hormis", "excepté", "écarter", "écarte", "écartent", "raté", "échec",
            "échoué", "perdu", "malheureusement", "difficile", "difficilement",
        }
    )  # fmt: skip


def _negative_prefix_de(tokens: Sequence[Token]) -> bool:
    """The German negates with a prefix or a negative word (unmöglich, kaum, verweigern, fehlen …)."""
    from tqa.backends import words

    for token in tokens:
        low = token.lower
        if low.startswith(("miss", "verweiger", "fehl", "verbiet", "verbot", "kaum")):
            return True
        if (
            low.startswith("un")
            and not low.startswith(("unter", "und", "uns"))
            and len(low) > 5
            and words.known(low[2:], "de")
        ):
            return True  # unmöglich, unbekannt
        if low in {"nur", "erst", "ausgeschlossen", "weniger", "verzicht", "ablehn", "keineswegs"}:
            return True
    return False


def _time_limits(self: Rule, check: CheckInput, pair: AlignedPair) -> Iterator[Finding]:
    german, french = pair.source_text, pair.target_text
    checks = (
        (polarity.GERMAN_UNTIL, polarity.FRENCH_FROM, polarity.FRENCH_UNTIL, "until/by", "from"),
        (polarity.GERMAN_FROM, polarity.FRENCH_UNTIL, polarity.FRENCH_FROM, "from/since", "until"),
        (polarity.GERMAN_BEFORE, polarity.FRENCH_AFTER, polarity.FRENCH_BEFORE, "before", "after"),
    )
    for german_pattern, wrong, right, meaning, reversed_meaning in checks:
        source = german_pattern.search(german)
        if source is None:
            continue
        found = wrong.search(french)
        if found is None or right.search(french):
            continue
        start, end = _target_offset(check, pair, found.start(), found.end())
        if start is None or end is None:
            continue
        src_at = _source_offset(check, pair, source.start())
        word = source.group().split()[0]
        yield self.finding(
            check,
            start,
            end,
            f"time limit reversed: the source says “{word}” ({meaning}), "
            f"the translation “{found.group()}” ({reversed_meaning})",
            segment=_segment_of(check, start),
            confidence=0.7,
            evidence=f"source: “{source.group()}”",
            source_span=(src_at, src_at + len(word)) if src_at is not None else None,
        )


def _target_offset(
    check: CheckInput, pair: AlignedPair, start: int, end: int
) -> tuple[int, int] | tuple[None, None]:
    by_id = {s.id: s for s in check.segments}
    position = 0
    for sid in pair.target_ids:
        segment = by_id.get(sid)
        if segment is None:
            continue
        if start < position + len(segment.text):
            return segment.start + start - position, segment.start + end - position
        position += len(segment.text) + 1
    return None, None


@rule(
    "TQA-ACC-005",
    "repeated-phrase",
    "accuracy/addition",
    "major",
    examples=(
        Example(
            "John Donahue, président de la société, a déclaré John Donahue.\n",
            flagged=("John Donahue",),
            source="John Donahue, der Präsident der Firma, sagte.\n",
        ),
        Example(
            "Pas à pas, la ville avance.\n",
            source="Schritt für Schritt kommt die Stadt voran.\n",
        ),
    ),
)
def repeated_phrase(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A phrase that the translation says twice where the source says it once.

    Neural machine translation sometimes repeats a name or a phrase (*John
    Donahue … John Donahue*). Reported for a run of two to four words, with
    two content words or a name, whose second occurrence the word alignment
    links to no German word of its own: the German says it once. It misfires
    where the aligner misses the German words of a genuine second mention.
    """
    from tqa.word_align import is_function_word

    for pair in _pairs(check):
        tokens = pair.words.target
        low = [t.lower for t in tokens]
        linked: dict[int, set[int]] = {}
        for link in pair.words.links:
            linked.setdefault(link.target, set()).add(link.source)
        reported: set[int] = set()
        for size in (4, 3, 2):
            seen: dict[tuple[str, ...], int] = {}
            for i in range(len(tokens) - size + 1):
                gram = tuple(low[i : i + size])
                content = [w for w in gram if len(w) >= 4 and not is_function_word(w, "fr")]
                first = seen.setdefault(gram, i)
                if first == i or first + size > i or reported & set(range(i, i + size)):
                    continue
                if len(content) < 2:
                    continue
                second = set().union(*(linked.get(k, set()) for k in range(i, i + size)))
                earlier = set().union(*(linked.get(k, set()) for k in range(first, first + size)))
                if second - earlier:
                    continue  # the German has its own words for the second mention
                reported.update(range(i, i + size))
                start, end = tokens[i].start, tokens[i + size - 1].end
                yield self.finding(
                    check,
                    start,
                    end,
                    f"“{check.text[start:end]}” is repeated",
                    segment=_segment_of(check, start),
                    confidence=0.7,
                    evidence="said twice in the French sentence; the second time aligned with no German word",
                )


#: German scale words and their value, French ones and theirs (German Billion = 10^12)
_GERMAN_SCALE = re.compile(
    r"(?<!\w)(?:(?P<b>billion\w*)|(?P<m>milliard\w*|mrd)|(?P<mi>million\w*|mio))", re.I
)
_FRENCH_SCALE = re.compile(
    r"(?<!\w)(?:(?P<b>billions?|mille milliards?)|(?P<m>milliards?)|(?P<mi>millions?))(?!\w)",
    re.I,
)
_SCALE_VALUE = {"b": 1e12, "m": 1e9, "mi": 1e6}
_SCALE_NAME = {1e12: "billion (10¹²)", 1e9: "milliard (10⁹)", 1e6: "million (10⁶)"}


@rule(
    "TQA-ACC-006",
    "scale-word-changed",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "Un programme de plusieurs milliards.\n",
            flagged=("milliards",),
            source="Ein billionenschweres Programm.\n",
        ),
        Example(
            "Un programme de mille milliards.\n",
            source="Ein Programm von einer Billion.\n",
        ),
    ),
)
def scale_word_changed(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A scale word whose value changed: Billion (10¹²) as milliard (10⁹), Milliarde as million.

    German *Billion* is a French *billion* (mille milliards), not a
    *milliard*; *billionenschwer* is worth trillions. Compared by value
    between the scale words of a bead, with or without a number before them
    (TQA-ALN-003 compares the numbers). It misfires when a translation
    converts the amount into another scale and says so with digits.
    """
    for pair in _pairs(check):
        german = {
            _SCALE_VALUE[m.lastgroup or "m"] for m in _GERMAN_SCALE.finditer(pair.source_text)
        }
        if not german:
            continue
        for match in _FRENCH_SCALE.finditer(pair.target_text):
            if re.search(
                r"\d[\s\u00a0\u202f]?$", pair.target_text[max(0, match.start() - 2) : match.start()]
            ):
                continue  # "1,5 milliard": TQA-ALN-003 compares the scaled numbers
            value = _SCALE_VALUE[match.lastgroup or "m"]
            if value in german:
                continue
            start, end = _target_offset(check, pair, match.start(), match.end())
            if start is None or end is None:
                continue
            expected = max(german) if len(german) == 1 else None
            if expected is None:
                continue
            yield self.finding(
                check,
                start,
                end,
                f"“{match.group()}” is a {_SCALE_NAME[value]}, the source says {_SCALE_NAME[expected]}",
                segment=_segment_of(check, start),
                confidence=0.8,
                suggestions=(_SCALE_NAME[expected].split(" (")[0],),
                evidence="scale words of the bead compared by value",
            )
