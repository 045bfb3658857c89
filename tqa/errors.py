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
