"""Speed benchmark: MB/s of zhclean, its presets and steps, the peers and the floors.

One run, one process, one table: every row cleans the same mixed corpus one document
per call, and its figure is UTF-8 input megabytes (10^6 bytes) per second of the median
of ``--repeats`` timings. The corpus is built from the seeds and every *dirty* variant
of the development corpus (pdftotext, pdftotext -layout, pdfminer, OCR, s2t, s2tw,
emoji, s2tw-emoji; never ``clean.txt``), so every step has work to do; the list of
documents is repeated until it holds ``--size-mb`` megabytes.

Scaling rows: one document made of 1x, 4x and 16x the unique corpus text (time must
grow linearly with a document's length); ``clean_batch`` and the CLI with ``--jobs 2``
versus ``--jobs 1``; the CLI's peak resident memory on a large generated text file.

    python benchmarks/speed.py                  # full run (~20 MB corpus)
    python benchmarks/speed.py --short          # tiny corpus, one repeat (CI)
    python benchmarks/speed.py --write-results  # also rewrite its RESULTS.md section

The machine's load average is printed before and after: on a shared machine the
figures are only comparable within one run.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import glob
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import peers  # noqa: E402  (benchmarks/ is not a package)
from results import replace_section  # noqa: E402

TextFunction = Callable[[str], str]
START_MARK = "<!-- speed:start -->"
END_MARK = "<!-- speed:end -->"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
PEER_NAMES = ("jionlp", "harvesttext", "unstructured", "clean-text", "ftfy")


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    group: str
    name: str
    mb_per_s: float | None
    seconds: float | None
    note: str = ""
    #: Peak resident memory of a CLI row, in bytes.
    peak: int | None = None


def source_documents(corpus: Path, seeds: Path) -> list[tuple[str, str]]:
    """(label, text) of every seed and every dirty variant of the corpus, sorted."""
    paths = sorted(glob.glob(str(seeds / "*.txt")))
    paths += sorted(
        p for p in glob.glob(str(corpus / "*" / "*.txt")) if not p.endswith("clean.txt")
    )
    docs: list[tuple[str, str]] = []
    for path in paths:
        text = Path(path).read_bytes().decode("utf-8", errors="replace")
        docs.append((os.path.relpath(path, corpus.parent), text))
    if not docs:
        raise SystemExit(f"no documents under {corpus} or {seeds}")
    return docs


def build_corpus(unique: Sequence[str], size_mb: float) -> list[str]:
    """``unique`` repeated (whole copies, then a prefix of the list) up to ``size_mb``."""
    target = size_mb * 1e6
    docs: list[str] = []
    total = 0
    while total < target:
        for text in unique:
            docs.append(text)
            total += len(text.encode("utf-8"))
            if total >= target:
                break
    return docs


def utf8_size(docs: Sequence[str]) -> int:
    return sum(len(d.encode("utf-8")) for d in docs)


def time_docs(fn: TextFunction, docs: Sequence[str], repeats: int) -> float:
    """Median seconds of ``fn`` over every document, ``repeats`` times."""
    times: list[float] = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        for doc in docs:
            fn(doc)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(
    group: str,
    name: str,
    fn: TextFunction | None,
    docs: Sequence[str],
    size: int,
    repeats: int,
    note: str = "",
) -> Row:
    if fn is None:
        return Row(group, name, None, None, note)
    try:
        fn(docs[0])  # warm up: lazy tables, OpenCC converters, imports
        seconds = time_docs(fn, docs, repeats)
    except Exception as e:  # a crashing peer is a result, not an abort
        return Row(group, name, None, None, f"failed: {type(e).__name__}: {e}"[:80])
    return Row(group, name, size / 1e6 / seconds, seconds, note)


#: Times ``zhclean.clean`` over the documents of a JSON file with ``time_docs``, in a fresh
#: process (the from-source row: ``ZHCLEAN_PURE_PYTHON`` is read at import).
_SOURCE_TIMER = (
    "import json, sys; sys.path.insert(0, sys.argv[3]); import speed, zhclean; "
    "docs = json.load(open(sys.argv[1], encoding='utf-8')); zhclean.clean(docs[0]); "
    "print(speed.time_docs(zhclean.clean, docs, int(sys.argv[2])))"
)


def build_note() -> str:
    """How this process runs zhclean: compiled (mypyc, the C scanner) or from source."""
    from zhclean import _native

    return _native.describe()


def source_row(docs: Sequence[str], size: int, repeats: int, workdir: Path) -> list[Row]:
    """The default pipeline run from its Python source (``ZHCLEAN_PURE_PYTHON=1``), next to
    the compiled row: what an install without a C compiler gets."""
    from zhclean import _native

    if not _native.running_compiled():
        return []
    path = workdir / "docs.json"
    path.write_text(json.dumps(list(docs)), encoding="utf-8")
    env = {**os.environ, "ZHCLEAN_PURE_PYTHON": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _SOURCE_TIMER, str(path), str(repeats), str(HERE)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    path.unlink()
    seconds = float(done.stdout.strip())
    note = "ZHCLEAN_PURE_PYTHON=1: Python source, Python line scanner"
    return [Row("zhclean", "default pipeline, from source", size / 1e6 / seconds, seconds, note)]


def zhclean_rows(docs: Sequence[str], size: int, repeats: int) -> list[Row]:
    import zhclean

    rows = [
        measure("zhclean", "default pipeline", zhclean.clean, docs, size, repeats, build_note())
    ]
    for name, pipeline in zhclean.PRESETS.items():
        rows.append(measure("zhclean", f"preset {name}", pipeline, docs, size, repeats))
    for name, info in zhclean.STEPS.items():
        rows.append(measure("step", name, info.apply, docs, size, repeats, "alone, on raw input"))
    return rows


def peer_rows(docs: Sequence[str], size: int, repeats: int) -> list[Row]:
    rows = []
    for name in PEER_NAMES:
        cleaner = peers.load(name)
        note = cleaner.version if cleaner.available else cleaner.status
        rows.append(measure("peer", name, cleaner.fn, docs, size, repeats, note))
    return rows


def floor_rows(docs: Sequence[str], size: int, repeats: int, workdir: Path) -> list[Row]:
    import emoji
    import opencc
    import regex

    rows = []
    # Reading: the corpus as one file on disk (page cache warm), read and decoded.
    path = workdir / "corpus.txt"
    path.write_text("\n".join(docs), encoding="utf-8")
    rows.append(
        measure(
            "floor",
            "read + decode UTF-8",
            lambda _: path.read_text(encoding="utf-8"),
            ["x"],
            size,
            repeats,
            "whole corpus file",
        )
    )
    noise = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Component}\p{Cf}]+")
    rows.append(
        measure(
            "floor",
            "one regex pass",
            lambda t: noise.sub("", t),
            docs,
            size,
            repeats,
            "sub over pictographic|component|Cf",
        )
    )
    t2s = opencc.OpenCC("t2s")
    rows.append(
        measure(
            "floor",
            "OpenCC t2s",
            t2s.convert,
            docs,
            size,
            repeats,
            f"opencc {peers._version('OpenCC')}",
        )
    )
    rows.append(
        measure(
            "floor",
            "emoji.replace_emoji",
            lambda t: emoji.replace_emoji(t, ""),
            docs,
            size,
            repeats,
            f"emoji {emoji.__version__}",
        )
    )
    return rows


def scaling_rows(unique: Sequence[str], factors: Sequence[int], repeats: int) -> list[Row]:
    """One document of 1x, 4x, 16x the unique text: time must grow linearly (the median
    of ``repeats`` runs each, like every other row: the target has a margin of 1/16).

    The note gives the page faults of a run (minor faults, mean over the runs): memory the
    process had to map afresh. A big document's objects outgrow what the allocators keep
    between steps, and on a virtual machine each fault costs microseconds, so that count,
    not the cleaning, is what grows faster than the text."""
    import zhclean

    base = "\n\n".join(unique)
    rows = []
    first: float | None = None
    for factor in factors:
        text = "\n\n".join([base] * factor)
        size = len(text.encode("utf-8"))
        faults_before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        seconds = time_docs(zhclean.clean, [text], repeats)
        faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults_before) / repeats
        first = first if first is not None else seconds
        note = (
            f"{size / 1e6:.1f} MB; time x{seconds / first:.2f} for size x{factor}; "
            f"{faults / 1000:.1f}k page faults a run"
        )
        rows.append(Row("scaling", f"one document x{factor}", size / 1e6 / seconds, seconds, note))
    return rows


def batch_rows(docs: Sequence[str], size: int) -> list[Row]:
    import zhclean

    rows = []
    for jobs in (1, 2):
        start = time.perf_counter()
        zhclean.clean_batch(list(docs), jobs=jobs)
        seconds = time.perf_counter() - start
        rows.append(Row("scaling", f"clean_batch jobs={jobs}", size / 1e6 / seconds, seconds))
    ratio = rows[0].seconds / rows[1].seconds  # type: ignore[operator]
    rows[1] = Row(
        rows[1].group, rows[1].name, rows[1].mb_per_s, rows[1].seconds, f"x{ratio:.2f} of jobs=1"
    )
    return rows


def ceiling_row(docs: Sequence[str], repeats: int, workdir: Path) -> list[Row]:
    """The most two processes give on this machine: the default pipeline over the corpus
    in one process, then in two independent processes at once (``_SOURCE_TIMER``, compiled
    build). Two cores rarely give 2x (shared caches and memory bandwidth, a neighbour on the
    host): ``--jobs 2`` is read against this, not against 2."""
    path = workdir / "docs.json"
    path.write_text(json.dumps(list(docs)), encoding="utf-8")
    size = utf8_size(docs)
    command = [sys.executable, "-c", _SOURCE_TIMER, str(path), "1", str(HERE)]
    one: list[float] = []
    two: list[float] = []
    for _ in range(repeats):
        # alternated, as the CLI rows are: a ratio of two single runs moves with the machine
        alone = subprocess.run(command, capture_output=True, text=True, check=True)
        one.append(float(alone.stdout.strip()))
        pair = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
        outputs = [process.communicate()[0] for process in pair]
        if any(process.returncode for process in pair):
            raise RuntimeError("a timing process failed")
        two.append(max(float(out.strip()) for out in outputs))
    path.unlink()
    seconds_one, seconds_two = statistics.median(one), statistics.median(two)
    ratio = 2 * seconds_one / seconds_two
    note = f"x{ratio:.2f} the throughput of one process: the most --jobs 2 can give here"
    return [
        Row("scaling", "two processes at once", 2 * size / 1e6 / seconds_two, seconds_two, note)
    ]


def write_big_file(
    path: Path, unique: Sequence[str], size_mb: float, blank_lines: bool = True
) -> int:
    """A text file of ``size_mb`` MB: the unique corpus over and over, blank-line separated;
    with ``blank_lines=False`` every blank line dropped, as text stored one paragraph per
    line has none (the CLI then finds no blank line to cut its blocks at)."""
    if blank_lines:
        base = ("\n\n".join(unique) + "\n\n").encode("utf-8")
    else:
        lines = (line for text in unique for line in text.split("\n") if line.strip())
        base = ("\n".join(lines) + "\n").encode("utf-8")
    target = int(size_mb * 1e6)
    written = 0
    with path.open("wb") as out:
        while written < target:
            out.write(base)
            written += len(base)
    return written


# The CLI is started by a small launcher that forks it: a process forked from this one
# (hundreds of MB once the peers are loaded) would inherit this process's peak RSS.
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "zhclean", *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_cli(args: Sequence[str], workdir: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one CLI run, its output discarded."""
    report = workdir / "maxrss"
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        code = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(report), *args], stdout=sink, check=False
        ).returncode
    seconds = time.perf_counter() - start
    if code != 0:
        raise RuntimeError(f"zhclean {' '.join(args)} exited {code}")
    return seconds, int(report.read_text()) * 1024  # Linux reports KiB


def cli_rows(
    unique: Sequence[str], jobs_mb: float, memory_mb: float, workdir: Path, repeats: int
) -> list[Row]:
    rows = []
    path = workdir / "jobs.txt"
    size = write_big_file(path, unique, jobs_mb)
    # --jobs 1 and --jobs 2 alternate, median of ``repeats`` each: a ratio of two single
    # runs moved by 0.05 between runs on this machine, as much as the target's margin
    runs: dict[int, list[tuple[float, int]]] = {1: [], 2: []}
    for _ in range(repeats):
        for jobs in (1, 2):
            runs[jobs].append(run_cli(["--jobs", str(jobs), str(path)], workdir))
    timed = {}
    for jobs in (1, 2):
        seconds = statistics.median(run[0] for run in runs[jobs])
        peak = max(run[1] for run in runs[jobs])
        timed[jobs] = seconds
        note = f"{size / 1e6:.0f} MB text file, median of {repeats}, peak RSS {peak / 1e6:.0f} MB"
        if jobs == 2:
            note += f", x{timed[1] / seconds:.2f} of --jobs 1"
        rows.append(Row("scaling", f"CLI --jobs {jobs}", size / 1e6 / seconds, seconds, note, peak))
    path.unlink()
    big = workdir / "big.txt"
    for name, blank_lines, kind in (
        ("CLI peak memory", True, "text file"),
        ("CLI peak memory, no blank line", False, "text file without blank lines"),
    ):
        size = write_big_file(big, unique, memory_mb, blank_lines)
        seconds, peak = run_cli([str(big)], workdir)
        big.unlink()
        rows.append(
            Row(
                "scaling",
                name,
                size / 1e6 / seconds,
                seconds,
                f"{size / 1e6:.0f} MB {kind}: peak RSS {peak / 1e6:.0f} MB",
                peak,
            )
        )
    return rows


def targets(rows: Sequence[Row]) -> list[str]:
    """The targets of issue 5, each with the figure of this run and whether it is met."""
    by_name = {row.name: row for row in rows}
    lines = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    default = by_name["default pipeline"].mb_per_s
    peers_measured = [r for r in rows if r.group == "peer" and r.mb_per_s is not None]
    if default is not None:
        lines.append(f"default pipeline {default:.2f} MB/s, target >= 25: {verdict(default >= 25)}")
        if peers_measured:
            fastest = max(peers_measured, key=lambda r: r.mb_per_s or 0.0)
            assert fastest.mb_per_s is not None
            lines.append(
                f"never slower than a peer: fastest peer {fastest.name} {fastest.mb_per_s:.2f} MB/s: "
                f"{verdict(default >= fastest.mb_per_s)}"
            )
    first, last = by_name.get("one document x1"), by_name.get("one document x16")
    if first and last and first.seconds and last.seconds:
        ratio = last.seconds / first.seconds
        lines.append(f"16x input in {ratio:.2f}x time, target <= 17: {verdict(ratio <= 17)}")
    one, two = by_name.get("CLI --jobs 1"), by_name.get("CLI --jobs 2")
    if one and two and one.seconds and two.seconds:
        ratio = one.seconds / two.seconds
        ceiling = by_name.get("two processes at once")
        machine = f" (two processes at once: {ceiling.note.split()[0]})" if ceiling else ""
        lines.append(
            f"CLI --jobs 2 x{ratio:.2f} of --jobs 1, target >= 1.8: {verdict(ratio >= 1.8)}"
            + machine
        )
    for name in ("CLI peak memory", "CLI peak memory, no blank line"):
        memory = by_name.get(name)
        if memory and memory.peak:
            lines.append(
                f"CLI peak RSS {memory.peak / 1e6:.0f} MB ({memory.note.split(':')[0]}), "
                f"target < 200 MB on 1 GB: {verdict(memory.peak < 200e6)} at this size"
            )
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def load_average() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def versions() -> str:
    names = ["zhclean", *PEER_NAMES, "OpenCC", "regex", "emoji"]
    parts = []
    for name in names:
        version = peers._zhclean_version() if name == "zhclean" else peers._version(name)
        parts.append(f"{name} {version}")
    return ", ".join(parts)


def format_table(rows: Sequence[Row]) -> str:
    lines = [f"{'group':<8} {'what':<26} {'MB/s':>9} {'seconds':>9}  note"]
    for row in rows:
        rate = "-" if row.mb_per_s is None else f"{row.mb_per_s:9.2f}"
        secs = "-" if row.seconds is None else f"{row.seconds:9.3f}"
        lines.append(f"{row.group:<8} {row.name:<26} {rate:>9} {secs:>9}  {row.note}".rstrip())
    return "\n".join(lines)


def write_results(path: Path, body: str) -> None:
    """Replace the speed section of ``path`` (or append one) through the shared writer;
    lines of the old section starting with ``By hand:`` (figures too slow for every
    run, such as the 1 GB memory figure) are kept."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START_MARK in old and END_MARK in old:
        previous = old.split(START_MARK, 1)[1].split(END_MARK, 1)[0]
        kept = [line for line in previous.splitlines() if line.startswith("By hand:")]
        if kept:
            body = body.rstrip() + "\n\n" + "\n".join(kept)
    replace_section(f"{START_MARK}\n{body.rstrip()}\n{END_MARK}", START_MARK, END_MARK, path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--size-mb", type=float, default=20.0, help="mixed corpus size")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--jobs-mb", type=float, default=100.0, help="text file size for the CLI --jobs rows"
    )
    parser.add_argument(
        "--memory-mb", type=float, default=200.0, help="text file size for the CLI peak-memory row"
    )
    parser.add_argument(
        "--short",
        action="store_true",
        help="tiny corpus, one repeat, small files (CI: under a minute)",
    )
    parser.add_argument("--no-peers", action="store_true", help="skip the peers")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling rows")
    parser.add_argument(
        "--write-results",
        action="store_true",
        help=f"rewrite the speed section of {HERE / 'RESULTS.md'}",
    )
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    if args.short:
        args.size_mb, args.repeats, args.jobs_mb, args.memory_mb = 0.3, 1, 1.0, 2.0
    factors = (1, 4, 16)

    sources = source_documents(args.corpus, args.seeds)
    unique = [text for _, text in sources]
    if args.short:
        # A slice of every document keeps every variant (so every step) in the tiny corpus.
        unique = [text[:1500] for text in unique]
    docs = build_corpus(unique, args.size_mb)
    size = utf8_size(docs)
    load_before = load_average()
    header = (
        f"Corpus: {len(docs)} documents, {size / 1e6:.1f} MB UTF-8: the {len(sources)} seeds and "
        f"dirty corpus variants ({utf8_size(unique) / 1e6:.2f} MB) repeated"
        + (", each cut to 1,500 characters (--short)" if args.short else "")
        + f"; median of {args.repeats}, one document per call, one process."
    )
    print(header, flush=True)
    print(f"Load average before: {load_before} ({os.cpu_count()} cores)", flush=True)

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="zhclean-speed-") as tmp:
        workdir = Path(tmp)
        parts: list[Callable[[], list[Row]]] = [
            lambda: zhclean_rows(docs, size, args.repeats),
            lambda: source_row(docs, size, args.repeats, workdir),
            lambda: [] if args.no_peers else peer_rows(docs, size, args.repeats),
            lambda: floor_rows(docs, size, args.repeats, workdir),
        ]
        for part in parts:
            new = part()
            for row in new:
                print(format_table([row]).splitlines()[1], flush=True)
            rows.extend(new)
        if not args.no_scaling:
            scale_unit = unique if not args.short else unique[:20]
            for new in (
                scaling_rows(scale_unit, factors, args.repeats),
                batch_rows(docs, size),
                ceiling_row(docs if not args.short else docs[:50], args.repeats, workdir),
                cli_rows(unique, args.jobs_mb, args.memory_mb, workdir, args.repeats),
            ):
                for row in new:
                    print(format_table([row]).splitlines()[1], flush=True)
                rows.extend(new)
    load_after = load_average()
    table = format_table(rows)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    footer = f"Load average after: {load_after}; this process peak RSS {own / 1e6:.0f} MB"
    goals = targets(rows)
    print()
    print(table)
    print(footer)
    print("Targets (issue 5):")
    for line in goals:
        print(f"- {line}")

    if args.write_results:
        command = "python benchmarks/speed.py" + (" --short" if args.short else "")
        body = "\n".join(
            [
                "## Speed",
                "",
                f"Date: {datetime.date.today().isoformat()}  ",
                f"Machine: {machine()}  ",
                f"Load average (1/5/15 min): before {load_before}, after {load_after} "
                "(shared machine: compare rows within one run)  ",
                f"Versions: {versions()}  ",
                f"Command: `{command}`",
                "",
                header,
                "",
                "```",
                table,
                "```",
                "",
                "Targets (issue 5), from this run:",
                "",
                *(f"- {line}" for line in goals),
            ]
        )
        write_results(args.results, body)
        print(f"wrote the speed section of {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
