"""Renderers: each output format is a pure function of a Report.

JSON (``to_dict``) is canonical and versioned; ``render.load`` reads a saved
JSON report back so that ``tqa render`` can turn it into any other format.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from tqa.model import Report

#: format name → "module:function" (imported on use)
FORMATS: dict[str, str] = {
    "json": "tqa.render.json_report:render",
    "text": "tqa.render.text:render",
    "html": "tqa.render.html:render",
    "sarif": "tqa.render.sarif:render",
    "junit": "tqa.render.junit:render",
    "github": "tqa.render.github:render",
    "markdown": "tqa.render.markdown:render",
}


def renderer(name: str) -> Callable[[Report], str]:
    module, _, function = FORMATS[name].partition(":")
    return getattr(import_module(module), function)  # type: ignore[no-any-return]
