"""Modal verbs whose meaning the French reverses: *muss nicht* (need not)
rendered *ne doit pas* (must not), and the hearsay *soll … haben* (is said
to have) rendered *aurait dû* (should have)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import segment_of, source_span, target_offset, word_pairs
from tqa.model import Finding
from tqa.word_align import AlignedPair

_MUSS = r"(?:muss|müssen|musst|müsst|musste|mussten|müsste|müssten|brauch\w*)"
#: German "need not": müssen before nicht (main clause) or nicht before the verb (verb last);
#: "nicht nur" (not only) and "nicht mehr" (no longer) are other constructions
NEED_NOT = re.compile(
    rf"(?<!\w){_MUSS}(?:\s+\w+){{0,4}}?\s+nicht(?!\s+(?:nur|bloß|allein|mehr)(?!\w))(?!\w)"
    rf"|(?<!\w)nicht(?!\s+(?:nur|bloß|allein|mehr)(?!\w))(?:\s+\w+){{0,3}}?\s+{_MUSS}(?!\w)",
    re.I,
)
#: other German words that a French "ne doit pas" renders rightly (must not, should not,
#: not allowed) and contrasts (nicht X, sondern Y) that move the negation
MUST_NOT = re.compile(
    r"(?<!\w)(?:darf|dürfen|darfst|dürft|durfte|durften|dürfte|dürften|soll|sollen|sollst|sollt"
    r"|sollte|sollten|sondern)(?!\w)",
    re.I,
)
#: French "must not": ne + devoir + pas, with an object pronoun between
MUST_NOT_FR = re.compile(
    r"(?<!\w)(?:ne|n['’])\s*(?:(?:le|la|les|lui|leur|y|en|se|me|te|nous|vous)\s+|[lsmt]['’])?"
    r"(?:dois|doit|doivent|devons|devez|devait|devaient|devrait|devraient|devrais|devra|devront)"
    r"\s+(?:\w+\s+)?pas(?!\w)",
    re.I,
)
#: French renderings of "need not" built on devoir: ne doit pas forcément, nécessairement…
NEED_NOT_FR = re.compile(
    r"(?<!\w)(?:forcément|nécessairement|obligatoirement|systématiquement|besoin|obligée?s?|tenue?s?)(?!\w)",
    re.I,
)
#: German hearsay: sollen in the present with a perfect infinitive, in either order (soll …
#: begangen haben, … überholt haben soll); "hätte … sollen" and "sollte … angekommen sein"
#: are the German "should have", which "aurait dû" renders rightly
HEARSAY = re.compile(
    r"(?<!\w)(?:soll|sollen)(?!\w)(?:\W+\w+){0,12}?\W+\w+(?:t|en)\W+(?:haben|sein)(?!\w)"
    r"|(?<!\w)\w+(?:t|en)\s+(?:haben|sein)\s+(?:soll|sollen)(?!\w)",
    re.I,
)
SHOULD_HAVE = re.compile(r"(?<!\w)(?:aurai[st]?|auraient|aurions|auriez)\s+dû(?!\w)", re.I)


def _finding(
    self: Rule,
    check: CheckInput,
    pair: AlignedPair,
    french: re.Match[str],
    german: re.Match[str],
    message: str,
    evidence: str,
) -> Finding | None:
    start, end = target_offset(check, pair, french.start(), french.end())
    if start is None or end is None:
        return None
    return self.finding(
        check,
        start,
        end,
        message,
        segment=segment_of(check, start),
        confidence=0.7,
        evidence=f"source “{german.group()}”: {evidence}",
        source_span=source_span(check, pair, german.start(), german.end()),
    )


@rule(
    "TQA-ACC-014",
    "modal-reversed",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "Je suis reconnaissant de ne pas devoir travailler, car je ne dois pas travailler.\n",
            flagged=("ne dois pas",),
            source="Ich bin dankbar, dass ich nicht arbeiten muss.\n",
        ),
        Example(
            "Je suis reconnaissant de ne pas être obligé de travailler.\n",
            source="Ich bin dankbar, dass ich nicht arbeiten muss.\n",
        ),
        Example(
            "Une protestation vise une infraction : il aurait dû être dépassé illégalement.\n",
            flagged=("aurait dû",),
            source="Ein Protest bezieht sich auf einen Verstoß, als er regelwidrig überholt haben soll.\n",
        ),
        Example(
            "Il aurait dépassé illégalement. Les enfants ne doivent pas jouer ici.\n",
            source="Er soll regelwidrig überholt haben. Die Kinder dürfen hier nicht spielen.\n",
        ),
    ),
)
def modal_reversed(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German modal rendered by a French one of another meaning: muss nicht → ne doit pas.

    Two reversals that machine translation makes and translators do not.
    *Ich muss nicht arbeiten* means I need not work; *je ne dois pas
    travailler* says I must not (French says *je n'ai pas besoin de*, *je ne
    suis pas obligé de*, *ne doit pas forcément*). And *er soll überholt
    haben* reports what he is said to have done (*il aurait dépassé*); *il
    aurait dû* says what he should have done. Reported in a bead whose German
    has müssen (or brauchen) with nicht and whose French has *ne … devoir …
    pas* without *forcément*, *besoin* or *obligé*, unless the German also
    has dürfen, sollen or sondern, which *ne doit pas* may render; and in a
    bead whose German has sollen with a perfect infinitive and whose French
    has *aurait dû*. Measured on the 271 WMT22 documents: no finding on the
    references, 7 on the six MT systems (5 of them one sentence that five
    systems got wrong). It misfires when *ne doit pas* renders another
    clause of a long bead.
    """
    for pair in word_pairs(check):
        german, french = pair.source_text, pair.target_text
        need_not = NEED_NOT.search(german)
        if need_not and not MUST_NOT.search(german) and not NEED_NOT_FR.search(french):
            must_not = MUST_NOT_FR.search(french)
            if must_not:
                found = _finding(
                    self,
                    check,
                    pair,
                    must_not,
                    need_not,
                    f"“{must_not.group()}” says must not; the source says need not",
                    "müssen with nicht is an absence of obligation, not a ban",
                )
                if found is not None:
                    yield found
        hearsay = HEARSAY.search(german)
        if hearsay and not re.search(r"(?<!\w)hätten?(?!\w)", german):
            should = SHOULD_HAVE.search(french)
            if should:
                found = _finding(
                    self,
                    check,
                    pair,
                    should,
                    hearsay,
                    f"“{should.group()}” says should have; the source reports what is said to have happened",
                    "sollen with a perfect infinitive is hearsay (is said to have)",
                )
                if found is not None:
                    yield found
