#!/usr/bin/env python3
"""Cost of checking a JSON report before ``tqa render`` renders it.

The sample article's report (reports/kazakhstan-summit.fr.json) is repeated
1, 10, 100 and 200 times as a batch; for each size the script times tqa's
validator (parse without NaN, foreign-file checks, the published schema,
offsets) against ``json.loads`` alone and, when installed, against the
``jsonschema`` package with the same schema. The time per megabyte should
stay flat (linear growth).

    python scripts/bench_validate.py [--sizes 1 10 100 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqa.render.validate import parse, schema  # noqa: E402


def best(function, text: str, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 200])
    args = parser.parse_args()
    sample = json.loads((ROOT / "reports" / "kazakhstan-summit.fr.json").read_text("utf-8"))
    try:
        start = time.perf_counter()
        import jsonschema

        imported = time.perf_counter() - start
        validator = jsonschema.Draft202012Validator(schema())
        print(f"import jsonschema: {imported:.2f} s")
    except ImportError:
        validator = None
    print(
        f"{'documents':>9} {'MB':>6} {'json.loads':>10} {'tqa':>7} {'tqa s/MB':>8} {'jsonschema':>10}"
    )
    for size in args.sizes:
        data = dict(sample, documents=sample["documents"] * size)
        text = json.dumps(data, ensure_ascii=False)
        mb = len(text.encode("utf-8")) / 1e6
        loads = best(json.loads, text)
        ours = best(parse, text)
        theirs = ""
        if validator is not None:
            theirs = f"{best(lambda t: list(validator.iter_errors(json.loads(t))), text, 1):.3f}"
        print(f"{size:>9} {mb:>6.2f} {loads:>10.3f} {ours:>7.3f} {ours / mb:>8.3f} {theirs:>10}")


if __name__ == "__main__":
    main()
