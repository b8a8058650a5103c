"""Quality benchmark: zhclean, its presets and the peers on corpora of clean/dirty pairs.

usage: python benchmarks/quality.py [--corpus DIR ...] [--cleaner NAME ...] [--only VARIANT]
                                    [--short] [--json OUT] [--write-results]

A corpus is a directory of ``<doc>/clean.txt`` (one paragraph per line) with dirty
variants ``<doc>/<variant>.txt`` and ``<doc>/manifest.json`` (``pdf.columns``), as
``../shared/corpus`` (the default) and ``benchmarks/heldout``. For each corpus, cleaner
and variant it reports: documents, mean CER, micro paragraph-boundary P/R/F1 (see
``metrics.py``; the same figures as ``../shared/tools/score_corpus.py``), crashes (a crash
scores as empty output), residue left beyond what the clean text has (emoji pieces,
characters OpenCC t2s would change, ASCII ``,;?!`` between two Han) and MB/s of input.
PDF and OCR variants are split by the document's column count (``pdftotext/2col``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import metrics
import peers
from results import replace_section

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
RESULTS = REPO / "benchmarks" / "RESULTS.md"
START, END = "<!-- quality:start -->", "<!-- quality:end -->"

# --short: the variants that exercise each kind of noise once, on a few documents,
# so CI runs every cleaner end to end in seconds.
SHORT_VARIANTS = ("pdftotext", "pdftotext-layout", "ocr", "s2tw-emoji")
SHORT_DOCS = 3


@dataclass(frozen=True)
class Document:
    corpus: str
    name: str
    path: Path
    columns: str

    @property
    def clean(self) -> str:
        return (self.path / "clean.txt").read_text(encoding="utf-8")

    def variants(self) -> list[str]:
        return sorted(p.stem for p in self.path.glob("*.txt") if p.name != "clean.txt")

    def dirty(self, variant: str) -> str:
        return (self.path / f"{variant}.txt").read_text(encoding="utf-8", errors="replace")


def layout_variant(variant: str, columns: str) -> str:
    """The reported variant name: text-level variants as is, PDF/OCR ones by layout."""
    if variant.startswith(("s2", "emoji")):
        return variant
    return f"{variant}/{columns}col"


def _columns(path: Path) -> str:
    try:
        with open(path / "manifest.json", encoding="utf-8") as f:
            return str(json.load(f)["pdf"]["columns"])
    except (OSError, ValueError, KeyError, TypeError):
        return "?"


def documents(corpus: Path, label: str) -> list[Document]:
    """Every document of ``corpus`` (a directory with a clean.txt), sorted by name."""
    return [
        Document(label, d.name, d, _columns(d))
        for d in sorted(corpus.iterdir())
        if (d / "clean.txt").is_file()
    ]


def short_selection(docs: Sequence[Document]) -> list[Document]:
    """A few documents covering each column count, for --short."""
    chosen: list[Document] = []
    for cols in sorted({d.columns for d in docs}):
        chosen.append(next(d for d in docs if d.columns == cols))
    for d in docs:
        if len(chosen) >= SHORT_DOCS:
            break
        if d not in chosen:
            chosen.append(d)
    return sorted(chosen[:SHORT_DOCS], key=lambda d: d.name)


@dataclass
class Tally:
    """Running totals of one (corpus, cleaner, variant) cell."""

    docs: int = 0
    cer: float = 0.0
    bounds: metrics.BoundaryCounts = field(default_factory=lambda: metrics.BoundaryCounts(0, 0, 0))
    residue: metrics.Residue = field(default_factory=lambda: metrics.Residue(0, 0, 0))
    crashes: int = 0
    first_crash: str = ""
    seconds: float = 0.0
    nbytes: int = 0

    def row(self, corpus: str, cleaner: str, variant: str) -> dict[str, Any]:
        p, r, f = metrics.prf(self.bounds)
        return {
            "corpus": corpus,
            "cleaner": cleaner,
            "variant": variant,
            "docs": self.docs,
            "cer": self.cer / self.docs,
            "P": p,
            "R": r,
            "F1": f,
            "crashes": self.crashes,
            "emoji_left": self.residue.emoji,
            "trad_left": self.residue.traditional,
            "punct_left": self.residue.ascii_punct,
            "MBps": self.nbytes / 1e6 / max(self.seconds, 1e-9),
            "status": f"crash: {self.first_crash}" if self.crashes else "ok",
        }


def score(
    cleaner: peers.Cleaner, docs: Iterable[Document], only: Sequence[str] | None
) -> Iterator[tuple[str, str, Tally]]:
    """Run one cleaner over the documents; yield (corpus, variant, tally) per cell."""
    assert cleaner.fn is not None
    cells: dict[tuple[str, str], Tally] = {}
    for doc in docs:
        ref = doc.clean
        ref_residue = metrics.residue(ref)
        for variant in doc.variants():
            if only and variant not in only:
                continue
            dirty = doc.dirty(variant)
            t0 = time.perf_counter()
            try:
                out = cleaner.fn(dirty)
                crash = ""
            except Exception as e:
                out, crash = "", repr(e)[:80]
            dt = time.perf_counter() - t0
            t = cells.setdefault((doc.corpus, layout_variant(variant, doc.columns)), Tally())
            t.docs += 1
            t.cer += metrics.cer(out, ref)
            t.bounds += metrics.boundary_counts(out, ref)
            t.residue += metrics.residue(out).excess_over(ref_residue)
            t.crashes += bool(crash)
            t.first_crash = t.first_crash or crash
            t.seconds += dt
            t.nbytes += len(dirty.encode())
    for (corpus, variant), tally in sorted(cells.items()):
        yield corpus, variant, tally


def run(
    corpora: Sequence[tuple[str, Path]],
    names: Sequence[str],
    only: Sequence[str] | None = None,
    short: bool = False,
) -> tuple[list[dict[str, Any]], list[peers.Cleaner]]:
    """All rows of the benchmark, and the cleaners (with versions and status)."""
    docs: list[Document] = []
    for label, path in corpora:
        found = documents(path, label)
        docs += short_selection(found) if short else found
    if short and not only:
        only = SHORT_VARIANTS
    rows: list[dict[str, Any]] = []
    cleaners = [peers.load(n) for n in names]
    for cleaner in cleaners:
        if not cleaner.available:
            rows.append(
                {"corpus": "*", "cleaner": cleaner.name, "variant": "*", "status": cleaner.status}
            )
            continue
        for corpus, variant, tally in score(cleaner, docs, only):
            rows.append(tally.row(corpus, cleaner.name, variant))
    order = {n: i for i, n in enumerate(names)}
    rows.sort(key=lambda r: (r["corpus"] != "*", r["corpus"], r["variant"], order[r["cleaner"]]))
    return rows, cleaners


HEADER = (
    f"{'variant':22} {'cleaner':16} {'docs':>4} {'CER%':>8} {'P':>6} {'R':>6} {'F1':>6} "
    f"{'crash':>5} {'emoji':>6} {'trad':>6} {'punct':>5} {'MB/s':>7}"
)


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    """The rows as an aligned text table, one block per corpus."""
    lines: list[str] = []
    corpus, variant = None, None
    for r in rows:
        if r["corpus"] != corpus:
            corpus, variant = r["corpus"], None
            if corpus == "*":
                lines += ["", "unavailable cleaners:"]
            else:
                lines += ["", f"corpus: {corpus}", HEADER]
        if "cer" not in r:
            lines.append(f"{r['cleaner']:16} {r['status']}")
            continue
        if variant is not None and r["variant"] != variant:
            lines.append("")
        variant = r["variant"]
        lines.append(
            f"{r['variant'][:22]:22} {r['cleaner'][:16]:16} {r['docs']:4} {100 * r['cer']:8.3f} "
            f"{r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['crashes']:5} {r['emoji_left']:6} "
            f"{r['trad_left']:6} {r['punct_left']:5} {r['MBps']:7.2f}"
        )
    return "\n".join(lines).strip("\n") + "\n"


def crash_notes(rows: Sequence[dict[str, Any]]) -> str:
    """The first crash message of each cleaner that crashed."""
    seen: dict[str, str] = {}
    for r in rows:
        if r.get("crashes"):
            seen.setdefault(r["cleaner"], r["status"])
    return "".join(f"{name}: {status}\n" for name, status in seen.items())


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def results_section(
    rows: Sequence[dict[str, Any]], cleaners: Sequence[peers.Cleaner], command: str
) -> str:
    # the presets share zhclean's version: name it once
    named = {
        c.name.partition("-")[0] if c.name.startswith("zhclean") else c.name: c.version
        for c in cleaners
        if c.version != "-"
    }
    versions = ", ".join(f"{name} {version}" for name, version in named.items())
    notes = crash_notes(rows)
    return (
        f"{START}\n## Quality\n\n"
        f"Date: {datetime.date.today().isoformat()}  \nMachine: {machine()}  \n"
        f"Versions: {versions}  \nCommand: `{command}`\n\n"
        "CER: edit distance of the whitespace-free texts over the clean length (mean over "
        "documents). P/R/F1: paragraph boundaries, micro-averaged. emoji/trad/punct: "
        "residue beyond the clean text (emoji pieces, characters OpenCC t2s would change, "
        "ASCII `,;?!` between two Han), summed. MB/s: dirty input per second of cleaning (one process on a shared machine: "
        "indicative only). "
        "Options of each peer: `benchmarks/peers.py`.\n\n"
        f"```\n{format_table(rows)}```\n"
        + (f"\nCrashes (first message per cleaner):\n\n```\n{notes}```\n" if notes else "")
        + f"{END}"
    )


def write_results(section: str, path: Path = RESULTS) -> None:
    """Replace the quality section of RESULTS.md (create the file if needed)."""
    replace_section(section, START, END, path)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus",
        action="append",
        type=Path,
        help=f"corpus directory, repeatable (default {DEFAULT_CORPUS})",
    )
    ap.add_argument(
        "--cleaner",
        action="append",
        help="cleaner name or module:function, repeatable (default: all of "
        "raw, naive, zhclean and its presets, the peers)",
    )
    ap.add_argument(
        "--only",
        action="append",
        metavar="VARIANT",
        help="only this dirty variant (e.g. ocr), repeatable",
    )
    ap.add_argument(
        "--short",
        action="store_true",
        help=f"{SHORT_DOCS} documents per corpus, variants {', '.join(SHORT_VARIANTS)}",
    )
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the rows as JSON")
    ap.add_argument(
        "--write-results",
        action="store_true",
        help=f"rewrite the quality section of {RESULTS.relative_to(REPO)}",
    )
    a = ap.parse_args(argv)
    paths: list[Path] = a.corpus or [DEFAULT_CORPUS]
    for p in paths:
        if not p.is_dir():
            ap.error(f"no corpus directory {p}")
    labels = [p.resolve().name for p in paths]
    if len(set(labels)) < len(labels):
        labels = [str(p) for p in paths]
    names = a.cleaner or peers.default_names()
    try:
        rows, cleaners = run(list(zip(labels, paths, strict=True)), names, a.only, a.short)
    except ValueError as e:
        ap.error(str(e))
    if not any("cer" in r for r in rows):
        ap.error("no document has the requested variants (see --only)")
    sys.stdout.write(format_table(rows))
    notes = crash_notes(rows)
    if notes:
        sys.stdout.write("\ncrashes (first message per cleaner):\n" + notes)
    if a.json:
        a.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    if a.write_results:
        command = "python benchmarks/quality.py " + " ".join(sys.argv[1:] if argv is None else argv)
        write_results(results_section(rows, cleaners, command.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
