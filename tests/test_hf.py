"""The HF datasets recipe on a real ``datasets.Dataset`` (zhclean.hf)."""

from __future__ import annotations

import pytest

import zhclean
from tests.conftest import read_seed
from zhclean.hf import hf_map

datasets = pytest.importorskip("datasets")

LINES = [
    line for seed in ("000", "001", "003") for line in read_seed(seed).splitlines() if line.strip()
]


def build(count: int) -> datasets.Dataset:
    texts: list[str | None] = [LINES[i % len(LINES)] for i in range(count)]
    texts[7] = None
    return datasets.Dataset.from_dict(
        {"id": list(range(count)), "text": texts, "source": [f"seed-{i % 3}" for i in range(count)]}
    )


def expected(texts: list[str | None]) -> list[str | None]:
    return [None if t is None else zhclean.clean(t) for t in texts]


def test_batched_map_with_worker_processes() -> None:
    dataset = build(600)
    cleaned = dataset.map(zhclean.hf_map("text"), batched=True, batch_size=64, num_proc=2)
    assert cleaned.column_names == dataset.column_names
    assert cleaned["id"] == dataset["id"] and cleaned["source"] == dataset["source"]
    assert cleaned["text"] == expected(dataset["text"])


def test_new_column_preset_and_unbatched_map() -> None:
    dataset = build(50)
    cleaned = dataset.map(hf_map("text", pipeline="minimal", output_field="clean"), batched=True)
    assert cleaned["text"] == dataset["text"]
    minimal = zhclean.preset("minimal")
    assert cleaned["clean"] == [None if t is None else minimal(t) for t in dataset["text"]]
    one_by_one = dataset.map(hf_map("text"))
    assert one_by_one["text"] == expected(dataset["text"])


def test_missing_column_names_the_columns() -> None:
    with pytest.raises(KeyError, match="no column 'body' to clean; columns: id, text, source"):
        build(10).map(hf_map("body"), batched=True)
