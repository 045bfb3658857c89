"""Segments → languages, and words of the source language inside target text.

Segment language comes from the configured backend (lingua by default).
Short segments (headings, captions, boilerplate of a few words) carry too
little signal for character n-grams, so their words vote instead: a short
segment is German only when all its words are German ("Quellen",
"Weitere Informationen"); one German word among names ("Astana, Kasachstan")
is a German word inside a French segment, reported as a span.

A sentence that holds German and French side by side, with no sentence end
between them (after a colon, a closing bracket, or a period the splitter took
for an abbreviation or an ordinal), is cut where the language changes, when
the word votes of each part are clear and the n-gram identifier agrees; each
part is then identified on its own and becomes a segment.

Word decisions compare the two languages (wordfreq Zipf frequencies, and
hunspell dictionaries when installed) — presence in one list alone is noisy,
since each list contains words of the other language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from tqa import lexicon, names
from tqa.backends import words as wordstats
from tqa.backends.langid import get_identifier
from tqa.config import Config
from tqa.model import LangSpan, Segment

#: segments of at most this many words are decided by word votes
SHORT_SEGMENT_WORDS = 5
#: French word votes that outweigh lingua's German answer on a short segment
#: (with more than twice the German votes)
SHORT_TARGET_MIN_VOTES = 3
#: a short segment whose every vote is French is French without asking lingua
#: when one of those votes is at least this sure: a word French uses at least
#: as much as German (see _classify: 0.6 + 0.1 × (zipf fr − zipf de + 1))
SHORT_TARGET_CLEAR_VOTE = 0.7
#: longer letter runs are not words (the longest German compounds in use have about 60)
MAX_WORD_LETTERS = 64
#: how much of a huge segment the n-gram identifier reads
LANGID_MAX_CHARS = 3000
EXTRA_LANGUAGES = ("en",)
#: a third language answered with less confidence yields to clear word votes
THIRD_LANGUAGE_MIN_CONFIDENCE = 0.9
#: names are used in English or French nearly as much as in German (Zipf difference)
NAME_MAX_GERMAN_LEAD = 2.5
#: languages that capitalise every noun: a lower-case word is looked up capitalised too
CAPITALISED_NOUNS = frozenset({"de"})
#: a word of the source dictionary only, unused in the target language, votes from this length
RARE_WORD_MIN_LETTERS = 5
#: a compound that no frequency list knows counts from this length
RARE_COMPOUND_MIN_LETTERS = 10
#: a function word ("die", "im") votes for the source language when it is at least
#: this frequent there (Zipf) and this much more frequent than in the target language
SHARED_WORD_MIN_ZIPF = 4.0
SHARED_WORD_LEAD = 2.0
#: the same lead for a word of two letters ("im", "zu"; not "da": "Lula da Silva")
SHORT_WORD_LEAD = 2.5
#: ... and a word of both dictionaries votes for the target language unless the
#: source language uses it this much more
TARGET_WORD_MAX_LAG = 1.0
#: a lower-case word of the source dictionary that English uses at most this
#: much less than the source language (Zipf) is an English loan, not reported
ENGLISH_LOAN_LAG = 1.0

#: a French elided word at the start of a token: l', d', qu', jusqu'…
_ELIDED = re.compile(r"(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=[^\W\d_])")
WORD = re.compile(r"[^\W\d_]++(?:[-'’][^\W\d_]++)*+")
_CAMEL = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ][a-zäöüß])")


@dataclass(frozen=True)
class WordVerdict:
    lang: str  # "de", "fr" or "" (a name, an acronym, unknown, shared)
    confidence: float
    evidence: str
    #: False for words that tell a segment's language but are never reported
    #: as a word of the source language inside target text ("die", "im")
    reported: bool = True
    #: False for words reported inside target text that do not vote for the
    #: language of their segment (a rare German compound, which one French
    #: sentence may keep: "Glassplitter sur la route.")
    votes: bool = True


def languages(config: Config) -> tuple[str, ...]:
    """The languages the segment identifier tells apart."""
    return tuple(dict.fromkeys((config.target_lang, config.source_lang, *EXTRA_LANGUAGES)))


def identify(segments: tuple[Segment, ...], config: Config) -> tuple[Segment, ...]:
    identifier = get_identifier(config.langid_backend, languages(config))
    allowed = lexicon.allowed_words(config.allow_words)
    result: list[Segment] = []
    for segment in segments:
        work = [(segment, segment.kind == "sentence")]
        while work:
            current, may_cut = work.pop()
            done, tokens, verdicts = _identify_one(current, config, identifier, allowed)
            parts = (
                _language_cut(done, tokens, _voting(verdicts), identifier, config)
                if may_cut
                else None
            )
            if parts is None:
                result.append(done)
            else:  # German and French in one sentence: identify each part on its own
                work += [(part, False) for part in reversed(parts)]
    if len(result) != len(segments):
        result = [replace(s, id=n) for n, s in enumerate(result)]
    return tuple(_names_of_document(result, config.target_lang))


def _names_of_document(segments: list[Segment], target: str) -> list[Segment]:
    """A word that one sentence of the translation marks as a name (inside a
    name of several capitalised words, after a first name or a title, or
    followed by its translation in brackets) is a name in every sentence of
    the document: the title "les MHP Riesen Ludwigsburg" or "les Riesen
    (géants)" makes the "les Riesen" of the next sentences a team's name, not
    a German word left in the text. Exonyms and labels (Kasachstan, Quellen)
    are never names."""
    if not any(s.spans for s in segments):
        return segments
    marked: set[str] = set()
    for segment in segments:
        tokens = list(_tokens(segment))
        text = segment.text
        for index, (word, offset, _initial) in enumerate(tokens):
            if not word[:1].isupper() or word in marked:
                continue
            if (
                names.context(text, offset, target)
                or names.joined_to_name(tokens, index, text, target)
                or _GLOSSED.match(text, offset + len(word))
            ):
                marked.add(word)
    marked = {w for w in marked if not (lexicon.exonym(w) or lexicon.label(w))}
    if not marked:
        return segments
    return [
        replace(s, spans=tuple(span for span in s.spans if span.text not in marked))
        if any(span.text in marked for span in s.spans)
        else s
        for s in segments
    ]


def _identify_one(segment: Segment, config: Config, identifier, allowed):  # type: ignore[no-untyped-def]
    tokens = list(_tokens(segment))
    if not tokens:
        return replace(segment, lang="und", confidence=0.0), tokens, []
    names = lexicon.allowed_name_spans(segment.text)
    quoted = [m.span() for m in _QUOTED.finditer(segment.text)]
    offsets = [offset for _, offset, _ in tokens]
    verdicts = [
        _NAME
        if in_name
        else _QUOTE
        if in_quote
        else _word_verdict(tok, initial, config.source_lang, config.target_lang, allowed)
        for (tok, _, initial), in_name, in_quote in zip(
            tokens, _covered(offsets, names), _covered(offsets, quoted), strict=True
        )
    ]
    lang, confidence = _segment_language(
        segment, tokens, _voting(verdicts), names, identifier, config
    )
    spans: tuple[LangSpan, ...] = ()
    # a short German label mixed with names or French words ("Ort Astana,
    # Kasachstan", "(Symbolbild/DNAT)") is fixed word by word: report words
    label = len(tokens) <= SHORT_SEGMENT_WORDS and any(
        v.lang != config.source_lang for v in verdicts
    )
    # German words are looked for in target text (and in short labels); an
    # English sentence has none: "was" and "also" are English there
    if lang in (config.target_lang, "und") or label:
        spans = tuple(_spans(segment, tokens, verdicts, config.source_lang, config.target_lang))
        spans = _with_multiword_names(segment, tokens, verdicts, spans, config.source_lang)
    out = replace(segment, lang=lang, confidence=round(confidence, 2), spans=spans)
    return out, tokens, verdicts


#: a sentence is cut where its language changes (German left beside its French
#: translation after a colon, a closing bracket or a period the splitter read
#: as an abbreviation or ordinal); each side of such a cut needs this many word votes...
LANGUAGE_CUT_MIN_VOTES = 3
#: ...of which at least this share for its own language
LANGUAGE_CUT_MIN_SHARE = 0.8
# where a sentence may be cut: after ". : ; ) ]" (and a closing quote) before a
# capital, an opening quote or bracket
_CUT = re.compile(r"[.:;)\]][\"»”’']?+(?=\s++[\"«„“(\[]?+[^\W\d_])")


def _language_cut(segment: Segment, tokens, verdicts, identifier, config: Config):  # type: ignore[no-untyped-def]
    """The parts of ``segment`` when it holds German and French sentences side by
    side, cut between them, or None. Cuts are tried after ``. : ; ) ]`` followed
    by a word: the pieces between them are grouped into runs of one language by
    their word votes (a piece with two or more votes, at least
    :data:`LANGUAGE_CUT_MIN_SHARE` for one language, starts a new run when that
    language differs from its run's; other pieces join the run before them).
    Each run needs :data:`LANGUAGE_CUT_MIN_VOTES` votes, that share for its own
    language, and the n-gram identifier's agreement. Linear: one pass over the
    cuts and tokens, and the identifier reads each run once."""
    source, target = config.source_lang, config.target_lang
    langs = [v.lang for v in verdicts]
    if min(langs.count(source), langs.count(target)) < LANGUAGE_CUT_MIN_VOTES:
        return None
    text = segment.text
    bounds = [m.end() for m in _CUT.finditer(text)] + [len(text)]
    # votes per piece between consecutive cut points
    pieces: list[tuple[int, int, int]] = []  # (end, source votes, target votes)
    k = 0
    for end in bounds:
        vs = vt = 0
        while k < len(tokens) and tokens[k][1] < end:
            vs += langs[k] == source
            vt += langs[k] == target
            k += 1
        pieces.append((end, vs, vt))
    runs: list[list[int]] = []  # [end, source votes, target votes, language (0 none, 1 s, 2 t)]
    for end, vs, vt in pieces:
        clear = 0
        if vs + vt >= 2 and max(vs, vt) >= LANGUAGE_CUT_MIN_SHARE * (vs + vt):
            clear = 1 if vs > vt else 2
        if runs and (clear == 0 or runs[-1][3] in (0, clear)):
            run = runs[-1]
            run[0], run[1], run[2] = end, run[1] + vs, run[2] + vt
            run[3] = run[3] or clear
        else:
            runs.append([end, vs, vt, clear])
    if len(runs) < 2:
        return None
    for _, vs, vt, _ in runs:
        if vs + vt < LANGUAGE_CUT_MIN_VOTES or max(vs, vt) < LANGUAGE_CUT_MIN_SHARE * (vs + vt):
            return None
    parts, start = [], 0
    for n, (end, *_, lang) in enumerate(runs):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        scores = identifier.confidences(piece[:LANGID_MAX_CHARS])
        found = max(scores, key=lambda code: (scores[code], code)) if scores else "und"
        if found != (source if lang == 1 else target):
            return None
        parts.append(
            replace(
                segment,
                start=segment.start + start + lead,
                end=segment.start + start + lead + len(piece),
                text=piece,
                block_end=segment.block_end and n == len(runs) - 1,
                spans=(),
            )
        )
        start = end
    return parts


def _covered(offsets: list[int], spans: list[tuple[int, int]]) -> list[bool]:
    """For each offset (in increasing order), whether one of ``spans`` covers
    it; one sweep over both lists."""
    ordered = sorted(spans)
    covered, index, reach = [], 0, -1
    for offset in offsets:
        while index < len(ordered) and ordered[index][0] <= offset:
            reach = max(reach, ordered[index][1])
            index += 1
        covered.append(offset < reach)
    return covered


def _tokens(segment: Segment) -> Iterator[tuple[str, int, bool]]:
    """(word, offset in segment, sentence-initial) with glued words split
    ("OrtAstana" → "Ort", "Astana")."""
    first = True
    for match in WORD.finditer(segment.text):
        word = match.group(0)
        offset = match.start()
        elided = _ELIDED.match(word)
        if elided is not None and len(word) - elided.end() >= 4:
            # "d'ampel", "l'Ampel": the word after a French elided article or
            # pronoun is looked at alone, and reported without it ("n'a",
            # "jusqu'à" stay whole: their short rest tells nothing alone)
            offset += elided.end()
            word = word[elided.end() :]
        parts = _CAMEL.split(word) if not word.isupper() else [word]
        if len(parts) > 1 and not _glued_label(parts):
            parts = [word]  # "LokSound", "BildZeitung": a name, not a glued label
        for part in parts:
            yield part, offset, first
            offset += len(part)
            first = False


def _glued_label(parts: list[str]) -> bool:
    """ "OrtAstana": a page label glued to its value (a name, a place, a date),
    not a name written in camel case: "LokSound" (no label), "BildZeitung"
    (a label followed by a German noun: "Bild-Zeitung", a newspaper)."""
    if lexicon.label(parts[0]) is None:
        return False
    rest = "".join(parts[1:])
    if len(rest) > MAX_WORD_LETTERS:
        return True
    return not (
        wordstats.known(rest, "de") and lexicon.has_translation(rest) and rest[:1].isupper()
    )


def _segment_language(
    segment, tokens, verdicts, names, identifier, config: Config
) -> tuple[str, float]:  # type: ignore[no-untyped-def]
    source, target = config.source_lang, config.target_lang
    short = len(tokens) <= SHORT_SEGMENT_WORDS
    if short:
        langs = [v.lang for v in verdicts if v.lang]
        if langs and all(lang == source for lang in langs):
            voters = [v for v in verdicts if v.lang]
            return source, sum(v.confidence for v in voters) / len(voters)
        if langs and all(lang == target for lang in langs) and _clear_target_vote(verdicts):
            return target, 0.9
        if not langs and all(
            _name_like(word) or verdict in _NO_SIGNAL
            for (word, _, _), verdict in zip(tokens, verdicts, strict=True)
        ):
            return "und", 0.0  # names, acronyms, numbers: no language signal
    scores = identifier.confidences(_without_names(segment.text, names)[:LANGID_MAX_CHARS])
    if not scores:
        return "und", 0.0
    lang = max(scores, key=lambda code: (scores[code], code))
    votes_source = sum(1 for v in verdicts if v.lang == source)
    votes_target = sum(1 for v in verdicts if v.lang == target)
    if lang not in (source, target) and scores[lang] < THIRD_LANGUAGE_MIN_CONFIDENCE:
        # a hesitant third language ("New York avait battu la Philadelphia
        # Union"): clear word votes for the source or target language decide
        for first, second in ((target, votes_target), (source, votes_source)):
            other = votes_source if first == target else votes_target
            if second >= 2 and second >= 2 * other:
                return first, second / (votes_source + votes_target)
    if short:
        # a short French sentence around one German word ("Voir la Rechnung
        # ci-jointe."): lingua's n-grams lean German, clear word votes do not
        if (
            lang == source
            and votes_target >= SHORT_TARGET_MIN_VOTES
            and votes_target > 2 * votes_source
        ):
            return target, votes_target / (votes_source + votes_target)
        return lang, scores[lang]
    # n-grams and words disagree (a French sentence full of German names, or
    # a German sentence full of international words): the words decide
    if lang == source and votes_target > votes_source:
        return target, votes_target / (votes_source + votes_target)
    if lang == target and votes_source > 2 * votes_target and votes_source >= 3:
        return source, votes_source / (votes_source + votes_target)
    return lang, scores[lang]


def _clear_target_vote(verdicts: list[WordVerdict]) -> bool:
    """Whether a vote for the target language comes from a word the target
    language uses at least as much as the source (a vote's confidence is 0.7
    or more exactly then): "max" (zipf de 4.9, fr 4.7), which German's
    dictionary lacks, does not by itself make "Leuchtdauer max. 10 Std."
    French; lingua's n-grams decide that segment."""
    return any(v.confidence >= SHORT_TARGET_CLEAR_VOTE for v in verdicts if v.lang)


def _name_like(word: str) -> bool:
    """Capitalised, an acronym or too short to tell: a word that may be a name."""
    return len(word) < 3 or word[:1].isupper()


def _without_names(text: str, names: list[tuple[int, int]]) -> str:
    kept, last = [], 0
    for lo, hi in names:
        kept.append(text[last:lo])
        last = max(last, hi)
    kept.append(text[last:])
    return "".join(kept)


_NAME = WordVerdict("", 0.0, "part of a German name used in French")
_ALLOWED = WordVerdict("", 0.0, "allowed German word or name")
_TOO_LONG = WordVerdict("", 0.0, "too long to be a word")
# a parenthesis right after the word glosses it: "les Riesen (géants)"
_GLOSSED = re.compile(r"\s?\((?=(?:[^)\w]|[\d_])*+[^\W\d_])")
_QUOTE = WordVerdict("", 0.0, "inside quotation marks: a cited title or quotation")
#: verdicts of words that carry no language signal whatever their letters ("dpa")
_NO_SIGNAL = (_NAME, _ALLOWED, _QUOTE)
_NOT_VOTING = WordVerdict("", 0.0, "reported, but no vote for the segment's language")


def _voting(verdicts: list[WordVerdict]) -> list[WordVerdict]:
    """The verdicts as votes for a segment's language: those that do not vote
    count as no signal."""
    return [v if v.votes else _NOT_VOTING for v in verdicts]


# «…», “…” and "…" quote titles and speech on purpose; German „…“ is not skipped
_QUOTED = re.compile(r"«[^»]{1,300}»|“[^”]{1,300}”|\"[^\"]{1,300}\"")


def _word_verdict(
    word: str, initial: bool, source: str, target: str, allowed: frozenset[str]
) -> WordVerdict:
    if len(word) < 2 or (word.isupper() and len(word) > 1):
        return WordVerdict("", 0.0, "acronym or too short")
    if len(word) > MAX_WORD_LETTERS:
        return _TOO_LONG  # dictionaries take quadratic time on a 100,000-letter "word"
    lower = word.lower()
    if lower in allowed or word in allowed:
        return _ALLOWED
    return _classify(word, initial, source, target)


@lru_cache(maxsize=1 << 17)
def _classify(word: str, initial: bool, source: str, target: str) -> WordVerdict:
    lower = word.lower()
    zs, zt = wordstats.zipf(lower, source), wordstats.zipf(lower, target)
    in_target = wordstats.known(word, target)
    in_source = wordstats.known(word, source)
    if in_target is not None and initial and not in_target:
        in_target = wordstats.known(lower, target)
    evidence = f"zipf {source}={zs:.1f} {target}={zt:.1f}"
    loanword = False
    if in_target is None or in_source is None:
        return _by_frequency(word, zs, zt, source, target, evidence)
    if (
        not in_source
        and not in_target
        and word.islower()
        and source in CAPITALISED_NOUNS
        and wordstats.known(word.capitalize(), source)
    ):
        # a German noun written in lower case (chat messages, lowercased text);
        # English nouns that French borrows ("charts", "comeback") vote but
        # are not reported
        in_source = True
        evidence += f"; {word.capitalize()} in lower case"
        loanword = wordstats.zipf(lower, "en") >= zs - ENGLISH_LOAN_LAG
    evidence += f"; hunspell {source}={'yes' if in_source else 'no'} {target}={'yes' if in_target else 'no'}"
    if in_source and _closed_class(word, source):
        # an article, pronoun, preposition or conjunction alone is not a word a
        # translation leaves behind: it stands in a German title or name the
        # French keeps ("Über den Greifenpass", "Die Linke"); it votes only
        loanword = True
    if in_source and not in_target and _lower_case_word(word, initial) and not loanword:
        # a lower-case word that English uses about as much as German is an
        # English word both languages borrow ("jammer", French for to jam;
        # German jammer, complain): it votes but is not reported; so is one
        # that only the start of its sentence capitalises ("Okay, c'est
        # comme cela", "Fast forward : …")
        loanword = wordstats.zipf(lower, "en") >= zs - ENGLISH_LOAN_LAG
    if in_source and not in_target:
        if len(word) >= 3 and zs >= 2.5 and zs - zt >= 1.0:
            confidence = min(0.98, 0.6 + 0.1 * (zs - zt))
            verdict = WordVerdict(source, confidence, evidence, reported=not loanword)
            return _unless_name(word, verdict, initial, source)
        if len(word) >= RARE_WORD_MIN_LETTERS and zt < 1.0:
            # a rare word of the source dictionary that the target language never uses
            verdict = WordVerdict(source, 0.6, evidence + "; rare")
            if word[:1].isupper() and _compound(word, zs, zt):
                # capitalised, but a compound of two common words that English
                # never uses ("Glassplitter", "Ersatzmantel") is no name
                return _unless_name(
                    word,
                    WordVerdict(source, 0.7, evidence + "; rare German compound", votes=False),
                    initial,
                    source,
                )
            return _lower_case_only(word, verdict)
    if not in_target and not in_source:
        if zs >= 3.0 and zt < 1.0 and zs - max(zt, wordstats.zipf(lower, "en")) >= 2.0:
            # a frequent word of the source language that its dictionary lacks
            return _lower_case_only(word, WordVerdict(source, 0.6, evidence + "; frequency"))
        if _compound(word, zs, zt):
            verdict = WordVerdict(source, 0.7, evidence + "; German compound")
            return verdict if zs >= 2.5 else _lower_case_only(word, verdict)
    if in_target and zt >= 1.0 and not (in_source and zs - zt >= TARGET_WORD_MAX_LAG):
        # words of both dictionaries ("in", "der", "am") vote only when
        # the target language uses them about as much
        return WordVerdict(target, min(0.98, 0.6 + 0.1 * max(0.0, zt - zs + 1)), evidence)
    lead = SHARED_WORD_LEAD if len(word) >= 3 else SHORT_WORD_LEAD
    if (in_source or len(word) < 3) and zs >= SHARED_WORD_MIN_ZIPF and zs - zt >= lead:
        # "die", "das", "im", "zu": far more frequent in the source language;
        # they tell a segment's language but are never reported alone
        # inside target text (they stand in titles and names: "Die Linke")
        return WordVerdict(source, 0.6, evidence + "; function word", reported=False)
    return WordVerdict("", 0.0, evidence)


def _lower_case_word(word: str, initial: bool) -> bool:
    """Written in lower case, or capitalised only as the first word of its
    sentence ("Okay" opening a line; not "OK", not "McDonald")."""
    return word.islower() or (initial and word[:1].isupper() and word[1:].islower())


#: kinds of function-words.tsv rows that are closed-class words
CLOSED_CLASSES = frozenset({"article", "determiner", "pronoun", "preposition", "conjunction"})


@lru_cache(maxsize=4)
def _closed_class_words(lang: str) -> frozenset[str]:
    if lang != "de":  # function-words.tsv lists German words
        return frozenset()
    return frozenset(
        form.strip().lower()
        for row in lexicon.read_table("function-words.tsv")
        if row.get("kind") in CLOSED_CLASSES
        for form in row.get("german", "").split("|")
        if form.strip()
    )


def _closed_class(word: str, lang: str) -> bool:
    return word.lower() in _closed_class_words(lang)


def _by_frequency(
    word: str, zs: float, zt: float, source: str, target: str, evidence: str
) -> WordVerdict:
    """Without hunspell, frequencies alone decide, more cautiously."""
    if len(word) >= 3 and zs >= 3.0 and zs - zt >= 2.0 and zt < 2.5:
        return WordVerdict(source, min(0.95, 0.5 + 0.1 * (zs - zt)), evidence)
    if zt >= 2.0 and zt >= zs - 0.5:
        return WordVerdict(target, 0.7, evidence)
    return WordVerdict("", 0.0, evidence)


def _compound(word: str, zs: float, zt: float) -> bool:
    """A German compound of two dictionary words that English text never uses."""
    if zt >= 1.0 or wordstats.zipf(word.lower(), "en") >= 1.0:
        return False
    if zs < 2.5 and not (len(word) >= RARE_COMPOUND_MIN_LETTERS):
        return False
    return lexicon.german_compound(word) or (
        word.islower() and lexicon.german_compound(word.capitalize())
    )


def _lower_case_only(word: str, verdict: WordVerdict) -> WordVerdict:
    """Evidence that holds for a lower-case word: a capitalised word that no
    frequency list or dictionary translation backs may be a name ("Westnetz",
    "Kollegah"), so it does not vote."""
    if word[:1].isupper():
        return WordVerdict("", 0.0, verdict.evidence + "; capitalised: may be a name")
    return verdict


def _unless_name(word: str, verdict: WordVerdict, initial: bool, source: str) -> WordVerdict:
    if not word[:1].isupper():
        return verdict
    if not _common_noun(word):
        return WordVerdict("", 0.0, verdict.evidence + "; a name (no dictionary translation)")
    stems = wordstats.stems(word, source)
    if (
        not initial
        and source in CAPITALISED_NOUNS
        and stems
        and all(s[:1].islower() for s in stems)
    ):
        # German capitalises nouns only: "Kurz", "Heil", "Schick" inside a
        # sentence are names, not the adjectives kurz, heil, schick
        return WordVerdict("", 0.0, verdict.evidence + "; a name (a capitalised adjective)")
    return verdict


def _common_noun(word: str) -> bool:
    """A capitalised German word is a common noun, not a place or person name,
    when it is a known label or exonym, when the German–French dictionary
    translates it into something else, or when it is a German compound that
    English text never uses, or when German uses it far more than English and
    French do (names travel between languages, words do not)."""
    if lexicon.label(word) or lexicon.exonym(word):
        return True
    translated = lexicon.has_translation(word)
    if translated is None:  # no dictionary: keep the frequency decision
        return True
    lower = word.lower()
    elsewhere = max(wordstats.zipf(lower, "en"), wordstats.zipf(lower, "fr"))
    return (
        translated
        or (lexicon.german_compound(word) and wordstats.zipf(lower, "en") < 1.0)
        # the dictionary has gaps ("Juni", "Milliarden"); a word German uses
        # far more than English and French do is not a name either
        or wordstats.zipf(lower, "de") - elsewhere > NAME_MAX_GERMAN_LEAD
    )


def _spans(segment: Segment, tokens, verdicts, source: str, target: str) -> Iterator[LangSpan]:  # type: ignore[no-untyped-def]
    text = segment.text
    for index, ((word, offset, initial), verdict) in enumerate(zip(tokens, verdicts, strict=True)):
        if verdict.lang != source or not verdict.reported:
            continue
        if word[:1].isupper() and names.context(text, offset, target):
            continue  # "M. Maas", "Hubertus Heil", "le groupe Springer"
        exonym, label = lexicon.exonym(word), lexicon.label(word)
        if (
            names.joined_to_name(tokens, index, text, target)
            or names.place_after_preposition(word, offset, initial, text)
        ) and not (exonym or label):
            continue
        if exonym and not label and names.after_name(tokens, index, text, target):
            continue  # a place that ends a name: "BRC Thüringen", "ING Deutschland"
        if word[:1].isupper() and not exonym and names.place_context(text, offset, target):
            continue  # "la vallée de la Geisel": a river, not the noun Geisel (hostage)
        if _GLOSSED.match(text, offset + len(word)):
            continue  # "les Riesen (géants)": kept on purpose and translated
        yield LangSpan(
            start=segment.start + offset,
            end=segment.start + offset + len(word),
            text=word,
            lang=source,
            confidence=round(verdict.confidence, 2),
            evidence=verdict.evidence,
            suggestion=_suggestion(word, initial),
        )


def _with_multiword_names(segment: Segment, tokens, verdicts, spans, source: str):  # type: ignore[no-untyped-def]
    """A German place name of several words ("Vereinigte Staaten", "Bosnien und
    Herzegowina") becomes one span with its French name, replacing the spans of
    its words; only when one of its words is German ("El Salvador" and "San
    Marino" are written so in French too)."""
    found = lexicon.multiword_exonyms(segment.text)
    if not found:
        return spans
    result = list(spans)
    for start, end, german, french in found:
        inside = [
            v for (_, offset, _), v in zip(tokens, verdicts, strict=True) if start <= offset < end
        ]
        german_words = [v for v in inside if v.lang == source]
        if not german_words:
            continue
        lo, hi = segment.start + start, segment.start + end
        result = [s for s in result if s.end <= lo or s.start >= hi]
        result.append(
            LangSpan(
                start=lo,
                end=hi,
                text=german,
                lang=source,
                confidence=round(max(v.confidence for v in german_words), 2),
                evidence=f"German place name; French: {french}",
                suggestion=french,
            )
        )
    return tuple(sorted(result, key=lambda s: s.start))


def _suggestion(word: str, initial: bool) -> str | None:
    french = lexicon.french_for(word)
    if french and initial:
        return french[:1].upper() + french[1:]
    return french
