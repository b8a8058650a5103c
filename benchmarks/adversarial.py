"""Scaling benchmark: is every step near-linear on adversarial input shapes?

usage: python benchmarks/adversarial.py [--base CHARS] [--shape NAME ...] [--step NAME ...]

Each shape (one 10 MB-style line, 100,000 blank lines, mixed CR/CRLF, NUL and
controls, lone surrogates, combining marks, private use, right-to-left text,
long Latin words, deeply repeated punctuation …) is built at 1×, 4× and 16×
``--base`` characters and run through every step alone and through the default
pipeline. The report gives the time at 1× and the ratios t(4×)/t(1×) and
t(16×)/t(1×): linear work gives about 4 and 16, quadratic work 16 and 256.
A line is flagged ``NONLINEAR`` when t(16×) exceeds 2.5 × 16 × t(1×) and is
long enough (> 50 ms) to be more than timer noise. Exit status 1 if any is.
The shapes are also what tests/test_robustness.py feeds every public function.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import zhclean
from zhclean.pipeline import STEPS

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed_line() -> str:
    path = next(SEEDS.glob("004_*.txt"))
    return path.read_text(encoding="utf-8").replace("\n", "")


def _tile(unit: str, size: int) -> str:
    return (unit * (size // max(len(unit), 1) + 1))[:size]


_SURROGATES = b"\xe9\x95\xbf\xff\xe6\xb1\x9f\xfe\x80 \xe9\x95\xb7\xed\xa0\x80\xe7\xb6\x93".decode(
    "utf-8", "surrogateescape"
)

#: name -> function(size in characters) -> text
SHAPES: dict[str, Callable[[int], str]] = {
    "whitespace only": lambda n: _tile(" \t\u3000\u00a0 \n", n),
    "emoji only": lambda n: _tile("🏋️♀🏽\u200d🎉⛵️#️⃣🇨🇳\U000e0067👨\u200d👩\u200d👧", n),
    "one long line": lambda n: _tile(_seed_line(), n),
    "blank lines": lambda n: "\n" * n,
    "CR and CRLF mixed": lambda n: _tile("长江经济带\r\n高质量\r发展\n\r\n", n),
    "NUL and controls": lambda n: _tile("长\x00江\x01经\x1b[0m济\x7f带\x85\x0c", n),
    "lone surrogates": lambda n: _tile(_SURROGATES, n),
    "combining marks": lambda n: "长" + "\u0301" * (n - 2) + "江",
    "combining mixed": lambda n: _tile("e\u0301长\u0300\u0323江\u20dd", n),
    "private use": lambda n: _tile("\ue000长\uf8ff江\U000f0000经\U00100001", n),
    "right-to-left": lambda n: _tile("\u202eمرحبا שלום\u202c 长江\u200f经济\u061c", n),
    "long Latin word": lambda n: "x" * n,
    "hyphenated Latin lines": lambda n: _tile("supercalifragilistic-\nexpialidocious ", n),
    "repeated punctuation": lambda n: _tile(",.;:!?", n),
    "repeated dots": lambda n: "." * n,
    "unbalanced quotes": lambda n: _tile("\"长江'", n),
    "open brackets": lambda n: "(" * (n // 2) + "长" * (n - n // 2),
    "spaced Han": lambda n: _tile("长 江 经 济 带 ", n),
    "page numbers": lambda n: _tile("\n- 12 -\n第3页\n3/12\n", n),
    "repeated short lines": lambda n: _tile("重庆日报\n", n),
    "digits and separators": lambda n: _tile("1,000.5:2/3%", n),
    "markdown markers": lambda n: _tile("#" * 7 + " ", n),
}

RATIO_LIMIT = 2.5  # allowed slack over linear at 16x
NOISE_FLOOR = 0.05  # seconds: below this at 16x, a ratio is timer noise


def _time(function: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
        if best > 0.5:
            break
    return best


def runners(names: list[str] | None) -> dict[str, Callable[[str], object]]:
    chosen: dict[str, Callable[[str], object]] = {
        name: info.apply for name, info in STEPS.items() if not names or name in names
    }
    if not names or "default" in names:
        chosen["default pipeline"] = zhclean.clean
    if not names or "explain" in names:
        chosen["explain (default)"] = zhclean.explain
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=int, default=20_000, help="characters at 1x (default 20000)")
    parser.add_argument("--shape", action="append", choices=list(SHAPES), help="only these shapes")
    parser.add_argument("--step", action="append", help="only these steps (or default, explain)")
    args = parser.parse_args(argv)
    flagged: list[str] = []
    print(f"base {args.base} characters; ratios t(4x)/t(1x) and t(16x)/t(1x); linear = 4, 16")
    print(f"{'shape':24} {'step':24} {'t(1x) ms':>9} {'4x':>6} {'16x':>7}")
    for shape, build in SHAPES.items():
        if args.shape and shape not in args.shape:
            continue
        texts = [build(args.base * factor) for factor in (1, 4, 16)]
        for name, function in runners(args.step).items():
            times = [_time(function, text) for text in texts]
            base = max(times[0], 1e-6)
            ratios = [t / base for t in times[1:]]
            nonlinear = times[2] > NOISE_FLOOR and ratios[1] > RATIO_LIMIT * 16
            mark = "  NONLINEAR" if nonlinear else ""
            if nonlinear:
                flagged.append(f"{name} on {shape!r}: t(16x)/t(1x) = {ratios[1]:.0f}")
            print(
                f"{shape:24} {name:24} {times[0] * 1000:9.2f} {ratios[0]:6.1f} {ratios[1]:7.1f}{mark}",
                flush=True,
            )
    if flagged:
        print("\nnot near-linear:")
        for line in flagged:
            print("  " + line)
        return 1
    print("\nevery step is near-linear on every shape")
    return 0


if __name__ == "__main__":
    sys.exit(main())
