"""Run configuration: defaults < config file < command-line flags.

``Config`` is frozen; the CLI builds one and every stage reads from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqa.errors import ConfigError
from tqa.model import SEVERITIES

SEGMENTATIONS = ("auto", "lines", "sentences", "paragraphs")
LANGID_BACKENDS = ("lingua", "langdetect")

DEFAULT_PENALTIES: dict[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}


@dataclass(frozen=True)
class Config:
    source_lang: str = "de"
    target_lang: str = "fr"
    segmentation: str = "auto"
    langid_backend: str = "lingua"
    fail_under: float = 95.0
    fail_on: str | None = None
    penalties: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_PENALTIES))
    severities: dict[str, str] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    allow_words: tuple[str, ...] = ()
    max_bytes: int = 20_000_000
    strict: bool = False
    glossary: str | None = None
    """CSV/TSV file of required French renderings of German terms (columns german, french)."""

    def __post_init__(self) -> None:
        if self.segmentation not in SEGMENTATIONS:
            raise ConfigError(
                f"unknown segmentation {self.segmentation!r} (choose from {', '.join(SEGMENTATIONS)})"
            )
        if self.langid_backend not in LANGID_BACKENDS:
            raise ConfigError(
                f"unknown language-identification backend {self.langid_backend!r} "
                f"(choose from {', '.join(LANGID_BACKENDS)})"
            )
        if self.fail_on is not None and self.fail_on not in SEVERITIES:
            raise ConfigError(
                f"unknown severity {self.fail_on!r} for fail-on (choose from {', '.join(SEVERITIES[1:])})"
            )
        if not 0.0 <= self.fail_under <= 100.0:
            raise ConfigError(f"fail-under must be between 0 and 100, got {self.fail_under}")
        for code, severity in self.severities.items():
            if severity not in SEVERITIES:
                raise ConfigError(f"unknown severity {severity!r} for {code}")
        for name in self.penalties:
            if name not in SEVERITIES:
                raise ConfigError(f"unknown severity {name!r} in penalties")

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
    "fail-under": "fail_under",
    "fail-on": "fail_on",
    "penalties": "penalties",
    "severities": "severities",
    "select": "select",
    "ignore": "ignore",
    "allow-words": "allow_words",
    "max-bytes": "max_bytes",
    "strict": "strict",
    "glossary": "glossary",
}


def find_config_file(start: Path) -> Path | None:
    """The nearest ``tqa.toml``, or ``pyproject.toml`` with a [tool.tqa] table,
    in ``start`` or a folder above it, up to the root of the repository that
    holds ``start`` (a folder with ``.git``): settings left in a parent
    folder of a checkout do not leak into it."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        tqa_toml = candidate / "tqa.toml"
        if tqa_toml.is_file():
            return tqa_toml
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.tqa" in pyproject.read_text(
            encoding="utf-8", errors="replace"
        ):
            return pyproject
        if (candidate / ".git").exists():
            break
    return None


def load_file(path: Path) -> dict[str, Any]:
    """Config fields from a TOML file; unknown keys are errors with a hint."""
    import difflib
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tqa", {})
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if key not in FILE_KEYS:
            close = difflib.get_close_matches(key, FILE_KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"{path}: unknown configuration key {key!r}{hint}")
        name = FILE_KEYS[key]
        if name in ("select", "ignore", "allow_words"):
            value = tuple(value) if isinstance(value, list) else (value,)
        if name == "penalties":
            value = {**DEFAULT_PENALTIES, **value}
        if name == "glossary" and isinstance(value, str):
            value = str(path.parent / value)  # relative to the configuration file
        fields[name] = value
    return fields
