"""tqa's own failures. Findings are values, never exceptions; these become a
one-line message and exit status 2 at the CLI edge."""


class TqaError(Exception):
    """Base class: the message is shown to the user as one line."""


class InputError(TqaError):
    """An input file cannot be read as text (missing, binary, undecodable, too large)."""


class ConfigError(TqaError):
    """A bad option or configuration value."""


class MissingResource(TqaError):
    """An optional resource (model, dictionary) that was required is not installed."""


class InputErrors(InputError):
    """Some inputs of a listing (tqa langid) could not be read: ``listing``
    is what was made of the others, to be written before the errors are
    shown, one line each."""

    def __init__(self, errors: tuple[str, ...], listing: str) -> None:
        super().__init__(errors[0])
        self.errors = errors
        self.listing = listing
