"""benchmarks/identity.py: the byte-identity check speed work relies on must be able to fail."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, read_seed
from zhclean.pipeline import DEFAULT

sys.path.insert(0, str(ROOT / "benchmarks"))

import identity


def test_a_reference_of_the_code_as_it_stands_matches(tmp_path: Path) -> None:
    assert identity.main(["save", "split_columns", "--store", str(tmp_path)]) == 0
    assert identity.main(["check", "split_columns", "--store", str(tmp_path)]) == 0


def test_one_changed_output_or_edit_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    identity.main(["save", "split_columns", "--store", str(tmp_path)])
    reference = tmp_path / "zhclean-identity-split_columns.pkl"
    texts, outputs, edits, again = pickle.loads(reference.read_bytes())
    changed = next(k for k, text in enumerate(texts) if text)
    outputs[changed] += "x"
    reference.write_bytes(pickle.dumps((texts, outputs, edits, again)))
    assert identity.main(["check", "split_columns", "--store", str(tmp_path)]) == 1
    assert "1 differing" in capsys.readouterr().out


def test_inputs_cover_real_files_raw_and_as_the_step_receives_them() -> None:
    texts, real, blocks = identity.inputs_for("normalize_punctuation", identity.DEFAULT_CORPUS)
    assert len(texts) == real + identity.SLICES + identity.SPLICES + blocks
    raw = read_seed("001")
    handed = raw
    for call in DEFAULT.steps:
        if call.name == "normalize_punctuation":
            break
        handed = call(handed)
    assert handed != raw  # seed 001's emoji are gone, its Traditional characters converted
    assert raw in texts[:real]
    assert handed in texts[:real]


def test_blocks_join_every_real_file_into_cli_sized_texts() -> None:
    files = ["第一段。\n", "第二段。\n\n", "第三段。"]
    assert identity.blocks_of(files) == ["第一段。\n\n第二段。\n\n第三段。\n"]
    real = identity.real_files(identity.DEFAULT_CORPUS)
    blocks = identity.blocks_of(real)
    assert len(blocks) > 1
    assert all(len(block) >= identity.DEFAULT_BLOCK_SIZE for block in blocks[:-1])
    assert sum(len(block) for block in blocks) >= sum(len(text.strip("\n")) for text in real)
