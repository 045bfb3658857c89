"""How well glossary terms are found in their inflected forms (TQA-TRM-001).

    python scripts/eval_glossary.py [--terms 2000] [--seed 1] [--show 25]

A glossary is drawn from the FreeDict German-French dictionary (Debian's
freedict-deu-fra): German nouns (capitalised one-word headwords of six
letters or more) with all their French glosses. It is run over the WMT22
German sources and their French references (../shared/data/wmt22-defr), whose
sentences are aligned one to one, and two matchers are compared:

* ``regex``: the matching before inflection support (the term plus a regular
  German ending; a rendering plus a French plural ending on its last word);
* ``inflected``: tqa.lang.terms (hunspell stems, compounds' last elements,
  endings on every word of a rendering).

For each it prints how many German term occurrences were found, and in how
many of those the reference holds one of the dictionary's renderings (a
reference is free to choose another one, so this is a lower bound of how
often the check stays silent on professional French). ``--show`` prints
occurrences only the inflected matcher finds, to be read by hand.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wmt22 import WMT, read_wmt  # noqa: E402

from tqa.lang.terms import TermIndex, fold  # noqa: E402
from tqa.word_align import tokenize  # noqa: E402

GERMAN_ENDINGS = "(?:e|en|n|s|es|er|ern|ns)?"
FRENCH_ENDINGS = "(?:s|x|es)?"


def old_pattern(term: str, endings: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + endings + r"(?!\w)", re.IGNORECASE)


def glossary(count: int, seed: int, source_prefixes: set[str]) -> list[tuple[str, list[str]]]:
    from tqa.backends import freedict

    dictionary = freedict.load("freedict-deu-fra")
    if dictionary is None:
        raise SystemExit("eval_glossary: FreeDict deu-fra is not installed")
    heads = sorted(
        h
        for h in dictionary.headwords()
        if h.isalpha() and len(h) >= 6 and fold(h)[:5] in source_prefixes
    )
    random.Random(seed).shuffle(heads)
    terms = []
    for head in heads:
        entries = [
            e for e in dictionary.lookup(head) if e.pos.startswith("n") and e.headword[:1].isupper()
        ]
        glosses = [g for e in entries for g in e.glosses if g and not g.startswith("(")]
        if glosses:
            terms.append((entries[0].headword, list(dict.fromkeys(glosses))))
        if len(terms) == count:
            break
    return terms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=25)
    args = parser.parse_args()
    if not WMT.exists():
        print(f"eval_glossary: {WMT} not found; nothing to measure.")
        return 0
    pairs = [(s, r) for doc in read_wmt() for s, r in zip(doc.src, doc.ref, strict=False)]
    prefixes = {fold(t.text)[:5] for s, _ in pairs for t in tokenize(s)}
    terms = glossary(args.terms, args.seed, prefixes)
    print(f"{len(terms)} FreeDict nouns as glossary terms, {len(pairs)} WMT22 sentence pairs")

    start = time.process_time()
    old = [
        (old_pattern(g, GERMAN_ENDINGS), [old_pattern(f, FRENCH_ENDINGS) for f in fr])
        for g, fr in terms
    ]
    old_found = old_rendered = 0
    old_hits: set[tuple[int, int]] = set()
    for k, (src, ref) in enumerate(pairs):
        for n, (pattern, renderings) in enumerate(old):
            if pattern.search(src):
                old_found += 1
                old_hits.add((k, n))
                old_rendered += any(r.search(ref) for r in renderings)
    old_cpu = time.process_time() - start

    start = time.process_time()
    german = TermIndex([[t.text for t in tokenize(g)] for g, _ in terms], "de")
    owners, french_terms = [], []
    for _, fr in terms:
        owners.append(range(len(french_terms), len(french_terms) + len(fr)))
        french_terms.extend([t.text for t in tokenize(f)] for f in fr)
    french = TermIndex(french_terms, "fr")
    new_found = new_rendered = 0
    only_new = []
    new_hits: set[tuple[int, int]] = set()
    for k, (src, ref) in enumerate(pairs):
        tokens = tokenize(src)
        found = german.find([t.text for t in tokens])
        if not found:
            continue
        rendered = french.find([t.text for t in tokenize(ref)])
        for n, where in found.items():
            new_found += 1
            new_hits.add((k, n))
            ok = any(r in rendered for r in owners[n])
            new_rendered += ok
            if (k, n) not in old_hits:
                written = src[tokens[where.start].start : tokens[where.end - 1].end]
                only_new.append((terms[n][0], written, ok))
    new_cpu = time.process_time() - start

    lost = sorted(old_hits - new_hits)
    for name, found, rendered, cpu in (
        ("regex", old_found, old_rendered, old_cpu),
        ("inflected", new_found, new_rendered, new_cpu),
    ):
        share = rendered / found if found else 0.0
        print(
            f"{name:10} German occurrences found {found:5}, rendering found in the reference "
            f"{rendered:5} ({share:.1%}), {cpu:.2f} s CPU"
        )
    print(f"found only by the inflected matcher: {len(only_new)}; only by the regex: {len(lost)}")
    for k, n in lost[: args.show]:
        print(f"  regex only: {terms[n][0]:24} in {pairs[k][0][:70]}")
    random.Random(args.seed).shuffle(only_new)
    for term, written, ok in only_new[: args.show]:
        print(f"  {term:24} {written:28} rendering {'found' if ok else 'absent'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
