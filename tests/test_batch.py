"""clean_batch, clean_column, split_blocks and clean_stream (zhclean.batch)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zhclean
from tests.conftest import CORPUS, SEEDS
from zhclean import Pipeline, batch
from zhclean.batch import clean_batch, clean_column, clean_stream, split_blocks

SEED_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
LINES = [line for text in SEED_TEXTS for line in text.splitlines() if line.strip()]
# seed 002 is double-spaced extraction: a blank line after every typeset line
DOUBLE_SPACED_LINES = [line for line in SEED_TEXTS[2].splitlines() if line.strip()]


def document_of_seeds(copies: int) -> str:
    """The seeds one after another, as documents are concatenated: blank lines between."""
    one = "\n\n".join(text.strip("\n") for text in SEED_TEXTS)
    return "\n\n".join([one] * copies) + "\n"


class CountedStep:
    """A picklable step that records, in a file, every time a process unpickles it."""

    def __init__(self, log: str) -> None:
        self.log = log

    def __call__(self, text: str) -> str:
        return text.upper()

    def __getstate__(self) -> dict[str, Any]:
        return {"log": self.log}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.log = state["log"]
        with open(self.log, "a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\n")


def test_list_in_list_out_in_order() -> None:
    out = clean_batch(LINES)
    assert isinstance(out, list)
    assert out == [zhclean.clean(line) for line in LINES]


def test_worker_processes_give_the_serial_result() -> None:
    docs = LINES * 3
    assert clean_batch(docs, jobs=2) == [zhclean.clean(doc) for doc in docs]
    assert clean_batch(docs, pipeline="minimal", jobs=2) == clean_batch(docs, pipeline="minimal")


def test_encoded_results_are_the_cleaned_texts_in_utf8() -> None:
    docs = LINES * 3
    expected = [zhclean.clean(doc).encode("utf-8") for doc in docs]
    assert list(batch.clean_batch_encoded(docs)) == expected
    assert list(batch.clean_batch_encoded(iter(docs), jobs=2)) == expected


def test_iterables_are_consumed_lazily_with_bounded_work_in_flight() -> None:
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        while True:
            pulled += 1
            yield LINES[pulled % len(LINES)]

    serial = clean_batch(endless(), pipeline=Pipeline(str.upper))
    assert not isinstance(serial, list)
    assert next(serial) == LINES[1].upper()
    assert pulled == 1
    pulled = 0
    parallel = clean_batch(endless(), pipeline=Pipeline(str.upper), jobs=2, in_flight=2)
    first = [next(parallel) for _ in range(5)]
    assert first == [LINES[i % len(LINES)].upper() for i in range(1, 6)]
    # two chunks of at most 256 documents in flight, plus the chunk being filled
    assert pulled <= 3 * 256
    parallel.close()


def test_pipeline_travels_once_per_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a process with threads gets forkserver workers, which receive the pipeline pickled
    monkeypatch.setattr(batch, "_single_threaded", lambda: False)
    log = tmp_path / "unpickled.log"
    docs = LINES * 20  # many chunks, so per-document or per-chunk sending would show
    out = clean_batch(docs, pipeline=Pipeline(CountedStep(str(log))), jobs=2)
    assert out == [doc.upper() for doc in docs]
    pids = log.read_text(encoding="utf-8").split()
    assert 1 <= len(pids) <= 2
    assert len(set(pids)) == len(pids)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is chosen on Linux only")
def test_a_single_threaded_process_forks_its_workers(tmp_path: Path) -> None:
    # in a fresh interpreter (this test process may run threads its plugins started): the
    # workers are forked and have the pipeline from the parent's memory, unpickled by
    # nobody
    log = tmp_path / "unpickled.log"
    script = (
        "import sys\n"
        "from tests.test_batch import CountedStep, LINES\n"
        "from zhclean import Pipeline, batch\n"
        "assert batch._single_threaded(), 'one thread'\n"
        "assert batch._context().get_start_method() == 'fork'\n"
        "docs = LINES * 20\n"
        "out = batch.clean_batch(docs, pipeline=Pipeline(CountedStep(sys.argv[1])), jobs=2)\n"
        "assert out == [doc.upper() for doc in docs]\n"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", script, str(log)], cwd=root, check=True)
    assert not log.exists()


def test_a_process_with_another_thread_does_not_fork() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not batch._single_threaded()
        assert batch._context().get_start_method() != "fork"
        assert clean_batch(LINES[:3], jobs=2) == [zhclean.clean(line) for line in LINES[:3]]
    finally:
        stop.set()
        thread.join()


def test_forked_workers_do_not_repeat_buffered_output(tmp_path: Path) -> None:
    # stdout to a file is block-buffered: a forked worker flushing on exit what the parent
    # had buffered before the fork would print it twice (multiprocessing flushes the
    # standard streams before it forks; this pins that we rely on it)
    script = (
        "import zhclean\n"
        "print('before the batch')\n"
        "print(len(zhclean.clean_batch(['长江', '经济带'] * 300, jobs=2)))\n"
    )
    out = tmp_path / "out.txt"
    with out.open("w", encoding="utf-8") as stream:
        subprocess.run([sys.executable, "-c", script], stdout=stream, check=True)
    assert out.read_text(encoding="utf-8") == "before the batch\n600\n"


def test_a_failing_step_surfaces_in_the_caller() -> None:
    with pytest.raises(TypeError, match="zhclean cleans str"):
        clean_batch(["a", 3], jobs=2)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not one str"):
        clean_batch("长江")


def test_clean_column_on_every_engine() -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    np = pytest.importorskip("numpy")
    values = [LINES[0], None, LINES[5]]
    expected = [zhclean.clean(LINES[0]), None, zhclean.clean(LINES[5])]
    assert clean_column(values) == expected
    assert clean_column(tuple(values)) == expected
    series = pd.Series(values, index=[10, 20, 30], name="text")
    out = clean_column(series)
    assert list(out.index) == [10, 20, 30] and out.name == "text"
    assert out[10] == expected[0] and pd.isna(out[20]) and out[30] == expected[2]
    array = pa.array(values, type=pa.large_string())
    assert clean_column(array).type == pa.large_string()
    assert clean_column(array).to_pylist() == expected
    chunked = pa.chunked_array([values[:1], values[1:]])
    assert clean_column(chunked).to_pylist() == expected
    assert list(clean_column(np.array(values, dtype=object))) == expected
    with pytest.raises(TypeError, match="takes a list"):
        clean_column({"text": values})


paragraphs = st.lists(st.sampled_from(LINES), min_size=1, max_size=40)
gaps = st.sampled_from(["\n", "\n\n", " \n\n", "\n\n\n", "\n\f\n", "\n\u3000\n"])


@given(
    parts=st.lists(st.tuples(st.sampled_from(LINES), gaps), min_size=1, max_size=60),
    block_size=st.integers(min_value=1, max_value=3000),
    piece=st.integers(min_value=1, max_value=5000),
)
def test_blocks_and_gaps_give_the_text_back(
    parts: list[tuple[str, str]], block_size: int, piece: int
) -> None:
    text = "".join(line + gap for line, gap in parts)
    pieces = [text[i : i + piece] for i in range(0, len(text), piece)]
    blocks = list(split_blocks(pieces, block_size))
    assert "".join(block + gap for block, gap in blocks) == text
    # bounded: a block never exceeds eight blocks' worth
    assert all(len(block) <= 8 * block_size for block, _ in blocks)
    for (block, gap), (following, _) in pairwise(blocks):
        assert not gap.strip(" \t\n\f\u3000")
        if gap:
            # never inside a run of line breaks: a step may strip one at a block's edge
            assert not block.endswith("\n") and not following.startswith("\n")
        else:  # no line break at all: a hard cut
            assert "\n" not in block and len(block) >= min(8 * block_size, len(text))


def test_blocks_are_cut_only_after_a_sentence_end() -> None:
    text = document_of_seeds(4)
    blocks = list(split_blocks([text], 4096))
    assert len(blocks) > 10
    for block, gap in blocks[:-1]:
        assert block.rstrip()[-1] in '。！？!?”’")）」』]'
        assert "\n\n" in gap.replace(" ", "").replace("\f", "")


def _reference_choose_cut(text: str, block_size: int, window: int) -> tuple[int, int] | None:
    """The cut chooser as it was before it counted spacing lazily: every window's counts
    from one scan of the whole text per pattern, every boundary tried in order."""
    count = len(text) // window + 1
    tallies = [[0] * count for _ in range(3)]
    for kind, pattern in enumerate((batch._DOUBLE, batch._SINGLE, batch._DOUBLE_AFTER_END)):
        for match in pattern.finditer(text):
            tallies[kind][match.start() // window] += 1
    flags = []
    for i in range(count):
        double, single, ends = (sum(tally[max(0, i - 1) : i + 2]) for tally in tallies)
        flags.append(double >= 16 and double > 3 * single and ends < double // 2)
    best = None
    for match in batch._BOUNDARY.finditer(text):
        gap = match.group("gap")
        if flags[match.start() // window] and not (
            gap[0] in " \t\u3000" or match.group("indent") or gap.count("\n") > 2 or "\f" in gap
        ):
            continue
        span = match.span("gap")
        if span[0] == 0:
            continue
        if span[0] > 2 * block_size and best is not None:
            break
        best = span
        if span[0] > 2 * block_size:
            break
    return best


# Lines as the spacing patterns see them: seed lines, one-character lines (a match of
# `_SINGLE` swallows the next line's first character), lines without two non-space
# characters in a row (no point to resume counting), sentence ends and closers.
spaced_lines = st.one_of(
    st.sampled_from(LINES),
    st.sampled_from(DOUBLE_SPACED_LINES),
    st.sampled_from(["长", "。", "a", "”", "）"]),
    st.text(alphabet="长 江\u3000\t", min_size=1, max_size=60),
    st.sampled_from([line[:12] + "。" for line in LINES[:50]]),
)
# mostly blank-line gaps, so that windows read as double-spaced (the case the counts decide)
spacing_gaps = st.sampled_from(
    ["\n\n"] * 6 + ["\n", " \n\n", "\n\n\n", "\n\f\n", "\n\u3000\n", "\n \n"]
)


@given(
    parts=st.lists(st.tuples(spaced_lines, spacing_gaps), min_size=1, max_size=80),
    block_size=st.integers(min_value=1, max_value=400),
    window=st.integers(min_value=4, max_value=300),
)
def test_lazy_cut_choice_equals_counting_every_window(
    parts: list[tuple[str, str]], block_size: int, window: int
) -> None:
    text = "".join(line + gap for line, gap in parts)
    expected = _reference_choose_cut(text, block_size, window)
    assert batch._choose_cut(text, block_size, window) == expected
    # the windows counted lazily hold the counts of one scan over the whole text
    spacing = batch._Spacing(text, window)
    for at in range(len(text) - 1, -1, -max(1, len(text) // 7)):
        spacing.double(at)
    tallies = {i: [0, 0, 0] for i in spacing.counts}
    for kind, pattern in enumerate((batch._DOUBLE, batch._SINGLE, batch._DOUBLE_AFTER_END)):
        for match in pattern.finditer(text):
            if match.start() // window in tallies:
                tallies[match.start() // window][kind] += 1
    assert spacing.counts == {i: tuple(tally) for i, tally in tallies.items()}


@pytest.mark.parametrize("gap", ["\n\f\n", " \n\n", "\n\n\n"])
def test_double_spaced_text_is_cut_only_where_more_than_a_blank_line_says_so(gap: str) -> None:
    # typeset lines of seed 002 (trailing spaces, its paragraph-end marks, taken off), a
    # blank line after each: a blank line after a sentence end is no paragraph end there,
    # a page break, a trailing space or two blank lines are
    lines = [line.strip() for line in DOUBLE_SPACED_LINES[:60]]
    text = "\n\n".join(lines[:30]) + "。" + gap + "\n\n".join(lines[30:]) + "。\n\n"
    cut = batch._choose_cut(text, block_size=len(text) // 2 - 10)
    assert cut is not None and text[cut[0] : cut[1]] == gap
    assert cut == _reference_choose_cut(text, len(text) // 2 - 10, batch._SPACING_WINDOW)


@pytest.mark.parametrize("block_size", [1 << 10, 1 << 12, 1 << 14, 1 << 16])
def test_lazy_cut_choice_on_real_text(block_size: int) -> None:
    # seed 002 is double-spaced extraction, where the spacing windows decide cuts
    texts = [document_of_seeds(3), SEED_TEXTS[2] * 4]
    for text in texts:
        for start in range(0, len(text), 7919):
            piece = text[start : start + 8 * block_size]
            for window in (64, batch._SPACING_WINDOW):
                expected = _reference_choose_cut(piece, block_size, window)
                assert batch._choose_cut(piece, block_size, window) == expected


def test_text_with_one_paragraph_per_line_is_cut_within_three_blocks() -> None:
    # a corpus's clean text has no blank line: blocks were 8 blocks' worth (24 MB at the
    # CLI's default, 224 MB of peak memory on a 40 MB file) before line ends were tried
    texts = [
        path.read_text(encoding="utf-8").strip("\n") for path in sorted(CORPUS.glob("*/clean.txt"))
    ]
    text = "\n".join(texts * 3) + "\n"
    assert "\n\n" not in text
    block_size, piece = 4096, 1000
    pieces = [text[i : i + piece] for i in range(0, len(text), piece)]
    blocks = list(split_blocks(pieces, block_size))
    assert "".join(block + gap for block, gap in blocks) == text
    assert len(blocks) > 20
    for (block, gap), (following, _) in pairwise(blocks):
        assert gap == "\n"
        assert len(block) <= 3 * block_size + piece
        last, before = block.rsplit("\n", 2)[-1], block.rsplit("\n", 2)[-2]
        assert last.rstrip()[-1] in '。！？!?”’")）」』]' and len(last) < len(before)
        assert following[0] not in "，。、；：？！）」』”’,.;:?!)]"


def test_streamed_cleaning_equals_whole_cleaning() -> None:
    # ~2 MB of ordinary documents, cut into 32 blocks and more
    text = document_of_seeds(40)
    assert len(text.encode("utf-8")) > 1_900_000
    whole = zhclean.clean(text)
    assert "".join(clean_stream([text], block_size=1 << 16)) == whole
    pieces = (text[i : i + 100_000] for i in range(0, len(text), 100_000))
    assert "".join(clean_stream(pieces, block_size=1 << 16, jobs=2)) == whole


def test_streamed_cleaning_with_your_own_pipeline() -> None:
    pipeline = Pipeline(str.strip, str.upper)
    text = "".join(
        f"Paragraph {i} ends here.\n\n\nNext one, {i}, continues" + (".\n\n" if i % 3 else "\n")
        for i in range(500)
    )
    assert "".join(clean_stream([text], pipeline=pipeline, block_size=500)) == pipeline(text)
