"""Identifiers that machine translation translated: domain names whose labels
became French words ("China.org.cn" → "Chine.org.cn"), and, with a German
source, domains, handles and codes of the source that changed in the target.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqa import lexicon
from tqa.backends import freedict
from tqa.backends import words as wordstats
from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.model import Finding

# a domain name: labels separated by dots, ending with a top-level domain
DOMAIN = re.compile(
    r"(?<![\w@/.-])(?P<label>[^\W_][\w-]*)(?P<rest>(?:\.[a-z0-9-]+)*\.(?P<tld>[a-z]{2,6}))(?![\w-]|\.\w)",
    re.IGNORECASE,
)
#: top-level domains of French-speaking countries, where French labels are normal
FRENCH_TLDS = frozenset(
    {"fr", "be", "ch", "ca", "lu", "mc", "qc", "re", "sn", "ci", "ma", "tn", "dz", "gouv"}
)
#: a label must be this much more frequent in French than in English and German (zipf)
FRENCH_MARGIN = 1.0
MIN_FRENCH_ZIPF = 3.0
IDENTIFIER = re.compile(
    r"(?<![\w.])(?:@\w{2,}+|#\w{2,}+|[^\W_][\w-]*+(?:\.[\w-]++)*\.[a-z]{2,6})(?![\w-]|\.\w)", re.I
)
#: the characters an identifier is made of; an identifier never spans two runs
_IDENTIFIER_RUN = re.compile(r"[\w.@#-]++")
#: the longest run searched for identifiers (a domain name has at most 253
#: characters); IDENTIFIER may start after every hyphen of a run and read to
#: its end, so an unbounded run ("a-a-a-…") would take quadratic time
MAX_IDENTIFIER_RUN = 256
#: identifiers named in one finding's evidence (the rest are counted)
EVIDENCE_MAX = 10


def find_identifiers(text: str) -> Iterator[re.Match[str]]:
    """IDENTIFIER's matches in ``text``, searched run by run (the same matches,
    since a match lies inside one run and its look-arounds see the run's
    neighbours), skipping runs longer than MAX_IDENTIFIER_RUN: linear time.
    A domain name must end in a real top-level domain."""
    for run in _IDENTIFIER_RUN.finditer(text):
        if run.end() - run.start() <= MAX_IDENTIFIER_RUN:
            for match in IDENTIFIER.finditer(text, run.start(), run.end()):
                if match.group(0)[0] in "@#" or top_level_domain(match.group(0)):
                    yield match


@lru_cache(maxsize=1)
def _top_level_domains() -> frozenset[str]:
    return frozenset(
        row["tld"] for row in lexicon.read_table("top-level-domains.tsv") if row.get("tld")
    )


def top_level_domain(name: str) -> bool:
    """``name`` ends in a top-level domain of the Public Suffix List
    (corpora/lexicon/top-level-domains.tsv): "ottes.at", not "nov.den", a
    word glued to the next by a point in a hasty message ("im nov.den
    selben sessel"). Without the table every ending counts."""
    tlds = _top_level_domains()
    return not tlds or name.rsplit(".", 1)[-1].lower() in tlds


@lru_cache(maxsize=4096)
def translated_label(label: str) -> str | None:
    """The original (German/English) name behind a domain label that is a
    French word ("Chine" → "China"), or None when the label is not one."""
    low = label.lower()
    if len(low) < 4 or not low.isalpha():
        return None
    fr = wordstats.zipf(low, "fr")
    if (
        fr < MIN_FRENCH_ZIPF
        or fr - max(wordstats.zipf(low, "en"), wordstats.zipf(low, "de")) < FRENCH_MARGIN
    ):
        return None
    dictionary = freedict.load("freedict-fra-deu")
    if dictionary is None:
        return None
    for entry in dictionary.lookup(label):
        for gloss in entry.glosses:
            if " " not in gloss and gloss.lower() != low and gloss[:1].isupper():
                return gloss
    return None


@rule(
    "TQA-MT-005",
    "translated-domain-name",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "La Chine soutiendra la recherche sur les vaccins, selon Chine.org.cn mardi.\n",
            flagged=("Chine.org.cn",),
        ),
        Example(
            "La Chine soutiendra la recherche sur les vaccins, comme l'a rapporté China.org.cn "
            "et selon service-public.fr et ottes.at.\n"
        ),
    ),
    requires=("freedict-fra-deu", "wordfreq"),
)
def translated_domain(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A domain name whose label was translated into French (Chine.org.cn for China.org.cn).

    Domain names, like brand names, are never translated; MT systems translate
    a label that is also a word. A label is reported when it is a French word
    (much more frequent in French than in English and German per wordfreq),
    the French→German dictionary gives it another form (Chine → China), and the
    domain is not under a French-speaking top-level domain (.fr, .be, .ch…).
    """
    for segment in check.target_segments:
        for match in DOMAIN.finditer(segment.text):
            tld = match.group("tld").lower()
            if tld in FRENCH_TLDS or "gouv" in match.group("rest").lower():
                continue
            label = match.group("label")
            original = translated_label(label)
            if original is None:
                continue
            if label.islower():
                original = original.lower()
            domain = match.group(0)
            z = {lang: wordstats.zipf(label.lower(), lang) for lang in ("fr", "en", "de")}
            fixed = original + match.group("rest")
            yield self.finding(
                check,
                segment.start + match.start(),
                segment.start + match.end(),
                f"domain name “{domain}” looks translated; domains keep their original form",
                segment=segment.id,
                confidence=0.8,
                suggestions=(fixed,),
                evidence=(
                    f"“{label}” is a French word (zipf fr {z['fr']:.1f}, en {z['en']:.1f}, "
                    f"de {z['de']:.1f}); FreeDict fra-deu: {label} → {original}; "
                    f".{tld} is not a French-speaking domain"
                ),
            )


def _identifiers(text: str) -> dict[str, str]:
    return {m.group(0).lower(): m.group(0) for m in find_identifiers(text)}


def _identifier_kind(low: str) -> str:
    """A handle's or hashtag's sigil, or a domain's top-level domain."""
    return low[0] if low[0] in "@#" else low.rsplit(".", 1)[-1]


def word_hashtag(tag: str, lang: str) -> bool:
    """A hashtag that is one ordinary word of ``lang`` (#Wozu, #Pourquoi; wordfreq
    zipf at least COMMON_WORD), which a translation may translate like any word."""
    body = tag[1:]
    if not tag.startswith("#") or not body.isalpha():
        return False
    return wordstats.zipf(body.lower(), lang) >= COMMON_WORD


#: zipf frequency from which a hashtag's word is an ordinary word (wozu 4.4, pourquoi 5.7)
COMMON_WORD = 3.0


@rule(
    "TQA-MT-006",
    "changed-identifier",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "Le sommet commence à Astana, selon Autriche.at et le compte @DNAT_news.\n",
            flagged=("Autriche.at",),
            source="Der Gipfel beginnt in Astana, berichtet austria.at und @DNAT_news.\n",
        ),
        Example(
            "Le sommet commence à Astana, selon austria.at et le compte @DNAT_news.\n",
            source="Der Gipfel beginnt in Astana, berichtet austria.at und @DNAT_news.\n",
        ),
        Example(
            "#Pourquoi le sommet commence-t-il à Astana ?\n",
            source="#Warum beginnt der Gipfel in Astana?\n",
        ),
    ),
)
def changed_identifier(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A domain, handle or hashtag of the German source that was changed in the translation.

    Identifiers (austria.at, @handle, #hashtag) must be copied unchanged. With a
    German source, an identifier of the target that is absent from the source,
    while a source identifier of the same kind (same top-level domain, or both
    handles) is absent from the target, was most likely translated. A hashtag
    that is one ordinary word on both sides (#Wozu → #Pourquoi) is a word
    translated on purpose and is left alone.
    """
    if check.source is None:
        return
    source = _identifiers(check.source.text)
    target_all = _identifiers(check.text)
    missing = {low: orig for low, orig in source.items() if low not in target_all}
    if not missing:
        return
    absent = sorted(missing.values())
    evidence = "source identifiers absent from the target: " + ", ".join(absent[:EVIDENCE_MAX])
    if len(absent) > EVIDENCE_MAX:
        evidence += f" and {len(absent) - EVIDENCE_MAX} more"
    missing_by_kind: dict[str, list[str]] = {}
    for m_low, orig in missing.items():
        missing_by_kind.setdefault(_identifier_kind(m_low), []).append(orig)
    for segment in check.target_segments:
        for match in find_identifiers(segment.text):
            found = match.group(0)
            low = found.lower()
            if low in source:
                continue
            partners = missing_by_kind.get(_identifier_kind(low))
            if partners and word_hashtag(found, check.config.target_lang):
                # #Wozu → #Pourquoi: a hashtag that is one ordinary word, translated
                partners = [p for p in partners if not word_hashtag(p, check.config.source_lang)]
            if not partners:
                continue
            yield self.finding(
                check,
                segment.start + match.start(),
                segment.start + match.end(),
                f"identifier “{found}” is not in the source, which has “{partners[0]}”",
                segment=segment.id,
                confidence=0.8,
                suggestions=tuple(partners[:2]),
                evidence=evidence,
            )


#: words of a name that say nothing on their own ("Süddeutsche Zeitung" is
#: kept when "Süddeutsche" is)
_GENERIC_NAME_WORDS = frozenset(
    "der die das zeitung allgemeine deutsche deutscher deutsches gruppe group ag gmbh se "
    "bank verlag online news".split()
)


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w-]+", name) if w.lower() not in _GENERIC_NAME_WORDS]


def _distinctive(name: str) -> bool:
    """A name that cannot be an ordinary German phrase: German capitalises every
    noun, so "Spiegel", "Bild" or "Der Spiegel" in a source are mostly a mirror
    and a picture. Names of one distinctive word that FreeDict translates are
    left out; names of two or more ("Bild am Sonntag") and unknown words
    (Mercedes, Wirtschaftswoche) are kept."""
    words = _name_words(name)
    if len(words) >= 2:
        return True
    return bool(words) and lexicon.has_translation(words[0]) is not True


def _kept(name: str, target: str) -> bool:
    """The name, or one of its distinctive words, appears in the target."""
    if name in target:
        return True
    words = _name_words(name)
    return any(re.search(rf"(?<!\w){re.escape(w)}", target) for w in words if len(w) >= 3)


@rule(
    "TQA-MT-009",
    "translated-name",
    "terminology/wrong-term",
    "minor",
    examples=(
        Example(
            "Selon le Journal du Sud de l'Allemagne, Volkswagen va investir.\n",
            flagged=("Selon le Journal du Sud de l'Allemagne, Volkswagen va investir.",),
            source="Laut Süddeutscher Zeitung will Volkswagen investieren.\n",
        ),
        Example(
            "Selon la Süddeutsche Zeitung, Volkswagen va investir.\n",
            source="Laut Süddeutscher Zeitung will Volkswagen investieren.\n",
        ),
    ),
)
def translated_name(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A newspaper, broadcaster or company name of the German source missing from its translation.

    French text keeps such names in their German form (la Süddeutsche Zeitung,
    le Spiegel, Volkswagen). When the aligned German source names one that
    cannot be an ordinary German word (not "Spiegel" or "Bild" alone)
    (corpora/lexicon/german-allowed.tsv, kinds media and company) and the
    French segment has neither the name nor one of its distinctive words, the
    name was translated ("Journal du Sud de l'Allemagne") or dropped. Works
    with ``--source`` and, in a mixed document, between a German segment and
    its French twin.
    """
    for segment in check.target_segments:
        source = check.aligned_source(segment.id, reach=0)
        if not source:
            continue
        missing = [
            n
            for n in lexicon.untranslated_names(source)
            if _distinctive(n) and not _kept(n, segment.text)
        ]
        if not missing:
            continue
        yield self.finding(
            check,
            segment.start,
            segment.end,
            "the source names "
            + ", ".join(f"“{n}”" for n in missing)
            + ", which the translation neither keeps nor mentions",
            segment=segment.id,
            confidence=0.6,
            suggestions=tuple(missing),
            evidence="names of newspapers and companies keep their German form in French "
            "(german-allowed.tsv)",
        )
