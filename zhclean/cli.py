"""The command line: ``python -m zhclean FILE… | DIR | 'GLOB' | -``.

Exit status: 0 success, 1 cleaning failed unexpectedly, 2 bad usage or input
(missing file, undecodable bytes, malformed JSON). Errors are one line on stderr,
never a traceback.

Every input is streamed: text files in blocks cut at paragraph boundaries, JSONL
line by line, Parquet batch by batch, so memory stays bounded on any input size.
All documents of a run go through one :func:`zhclean.clean_batch`, so ``--jobs N``
starts N worker processes once, each receiving the pipeline once.
"""

from __future__ import annotations

import argparse
import glob
import importlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Generic, NamedTuple, TypeVar

from zhclean import __version__, _native, report
from zhclean.batch import (
    DEFAULT_BLOCK_SIZE,
    clean_batch,
    clean_batch_encoded,
    clean_gap,
    split_blocks,
)
from zhclean.formats import (
    AtomicFile,
    BadRecord,
    DecodeError,
    TextStream,
    codec_name,
    dump_record,
    parse_record,
)
from zhclean.pipeline import PRESETS, STEPS, Pipeline, preset
from zhclean.script import DEFAULT_CONFIG

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

# "simplified" is the measured default config (tw2s: it also fixes 著力點 -> 着力点,
# which t2s leaves as 著力点); see benchmarks/opencc_configs.py.
_TARGETS = {"simplified": DEFAULT_CONFIG, "traditional": "s2t"}

# What a directory given as input contributes, per format.
_DIRECTORY_FILES = {"text": ("*.txt", "*.md"), "jsonl": ("*.jsonl",), "parquet": ("*.parquet",)}

EXAMPLES = """\
examples:
  python -m zhclean seeds/001_522596ff6ab5f318.txt        clean one file to stdout
  python -m zhclean a.txt b.txt -o out.txt                 clean two files into one, atomically
  cat dirty.txt | python -m zhclean -                      read standard input
  python -m zhclean --to traditional news.txt              convert to Traditional instead
  python -m zhclean --opencc s2twp news.txt                any OpenCC configuration
  python -m zhclean --preset web page.txt                  keep lines as they are (no joining)
  python -m zhclean --steps strip_symbols,normalize_whitespace chat.txt
  python -m zhclean --encoding big5 -v old.txt             force an encoding (default: detect)
  python -m zhclean --jsonl --field text data.jsonl -o clean.jsonl
  python -m zhclean --parquet shards/ -o clean_shards/     mirror a directory of Parquet shards
  python -m zhclean 'raw/**/*.txt' -o clean/ --jobs 4      a glob, four worker processes
  python -m zhclean --in-place notes/*.txt                 replace the inputs (atomically)
"""


class UsageError(Exception):
    """A problem with the command line or the input, reported in one line."""


class CleaningFailed(Exception):
    """A step raised while cleaning a document: exit status 1, one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m zhclean",
        description="Clean Chinese text extracted from PDFs and OCR: rebuild paragraphs, "
        "remove page debris and emoji noise, convert Traditional to Simplified, "
        "normalize punctuation and spacing.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE",
        help="input files, directories, quoted globs ('raw/**/*.txt'), or - for stdin",
    )
    out = parser.add_mutually_exclusive_group()
    out.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write here (atomically) instead of stdout; a directory (existing, ending in /, "
        "or when the inputs are a directory or glob) receives one file per input, names mirrored",
    )
    out.add_argument(
        "--in-place",
        action="store_true",
        help="replace each input file by its cleaned text (atomically)",
    )
    parser.add_argument(
        "--preset",
        default="default",
        choices=["default", *PRESETS],
        help="which pipeline to run (default: %(default)s)",
    )
    parser.add_argument(
        "--steps",
        metavar="S1,S2",
        help=f"run exactly these steps, in this order; choose from: {', '.join(STEPS)}",
    )
    script = parser.add_mutually_exclusive_group()
    script.add_argument(
        "--to",
        choices=["simplified", "traditional", "none"],
        help="target script (default: simplified)",
    )
    script.add_argument(
        "--opencc", metavar="CONFIG", help="any OpenCC configuration, e.g. s2twp, tw2sp, s2hk"
    )
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument(
        "--jsonl", action="store_true", help="inputs are JSON Lines; clean one field of each record"
    )
    fmt.add_argument(
        "--parquet",
        action="store_true",
        help="inputs are Parquet files (needs pyarrow); needs -o or --in-place",
    )
    parser.add_argument(
        "--field", default="text", help="the JSONL/Parquet field to clean (default: %(default)s)"
    )
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="pass malformed JSONL lines through untouched (counted on stderr) instead of stopping",
    )
    parser.add_argument(
        "--encoding",
        default="auto",
        metavar="NAME",
        help="input encoding: auto (default: BOM, UTF-8, GB18030, Big5), or any codec name "
        "(utf-8, gb18030, gbk, big5, utf-16…)",
    )
    parser.add_argument(
        "--errors",
        choices=["strict", "replace"],
        default="strict",
        help="undecodable bytes: stop with an error (default), or replace with U+FFFD and report",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (default 1; 0: one per CPU)",
    )
    parser.add_argument(
        "--block-size",
        type=int,
        default=DEFAULT_BLOCK_SIZE,
        metavar="CHARS",
        help="characters of a text file cleaned at once, cut at paragraph boundaries (default %(default)s)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="say which encoding each input was read as"
    )
    parser.add_argument(
        "--version", action="version", version=f"zhclean {__version__} ({_native.describe()})"
    )
    report.add_report_arguments(parser)
    return parser


def pipeline_from_args(args: argparse.Namespace) -> Pipeline:
    """The pipeline the command line asks for."""
    if args.steps:
        names = [name.strip() for name in args.steps.split(",") if name.strip()]
        try:
            pipeline = Pipeline(*names)
        except ValueError as error:
            raise UsageError(str(error)) from None
    else:
        pipeline = preset(args.preset)
    if args.to == "none":
        if "convert_script" in pipeline.step_names:
            pipeline = pipeline.without("convert_script")
    elif args.to or args.opencc:
        config = args.opencc or _TARGETS[args.to]
        if "convert_script" not in pipeline.step_names:
            raise UsageError("--to/--opencc need the convert_script step in --steps")
        try:
            pipeline = pipeline.with_options("convert_script", config=config)
            pipeline("")  # validates the OpenCC configuration now, not per file
        except ValueError as error:
            raise UsageError(str(error)) from None
    return pipeline


# ---------------------------------------------------------------- inputs and outputs


class Source(NamedTuple):
    """One input: its path (None for stdin), the name errors use, the path mirrored under -o DIR."""

    path: Path | None
    name: str
    relative: Path


def _is_glob(text: str) -> bool:
    return any(char in text for char in "*?[")


def expand_inputs(items: Sequence[str], kind: str) -> tuple[list[Source], bool]:
    """The input files, and whether any came from a directory or glob (so -o is a directory)."""
    sources: list[Source] = []
    expanded = False
    for item in items:
        if item == "-":
            sources.append(Source(None, "<stdin>", Path("stdin")))
            continue
        path = Path(item)
        if path.is_dir():
            expanded = True
            found = sorted(
                {
                    p
                    for pattern in _DIRECTORY_FILES[kind]
                    for p in path.rglob(pattern)
                    if p.is_file()
                }
            )
            if not found:
                patterns = ", ".join(_DIRECTORY_FILES[kind])
                raise UsageError(f"{item}: directory holds no input file ({patterns})")
            sources.extend(Source(p, str(p), p.relative_to(path)) for p in found)
        elif path.exists():
            sources.append(Source(path, item, Path(path.name)))
        elif _is_glob(item):
            expanded = True
            matches = sorted(Path(m) for m in glob.glob(item, recursive=True) if Path(m).is_file())
            if not matches:
                raise UsageError(f"{item}: pattern matches no file")
            parts = Path(item).parts
            fixed = next((i for i, part in enumerate(parts) if _is_glob(part)), len(parts))
            base = Path(*parts[:fixed]) if fixed else Path(".")
            sources.extend(Source(m, str(m), m.relative_to(base)) for m in matches)
        else:
            raise UsageError(f"{item}: no such file")
    return sources, expanded


class Sink:
    """Where one output goes: stdout, or a file that appears only when complete."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.file = AtomicFile(path, binary=True) if path is not None else None
        self.last = b""

    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else "<stdout>"

    def write(self, text: str) -> None:
        self.write_encoded(text.encode("utf-8"))

    def write_encoded(self, data: bytes) -> None:
        """Write text already UTF-8 encoded (by a worker process)."""
        if not data:
            return
        self.last = data[-1:]
        if self.file is None:
            sys.stdout.buffer.write(data)
        else:
            self.file.write(data)

    def end_document(self) -> None:
        """Documents written one after another each end with a newline."""
        if self.last not in (b"", b"\n"):
            self.write_encoded(b"\n")

    def commit(self) -> None:
        if self.file is None:
            sys.stdout.flush()
        else:
            self.file.commit()

    def abort(self) -> None:
        if self.file is not None:
            self.file.abort()


@dataclass
class Plan:
    """Which sink each source writes to, opened as the run reaches it."""

    args: argparse.Namespace
    pipeline: Pipeline
    sources: list[Source]
    targets: list[Path | None]  # per source; None: stdout
    shared: bool  # all sources go to one sink
    open_sinks: dict[Path | None, Sink] = field(default_factory=dict)

    def sink(self, index: int) -> Sink:
        target = self.targets[index]
        if target not in self.open_sinks:
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
            self.open_sinks[target] = Sink(target)
        return self.open_sinks[target]

    def finish(self, index: int) -> None:
        """Source ``index`` is fully written: commit its sink unless later sources share it."""
        if self.shared and index < len(self.sources) - 1:
            return
        target = self.targets[index]
        sink = self.open_sinks.pop(target, None)
        if sink is not None:
            sink.commit()

    def finish_empty(self, index: int) -> None:
        """An empty input still gives its (empty) output file."""
        self.sink(index)
        self.finish(index)

    def abort(self) -> None:
        for sink in self.open_sinks.values():
            sink.abort()
        self.open_sinks.clear()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def make_plan(
    args: argparse.Namespace, pipeline: Pipeline, sources: list[Source], expanded: bool
) -> Plan:
    """Decide every output path, refusing any that would overwrite an input."""
    kind = "parquet" if args.parquet else "jsonl" if args.jsonl else "text"
    if args.in_place:
        if any(s.path is None for s in sources):
            raise UsageError("--in-place cannot write back to standard input")
        return Plan(args, pipeline, sources, [s.path for s in sources], shared=False)
    if args.output is None:
        if kind == "parquet":
            raise UsageError("--parquet writes files: give -o FILE_OR_DIR or --in-place")
        return Plan(args, pipeline, sources, [None] * len(sources), shared=True)
    output = Path(args.output)
    as_directory = (
        output.is_dir()
        or args.output.endswith(("/", os.sep))
        or expanded
        or (kind == "parquet" and len(sources) > 1)
    )
    if as_directory:
        if output.exists() and not output.is_dir():
            raise UsageError(
                f"{args.output}: not a directory, but the inputs need one output per file"
            )
        targets: list[Path | None] = [output / s.relative for s in sources]
        shared = False
    else:
        targets = [output] * len(sources)
        shared = True
    for source, target in zip(sources, targets, strict=True):
        if source.path is not None and target is not None and _same_file(source.path, target):
            raise UsageError(
                f"{source.name}: output would overwrite the input; use --in-place for that"
            )
    return Plan(args, pipeline, sources, targets, shared=shared)


# ---------------------------------------------------------------- the work stream


#: What a worker hands back for one item: a record's cleaned text, or a block's as UTF-8.
Cleaned = TypeVar("Cleaned", str, bytes)


@dataclass(frozen=True)
class Item(Generic[Cleaned]):
    """One document for the pool, and what to do with its cleaned text: a ``str`` for a
    record, UTF-8 ``bytes`` for a block of a text file (the workers encode it: see
    :func:`~zhclean.batch.clean_batch_encoded`)."""

    text: str
    finish: Callable[[Cleaned], None]
    source: str


@dataclass
class Counters:
    """What the run did, reported on stderr."""

    bad_lines: dict[str, list[int]] = field(default_factory=dict)


def _open_binary(source: Source) -> IO[bytes]:
    if source.path is None:
        return sys.stdin.buffer
    try:
        return source.path.open("rb")
    except OSError as error:
        raise UsageError(f"{source.name}: cannot read ({error.strerror})") from None


def _text_stream(source: Source, args: argparse.Namespace, raw: IO[bytes]) -> TextStream:
    return TextStream(raw, source=source.name, encoding=args.encoding, errors=args.errors)


def _after_decode(stream: TextStream, source: Source, args: argparse.Namespace) -> None:
    if stream.replaced:
        print(
            f"zhclean: warning: {source.name}: replaced {stream.replaced} undecodable bytes "
            f"with U+FFFD (first at byte {stream.first_bad})",
            file=sys.stderr,
        )


def _say_encoding(stream: TextStream, source: Source, args: argparse.Namespace) -> None:
    if args.verbose and stream.detection is not None:
        detection = stream.detection
        print(
            f"zhclean: {source.name}: read as {detection.encoding} ({detection.reason})",
            file=sys.stderr,
        )


def _text_items(plan: Plan, index: int) -> Iterator[Item[bytes]]:
    source, args = plan.sources[index], plan.args
    raw = _open_binary(source)
    try:
        stream = _text_stream(source, args, raw)
        blocks = split_blocks(_announce(stream, source, args), args.block_size)
        gaps: dict[str, bytes] = {}
        pending = next(blocks, None)
        if pending is None:
            yield Item("", lambda _: plan.finish_empty(index), source.name)
            return
        while pending is not None:
            block, gap = pending
            pending = next(blocks, None)
            last = pending is None

            def finish(cleaned: bytes, gap: str = gap, last: bool = last) -> None:
                sink = plan.sink(index)
                sink.write_encoded(cleaned)
                if gap:
                    if gap not in gaps:
                        gaps[gap] = clean_gap(plan.pipeline, gap).encode("utf-8")
                    sink.write_encoded(gaps[gap])
                if last:
                    sink.end_document()
                    plan.finish(index)

            yield Item(block, finish, source.name)
        _after_decode(stream, source, args)
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _announce(stream: TextStream, source: Source, args: argparse.Namespace) -> Iterator[str]:
    first = True
    for piece in stream:
        if first:
            _say_encoding(stream, source, args)
            first = False
        yield piece


def _lines(pieces: Iterator[str]) -> Iterator[str]:
    """Lines with their endings; JSON strings never hold a raw newline, so "\\n" ends a record."""
    rest = ""
    for piece in pieces:
        rest += piece
        *complete, rest = rest.split("\n")
        for line in complete:
            yield line + "\n"
    if rest:
        yield rest


def _jsonl_items(plan: Plan, index: int, counters: Counters) -> Iterator[Item[str]]:
    source, args = plan.sources[index], plan.args
    raw = _open_binary(source)
    try:
        stream = _text_stream(source, args, raw)
        number = 0
        lines = _lines(_announce(stream, source, args))
        line = next(lines, None)
        if line is None:
            yield Item("", lambda _: plan.finish_empty(index), source.name)
        while line is not None:
            number += 1
            following = next(lines, None)
            last = following is None
            body = line.rstrip("\r\n")
            ending = line[len(body) :] or "\n"
            if not body.strip():
                record, text = None, None
            else:
                try:
                    record, text = parse_record(
                        body, number=number, source=source.name, field=args.field
                    )
                except BadRecord:
                    if not args.skip_bad:
                        raise
                    counters.bad_lines.setdefault(source.name, []).append(number)
                    record, text = None, None

            def finish(
                cleaned: str,
                record: dict[str, Any] | None = record,
                text: str | None = text,
                line: str = body,
                ending: str = ending,
                last: bool = last,
            ) -> None:
                sink = plan.sink(index)
                if record is not None and text is not None:
                    record[args.field] = cleaned
                    sink.write(dump_record(record) + ending)
                elif record is not None:
                    sink.write(dump_record(record) + ending)
                else:
                    sink.write(line + ending)
                if last:
                    plan.finish(index)

            yield Item(text or "", finish, f"{source.name}: line {number}")
            line = following
        _after_decode(stream, source, args)
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _parquet_items(plan: Plan, index: int) -> Iterator[Item[str]]:
    try:
        pa = importlib.import_module("pyarrow")
        pq = importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise UsageError("--parquet needs pyarrow: pip install 'zhclean[formats]'") from None
    source, args = plan.sources[index], plan.args
    if source.path is None:
        raise UsageError("--parquet cannot read standard input; give file names")
    try:
        parquet = pq.ParquetFile(source.path)
    except (OSError, pa.ArrowException) as error:
        raise UsageError(f"{source.name}: not a readable Parquet file ({error})") from None
    schema = parquet.schema_arrow
    if args.field not in schema.names:
        raise UsageError(
            f"{source.name}: no column {args.field!r}; columns: {', '.join(schema.names)}"
        )
    if not (
        pa.types.is_string(schema.field(args.field).type)
        or pa.types.is_large_string(schema.field(args.field).type)
    ):
        raise UsageError(
            f"{source.name}: column {args.field!r} is {schema.field(args.field).type}, not text"
        )
    state: dict[str, Any] = {}
    batches = parquet.iter_batches(batch_size=1024)
    batch = next(batches, None)
    if batch is None:

        def finish_empty(_: str) -> None:
            sink = plan.sink(index)
            assert sink.file is not None
            pq.write_table(schema.empty_table(), sink.file.stream)
            plan.finish(index)

        yield Item("", finish_empty, source.name)
        return
    row = 0
    while batch is not None:
        following = next(batches, None)
        values = batch.column(args.field).to_pylist()
        cleaned: list[str | None] = []
        for position, value in enumerate(values):
            row += 1
            end_of_batch = position == len(values) - 1

            def finish(
                text: str,
                value: str | None = value,
                batch: Any = batch,
                end_of_batch: bool = end_of_batch,
                last: bool = following is None,
                cleaned: list[str | None] = cleaned,
            ) -> None:
                cleaned.append(None if value is None else text)
                if not end_of_batch:
                    return
                sink = plan.sink(index)
                assert sink.file is not None
                if "writer" not in state:
                    state["writer"] = pq.ParquetWriter(sink.file.stream, schema)
                column = pa.array(cleaned, type=schema.field(args.field).type)
                position_of = schema.get_field_index(args.field)
                state["writer"].write_batch(batch.set_column(position_of, args.field, column))
                if last:
                    state.pop("writer").close()
                    plan.finish(index)

            yield Item(value or "", finish, f"{source.name}: row {row}")
        batch = following


def _record_items(plan: Plan, counters: Counters) -> Iterator[Item[str]]:
    for index in range(len(plan.sources)):
        if plan.args.parquet:
            yield from _parquet_items(plan, index)
        else:
            yield from _jsonl_items(plan, index, counters)


def _block_items(plan: Plan) -> Iterator[Item[bytes]]:
    for index in range(len(plan.sources)):
        yield from _text_items(plan, index)


class Progress:
    """A bar on stderr (documents, MB/s) when stderr is a terminal and tqdm is installed."""

    def __init__(self, stream: IO[str], *, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = stream.isatty()
        self.bar: Any = None
        self.documents = 0
        self.last = 0.0
        if enabled:
            try:
                tqdm = importlib.import_module("tqdm").tqdm
            except ImportError:
                return
            self.bar = tqdm(file=stream, unit="B", unit_scale=True, desc="zhclean", leave=False)

    def update(self, text: str) -> None:
        """One more document done; the bar counts its UTF-8 bytes (the MB/s a user
        compares with file sizes), measured only when there is a bar."""
        self.documents += 1
        if self.bar is None:
            return
        self.bar.update(len(text.encode("utf-8")))
        now = time.monotonic()
        if now - self.last > 0.2:
            self.last = now
            self.bar.set_postfix_str(f"{self.documents} docs", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.documents} docs", refresh=True)
            self.bar.close()


def run(plan: Plan, jobs: int) -> Counters:
    """Clean every input into its sink, in order, through one batch of documents."""
    counters = Counters()
    if plan.args.parquet or plan.args.jsonl:
        records: deque[Item[str]] = deque()
        cleaned = clean_batch(
            _texts(_record_items(plan, counters), records), pipeline=plan.pipeline, jobs=jobs
        )
        _finish_all(plan, cleaned, records)
    else:
        blocks: deque[Item[bytes]] = deque()
        encoded = clean_batch_encoded(
            _texts(_block_items(plan), blocks), pipeline=plan.pipeline, jobs=jobs
        )
        _finish_all(plan, encoded, blocks)
    for name, lines in counters.bad_lines.items():
        print(
            f"zhclean: {name}: passed {len(lines)} malformed line(s) through untouched "
            f"(first: line {lines[0]})",
            file=sys.stderr,
        )
    return counters


def _texts(items: Iterator[Item[Cleaned]], pending: deque[Item[Cleaned]]) -> Iterator[str]:
    """The items' texts, for the pool; each item waits in ``pending`` for its result."""
    for item in items:
        pending.append(item)
        yield item.text


def _finish_all(plan: Plan, results: Iterator[Cleaned], pending: deque[Item[Cleaned]]) -> None:
    """Hand each result to its item, in order; any failure discards every unfinished output."""
    progress = Progress(sys.stderr)
    try:
        while True:
            try:
                cleaned = next(results)
            except StopIteration:
                break
            except (UsageError, DecodeError, BadRecord, OSError, KeyboardInterrupt):
                raise
            except Exception as error:
                where = pending[0].source if pending else "input"
                raise CleaningFailed(
                    f"{where}: cleaning failed ({type(error).__name__}: {error})"
                ) from None
            item = pending.popleft()
            item.finish(cleaned)
            progress.update(item.text)
    except BaseException:
        plan.abort()
        raise
    finally:
        progress.close()


def _read_documents(sources: list[Source], args: argparse.Namespace) -> list[tuple[str, str]]:
    """Every input decoded whole, as (name, text): what the change reports need."""
    documents: list[tuple[str, str]] = []
    for source in sources:
        raw = _open_binary(source)
        try:
            stream = _text_stream(source, args, raw)
            text = "".join(_announce(stream, source, args))
            _after_decode(stream, source, args)
        finally:
            if raw is not sys.stdin.buffer:
                raw.close()
        if args.jsonl:
            for number, line in enumerate(text.split("\n"), start=1):
                if line.strip():
                    _, field_text = parse_record(
                        line.rstrip("\r"), number=number, source=source.name, field=args.field
                    )
                    if field_text is not None:
                        documents.append((f"{source.name}:{number}", field_text))
        else:
            documents.append((source.name, text))
    return documents


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.jobs < 0:
            raise UsageError(f"--jobs must be 0 (one per CPU) or more, not {args.jobs}")
        if args.block_size < 1:
            raise UsageError(f"--block-size must be positive, not {args.block_size}")
        if args.encoding != "auto":
            try:
                codec_name(args.encoding)
            except ValueError as error:
                raise UsageError(str(error)) from None
        pipeline = pipeline_from_args(args)
        kind = "parquet" if args.parquet else "jsonl" if args.jsonl else "text"
        sources, expanded = expand_inputs(args.inputs, kind)
        if report.report_requested(args):
            if args.parquet:
                raise UsageError("change reports read text or JSONL inputs, not Parquet")
            documents = _read_documents(sources, args)
            return report.write_reports(args, pipeline, documents)
        plan = make_plan(args, pipeline, sources, expanded)
        run(plan, args.jobs)
    except (UsageError, DecodeError, BadRecord) as error:
        print(f"zhclean: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except CleaningFailed as error:
        print(f"zhclean: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader (``| head``) has what it wanted; stop quietly, and keep Python's own
        # flush at exit from failing on the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        where = error.filename or (args.output or "<stdout>")
        print(f"zhclean: error: {where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("zhclean: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the contract: one line, never a traceback
        print(
            f"zhclean: error: unexpected failure ({type(error).__name__}: {error})", file=sys.stderr
        )
        return EXIT_FAILED
    return EXIT_OK
