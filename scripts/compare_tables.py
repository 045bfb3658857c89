"""Whether two table caches hold the same tables, byte for byte.

    python scripts/compare_tables.py CACHE_A CACHE_B

CACHE_A and CACHE_B are two ``tqa`` cache folders (``$XDG_CACHE_HOME/tqa``)
filled by first runs of two versions (``scripts/bench_tables.py --keep``):
every table file must be in both, with the same bytes. A table's name
ends in a key made of its sources' content: the tables keyed by tqa's own
files (the compiled expressions of tqa's checks) have another name when
tqa's code changed, and are paired by the rest of their name. The file of
source digests (``cache.DIGESTS``) is a memo of what each source file's
digest is, in the order the files were first read: it is compared as the
mapping it holds, the files whose content differs between the two runs
named. Exit status 0 when every table is the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _unkeyed(name: str) -> str:
    """A table's name less its sources' key (``NAME-vN-KEY.table``)."""
    return re.sub(r"-[0-9a-f]{16}(\.table)$", r"\1", name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first")
    parser.add_argument("second")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import msgpack

    from tqa.backends import cache

    first, second = sorted(os.listdir(args.first)), sorted(os.listdir(args.second))
    pairs = [(name, name) for name in sorted(set(first) & set(second))]
    rest_a = {_unkeyed(n): n for n in set(first) - set(second)}
    rest_b = {_unkeyed(n): n for n in set(second) - set(first)}
    pairs += [(rest_a[n], rest_b[n]) for n in sorted(set(rest_a) & set(rest_b))]
    differ = 0
    for name in sorted(set(rest_a) ^ set(rest_b)):
        print(f"only in {args.first if name in rest_a else args.second}: {name}")
        differ += 1
    for name_a, name_b in pairs:
        path_a, path_b = os.path.join(args.first, name_a), os.path.join(args.second, name_b)
        a, b = Path(path_a).read_bytes(), Path(path_b).read_bytes()
        if name_a == cache.DIGESTS:
            # by content: the same files read from two checkouts have other paths
            values_a = set(msgpack.unpackb(cache._read(path_a)).values())
            values_b = set(msgpack.unpackb(cache._read(path_b)).values())
            print(
                f"{cache.DIGESTS}: {len(values_a & values_b)} source files of the same "
                f"content, {len(values_a ^ values_b)} in one run only (changed between "
                "the versions: tqa's own files)"
            )
            continue
        same = a == b
        how = f"{'identical' if same else 'DIFFERENT'} ({len(a):,} / {len(b):,} bytes)"
        digest = hashlib.sha256(a).hexdigest()[:12] if same else ""
        other = "" if name_a == name_b else f" (other sources: {name_b})"
        print(f"{how:<38} {digest:<12} {name_a}{other}")
        differ += not same
    pairs = [p for p in pairs if p[0] != cache.DIGESTS]
    print(f"{len(pairs)} tables in both, {differ} differences")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
