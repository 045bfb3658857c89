"""Abbreviations that end with a period but do not end a sentence.

Compiled by the tqa authors from French and German style guides (Lexique des
règles typographiques, Duden abbreviation lists) and common newspaper usage;
lower-cased, without the final period. Single letters (initials such as
"G. O. Dyhrenfurth") are handled by the segmenter itself.
"""

FRENCH = frozenset(
    """
    m mm mme mmes mlle mlles dr pr me mgr st ste sts stes
    av apr j.-c av. j.-c bd boul fg pl r vol chap p pp cf etc coll éd éds
    env ex fig hab min max tél art al réf resp suiv vs nº no n° ms mss
    janv févr avr juil sept oct nov déc lun mar mer jeu ven sam dim
    adj adv éd. gén lt col cdt capt sgt ing dir prof inc ltd cie
    """.split()
)

GERMAN = frozenset(
    """
    z.b u.a d.h usw bzw vgl ca evtl ggf inkl exkl insb sog bspw zzgl abs abb
    nr str hr fr frl dr prof dipl ing mag geb gest jh jhd mio mrd tsd bd bzw.
    s o.ä u.ä u.u z.t i.d.r d.j v.a a.d o.g u.v.m m.e jr sen
    jan feb febr apr aug sept okt nov dez mo di mi do so
    tel fa gmbh co kg st hl
    """.split()
)

ENGLISH = frozenset("mr mrs ms dr prof st jr sr inc ltd co corp e.g i.e vs etc no".split())

ALL = FRENCH | GERMAN | ENGLISH
