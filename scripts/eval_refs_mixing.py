"""Mixing false alarms on professional French: the WMT22 references checked
against their German sources, one document at a time, as a user would run

    tqa check ref.fr.txt --source src.de.txt --segmentation lines --fail-on major

    python scripts/eval_refs_mixing.py [--domain news] [-v]

Prints, per domain and overall: TQA-MIX findings per 1,000 words, and how
many documents fail the gate with ``--fail-on major`` (every check), and how
many of those fail because of a TQA-MIX finding. ``-v`` lists the TQA-MIX
findings with their context. Only the German sources and the French
references are read, never the MT outputs. The data lives in
../shared/data/wmt22-defr; the script says so and exits 0 when it is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wmt22 import WMT, read_wmt  # noqa: E402

SEVERE = ("major", "critical")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--domain", help="only this domain (news, ecommerce, social, conversation)")
    parser.add_argument("--select", help="checks run (default: every check)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the TQA-MIX findings")
    args = parser.parse_args()
    if not WMT.exists():
        print(f"{WMT} not found: the WMT22 data lives in ../shared/data; nothing measured.")
        return 0
    from tqa import runner

    config = runner.build_config(
        config_path=None,
        first_path=None,
        isolated=True,
        segmentation="lines",
        fail_on="major",
        select=tuple(args.select.split(",")) if args.select else (),
    )
    docs = [d for d in read_wmt() if not args.domain or d.domain == args.domain]
    words: Counter[str] = Counter()
    mix: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    failed_mix: Counter[str] = Counter()
    count: Counter[str] = Counter()
    codes: dict[str, Counter[str]] = defaultdict(Counter)
    blocking: dict[str, Counter[str]] = defaultdict(Counter)
    with tempfile.TemporaryDirectory() as tmp:
        src_path, ref_path = Path(tmp) / "src.de.txt", Path(tmp) / "ref.fr.txt"
        for doc in docs:
            src_path.write_text("\n".join(doc.src) + "\n", encoding="utf-8")
            ref_path.write_text("\n".join(doc.ref) + "\n", encoding="utf-8")
            report = runner.run_check([str(ref_path)], config, source=str(src_path))
            document = report.documents[0]
            found = [f for f in document.findings if f.code.startswith("TQA-MIX")]
            for domain in (doc.domain, "all"):
                count[domain] += 1
                words[domain] += document.words
                mix[domain] += len(found)
                codes[domain].update(f.code for f in found)
                if not document.score.passed:
                    failed[domain] += 1
                    blocking[domain].update(
                        {f.code for f in document.findings if f.severity in SEVERE}
                    )
                    if any(f.severity in SEVERE for f in found):
                        failed_mix[domain] += 1
            if args.verbose:
                for f in found:
                    context = re.sub(r"\s+", " ", document.text[max(0, f.start - 40) : f.end + 40])
                    print(f"  {doc.id} {f.code} {f.severity} “{f.text}”: …{context}…")
    print(
        "| domain | documents | words | TQA-MIX findings | per 1,000 words "
        "| fail --fail-on major | of which for a TQA-MIX finding |"
    )
    print("|---|---|---|---|---|---|---|")
    for domain in sorted(count, key=lambda d: (d == "all", d)):
        detail = ", ".join(f"{c}×{n}" for c, n in sorted(codes[domain].items()))
        print(
            f"| {domain} | {count[domain]} | {words[domain]:,} | {mix[domain]} ({detail or '-'}) "
            f"| {1000 * mix[domain] / max(1, words[domain]):.2f} "
            f"| {failed[domain]}/{count[domain]} | {failed_mix[domain]} |"
        )
    print(
        "\nDocuments failing the gate, by the codes of their major or critical findings: "
        + ", ".join(f"{c}×{n}" for c, n in blocking["all"].most_common())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
