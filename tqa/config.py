"""Run configuration: defaults < config file < command-line flags.

``Config`` is frozen; the CLI builds one and every stage reads from it.
Every field's type and range is checked in one place, ``_check``: once per
key while a configuration file is read (so that the message names the file
and the key) and again when a Config is built (the message then names the
command-line option). A bad value is a ConfigError, a one-line message.
"""

from __future__ import annotations

import json
import math
import os
import re
import reprlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tqa.errors import ConfigError, InputError
from tqa.model import SEVERITIES

SEGMENTATIONS = ("auto", "lines", "sentences", "paragraphs")
LANGID_BACKENDS = ("lingua", "langdetect")
#: sentence-alignment scorers (tqa.align.scorer_for): auto = embeddings when installed;
#: translation = chrF of the neural-model's translations (Bleualign-style)
ALIGN_SCORERS = ("lexical", "embeddings", "auto", "translation")
#: where the translation models run (tqa.backends.marian): auto = cuda when torch sees one
DEVICES = ("auto", "cpu", "cuda")

#: (source, target) language pairs that tqa checks: its word lists,
#: dictionaries, typography and number conventions exist for these only.
SUPPORTED_PAIRS: tuple[tuple[str, str], ...] = (("de", "fr"),)
LANGUAGE_NAMES = {"de": "German", "fr": "French"}

DEFAULT_PENALTIES: dict[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
#: largest penalty of one finding; keeps a document's total penalty finite
MAX_PENALTY = 1_000_000.0
#: largest --max-bytes: the whole input is read into memory (a check of 2 MB
#: already takes about a minute with every check)
MAX_BYTES = 1_000_000_000


class _Invalid(Exception):
    """A bad value: ``where`` is a sub-key (``.minor``), ``problem`` the rest."""

    def __init__(self, problem: str, where: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.where = where


@dataclass(frozen=True)
class Config:
    source_lang: str = "de"
    target_lang: str = "fr"
    segmentation: str = "auto"
    langid_backend: str = "lingua"
    align_scorer: str = "lexical"
    """Bead scorer of the sentence aligner: lexical, embeddings (needs tqa[embeddings]) or auto."""
    fail_under: float = 95.0
    fail_on: str | None = None
    fail_on_accuracy: str | None = "major"
    """An accuracy finding (category accuracy/…) at or above this severity fails
    the document: a translation that says something else must not pass on its
    score alone. "none" turns it off."""
    penalties: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_PENALTIES))
    severities: dict[str, str] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    allow_words: tuple[str, ...] = ()
    max_bytes: int = 20_000_000
    strict: bool = False
    glossary: str | None = None
    """CSV/TSV file of required French renderings of German terms (columns german, french)."""
    neural_model: str | None = None
    """Source→target Marian model (hub id in the local cache, or folder): TQA-NEU-001/002."""
    neural_back_model: str | None = None
    """Target→source Marian model for the round trip (TQA-NEU-002)."""
    neural_threshold: float = 0.01
    """A target token under this probability (given the source) is very unlikely."""
    device: str = "auto"
    grammalecte_families: tuple[str, ...] | None = None
    """Grammalecte rule families reported by TQA-GRM-010 (gn, conf, ppas…);
    None: those kept by default (corpora/lexicon/grammalecte-families.tsv)."""

    def __post_init__(self) -> None:
        # Values from a configuration file were checked (and named) while it
        # was read; what fails here came from an option or from Python code.
        for spec in fields(self):
            try:
                value = _check(spec.name, getattr(self, spec.name))
            except _Invalid as exc:
                raise ConfigError(f"{OPTIONS[spec.name]}{exc.where}: {exc.problem}") from None
            object.__setattr__(self, spec.name, value)
        if (self.source_lang, self.target_lang) not in SUPPORTED_PAIRS:
            raise ConfigError(
                f"--source-lang/--target-lang: tqa does not check {self.source_lang} → "
                f"{self.target_lang} translations (supported: {supported_pairs()})"
            )

    def rule_enabled(self, code: str) -> bool:
        """ruff-style selection: a code matches a prefix given in select/ignore."""
        if self.select and not any(code.startswith(prefix) for prefix in self.select):
            return False
        return not any(code.startswith(prefix) for prefix in self.ignore)


#: configuration-file keys → Config fields (kebab-case in files, as in ruff)
FILE_KEYS: dict[str, str] = {
    "source-lang": "source_lang",
    "target-lang": "target_lang",
    "segmentation": "segmentation",
    "langid-backend": "langid_backend",
    "align-scorer": "align_scorer",
    "fail-under": "fail_under",
    "fail-on": "fail_on",
    "fail-on-accuracy": "fail_on_accuracy",
    "penalties": "penalties",
    "severities": "severities",
    "select": "select",
    "ignore": "ignore",
    "allow-words": "allow_words",
    "max-bytes": "max_bytes",
    "strict": "strict",
    "glossary": "glossary",
    "neural-model": "neural_model",
    "neural-back-model": "neural_back_model",
    "neural-threshold": "neural_threshold",
    "device": "device",
    "grammalecte-families": "grammalecte_families",
}

#: Config fields → how the command line (or, without an option, the file) calls them
OPTIONS: dict[str, str] = {
    "source_lang": "--source-lang",
    "target_lang": "--target-lang",
    "segmentation": "--segmentation",
    "langid_backend": "--langid",
    "align_scorer": "--align-scorer",
    "fail_under": "--fail-under",
    "fail_on": "--fail-on",
    "fail_on_accuracy": "--fail-on-accuracy",
    "penalties": "penalties",
    "severities": "severities",
    "select": "--select",
    "ignore": "--ignore",
    "allow_words": "--allow",
    "max_bytes": "--max-bytes",
    "strict": "--strict",
    "glossary": "glossary",
    "neural_model": "--neural-model",
    "neural_back_model": "--neural-back-model",
    "neural_threshold": "neural-threshold",
    "device": "--device",
    "grammalecte_families": "grammalecte-families",
}


def supported_pairs() -> str:
    return ", ".join(
        f"{LANGUAGE_NAMES[s]} ({s}) → {LANGUAGE_NAMES[t]} ({t})" for s, t in SUPPORTED_PAIRS
    )


# -- value checks ------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]{1,60}")
_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlist = _REPR.maxdict = 4
_REPR.maxlevel = 2


def shown(value: object) -> str:
    """A value as an error message shows it: its TOML type and a short,
    escaped rendering (control characters never reach the terminal)."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10**4000 else 4000
        if digits > 20:
            return f"an integer of {digits} digits"
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the float {value!r}"
    if isinstance(value, str):
        return f"the string {_REPR.repr(value)}" if value else "an empty string"
    if isinstance(value, list | tuple):
        return f"the array {_REPR.repr(list(value))}"
    if isinstance(value, dict):
        return f"the table {_REPR.repr(value)}"
    if value is None:
        return "no value"
    return f"the {type(value).__name__} {_REPR.repr(value)}"


def _subkey(name: object) -> str:
    """``.name`` as TOML writes a key: bare when it can be, else quoted and escaped."""
    text = str(name)
    return "." + (text if _BARE_KEY.fullmatch(text) else json.dumps(text[:60]))


def _expect(expected: str, value: object) -> _Invalid:
    return _Invalid(f"expected {expected}, got {shown(value)}")


def _choice(choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str) or value not in choices:
            raise _expect("one of " + ", ".join(choices), value)
        return value

    return check


def _number(value: object, low: float, high: float, what: str) -> float:
    # bool is an int in Python, but `true` is not a number in a configuration
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _expect(what, value)
    number = float(value) if not isinstance(value, int) or abs(value) < 10**300 else math.inf
    if not (math.isfinite(number) and low <= number <= high):
        raise _expect(what, value)
    return number


def _language(role: int) -> Callable[[object], str]:
    codes = tuple(dict.fromkeys(pair[role] for pair in SUPPORTED_PAIRS))
    kind = ("source", "target")[role]
    expected = (
        f"the ISO 639-1 code of a supported {kind} language "
        f"({', '.join(codes)}; tqa checks {supported_pairs()})"
    )

    def check(value: object) -> str:
        if not isinstance(value, str) or value.strip().lower() not in codes:
            raise _expect(expected, value)
        return value.strip().lower()

    return check


def _fail_under(value: object) -> float:
    return _number(value, 0.0, 100.0, "a number between 0 and 100")


def _fail_on(value: object) -> str | None:
    # as --fail-on: a neutral finding is information, never a failure
    return None if value is None else _choice(SEVERITIES[1:])(value)


def _fail_on_accuracy(value: object) -> str | None:
    if value is None or (isinstance(value, str) and value.strip().lower() == "none"):
        return None
    return _choice(SEVERITIES[1:])(value)


def _penalties(value: object) -> dict[str, float]:
    if not isinstance(value, dict):
        raise _expect("a table of severity = penalty, e.g. {minor = 1, major = 5}", value)
    result = dict(DEFAULT_PENALTIES)
    for name, penalty in value.items():
        if name not in SEVERITIES:
            raise _Invalid(
                f"unknown severity {_REPR.repr(name)} (choose from {', '.join(SEVERITIES)})",
                _subkey(name),
            )
        try:
            result[name] = _number(
                penalty, 0.0, MAX_PENALTY, f"a number between 0 and {MAX_PENALTY:,.0f}"
            )
        except _Invalid as exc:
            raise _Invalid(exc.problem, f".{name}") from None
    return result


def _rule_code(text: object) -> str:
    """A rule code or name as the code it stands for."""
    from tqa.checks import get_rule, unknown_rule_hint

    if not isinstance(text, str):
        raise _expect("a rule code such as TQA-MIX-002", text)
    found = get_rule(text)
    if found is None:
        from tqa.checks import all_rules, selector_prefix

        prefix = selector_prefix(text)
        if prefix is not None:  # a family or a prefix of codes, as --select takes
            codes = sorted(r.code for r in all_rules() if r.code.startswith(prefix))
            listed = ", ".join(codes[:3]) + (", …" if len(codes) > 3 else "")
            raise _Invalid(
                f"{_REPR.repr(text)} is a prefix of {len(codes)} rule codes ({listed}); "
                "severities takes one full rule code per key"
            )
        raise _Invalid(f"unknown rule {_REPR.repr(text)}{unknown_rule_hint(text)}")
    return found.code


def _severities(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _expect('a table of rule code = severity, e.g. {TQA-TYP-007 = "neutral"}', value)
    result: dict[str, str] = {}
    for code, severity in value.items():
        try:
            code_of = _rule_code(code)
            result[code_of] = _choice(SEVERITIES)(severity)
        except _Invalid as exc:
            raise _Invalid(exc.problem, _subkey(code)) from None
    return result


def _strings(value: object, what: str) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(
        isinstance(item, str) and item.strip() for item in items
    ):
        raise _expect(what, value)
    return tuple(items)


def _selectors(value: object) -> tuple[str, ...]:
    from tqa.checks import selector_prefix, unknown_rule_hint

    result = []
    for item in _strings(value, "an array of rule codes or prefixes, e.g. ['TQA-TYP']"):
        prefix = selector_prefix(item)
        if prefix is None:
            raise _Invalid(f"{_REPR.repr(item)} matches no rule code{unknown_rule_hint(item)}")
        result.append(prefix)
    return tuple(dict.fromkeys(result))


def _words(value: object) -> tuple[str, ...]:
    return _strings(value, "an array of words or names, e.g. ['Bundestag']")


def _max_bytes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_BYTES:
        raise _expect(f"a whole number of bytes between 1 and {MAX_BYTES:,}", value)
    return value


def _strict(value: object) -> bool:
    if not isinstance(value, bool):
        raise _expect("true or false", value)
    return value


def _glossary(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _expect("the path of a CSV or TSV file", value)
    return value


def _model(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _expect("a Hugging Face model id (owner/name) or a model folder", value)
    return value.strip()


def _threshold(value: object) -> float:
    number = _number(value, 0.0, 1.0, "a probability between 0 and 1 (exclusive)")
    if not 0.0 < number < 1.0:
        raise _expect("a probability between 0 and 1 (exclusive)", value)
    return number


def _grammalecte_families(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    from tqa.checks.grammar_families import FAMILIES

    known = ", ".join(FAMILIES)
    result = []
    for item in _strings(value, f"an array of Grammalecte families ({known})"):
        if item.strip().lower() not in FAMILIES:
            raise _Invalid(f"{_REPR.repr(item)} is not a Grammalecte family (one of {known})")
        result.append(item.strip().lower())
    return tuple(dict.fromkeys(result))


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "source_lang": _language(0),
    "target_lang": _language(1),
    "segmentation": _choice(SEGMENTATIONS),
    "langid_backend": _choice(LANGID_BACKENDS),
    "align_scorer": _choice(ALIGN_SCORERS),
    "fail_under": _fail_under,
    "fail_on": _fail_on,
    "fail_on_accuracy": _fail_on_accuracy,
    "penalties": _penalties,
    "severities": _severities,
    "select": _selectors,
    "ignore": _selectors,
    "allow_words": _words,
    "max_bytes": _max_bytes,
    "strict": _strict,
    "glossary": _glossary,
    "neural_model": _model,
    "neural_back_model": _model,
    "neural_threshold": _threshold,
    "device": _choice(DEVICES),
    "grammalecte_families": _grammalecte_families,
}


def _check(name: str, value: object) -> Any:
    """``value`` checked and normalised for Config field ``name`` (raises _Invalid)."""
    return _CHECKS[name](value)


# -- configuration files -----------------------------------------------------


def find_config_file(start: Path) -> Path | None:
    """The nearest ``tqa.toml``, or ``pyproject.toml`` with a [tool.tqa] table,
    in ``start`` or a folder above it, up to the root of the repository that
    holds ``start`` (a folder with ``.git``): settings left in a parent
    folder of a checkout do not leak into it."""
    try:
        folder = start if start.is_dir() else start.parent
        for candidate in (folder.resolve(), *folder.resolve().parents):
            try:
                tqa_toml = candidate / "tqa.toml"
                if tqa_toml.is_file():
                    return tqa_toml
                pyproject = candidate / "pyproject.toml"
                if pyproject.is_file() and _configures_tqa(pyproject):
                    return pyproject
                if (candidate / ".git").exists():
                    break
            except PermissionError:
                if candidate != folder.resolve() or not start.is_dir():
                    raise
                # the folder to check cannot be searched: the reader says so
                # ("cannot read directory"); its settings are looked for above it
    except OSError as exc:
        where = exc.filename or start
        raise ConfigError(
            f"{where}: cannot look for a configuration file ({exc.strerror or exc}); "
            "use --config FILE or --isolated"
        ) from None
    return None


#: a broken pyproject.toml that seems to configure tqa: a [tool.tqa] header
#: (any TOML spelling, its closing bracket forgotten too) or a dotted key tool.tqa…
_TQA_TABLE = re.compile(
    r"""^[ \t]*\[?[ \t]*tool[ \t]*\.[ \t]*["']?tqa["']?[ \t]*(?:[\].=]|\r?$)""", re.M
)


def _configures_tqa(pyproject: Path) -> bool:
    """Whether ``pyproject.toml`` has a ``tool.tqa`` key, however TOML spells
    it. One that is not valid TOML counts when it seems to hold a [tool.tqa]
    table (reading it then reports the error); else it is someone else's."""
    import tomllib

    try:
        text = _read_config(pyproject, lenient=True)
    except InputError as exc:  # unreadable, too large, not a regular file
        raise ConfigError(f"{exc}; use --config FILE or --isolated") from None
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError):
        return _TQA_TABLE.search(text) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "tqa" in tool


def _read_config(path: Path, *, lenient: bool = False) -> str:
    """A configuration file's text: a regular file of at most
    CONFIG_MAX_BYTES (a FIFO or a device is refused without blocking).
    ``lenient``: bytes that are not UTF-8 are replaced, not an error."""
    from tqa.read.text import CONFIG_MAX_BYTES, read_limited

    data = read_limited(str(path), CONFIG_MAX_BYTES, "configuration", pipes=False)
    # a UTF-8 byte-order mark (what Windows editors save) is not part of the
    # text, as for the documents checked; tomllib would call it an invalid
    # statement at line 1, column 1
    data = data.removeprefix(b"\xef\xbb\xbf")
    if lenient:
        return data.decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML (not valid UTF-8 at byte {exc.start})") from None


def load_file(path: Path) -> dict[str, Any]:
    """Config fields from a TOML file, each checked: an unknown key (with a
    hint) or a bad value (naming the file, the key, what was expected and
    what was found) is a ConfigError."""
    import difflib
    import tomllib

    text = _read_config(path)
    try:
        data: Any = tomllib.loads(text)
    except ValueError as exc:  # TOMLDecodeError is a ValueError
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: invalid TOML (arrays or tables nested too deeply)") from None
    if path.name == "pyproject.toml":
        for table in ("tool", "tqa"):
            data = data.get(table, {})
            if not isinstance(data, dict):
                raise ConfigError(f"{path}: [tool.tqa]: expected a table, got {shown(data)}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in FILE_KEYS:
            close = difflib.get_close_matches(key, FILE_KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"{path}: unknown configuration key {_REPR.repr(key)}{hint}")
        name = FILE_KEYS[key]
        try:
            value = _check(name, value)
        except _Invalid as exc:
            raise ConfigError(f"{path}: {key}{exc.where}: {exc.problem}") from None
        if name == "select" and not value:  # would select nothing, yet run every rule
            raise ConfigError(
                f"{path}: {key}: selects no rule (leave the key out to run every rule)"
            )
        if name == "glossary" and value is not None:
            # relative to the configuration file; "~/terms.tsv" is in the home folder
            value = str(path.parent / os.path.expanduser(value))
        if name in ("neural_model", "neural_back_model") and value is not None:
            # a folder relative to the configuration file; anything else is a hub id
            near = path.parent / os.path.expanduser(value)
            if near.is_dir():
                value = str(near)
        values[name] = value
    pair = (values.get("source_lang", "de"), values.get("target_lang", "fr"))
    if pair not in SUPPORTED_PAIRS:
        raise ConfigError(
            f"{path}: source-lang/target-lang: tqa does not check {pair[0]} → {pair[1]} "
            f"translations (supported: {supported_pairs()})"
        )
    return values
