"""Month names, used to recognise ordinal dates ("16. Juni", "16. juin")."""

# fmt: off
FRENCH = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
GERMAN = (
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)
# fmt: on
ALL_LOWER = frozenset(m.lower() for m in FRENCH + GERMAN)
