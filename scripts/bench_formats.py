"""Bilingual files and batches of pairs, on real and on large data.

--compare   XLIFF and TMX made from the WMT22 de-fr sources and references
            (<src>, <ref>; never the MT outputs) with translate-toolkit's
            converters (pairs → PO → po2xliff, po2tmx), read back by tqa:
            every unit's text must be its pair's, and its findings those of
            the same pair checked as plain text.
--scale     time (wall and CPU) and peak memory of `tqa check` on unit files
            of 10,000, 30,000 and 100,000 units (XLIFF; TMX and PO with
            --unit-formats) and on a 10,000-file folder pair (and on a tenth
            of it), each run in its own process, to see how memory grows.

The WMT22 data lives outside the project (../shared/data); without it
--compare says so and exits 0, and --scale uses synthetic sentences.

    python scripts/bench_formats.py --compare [--limit N] [--select CODES]
    python scripts/bench_formats.py --scale [--units 10000,30000,100000] [--files 10000]
                                    [--unit-formats xliff,tmx,po] [--select CODES]
                                    [--report-format json|jsonl]   (0 units or files: skip)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
WMT = ROOT.parent / "shared" / "data" / "wmt22-defr" / "wmttest2022.de-fr.all.xml"
#: the families of the scale runs: reading, segmenting, language identification and
#: sentence alignment run whatever is selected; the word alignment that the
#: accuracy checks add costs about 19 ms per WMT22 sentence pair (--select '' for all)
FAST = "TQA-MIX,TQA-TYP,TQA-STR"


def wmt_pairs() -> list[tuple[str, str, str]]:
    """(key, German source, French reference) of every WMT22 segment; the
    MT outputs (<hyp>) are not read."""
    pairs = []
    for doc in ET.parse(WMT).getroot().iter("doc"):
        src, ref = doc.find("src"), doc.find("ref")
        if src is None or ref is None:
            continue
        for n, (s, r) in enumerate(zip(src.iter("seg"), ref.iter("seg"), strict=False), 1):
            pairs.append((f"{doc.get('id', '?')}:{n}", s.text or "", r.text or ""))
    return pairs


def make_files(pairs: list[tuple[str, str, str]], folder: Path) -> tuple[Path, Path]:
    """XLIFF and TMX of ``pairs`` by translate-toolkit's converters, through a PO file."""
    from translate.convert.po2tmx import po2tmx
    from translate.convert.po2xliff import po2xliff
    from translate.storage import pypo
    from translate.storage.tmx import tmxfile

    store = pypo.pofile()
    for key, source, target in pairs:
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setcontext(key)
    po_path = folder / "wmt22.po"
    po_path.write_bytes(bytes(store))
    xliff_path = folder / "wmt22.xlf"
    xliff_path.write_bytes(po2xliff().convertstore(pypo.pofile(po_path.read_bytes())))
    tmx = tmxfile()
    with po_path.open("rb") as handle:
        po2tmx().convertfiles(handle, tmx, "de", "fr")
    tmx_path = folder / "wmt22.tmx"
    tmx_path.write_bytes(bytes(tmx))
    return xliff_path, tmx_path


def compare(limit: int | None, select: str) -> int:
    if not WMT.exists():
        print(f"WMT22 data not found at {WMT}; nothing to compare")
        return 0
    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import active_rules, check_document
    from tqa.read import Input, read_input

    pairs = [p for p in wmt_pairs() if p[1].strip() and p[2].strip()][:limit]
    config = Config(select=tuple(c for c in select.split(",") if c)) if select else Config()
    rules, notes = active_rules(config)
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(pairs, Path(tmp))
        for path in files:
            started = time.perf_counter()
            document = read_input(Input(str(path), str(path)), 1 << 30, "de", "fr")
            report = check_document(document, config, rules=rules, notes=notes)
            elapsed = time.perf_counter() - started
            assert document.source is not None
            by_unit: dict[int, list[tuple[str, int, int, str, str]]] = {}
            number_of = {id(u.info): n for n, u in enumerate(document.units)}
            for finding in report.findings:
                number = number_of[id(finding.unit)]
                unit = document.units[number]
                by_unit.setdefault(number, []).append(
                    (
                        finding.code,
                        finding.start - unit.start,
                        finding.end - unit.start,
                        finding.text,
                        finding.message,
                    )
                )
            texts_equal = same = 0
            differ: list[str] = []
            started_plain = time.perf_counter()
            for number, unit in enumerate(document.units):
                target = document.text[unit.start : unit.end]
                source = document.source.text[unit.source_start : unit.source_end]
                key, wmt_source, wmt_target = pairs[number]
                texts_equal += (source, target) == (wmt_source, wmt_target)
                alone = check_document(
                    Document("t", target),
                    config,
                    source=Document("s", source),
                    rules=rules,
                    notes=notes,
                )
                expected = [(f.code, f.start, f.end, f.text, f.message) for f in alone.findings]
                if by_unit.get(number, []) == expected:
                    same += 1
                else:
                    differ.append(key)
            plain = time.perf_counter() - started_plain
            print(
                f"{path.suffix[1:].upper()}: {len(document.units)} units from {len(pairs)} "
                f"WMT22 pairs; text equal to the pair's: {texts_equal}; findings equal to the "
                f"plain-text pair's: {same}/{len(document.units)} "
                f"({len(report.findings)} findings); checked in {elapsed:.1f} s "
                f"(the pairs as plain text one by one: {plain:.1f} s)"
            )
            if differ:
                print("  units that differ:", ", ".join(differ[:20]))
    return 0


def synthetic(count: int) -> list[tuple[str, str]]:
    base = (
        [(s, t) for _, s, t in wmt_pairs() if s.strip() and t.strip()]
        if WMT.exists()
        else [
            (
                "Der Gipfel wurde am Montag in Astana eröffnet.",
                "Le sommet s'est ouvert lundi à Astana.",
            ),
            ("Die Minister unterzeichneten 3 Abkommen.", "Les ministres ont signé 3 accords."),
        ]
    )
    return [base[n % len(base)] for n in range(count)]


def write_xliff(path: Path, pairs: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            ' <file original="bench" source-language="de" target-language="fr" '
            'datatype="plaintext">\n  <body>\n'
        )
        for n, (source, target) in enumerate(pairs):
            out.write(
                f'   <trans-unit id="u{n}">\n    <source>{escape(source)}</source>\n'
                f'    <target state="translated">{escape(target)}</target>\n   </trans-unit>\n'
            )
        out.write("  </body>\n </file>\n</xliff>\n")


def write_tmx(path: Path, pairs: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            ' <header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="none" adminlang="en" srclang="de" datatype="plaintext"/>\n <body>\n'
        )
        for n, (source, target) in enumerate(pairs):
            out.write(
                f'  <tu tuid="u{n}">\n   <tuv xml:lang="de"><seg>{escape(source)}</seg></tuv>\n'
                f'   <tuv xml:lang="fr"><seg>{escape(target)}</seg></tuv>\n  </tu>\n'
            )
        out.write(" </body>\n</tmx>\n")


def write_po(path: Path, pairs: list[tuple[str, str]]) -> None:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    with path.open("w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for n, (source, target) in enumerate(pairs):
            out.write(f'msgctxt "u{n}"\nmsgid {quoted(source)}\nmsgstr {quoted(target)}\n\n')


UNIT_WRITERS = {"xliff": (".xlf", write_xliff), "tmx": (".tmx", write_tmx), "po": (".po", write_po)}


def write_folders(folder: Path, pairs: list[tuple[str, str]]) -> tuple[Path, Path]:
    fr, de = folder / "fr", folder / "de"
    for n, (source, target) in enumerate(pairs):
        sub = f"{n // 1000:03d}"
        (fr / sub).mkdir(parents=True, exist_ok=True)
        (de / sub).mkdir(parents=True, exist_ok=True)
        (fr / sub / f"{n}.txt").write_text(target + "\n", encoding="utf-8")
        (de / sub / f"{n}.txt").write_text(source + "\n", encoding="utf-8")
    return fr, de


def measure(args: list[str]) -> tuple[float, float, int, float]:
    """Wall time (s), peak resident memory (MB), exit status and CPU time
    (s, user + system) of a tqa run in its own process."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(time.perf_counter() - t, u.ru_maxrss / 1024, r.returncode, u.ru_utime + u.ru_stime)"
    )
    tqa = str(Path(sys.executable).with_name("tqa"))
    done = subprocess.run(
        [sys.executable, "-c", probe, tqa, *args], capture_output=True, text=True, check=True
    )
    seconds, megabytes, status, cpu = done.stdout.split()
    if int(status) == 2:  # a usage or input error: the figures mean nothing
        raise SystemExit(f"tqa {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return float(seconds), float(megabytes), int(status), float(cpu)


def _load() -> str:
    return "load average {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg())


def scale(
    units: list[int],
    files: int,
    select: str,
    report: str = "json",
    formats: tuple[str, ...] = ("xliff",),
) -> int:
    chosen = ["--select", select] if select else []
    common = ["--isolated", "--format", report, "-o", os.devnull, "--max-bytes", str(10**9)]
    print(f"--format {report}; {_load()}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in formats:
            suffix, write = UNIT_WRITERS[kind]
            for count in units:
                path = Path(tmp) / f"units-{count}{suffix}"
                write(path, synthetic(count))
                size = path.stat().st_size / 1e6
                seconds, peak, status, cpu = measure(["check", str(path), *common, *chosen])
                path.unlink()
                print(
                    f"{kind.upper()} of {count:,} units ({size:.1f} MB): {seconds:.1f} s "
                    f"(CPU {cpu:.1f} s), {count / seconds:,.0f} units/s, peak {peak:.0f} MB "
                    f"(exit {status}; {_load()})",
                    flush=True,
                )
        for count in (files // 10, files) if files else ():
            fr, de = write_folders(Path(tmp) / f"pairs-{count}", synthetic(count))
            seconds, peak, status, cpu = measure(
                ["check", str(fr), "--source", str(de), *common, *chosen]
            )
            print(
                f"folder pair of {count:,} files: {seconds:.1f} s (CPU {cpu:.1f} s), "
                f"{count / seconds:,.0f} pairs/s, peak {peak:.0f} MB (exit {status}; {_load()})",
                flush=True,
            )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--scale", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--units", default="10000,30000,100000", help="unit counts, comma-separated (0: none)"
    )
    parser.add_argument(
        "--unit-formats", default="xliff", help="of xliff, tmx, po, comma-separated (for --scale)"
    )
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--select", default=None, help="rule codes (default: all for --compare)")
    parser.add_argument(
        "--report-format", choices=("json", "jsonl"), default="json", help="for --scale"
    )
    args = parser.parse_args()
    status = 0
    if args.compare:
        status |= compare(args.limit, args.select or "")
    if args.scale:
        select = FAST if args.select is None else args.select
        units = [int(n) for n in args.units.split(",") if int(n) > 0]
        formats = tuple(f for f in args.unit_formats.split(",") if f)
        status |= scale(units, args.files, select, args.report_format, formats)
    if not (args.compare or args.scale):
        parser.print_help()
    return status


if __name__ == "__main__":
    sys.exit(main())
