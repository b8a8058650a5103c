"""The command line end to end: encodings, JSONL, Parquet, directories, atomic output, jobs."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

import zhclean
from tests.conftest import ROOT, SEEDS, read_seed
from tests.test_batch import document_of_seeds
from zhclean import Pipeline, cli
from zhclean.formats import TextStream

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "zhclean", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )


def main(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


def without(text: str, encoding: str) -> str:
    return "".join(char for char in text if char.encode(encoding, "ignore"))


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16", "utf-8-sig"])
def test_encoded_seed_cleans_like_its_utf8_content(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], encoding: str
) -> None:
    text = without(read_seed("001"), encoding)  # Big5 cannot hold the emoji
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "encoded.txt").write_bytes(text.encode(encoding))
    code, expected, _ = main(capsysbinary, str(tmp_path / "utf8.txt"))
    assert code == 0
    code, out, err = main(capsysbinary, "-v", str(tmp_path / "encoded.txt"))
    assert code == 0
    assert (
        out
        == expected
        == zhclean.clean(text) + ("" if zhclean.clean(text).endswith("\n") else "\n")
    )
    assert "同志" in out and "机制" in out and "李干杰" in out
    chosen = {"gb18030": "gb18030", "big5": "big5", "utf-16": "utf-16-le", "utf-8-sig": "utf-8"}[
        encoding
    ]
    assert f"encoded.txt: read as {chosen} (" in err


def test_forced_and_unknown_encoding(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    text = without(read_seed("001"), "big5")
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    code, out, err = main(capsysbinary, "--encoding", "big5", "-v", str(path))
    assert code == 0 and "read as big5 (forced big5)" in err
    assert out.rstrip("\n") == zhclean.clean(text).rstrip("\n")
    code, _, err = main(capsysbinary, "--encoding", "utf-8", str(path))
    assert code == 2 and err.startswith(f"zhclean: error: {path}: byte ")
    code, _, err = main(capsysbinary, "--encoding", "klingon", str(path))
    assert code == 2 and "unknown encoding 'klingon'" in err


def test_undecodable_bytes_one_line_or_replaced(tmp_path: Path) -> None:
    data = read_seed("000").encode("utf-8")
    offset = data.index("座谈会".encode(), 1000)
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:offset] + b"\xff" + data[offset:])
    failed = run_cli(str(path))
    assert failed.returncode == 2
    assert (
        failed.stderr.decode()
        == f"zhclean: error: {path}: byte {offset}: cannot decode as utf-8 (invalid start byte)\n"
    )
    replaced = run_cli("--errors", "replace", str(path))
    assert replaced.returncode == 0
    assert replaced.stdout.decode().count("\ufffd") == 1
    assert (
        f"replaced 1 undecodable bytes with U+FFFD (first at byte {offset})"
        in replaced.stderr.decode()
    )


def test_usage_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    for args, message in [
        (["missing.txt"], "missing.txt: no such file"),
        ([str(tmp_path / "*.nothing")], "pattern matches no file"),
        (["--parquet", str(SEED_FILES[0])], "--parquet writes files"),
        (["--jobs", "-1", str(SEED_FILES[0])], "--jobs must be 0"),
        (["--in-place", "-"], "--in-place cannot write back to standard input"),
    ]:
        result = run_cli(*args)
        assert result.returncode == 2, args
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in lines[0]


def test_stdin_and_concatenated_output(tmp_path: Path) -> None:
    seed = SEED_FILES[1].read_bytes()
    piped = run_cli("-", stdin=seed)
    assert piped.returncode == 0
    assert piped.stdout.decode() == zhclean.clean(
        seed.decode()
    ) + "\n" or piped.stdout.decode() == zhclean.clean(seed.decode())
    out = tmp_path / "both.txt"
    result = run_cli(str(SEED_FILES[0]), str(SEED_FILES[1]), "-o", str(out))
    assert result.returncode == 0
    parts = [zhclean.clean(p.read_text(encoding="utf-8")) for p in SEED_FILES[:2]]
    assert out.read_text(encoding="utf-8") == "".join(
        p if p.endswith("\n") else p + "\n" for p in parts
    )


def write_jsonl(path: Path, count: int) -> list[dict[str, object]]:
    lines = [
        line
        for text in map(read_seed, ["000", "001", "003"])
        for line in text.splitlines()
        if line.strip()
    ]
    records: list[dict[str, object]] = [
        {
            "id": i,
            "text": lines[i % len(lines)],
            "meta": {"n": i * 1.5, "tags": ["a", None]},
            "ok": i % 2 == 0,
        }
        for i in range(count)
    ]
    records[3]["text"] = None
    del records[4]["text"]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return records


def test_jsonl_keeps_every_record_and_field(tmp_path: Path) -> None:
    source = tmp_path / "data.jsonl"
    records = write_jsonl(source, 10_000)
    out = tmp_path / "clean.jsonl"
    result = run_cli(
        "--jsonl", "--field", "text", "--preset", "minimal", str(source), "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    cleaned = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(cleaned) == len(records)
    minimal = zhclean.preset("minimal")
    for before, after in zip(records, cleaned, strict=True):
        assert list(after) == list(before)
        assert {k: v for k, v in after.items() if k != "text"} == {
            k: v for k, v in before.items() if k != "text"
        }
        if isinstance(before.get("text"), str):
            assert after["text"] == minimal(before["text"])  # type: ignore[arg-type]


def test_jsonl_default_pipeline_with_jobs(tmp_path: Path) -> None:
    source = tmp_path / "data.jsonl"
    records = write_jsonl(source, 400)
    serial = run_cli("--jsonl", str(source))
    parallel = run_cli("--jsonl", "--jobs", "2", str(source))
    assert serial.returncode == parallel.returncode == 0
    assert serial.stdout == parallel.stdout
    texts = [json.loads(line).get("text") for line in serial.stdout.decode().splitlines()]
    assert texts == [
        zhclean.clean(r["text"]) if isinstance(r.get("text"), str) else r.get("text")
        for r in records
    ]  # type: ignore[arg-type]


def test_malformed_jsonl(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"text": "長江"}\n{"text": "經濟\n\n[1]\n{"text": "帶"}\n', encoding="utf-8")
    failed = run_cli("--jsonl", str(source))
    assert failed.returncode == 2
    assert (
        failed.stderr.decode().strip()
        == f"zhclean: error: {source}: line 2: invalid JSON at column 10 (Unterminated string starting)"
    )
    skipped = run_cli("--jsonl", "--skip-bad", str(source))
    assert skipped.returncode == 0
    assert skipped.stdout.decode().splitlines() == [
        '{"text": "长江"}',
        '{"text": "經濟',
        "",
        "[1]",
        '{"text": "带"}',
    ]
    assert "passed 2 malformed line(s) through untouched (first: line 2)" in skipped.stderr.decode()


def test_parquet_round_trip(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    texts = [line for line in read_seed("001").splitlines() if line.strip()] * 200
    table = pa.table({"id": list(range(len(texts))), "text": texts, "lang": ["zh"] * len(texts)})
    table = table.set_column(
        1, "text", pa.array([None if i == 5 else t for i, t in enumerate(texts)])
    )
    (tmp_path / "in" / "part").mkdir(parents=True)
    pq.write_table(table.slice(0, 1500), tmp_path / "in" / "a.parquet", row_group_size=700)
    pq.write_table(table.slice(1500), tmp_path / "in" / "part" / "b.parquet")
    result = run_cli("--parquet", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    out = pa.concat_tables(
        [
            pq.read_table(tmp_path / "out" / "a.parquet"),
            pq.read_table(tmp_path / "out" / "part" / "b.parquet"),
        ]
    )
    assert out.schema == table.schema
    assert out.column("id").to_pylist() == table.column("id").to_pylist()
    assert out.column("lang") == table.column("lang")
    assert out.column("text").to_pylist() == [
        None if t is None else zhclean.clean(t) for t in table.column("text").to_pylist()
    ]


def test_directories_and_globs_mirror_names(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    for path in SEED_FILES[:3]:
        (raw / path.name).write_bytes(path.read_bytes())
    (raw / "sub" / "big5.txt").write_bytes(without(read_seed("001"), "big5").encode("big5"))
    (raw / "notes.bin").write_bytes(b"\x00\x01")  # not a text file: a directory input skips it
    result = run_cli(str(raw), "-o", str(tmp_path / "clean"))
    assert result.returncode == 0, result.stderr
    written = sorted(
        p.relative_to(tmp_path / "clean").as_posix()
        for p in (tmp_path / "clean").rglob("*")
        if p.is_file()
    )
    assert written == sorted([p.name for p in SEED_FILES[:3]] + ["sub/big5.txt"])
    for path in SEED_FILES[:3]:
        assert (tmp_path / "clean" / path.name).read_text(encoding="utf-8").rstrip(
            "\n"
        ) == zhclean.clean(path.read_text(encoding="utf-8")).rstrip("\n")
    globbed = run_cli(str(raw / "**" / "*.txt"), "-o", str(tmp_path / "globbed"))
    assert globbed.returncode == 0, globbed.stderr
    assert (tmp_path / "globbed" / "sub" / "big5.txt").read_bytes() == (
        tmp_path / "clean" / "sub" / "big5.txt"
    ).read_bytes()


def test_in_place_and_never_overwriting_otherwise(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    original = read_seed("003")
    path.write_text(original, encoding="utf-8")
    refused = run_cli(str(path), "-o", str(path))
    assert refused.returncode == 2 and "would overwrite the input" in refused.stderr.decode()
    assert path.read_text(encoding="utf-8") == original
    refused_dir = run_cli(str(tmp_path), "-o", str(tmp_path))
    assert refused_dir.returncode == 2
    done = run_cli("--in-place", str(path))
    assert done.returncode == 0
    assert path.read_text(encoding="utf-8").rstrip("\n") == zhclean.clean(original).rstrip("\n")


def test_output_is_atomic_when_input_fails_midway(tmp_path: Path) -> None:
    data = document_of_seeds(3).encode("utf-8")
    path = tmp_path / "long.txt"
    path.write_bytes(data + b"\xff tail")
    out = tmp_path / "out.txt"
    out.write_text("previous result\n", encoding="utf-8")
    # small blocks: several are cleaned and written before the bad byte is read
    result = run_cli("--block-size", "4096", str(path), "-o", str(out))
    assert result.returncode == 2 and f"byte {len(data)}" in result.stderr.decode()
    assert out.read_text(encoding="utf-8") == "previous result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.txt", "out.txt"]
    fresh = run_cli("--block-size", "4096", str(path), "-o", str(tmp_path / "new.txt"))
    assert fresh.returncode == 2 and not (tmp_path / "new.txt").exists()


def test_streamed_file_equals_whole_file_cleaning(tmp_path: Path) -> None:
    text = document_of_seeds(40)  # ~2 MB, cut into blocks of 64 K characters
    path = tmp_path / "large.txt"
    path.write_bytes(text.encode("gb18030"))
    result = run_cli("--block-size", "65536", str(path))
    assert result.returncode == 0, result.stderr
    whole = zhclean.clean(text)
    assert result.stdout.decode() == whole + ("" if whole.endswith("\n") else "\n")


def test_text_blocks_cleaned_by_workers_give_the_serial_bytes(tmp_path: Path) -> None:
    # the workers hand blocks back UTF-8 encoded; gaps and the final newline are the
    # parent's: both must come out exactly as in one process, to stdout and to a file
    text = document_of_seeds(6).rstrip("\n")  # no final newline: the sink adds one
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    serial = run_cli("--block-size", "8192", str(path))
    parallel = run_cli("--block-size", "8192", "--jobs", "2", str(path))
    assert serial.returncode == parallel.returncode == 0
    assert parallel.stdout == serial.stdout and serial.stdout.endswith(b"\n")
    assert len(text) > 16 * 8192  # many blocks, with their gaps
    out = tmp_path / "out.txt"
    assert run_cli("--block-size", "8192", "--jobs", "2", str(path), "-o", str(out)).returncode == 0
    assert out.read_bytes() == serial.stdout


def test_a_failing_step_is_exit_1_naming_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("长江\n", encoding="utf-8")
    args = cli.build_parser().parse_args([str(path), "-o", str(tmp_path / "out.txt")])
    sources, expanded = cli.expand_inputs(args.inputs, "text")
    plan = cli.make_plan(args, Pipeline(bytes.fromhex), sources, expanded)  # type: ignore[arg-type]
    with pytest.raises(cli.CleaningFailed, match=f"{path}: cleaning failed \\(ValueError"):
        cli.run(plan, jobs=1)
    assert not (tmp_path / "out.txt").exists()


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    pytest.importorskip("tqdm")
    master, replica = pty.openpty()
    with os.fdopen(replica, "w", encoding="utf-8") as terminal:
        progress = cli.Progress(terminal)
        assert progress.bar is not None
        for _ in range(3):
            progress.update("长江" * 333_334)  # 2 MB of UTF-8 each
        progress.close()
        terminal.flush()
        # tqdm writes in several pieces: read until the terminal stays quiet (never block)
        chunks: list[bytes] = []
        while select.select([master], [], [], 0.5 if chunks else 10)[0]:
            chunks.append(os.read(master, 65536))
        shown = b"".join(chunks).decode("utf-8", "replace")
    os.close(master)
    assert "3 docs" in shown and "6.00M" in shown and "B/s" in shown
    with open(tmp_path / "log.txt", "w", encoding="utf-8") as not_a_terminal:
        quiet = cli.Progress(not_a_terminal)
        quiet.update("长江")
        quiet.close()
    assert quiet.bar is None and (tmp_path / "log.txt").read_text(encoding="utf-8") == ""


def test_reports_read_decoded_inputs(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(without(read_seed("001"), "big5").encode("big5"))
    result = run_cli("--explain-json", str(path))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"][0]["name"] == str(path)


def test_text_stream_reports_its_detection() -> None:
    import io

    stream = TextStream(io.BytesIO(read_seed("000").encode("gb18030")), source="x")
    assert "".join(stream) == read_seed("000")
    assert stream.detection is not None and stream.detection.encoding == "gb18030"


def test_empty_inputs_give_empty_outputs(tmp_path: Path) -> None:
    for flag, name in [("--jsonl", "empty.jsonl"), ("--preset=default", "empty.txt")]:
        (tmp_path / name).write_bytes(b"")
        out = tmp_path / ("out-" + name)
        result = run_cli(flag, str(tmp_path / name), "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert out.read_bytes() == b""
