"""Byte-identity check for speed work: a step's outputs and edits against a saved reference.

A speed-up must not move one output byte. ``save`` runs a step as the code stands (say, at
HEAD before the change) on every input below and stores its outputs, its ``find_*`` edits
and its outputs cleaned again; ``check`` runs the step as the code stands now, reports every
input that differs, and prints the step's MB/s on the real inputs (median of 3), so a
change is judged on both in one command:

    python benchmarks/identity.py save join_hard_wraps     # before the change
    python benchmarks/identity.py check join_hard_wraps    # after it: 0 differing, faster?

Inputs (the same for ``save`` and ``check``): every real file (seeds, development corpus
including ``clean.txt``, the held-out, unseen and two-column sets) raw and as it enters the step in the default and
``web`` pipelines, then 4,000 random slices and 1,000 splices of two slices of those files
(fixed seed), so line starts, page edges and cut words are covered, and last the real files
joined into CLI-sized blocks (``DEFAULT_BLOCK_SIZE`` characters of many documents, as
``python -m zhclean`` cleans a big file), as each block enters the step: a step's cost may
grow with a text's length, so the blocks get their own MB/s. The reference lives in
``--store`` (default: the system temporary directory), one pickle per step.

Exit status: 0 when nothing differs, 1 otherwise.
"""

from __future__ import annotations

import argparse
import glob
import pickle
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from zhclean.batch import DEFAULT_BLOCK_SIZE  # noqa: E402
from zhclean.pipeline import DEFAULT, STEPS, Pipeline, preset  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
SLICES, SPLICES = 4000, 1000
SLICE_LENGTHS = (5, 20, 80, 300, 1500, 6000)

Record = tuple[str, int, int, str, str, bool]


def real_files(corpus: Path) -> list[str]:
    """The text of every seed, corpus file and file of the benchmarks' own sets (held-out,
    unseen, two-column), sorted by path. A byte-identity check is no tuning: the unseen
    set, kept out of every heuristic's tuning, may serve as input here."""
    paths = sorted(glob.glob(str(ROOT / "seeds" / "*.txt")))
    paths += sorted(glob.glob(str(corpus / "*" / "*.txt")))
    for own_set in ("heldout", "unseen", "twocol"):
        paths += sorted(glob.glob(str(HERE / own_set / "*" / "*.txt")))
    if not paths:
        raise SystemExit(f"no input files under {ROOT / 'seeds'} or {corpus}")
    return [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]


def as_entering(step: str, text: str, pipeline: Pipeline) -> str | None:
    """``text`` as it enters ``step`` in ``pipeline`` (None: the pipeline lacks the step)."""
    current = text
    for call in pipeline.steps:
        if getattr(call, "name", None) == step:
            return current
        current = call(current)
    return None


def blocks_of(files: list[str]) -> list[str]:
    """The files joined by blank lines into blocks of about ``DEFAULT_BLOCK_SIZE`` characters."""
    blocks: list[str] = []
    current: list[str] = []
    size = 0
    for text in files:
        current.append(text.strip("\n"))
        size += len(text)
        if size >= DEFAULT_BLOCK_SIZE:
            blocks.append("\n\n".join(current) + "\n")
            current, size = [], 0
    if current:
        blocks.append("\n\n".join(current) + "\n")
    return blocks


def inputs_for(step: str, corpus: Path) -> tuple[list[str], int, int]:
    """The inputs of ``step``, how many of them (the first ones) are real texts, and how
    many (the last ones) are CLI-sized blocks."""
    files = real_files(corpus)
    texts: list[str] = []
    for text in files:
        texts.append(text)
        for pipeline in (DEFAULT, preset("web")):
            entering = as_entering(step, text, pipeline)
            if entering is not None:
                texts.append(entering)
    real = len(texts)
    rng = random.Random(20261122)
    for _ in range(SLICES):
        text = rng.choice(files)
        start = rng.randrange(len(text) + 1)
        texts.append(text[start : start + rng.choice(SLICE_LENGTHS)])
    for _ in range(SPLICES):
        first, second = rng.choice(files), rng.choice(files)
        a, b = rng.randrange(len(first) + 1), rng.randrange(len(second) + 1)
        texts.append(first[a : a + rng.randrange(400)] + second[b : b + rng.randrange(400)])
    blocks = [as_entering(step, block, DEFAULT) for block in blocks_of(files)]
    texts.extend(block for block in blocks if block is not None)
    return texts, real, len(texts) - real - SLICES - SPLICES


def run(step: str, texts: list[str]) -> tuple[list[str], list[list[tuple[object, ...]]], list[str]]:
    """Outputs, edits (as plain tuples) and outputs cleaned again, for every text."""
    info = STEPS[step]
    outputs = [info.apply(text) for text in texts]
    edits = [[tuple(edit) for edit in info.find(text)] for text in texts]
    again = [info.apply(output) for output in outputs]
    return outputs, edits, again


def speed(step: str, texts: list[str]) -> float:
    """MB/s of ``step`` on ``texts``, median of 3."""
    apply = STEPS[step].apply
    size = sum(len(text.encode("utf-8", "surrogatepass")) for text in texts) / 1e6
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            apply(text)
        timings.append(time.perf_counter() - start)
    return size / statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("save", "check"))
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args(argv)

    reference = args.store / f"zhclean-identity-{args.step}.pkl"
    texts, real, blocks = inputs_for(args.step, args.corpus)
    outputs, edits, again = run(args.step, texts)
    if args.mode == "save":
        reference.write_bytes(pickle.dumps((texts, outputs, edits, again)))
        print(f"{args.step}: saved {len(texts)} inputs to {reference}")
        return 0
    if not reference.exists():
        raise SystemExit(f"no reference at {reference}: run 'save {args.step}' first")
    saved_texts, saved_outputs, saved_edits, saved_again = pickle.loads(reference.read_bytes())
    if saved_texts != texts:
        raise SystemExit("the inputs changed since 'save' (another corpus or upstream step?)")
    differing = [
        k for k in range(len(texts)) if outputs[k] != saved_outputs[k] or edits[k] != saved_edits[k]
    ]
    rerun = [k for k in range(len(texts)) if again[k] != saved_again[k]]
    print(
        f"{args.step}: {len(differing)} differing of {len(texts)} inputs, "
        f"{len(rerun)} differing re-runs; {speed(args.step, texts[:real]):.1f} MB/s "
        f"on the {real} real inputs, {speed(args.step, texts[len(texts) - blocks :]):.1f} MB/s "
        f"on the {blocks} CLI-sized blocks of them"
    )
    for k in differing[:5]:
        print(f"  input {k}: {texts[k][:120]!r}")
    return 1 if differing or rerun else 0


if __name__ == "__main__":
    sys.exit(main())
