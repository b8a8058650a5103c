"""Smoke tests of benchmarks/speed.py on a tiny corpus made from the seeds.

They check that every row the issue asks for is measured and that --write-results only
rewrites the speed section; they never look at how fast anything was.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, read_seed

sys.path.insert(0, str(ROOT / "benchmarks"))

import speed

import zhclean


@pytest.fixture()
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus of one document (a clean file that must be skipped, two dirty variants)
    and a seeds directory of one seed, all cut from seeds 001 and 004."""
    corpus = tmp_path / "corpus"
    (corpus / "doc-1").mkdir(parents=True)
    (corpus / "doc-1" / "clean.txt").write_text("不该被读入", encoding="utf-8")
    (corpus / "doc-1" / "s2tw-emoji.txt").write_text(read_seed("001")[:600], encoding="utf-8")
    (corpus / "doc-1" / "pdftotext.txt").write_text(read_seed("004")[:600], encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_x.txt").write_text(read_seed("000")[:600], encoding="utf-8")
    return corpus, seeds


def test_sources_skip_clean_text_and_corpus_repeats_to_size(tiny: tuple[Path, Path]) -> None:
    corpus, seeds = tiny
    sources = speed.source_documents(corpus, seeds)
    assert len(sources) == 3
    assert all("clean.txt" not in label for label, _ in sources)
    unique = [text for _, text in sources]
    docs = speed.build_corpus(unique, 0.01)
    assert speed.utf8_size(docs) >= 10_000
    assert docs[: len(unique)] == unique


def test_short_run_measures_every_row_and_writes_only_its_section(
    tiny: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, seeds = tiny
    results = tmp_path / "RESULTS.md"
    quality = "<!-- quality:start -->\nquality table\n<!-- quality:end -->\n"
    results.write_text("# Benchmark results\n\n" + quality, encoding="utf-8")
    argv = [
        "--short",
        "--corpus",
        str(corpus),
        "--seeds",
        str(seeds),
        "--no-peers",
        "--no-scaling",
        "--write-results",
        "--results",
        str(results),
    ]
    assert speed.main(argv) == 0
    out = capsys.readouterr().out
    table = out.split("\n\n")[-1]
    names = [
        "default pipeline",
        *(f"preset {p}" for p in zhclean.PRESETS),
        *zhclean.STEPS,
        "read + decode UTF-8",
        "one regex pass",
        "OpenCC t2s",
        "emoji.replace_emoji",
    ]
    rows = {line[9:36].strip(): line for line in table.splitlines()[1:]}
    for name in names:
        float(rows[name][36:46])  # measured: a figure in the MB/s column, not "-"
    assert "Load average before" in out
    written = results.read_text(encoding="utf-8")
    assert quality in written  # the quality section is left as it was
    section = written.split(speed.START_MARK, 1)[1].split(speed.END_MARK, 1)[0]
    assert "default pipeline" in section and "Machine:" in section and "Versions:" in section
    # A second write replaces the section instead of appending another one, and keeps
    # the figures measured by hand.
    hand = "By hand: CLI peak RSS on a 1 GB file"
    results.write_text(
        written.replace(speed.END_MARK, hand + "\n" + speed.END_MARK), encoding="utf-8"
    )
    speed.write_results(results, "## Speed\n\nreplaced")
    again = results.read_text(encoding="utf-8")
    assert again.count(speed.START_MARK) == 1 and "replaced" in again and quality in again
    assert again.count(hand) == 1 and "default pipeline" not in again


def test_targets_report_each_goal_met_or_not() -> None:
    rows = [
        speed.Row("zhclean", "default pipeline", 30.0, 1.0),
        speed.Row("peer", "fast", 40.0, 1.0),
        speed.Row("peer", "missing", None, None, "not installed"),
        speed.Row("scaling", "one document x1", 1.0, 1.0),
        speed.Row("scaling", "one document x16", 1.0, 18.0),
        speed.Row("scaling", "CLI --jobs 1", 1.0, 10.0),
        speed.Row("scaling", "CLI --jobs 2", 1.0, 5.0),
        speed.Row("scaling", "two processes at once", 2.0, 1.0, "x1.93 the throughput of one"),
        speed.Row(
            "scaling", "CLI peak memory", 1.0, 1.0, "5 MB text file: peak RSS 90 MB", 90_000_000
        ),
        speed.Row(
            "scaling",
            "CLI peak memory, no blank line",
            1.0,
            1.0,
            "5 MB text file without blank lines: peak RSS 220 MB",
            220_000_000,
        ),
    ]
    lines = speed.targets(rows)
    assert len(lines) == 6
    assert lines[0].endswith(": met") and "fast" in lines[1] and lines[1].endswith("NOT met")
    assert lines[2].endswith("NOT met") and ": met (two processes at once: x1.93)" in lines[3]
    assert ": met" in lines[4]
    assert "without blank lines" in lines[5] and "NOT met" in lines[5]


def test_scaling_rows_cover_sizes_jobs_and_memory(tiny: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, seeds = tiny
    unique = [text for _, text in speed.source_documents(corpus, seeds)]
    rows = speed.scaling_rows(unique, (1, 4), 2)
    assert [row.name for row in rows] == ["one document x1", "one document x4"]
    docs = speed.build_corpus(unique, 0.005)
    batch = speed.batch_rows(docs, speed.utf8_size(docs))
    assert [row.name for row in batch] == ["clean_batch jobs=1", "clean_batch jobs=2"]
    ceiling = speed.ceiling_row(docs, 1, tmp_path)
    assert [row.name for row in ceiling] == ["two processes at once"]
    assert ceiling[0].note.startswith("x") and ceiling[0].seconds
    cli = speed.cli_rows(unique, 0.02, 0.02, tmp_path, 2)
    assert [row.name for row in cli] == [
        "CLI --jobs 1",
        "CLI --jobs 2",
        "CLI peak memory",
        "CLI peak memory, no blank line",
    ]
    assert "without blank lines" in cli[3].note
    assert all(row.seconds is not None and "peak RSS" in row.note for row in cli)
    assert "median of 2" in cli[0].note and "median of 2" in cli[1].note
