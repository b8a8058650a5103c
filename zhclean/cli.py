"""The command line: ``python -m zhclean FILE… | -``.

Exit status: 0 success, 1 cleaning failed unexpectedly, 2 bad usage or input
(missing file, a directory, undecodable bytes). Errors are one line on stderr,
never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from zhclean import __version__
from zhclean.formats import DecodeError, atomic_write, decode_bytes
from zhclean.pipeline import PRESETS, STEPS, Pipeline, preset

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

_TARGETS = {"simplified": "t2s", "traditional": "s2t"}

EXAMPLES = """\
examples:
  python -m zhclean seeds/001_522596ff6ab5f318.txt        clean one file to stdout
  python -m zhclean a.txt b.txt -o out.txt                 clean two files into one, atomically
  cat dirty.txt | python -m zhclean -                      read standard input
  python -m zhclean --to traditional news.txt              convert to Traditional instead
  python -m zhclean --opencc s2twp news.txt                any OpenCC configuration
  python -m zhclean --preset web page.txt                  keep lines as they are (no joining)
  python -m zhclean --steps strip_symbols,normalize_whitespace chat.txt
"""


class UsageError(Exception):
    """A problem with the command line or the input, reported in one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m zhclean",
        description="Clean Chinese text extracted from PDFs and OCR: rebuild paragraphs, "
        "remove page debris and emoji noise, convert Traditional to Simplified, "
        "normalize punctuation and spacing.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="FILE", help="input files, or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here (atomically) instead of stdout")
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
    script.add_argument("--opencc", metavar="CONFIG", help="any OpenCC configuration, e.g. s2twp, tw2sp, s2hk")
    parser.add_argument("--version", action="version", version=f"zhclean {__version__}")
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


def _read_input(name: str) -> str:
    if name == "-":
        return decode_bytes(sys.stdin.buffer.read(), source="<stdin>")
    path = Path(name)
    if not path.exists():
        raise UsageError(f"{name}: no such file")
    if path.is_dir():
        raise UsageError(f"{name}: is a directory, expected a text file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{name}: cannot read ({error.strerror})") from None
    return decode_bytes(data, source=name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        pipeline = pipeline_from_args(args)
        outputs = [pipeline(_read_input(name)) for name in args.inputs]
    except (UsageError, DecodeError) as error:
        print(f"zhclean: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    text = "".join(out if out.endswith("\n") or not out else out + "\n" for out in outputs)
    if args.output:
        try:
            atomic_write(args.output, text)
        except OSError as error:
            print(f"zhclean: error: {args.output}: cannot write ({error.strerror})", file=sys.stderr)
            return EXIT_USAGE
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    return EXIT_OK
