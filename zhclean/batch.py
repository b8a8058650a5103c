"""Many documents at once: in worker processes, over table columns, and one huge text in blocks.

- :func:`clean_batch` cleans a list (returns a list) or any iterable (returns a lazy
  iterator), in order, optionally in ``jobs`` worker processes that each receive the
  pipeline once, with a bounded number of documents in flight.
- :func:`clean_column` cleans a column of any engine (a list, a pandas Series, a
  PyArrow array, a NumPy array) and returns the same kind, nulls kept. It is the one
  batch function the HF datasets, Ray Data, Spark and Dask recipes are built on.
- :func:`clean_stream` cleans a text too large for memory, given as pieces, in blocks
  cut at paragraph boundaries that cleaning never crosses.

>>> from zhclean import Pipeline
>>> clean_batch(["长江 ", "经济带"], pipeline=Pipeline(str.strip))
['长江', '经济带']
>>> list(clean_batch(iter(["a", "b"]), pipeline=Pipeline(str.upper)))
['A', 'B']
>>> clean_column(["长江 ", None], pipeline=Pipeline(str.strip))
['长江', None]
"""

from __future__ import annotations

import importlib
import math
import multiprocessing
import os
import re
import sys
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, pairwise
from multiprocessing.context import BaseContext
from operator import methodcaller
from typing import Any, TypeVar, overload

from zhclean.pipeline import Pipeline, StepLike, as_pipeline

__all__ = [
    "DEFAULT_BLOCK_SIZE",
    "clean_batch",
    "clean_column",
    "clean_gap",
    "clean_stream",
    "split_blocks",
]

PipelineArg = Pipeline | str | Iterable[StepLike] | None
T = TypeVar("T")
R = TypeVar("R")

#: Characters of text cleaned at once by :func:`clean_stream`; with the edit records a
#: block's cleaning allocates, this keeps the CLI far below 200 MB on any input size.
DEFAULT_BLOCK_SIZE = 1 << 20

# A chunk sent to a worker: enough text that pickling and the round trip are a small
# share of the cleaning time, small enough that ``in_flight`` chunks stay in bounds.
_CHUNK_CHARS = 1 << 18
_CHUNK_DOCS = 256

# The pipeline a worker process received once, from the pool initializer; each worker
# process has its own, set before it runs any task and never changed after.
_worker_pipeline: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _worker() -> Pipeline:
    pipeline = _worker_pipeline
    if pipeline is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker process started without a pipeline")
    return pipeline


def _clean_chunk(texts: list[str]) -> list[str]:
    pipeline = _worker()
    return [pipeline(text) for text in texts]


def _clean_chunk_encoded(texts: list[str]) -> list[bytes]:
    pipeline = _worker()
    return [pipeline(text).encode("utf-8") for text in texts]


def _single_threaded() -> bool:
    """Whether this process runs exactly one OS thread (Linux: native threads count too)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _context() -> BaseContext:
    # Forking a process that runs other threads (a progress bar, Ray, datasets, a BLAS
    # pool) can deadlock the child on a lock one of them held, so fork only a process
    # that provably has one thread (the CLI; most scripts): its workers start with
    # zhclean already imported, 0.15 s sooner than a forkserver's, which is 2 % of a
    # 100 MB run. ProcessPoolExecutor forks every worker at the first submit, before
    # it starts its own thread. macOS is left out: its system libraries are not
    # fork-safe. Otherwise forkserver (or spawn): the pipeline is a picklable value,
    # so workers need nothing from the parent's memory.
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and _single_threaded():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _chunks(texts: Iterator[str], max_chars: int, max_docs: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    size = 0
    for text in texts:
        chunk.append(text)
        size += len(text) if isinstance(text, str) else 0
        if size >= max_chars or len(chunk) >= max_docs:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _parallel(
    texts: Iterator[str],
    pipeline: Pipeline,
    jobs: int,
    in_flight: int,
    clean_chunk: Callable[[list[str]], list[R]],
) -> Iterator[R]:
    pool: ProcessPoolExecutor | None = None
    pending: deque[Future[list[R]]] = deque()
    try:
        for chunk in _chunks(texts, _CHUNK_CHARS, _CHUNK_DOCS):
            if pool is None:
                # made at the first submit, which starts (or forks) the workers: the
                # thread count ``_context`` checks is the one the fork sees
                pool = ProcessPoolExecutor(
                    max_workers=jobs,
                    mp_context=_context(),
                    initializer=_init_worker,
                    initargs=(pipeline,),
                )
            pending.append(pool.submit(clean_chunk, chunk))
            if len(pending) >= in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _check_jobs(jobs: int) -> int:
    if not isinstance(jobs, int) or jobs < 0:
        raise ValueError(f"jobs must be a non-negative integer (0: one per CPU), not {jobs!r}")
    return jobs or (multiprocessing.cpu_count() or 1)


@overload
def clean_batch(  # type: ignore[overload-overlap]  # a Sequence gets a list, other iterables an iterator
    texts: Sequence[str],
    *,
    pipeline: PipelineArg = ...,
    jobs: int = ...,
    in_flight: int | None = ...,
) -> list[str]: ...
@overload
def clean_batch(
    texts: Iterable[str],
    *,
    pipeline: PipelineArg = ...,
    jobs: int = ...,
    in_flight: int | None = ...,
) -> Iterator[str]: ...
def clean_batch(
    texts: Iterable[str],
    *,
    pipeline: PipelineArg = None,
    jobs: int = 1,
    in_flight: int | None = None,
) -> list[str] | Iterator[str]:
    """Clean many documents, in order: a list in, a list out; any other iterable in, a lazy iterator out.

    ``jobs`` > 1 cleans in that many worker processes (0: one per CPU); each worker gets
    the pipeline once, when it starts, and documents travel in chunks. At most
    ``in_flight`` chunks (default ``2 * jobs``) are out at a time, so an endless
    iterable is consumed only as fast as its results are. The pipeline (a preset name,
    a :class:`~zhclean.Pipeline`, or None for the default) must be picklable for
    ``jobs`` > 1: built-in steps always are, your own functions if defined at module level.

    >>> clean_batch(["長 江", "經濟"], pipeline=Pipeline(str.split, "".join), jobs=1)
    ['長江', '經濟']
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            "clean_batch takes many documents (a list or an iterable of str), not one str"
        )
    steps = as_pipeline(pipeline)
    workers = _check_jobs(jobs)
    bound = in_flight if in_flight is not None else 2 * workers
    if bound < 1:
        raise ValueError(f"in_flight must be at least 1, not {bound}")
    as_list = isinstance(texts, Sequence)
    if workers == 1:
        lazy: Iterator[str] = map(steps, texts)
    else:
        lazy = _parallel(iter(texts), steps, workers, bound, _clean_chunk)
    return list(lazy) if as_list else lazy


def clean_batch_encoded(
    texts: Iterable[str], *, pipeline: PipelineArg = None, jobs: int = 1
) -> Iterator[bytes]:
    """Like :func:`clean_batch` on an iterable, each cleaned text UTF-8 encoded: for a
    writer of UTF-8 files. With ``jobs`` > 1 the workers encode, and a cleaned text comes
    back as bytes the parent only copies, where a ``str`` would be encoded to cross the
    pipe, decoded on arrival and encoded again for the file: the parent process shares
    the CPUs with the workers, so its cost per MB bounds what ``jobs`` can gain.

    >>> list(clean_batch_encoded(["長江 "], pipeline=Pipeline(str.strip)))
    [b'\\xe9\\x95\\xb7\\xe6\\xb1\\x9f']
    """
    steps = as_pipeline(pipeline)
    workers = _check_jobs(jobs)
    if workers == 1:
        return (steps(text).encode("utf-8") for text in texts)
    return _parallel(iter(texts), steps, workers, 2 * workers, _clean_chunk_encoded)


def _is_null(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _clean_values(values: Iterable[Any], pipeline: Pipeline) -> list[str | None]:
    return [None if _is_null(value) else pipeline(value) for value in values]


def clean_column(values: T, *, pipeline: PipelineArg = None) -> T:
    """Clean a column of text and return the same kind of column, nulls kept as nulls.

    ``values`` is a list or tuple (a list comes back), a pandas Series (same index,
    name and dtype), a PyArrow Array or ChunkedArray (same type), or a NumPy array (an
    object array comes back). This is the engine-agnostic batch function: Ray Data's
    ``map_batches``, a Spark ``pandas_udf``, Dask's ``map_partitions`` and HF
    ``datasets.map(batched=True)`` all hand over one of these.

    >>> clean_column(("長 江", None, "經 濟"), pipeline=Pipeline(str.split, "".join))
    ['長江', None, '經濟']
    """
    steps = as_pipeline(pipeline)
    module = type(values).__module__.split(".")[0]
    if module == "pandas":
        pd = importlib.import_module("pandas")
        series: Any = values
        cleaned = _clean_values(series.astype(object), steps)
        dtype = (
            series.dtype
            if series.dtype != object and pd.api.types.is_string_dtype(series.dtype)
            else object
        )
        result: Any = pd.Series(cleaned, index=series.index, name=series.name, dtype=dtype)
        return result  # type: ignore[no-any-return]
    if module == "pyarrow":
        pa = importlib.import_module("pyarrow")
        array: Any = values
        if isinstance(array, pa.ChunkedArray):
            chunks = [
                pa.array(_clean_values(c.to_pylist(), steps), type=array.type) for c in array.chunks
            ]
            result = pa.chunked_array(chunks, type=array.type)
        else:
            result = pa.array(_clean_values(array.to_pylist(), steps), type=array.type)
        return result  # type: ignore[no-any-return]
    if module == "numpy":
        np = importlib.import_module("numpy")
        column: Any = values
        result = np.empty(len(column), dtype=object)
        result[:] = _clean_values(column, steps)
        return result  # type: ignore[no-any-return]
    if isinstance(values, (list, tuple)):
        return _clean_values(values, steps)  # type: ignore[return-value]
    raise TypeError(
        "clean_column takes a list, tuple, pandas Series, PyArrow array or NumPy array, "
        f"not {type(values).__name__}"
    )


# A block ends after a line that ends a sentence (。！？, then closing quotes or brackets)
# and a blank gap, before a line that can start a paragraph (not a continuation
# mark such as ，、）). Seed 000's paragraphs are separated exactly so; seed 002's page
# breaks fall mid-sentence ("长" / "江经济带") and are never cut.
_SENTENCE_END = r"[。！？!?][”’\"」』）)\]]*"
_PARAGRAPH_START = r"[^\s，。、；：？！）」』”’,.;:?!)\]]"
# A run of blank lines, from the line break that ends the text before it; every cut's gap
# holds one, which lets ``_choose_cut`` pass over text without any in one search.
_BLANK_LINE_RUN = r"\n(?:[ \t\u3000\f]*\n)+"
_BOUNDARY = re.compile(
    _SENTENCE_END + r"(?P<gap>[ \t\u3000]*" + _BLANK_LINE_RUN + ")"
    r"(?=(?P<indent>[ \t\u3000]*)" + _PARAGRAPH_START + ")"
)
_BLANK_LINES = re.compile(_BLANK_LINE_RUN)
_INSIDE_BLANK_LINES = frozenset(" \t\u3000\f\n")
# In double-spaced extraction (seed 002: a blank line after every physical line) a
# blank line is no evidence; a paragraph end there is a trailing space after the
# sentence end, or an indented next line, or more than one blank line.
_SINGLE = re.compile(r"[^\n]\n[ \t\u3000]*[^\s]")
_DOUBLE = re.compile(r"[^\n]\n[ \t\u3000]*\n[ \t\u3000]*[^\s]")
_DOUBLE_AFTER_END = re.compile(
    r"[。！？!?”’\"」』）)][ \t\u3000]*\n[ \t\u3000]*\n[ \t\u3000]*[^\s]"
)


_SPACING_WINDOW = 4096
#: The characters a spacing match holds between its first and last: where two characters
#: in a row are neither of these, no match of ``_SINGLE``, ``_DOUBLE`` or
#: ``_DOUBLE_AFTER_END`` is under way.
_INSIDE_SPACING = frozenset(" \t\n\u3000")
#: The text before two blocks whose boundaries are tried first when choosing a cut.
_CUT_STRETCH = 1 << 16
_START = methodcaller("start")
#: Windows counted one stretch at a time before the rest are counted at once.
_LAZY_WINDOWS = 32


class _Spacing:
    """Whether the text around a position is double-spaced, judged on the window of
    ``window`` characters that holds it and that window's neighbours, because
    concatenated documents mix double-spaced extraction with ordinary paragraphs.

    A window's counts are those of the patterns' matches over the whole text (each
    pattern's non-overlapping matches from the start, by where they start), but only the
    windows asked about are counted, from a point shortly before them where no match can be
    under way: choosing a cut asks about one or two windows near the end of a block, and
    counting every window of the buffer for each block was most of the CLI parent's work
    (three passes at ~200 MB/s for ``--jobs 2``, whose parent must keep up with two workers).
    Text without such a point within ``window // 8`` characters is counted from its start,
    once.

    >>> text = "长江经济带\\n\\n发展\\n\\n" * 20 + "一句话。\\n\\n另一句。\\n\\n" * 20
    >>> spacing = _Spacing(text, window=64)
    >>> spacing.double(0), spacing.double(len(text) - 1)
    (True, False)
    """

    def __init__(self, text: str, window: int = _SPACING_WINDOW) -> None:
        self.text = text
        self.window = window
        self.last = len(text) // window  # index of the last window
        self.counts: dict[int, tuple[int, ...]] = {}  # window -> (double, single, ends)
        self.flags: dict[int, bool] = {}  # window -> the answer

    def double(self, at: int) -> bool:
        """Whether the text around position ``at`` is double-spaced."""
        here = at // self.window
        known = self.flags.get(here)
        if known is not None:
            return known
        first, last = max(0, here - 1), min(self.last, here + 1)
        missing = [i for i in range(first, last + 1) if i not in self.counts]
        if missing and len(self.counts) > _LAZY_WINDOWS:
            # asked about many windows (text with no safe cut near the end): count them all
            # in one pass, which needs no Python step per match
            self._count(0, self.last)
        elif missing:
            self._count(missing[0], missing[-1])
        double = single = ends = 0
        for i in range(first, last + 1):
            counted = self.counts[i]
            double += counted[0]
            single += counted[1]
            ends += counted[2]
        # Paragraphs separated by blank lines (seeds 000, 003, 004) look double-spaced
        # too, but there the line before a blank line ends a sentence; in typeset lines
        # (seed 002) most end mid-sentence.
        flag = self.flags[here] = double >= 16 and double > 3 * single and ends < double // 2
        return flag

    def safe(self, boundary: re.Match[str]) -> bool:
        """Whether a ``_BOUNDARY`` match is a safe place to cut: in double-spaced text a
        blank line is no evidence; a paragraph end there is a trailing space after the
        sentence end, an indented next line, or more than one blank line."""
        gap = boundary.group("gap")
        if gap[0] in " \t\u3000" or boundary.group("indent") or gap.count("\n") > 2:
            return True
        return "\f" in gap or not self.double(boundary.start())

    def _count(self, first: int, last: int) -> None:
        start = first * self.window
        sync = self._sync_point(start)
        if sync is None:
            first, last, start, sync = 0, self.last, 0, 0
        stop = (last + 1) * self.window
        edges = range(start, stop + 1, self.window)
        tallies = []
        for pattern in (_DOUBLE, _SINGLE, _DOUBLE_AFTER_END):
            matches = pattern.finditer(self.text, sync)
            if last == self.last:
                # to the end of the text: no Python step per match (double-spaced text
                # with no safe cut has every window counted on every try)
                starts = list(map(_START, matches))
            else:
                starts = []
                for match in matches:
                    if match.start() >= stop:
                        break
                    starts.append(match.start())
            at_edges = [bisect_left(starts, edge) for edge in edges]
            tallies.append([after - before for before, after in pairwise(at_edges)])
        for i, counted in enumerate(zip(*tallies, strict=True), start=first):
            self.counts[i] = counted

    def _sync_point(self, at: int) -> int | None:
        """A position at or shortly before ``at`` where the whole text's matches and
        those of a scan started there are the same: the start, or a position whose
        character and the one before it are not ``_INSIDE_SPACING`` (no match can be
        under way there: each holds only those between its first and last character, and
        its first is followed by one of them). None if there is none within reach."""
        text = self.text
        for position in range(min(at, len(text) - 1), max(0, at - self.window // 8) - 1, -1):
            if position <= 0:
                return 0
            if text[position] not in _INSIDE_SPACING and text[position - 1] not in _INSIDE_SPACING:
                return position
        return None


def _choose_cut(
    text: str, block_size: int, window: int = _SPACING_WINDOW
) -> tuple[int, int] | None:
    """The last safe gap within two blocks, else the first one after that, else None.

    The boundaries of the last stretch before two blocks are tried first (last first),
    then, only if none of them is safe, all of them: a scan from any position finds the
    same boundaries as one from the start, because a boundary can start only at a sentence
    end and none holds one after its first character.

    >>> _choose_cut("第一段。\\n\\n第二段。\\n\\n第三段。", block_size=6)
    (10, 12)
    >>> _choose_cut("第一段。\\n\\n第二段", block_size=1)
    (4, 6)
    """
    if _BLANK_LINES.search(text) is None:
        # every boundary's gap is a blank-line run (``_BLANK_LINE_RUN``); text stored one
        # paragraph per line has none, and looking for a sentence end before one cost
        # ~40 MB/s there
        return None
    limit = 2 * block_size
    spacing = _Spacing(text, window)
    past_limit: re.Match[str] | None = None  # the first boundary whose gap starts past it
    last_stretch = max(0, min(limit + 1, len(text)) - _CUT_STRETCH)
    for start in (last_stretch, 0) if last_stretch else (0,):
        boundaries = []
        for match in _BOUNDARY.finditer(text, start):
            if match.start("gap") > limit:
                past_limit = match
                break
            if match.start("gap") > 0:
                boundaries.append(match)
        for match in reversed(boundaries):
            if spacing.safe(match):
                return match.span("gap")
    if past_limit is not None:
        for match in _BOUNDARY.finditer(text, past_limit.start()):
            if spacing.safe(match):
                return match.span("gap")
    return None


# Text with one paragraph per line (most text corpora) has no blank line to cut at: a
# line that ends a sentence, shorter than the line before it (a paragraph's last line in
# hard-wrapped text, where a sentence end at the margin may be mid-paragraph), before a
# line that can start a paragraph.
_ENDS_SENTENCE = re.compile(_SENTENCE_END + r"(?P<space>[ \t\u3000]*)\Z")
_STARTS_PARAGRAPH = re.compile(r"[ \t\u3000]*" + _PARAGRAPH_START)


def _line_end_cut(text: str, block_size: int) -> tuple[int, int] | None:
    """The last line break within one block (in the stretch before) that ends a
    paragraph by the lines' own evidence, as a ``(start, end)`` gap; None if none. One
    block, not two as for blank lines: blocks of text without blank lines are as long as
    those of text with them (2 blocks' worth took 168 MB on 40 MB, 1 block 130 MB).

    >>> _line_end_cut("第一段比较长，结束了。\\n短段。\\n第三段。\\n", block_size=16)
    (15, 16)
    """
    limit = min(block_size, len(text) - 1)
    first = max(0, limit - _CUT_STRETCH)
    at = text.rfind("\n", first, limit + 1)
    while at > first:
        start = text.rfind("\n", 0, at) + 1
        ends = _ENDS_SENTENCE.search(text, start, at)
        if start > 0 and ends and _STARTS_PARAGRAPH.match(text, at + 1):
            before = text.rfind("\n", 0, start - 1) + 1
            if at - start < start - 1 - before:
                return at - len(ends.group("space")), at + 1
        at = start - 1
    return None


def _fallback_cut(text: str, block_size: int) -> tuple[int, int]:
    """The last blank line within two blocks, else the last line break (the first one
    after them if there is none), else the end of ``text``: where text without paragraph
    evidence is cut. Two blocks, the most a cut at
    a blank line gives, not the whole window: each cleaned block costs memory in
    proportion to its length (8-block blocks took 224 MB on a 40 MB file).

    >>> _fallback_cut("长江\\n\\n经济\\n带\\n\\n发展", block_size=4)
    (8, 10)
    >>> _fallback_cut("长江\\n\\n经济带发展\\n", block_size=2)
    (2, 4)
    >>> _fallback_cut("长江\\n\\n\\n经济", block_size=2)
    (2, 5)
    """
    at = text.rfind("\n", 0, 2 * block_size + 1)
    if at == -1:
        at = text.find("\n")
    if at == -1:
        return len(text), len(text)
    # A run of blank lines is never cut inside (a block would end or start with a line
    # break a step may strip): from the run's first line break, to its end past two blocks.
    start = at
    while start > 0 and text[start - 1] in _INSIDE_BLANK_LINES:
        start -= 1
    run = _BLANK_LINES.match(text, text.index("\n", start))
    if run is None:
        earlier = deque(_BLANK_LINES.finditer(text, 0, at), maxlen=1)
        run = earlier[0] if earlier else None
    return run.span() if run is not None else (at, at + 1)


def split_blocks(
    pieces: Iterable[str], block_size: int = DEFAULT_BLOCK_SIZE
) -> Iterator[tuple[str, str]]:
    """Regroup a text given in pieces into ``(block, gap)`` pairs at paragraph boundaries.

    Blocks are about ``block_size`` characters; joining every block and gap gives the
    text back. A block is cut at a sentence end followed by blank lines and a new
    paragraph; if none shows up in 3 blocks' worth of text (text with one paragraph per
    line has none), at a line that ends a sentence and a paragraph (shorter than the line
    before it); if neither shows up in 8 blocks' worth, at the last blank line within two
    blocks, else the last line break (memory stays bounded on any input). Once the text
    has ended, what is left is cut the same way without waiting for 3 blocks' worth. A cut
    is looked for again only once the text has grown by half since the last look.

    >>> list(split_blocks(["第一段。\\n\\n第二段，", "未完。\\n\\n第三段。"], block_size=8))
    [('第一段。', '\\n\\n'), ('第二段，未完。', '\\n\\n'), ('第三段。', '')]
    """
    if block_size < 1:
        raise ValueError(f"block_size must be positive, not {block_size}")
    buffer = ""
    arrived: list[str] = []  # pieces not yet joined to the buffer
    size = 0  # characters in both
    retry = block_size  # the size at which a cut is looked for
    for piece in chain(pieces, [None]):
        # None: the text has ended, the rest need not wait for a better cut
        if piece:
            arrived.append(piece)
            size += len(piece)
        if size < retry and piece is not None:
            continue
        buffer = "".join([buffer, *arrived])
        arrived.clear()
        while len(buffer) >= block_size:
            span = _next_cut(buffer, block_size, ended=piece is None)
            if span is None:
                retry = _next_try(len(buffer), block_size)
                break
            yield buffer[: span[0]], buffer[span[0] : span[1]]
            buffer = buffer[span[1] :]
        else:
            retry = block_size
        size = len(buffer)
    if buffer:
        yield buffer, ""


def _next_cut(buffer: str, block_size: int, ended: bool) -> tuple[int, int] | None:
    """Where ``split_blocks`` cuts ``buffer`` now; None to wait for more text."""
    window = buffer[: 8 * block_size]
    span = _choose_cut(window, block_size)
    if span is None and (ended or len(buffer) >= 3 * block_size):
        span = _line_end_cut(window, block_size)
    if span is None and (ended or len(buffer) >= 8 * block_size):
        span = _fallback_cut(window, block_size)
    return span


def _next_try(length: int, block_size: int) -> int:
    """The buffer length at which ``split_blocks`` looks for a cut again after none was
    found at ``length``: half as much text again (looking after every piece cost time
    quadratic in the 8 blocks a cut may wait for: 18 M characters of equal lines, 9 s),
    but no later than the lengths where a new rule applies (3 and 8 blocks)."""
    grown = length + max(length // 2, 1)
    for rule in (3 * block_size, 8 * block_size):
        if length < rule:
            return min(grown, rule)
    return grown


def clean_gap(pipeline: Pipeline, gap: str) -> str:
    """What ``pipeline`` makes of ``gap`` (a paragraph break) between two paragraphs.

    Found by cleaning a neutral probe, so it holds for any pipeline that treats a
    paragraph break the same wherever it stands; if the pipeline rewrites the probe
    itself, the gap is kept as it was.

    >>> clean_gap(Pipeline(str.strip), " \\n\\n")
    ' \\n\\n'
    """
    before, after = pipeline("一。"), pipeline("二。")
    both = pipeline("一。" + gap + "二。")
    if both.startswith(before) and both.endswith(after) and len(both) >= len(before) + len(after):
        return both[len(before) : len(both) - len(after)]
    return gap


def clean_stream(
    pieces: Iterable[str],
    *,
    pipeline: PipelineArg = None,
    jobs: int = 1,
    block_size: int = DEFAULT_BLOCK_SIZE,
) -> Iterator[str]:
    """Clean one long text given as pieces, block by block, in bounded memory.

    The output equals cleaning the whole text at once when every cut falls between
    paragraphs that cleaning would not join, which is what :func:`split_blocks` looks
    for; each gap becomes what the pipeline makes of a paragraph break.

    >>> "".join(clean_stream(["第一段。 \\n\\n\\n", "第二段。"], pipeline=Pipeline(str.strip), block_size=4))
    '第一段。 \\n\\n\\n第二段。'
    """
    steps = as_pipeline(pipeline)
    gaps: deque[str] = deque()
    probes: dict[str, str] = {}

    def blocks() -> Iterator[str]:
        for block, gap in split_blocks(pieces, block_size):
            gaps.append(gap)
            yield block

    for cleaned in clean_batch(blocks(), pipeline=steps, jobs=jobs):
        gap = gaps.popleft()
        if gap and gap not in probes:
            probes[gap] = clean_gap(steps, gap)
        yield cleaned + (probes[gap] if gap else "")
