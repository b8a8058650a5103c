"""Which OpenCC config should ``convert_script`` use by default? Measure, don't guess.

usage: .venv/bin/python benchmarks/opencc_configs.py [--configs t2s,tw2s,...]

For every candidate config (only ``convert_script`` runs; no other step):
  (a) seed 001 (Traditional, with naive one-to-many errors 同誌 機製 註重 李幹傑 著力點) against
      the Simplified seed 000: Han-only texts aligned, substituted characters counted
      (content that only one seed has shows up as insertions/deletions, not counted);
  (b) CER (whitespace removed, rapidfuzz Levenshtein / clean length, as
      /work/shared/tools/score_corpus.py) of the corpus s2t, s2tw, s2tw-emoji variants
      against clean.txt;
  (c) false changes on already-Simplified text: every corpus clean.txt and seeds
      000/002/003/004, listing each (old -> new) pair;
and, for the chosen default, speed in MB/s with and without the fast path on Simplified
(clean.txt, each document) and Traditional (s2tw.txt, each document) text, in one run.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

from zhclean import script
from zhclean.edits import apply_edits

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "seeds"
HAN = regex.compile(r"\p{Han}")
WS = regex.compile(r"\s+")
CANDIDATES = ("t2s", "tw2s", "tw2sp", "hk2s", "hk2sp")


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def han(text: str) -> str:
    return "".join(HAN.findall(text))


def substitutions(out: str, ref: str) -> collections.Counter[tuple[str, str]]:
    a, b = han(out), han(ref)
    pairs: collections.Counter[tuple[str, str]] = collections.Counter()
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "replace":
            for k in range(op.src_end - op.src_start):
                if op.dest_start + k < op.dest_end:
                    pairs[(a[op.src_start + k], b[op.dest_start + k])] += 1
    return pairs


def cer(out: str, ref: str) -> float:
    a, b = WS.sub("", out), WS.sub("", ref)
    return Levenshtein.distance(a, b) / max(1, len(b))


def docs(variant: str) -> list[tuple[str, str]]:
    return [
        (p.parent.name, p.read_text(encoding="utf-8"))
        for p in sorted(CORPUS.glob(f"*/{variant}.txt"))
    ]


def measure(config: str) -> dict[str, object]:
    row: dict[str, object] = {"config": config}
    subs = substitutions(script.convert_script(seed("001"), config=config), seed("000"))
    row["seed001_subs"] = sum(subs.values())
    row["seed001_pairs"] = " ".join(f"{a}>{b}×{n}" for (a, b), n in subs.most_common(12))
    clean = dict(docs("clean"))
    for variant in ("s2t", "s2tw", "s2tw-emoji"):
        values = [cer(script.convert_script(t, config=config), clean[d]) for d, t in docs(variant)]
        row[f"cer_{variant}"] = sum(values) / len(values)
    changes: collections.Counter[tuple[str, str]] = collections.Counter()
    simplified = [t for _, t in docs("clean")] + [seed(p) for p in ("000", "002", "003", "004")]
    for text in simplified:
        for edit in script.find_conversions(text, config=config):
            changes[(text[edit.start : edit.end], edit.replacement)] += 1
    row["false_changes"] = sum(changes.values())
    row["false_pairs"] = " ".join(f"{a}>{b}×{n}" for (a, b), n in changes.most_common(20))
    return row


def speed(config: str, variant: str, fast: bool, rounds: int = 3) -> float:
    texts = [t for _, t in docs(variant)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    script._plain_edits(texts[0], script.resolve_config(config), 0, fast)  # warm the caches
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            apply_edits(text, script._plain_edits(text, config, 0, fast))
        best = min(best, time.perf_counter() - start)
    return size / 1e6 / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", default=",".join(CANDIDATES))
    args = parser.parse_args(argv)
    configs = [script.resolve_config(c) for c in args.configs.split(",")]
    print("| config | seed001 subs vs 000 | CER s2t | CER s2tw | CER s2tw-emoji | false changes |")
    print("|---|---|---|---|---|---|")
    rows = [measure(c) for c in configs]
    for r in rows:
        print(
            f"| {r['config']} | {r['seed001_subs']} | {r['cer_s2t']:.5%} | {r['cer_s2tw']:.5%} "
            f"| {r['cer_s2tw-emoji']:.5%} | {r['false_changes']} |"
        )
    for r in rows:
        print(f"\n{r['config']}: seed 001 substitutions: {r['seed001_pairs'] or 'none'}")
        print(f"{r['config']}: false changes on Simplified: {r['false_pairs'] or 'none'}")
    config = script.DEFAULT_CONFIG
    print(f"\nspeed of the default ({config}), best of 3, MB/s:")
    for variant, label in (("clean", "Simplified"), ("s2tw", "Traditional")):
        on, off = speed(config, variant, True), speed(config, variant, False)
        print(f"  {label:12} fast path {on:8.2f}   without {off:8.2f}   ×{on / off:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
