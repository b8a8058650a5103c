"""Ray Data on a real local cluster cleans exactly as the CLI does (zhclean.ray)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, read_seed
from zhclean.ray import RayCleaner, clean_dataset

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

LINES = [
    line
    for seed in ("000", "001", "002", "003", "004")
    for line in read_seed(seed).splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield
    finally:
        ray.shutdown()


def records(count: int) -> list[dict[str, object]]:
    return [{"id": i, "text": LINES[i % len(LINES)], "part": i % 7} for i in range(count)]


def cli_clean(tmp_path: Path, rows: list[dict[str, object]]) -> list[str]:
    source = tmp_path / "records.jsonl"
    source.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "zhclean", "--jsonl", "--field", "text", str(source)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        timeout=600,
    )
    return [json.loads(line)["text"] for line in result.stdout.decode("utf-8").splitlines()]


def test_ray_data_cleans_like_the_cli(cluster: None, tmp_path: Path) -> None:
    rows = records(3000)
    expected = cli_clean(tmp_path, rows)
    dataset = ray.data.from_items(rows, override_num_blocks=6)
    cleaned = clean_dataset(dataset, "text", concurrency=2, batch_size=256).take_all()
    by_id = sorted(cleaned, key=lambda row: row["id"])
    assert [row["id"] for row in by_id] == list(range(len(rows)))
    assert [row["part"] for row in by_id] == [row["part"] for row in rows]
    assert [row["text"] for row in by_id] == expected


def test_map_batches_with_the_class_itself(cluster: None) -> None:
    rows = records(500)
    dataset = ray.data.from_items(rows)
    out = dataset.map_batches(
        RayCleaner,
        fn_constructor_kwargs={"column": "text", "pipeline": "minimal", "output_column": "clean"},
        batch_format="pandas",
        concurrency=1,
    ).take_all()
    from zhclean import preset

    minimal = preset("minimal")
    assert sorted((r["id"], r["text"], r["clean"]) for r in out) == sorted(
        (r["id"], r["text"], minimal(str(r["text"]))) for r in rows
    )
