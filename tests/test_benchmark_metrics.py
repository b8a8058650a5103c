"""The quality benchmark's metrics (benchmarks/metrics.py) and a smoke run of quality.py.

The metrics must be the corpus scorer's (../shared/tools/score_corpus.py): checked
number for number when ../shared is present.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import opencc
import pytest

from tests.conftest import CORPUS, ROOT, read_seed

BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

import metrics  # noqa: E402 (benchmarks/ is put on the path above)
import quality  # noqa: E402

SCORER = ROOT.parent / "shared" / "tools" / "score_corpus.py"


# --- hand-made cases -------------------------------------------------------------------------


def test_identical_text_scores_perfectly() -> None:
    text = "长江经济带\n高质量发展\n座谈会"
    assert metrics.cer(text, text) == 0.0
    assert metrics.boundary_counts(text, text) == (2, 2, 2)
    assert metrics.para_prf(text, text) == (1.0, 1.0, 1.0)


def test_whitespace_is_ignored_by_cer() -> None:
    assert metrics.cer("长 江\u3000经济\n带", "长江经济带") == 0.0


def test_one_missing_break() -> None:
    # the clean text has breaks after 乙 and 丁; the output kept only the second
    assert metrics.boundary_counts("甲乙丙丁\n戊己", "甲乙\n丙丁\n戊己") == (1, 1, 2)
    assert metrics.para_prf("甲乙丙丁\n戊己", "甲乙\n丙丁\n戊己") == (1.0, 0.5, 2 / 3)
    assert metrics.cer("甲乙丙丁\n戊己", "甲乙\n丙丁\n戊己") == 0.0


def test_one_extra_break() -> None:
    p, r, f = metrics.para_prf("甲乙\n丙\n丁\n戊己", "甲乙\n丙丁\n戊己")
    assert (p, r) == (2 / 3, 1.0)
    assert f == pytest.approx(0.8)


def test_substitution() -> None:
    assert metrics.cer("长江经济代", "长江经济带") == 1 / 5
    # a misread character does not move the break after it
    assert metrics.para_prf("长江\n经济代", "长江\n经济带") == (1.0, 1.0, 1.0)


def test_break_next_to_a_lost_character_is_carried_through_the_alignment() -> None:
    # 乙 is missing from the output: its break (before 丙) still lands on the clean break
    assert metrics.cer("甲\n丙丁", "甲乙\n丙丁") == 1 / 4
    assert metrics.boundary_counts("甲\n丙丁", "甲乙\n丙丁") == (1, 1, 1)


def test_empty_output_scores_like_a_crash() -> None:
    assert metrics.cer("", "长江经济带") == 1.0
    assert metrics.para_prf("", "长江\n经济带") == (1.0, 0.0, 0.0)


def test_micro_average_sums_counts_over_documents() -> None:
    docs = [("甲乙丙丁\n戊己", "甲乙\n丙丁\n戊己"), ("甲乙\n丙\n丁\n戊己", "甲乙\n丙丁\n戊己")]
    counts = [metrics.boundary_counts(out, ref) for out, ref in docs]
    # tp 1 + 2, output 1 + 3, clean 2 + 2
    assert metrics.micro_prf(counts) == (3 / 4, 3 / 4, 3 / 4)


def test_naive_join_joins_within_blank_line_blocks() -> None:
    assert metrics.naive_join("长江\r\n经济带\n\n\n 高质量\n发展 \n") == "长江经济带\n高质量发展"


def test_residue_counts_each_kind_and_only_the_excess_over_the_clean_text() -> None:
    out = metrics.residue("長江经济带,高质量发展🎉。apt-get install a,b")
    assert out == metrics.Residue(emoji=1, traditional=1, ascii_punct=1)
    ref = metrics.residue("长江经济带,高质量发展。")
    assert out.excess_over(ref) == metrics.Residue(1, 1, 0)
    # a ZWJ sequence with its joiners removed leaves two emoji
    assert metrics.residue("发展👨👩。").emoji == 2


# --- the same figures as ../shared/tools/score_corpus.py -------------------------------------


@pytest.fixture(scope="module")
def score_corpus() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip("../shared/tools/score_corpus.py is not present")
    spec = importlib.util.spec_from_file_location("score_corpus", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _few_documents() -> list[Path]:
    # one-column, two-column and a news document: different wrap and break patterns
    names = ["debref-ch01-1", "faq-choosing-1", "news-seed000-1"]
    return [CORPUS / n for n in names if (CORPUS / n / "clean.txt").is_file()]


def test_per_document_figures_equal_the_scorer(score_corpus: ModuleType) -> None:
    docs = _few_documents()
    assert docs
    checked = 0
    for doc in docs:
        ref = (doc / "clean.txt").read_text(encoding="utf-8")
        for variant in ("pdftotext.txt", "pdfminer.txt", "ocr.txt", "s2tw-emoji.txt"):
            dirty = (doc / variant).read_text(encoding="utf-8", errors="replace")
            for out in (dirty, metrics.naive_join(dirty), dirty.replace("。", "。\n")):
                assert metrics.cer(out, ref) == score_corpus.cer(out, ref)
                assert metrics.para_prf(out, ref) == score_corpus.para_prf(out, ref)
                checked += 1
            assert metrics.naive_join(dirty) == score_corpus.naive(dirty)
    assert checked == 12 * len(docs)


def test_aggregated_rows_equal_the_scorer(
    score_corpus: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    for doc in _few_documents():
        shutil.copytree(doc, corpus / doc.name)
    ref_json = tmp_path / "ref.json"
    monkeypatch.setattr(sys, "argv", ["score_corpus", str(corpus), "--json", str(ref_json)])
    score_corpus.main()
    expected = json.loads(ref_json.read_text(encoding="utf-8"))

    rows, _ = quality.run([("corpus", corpus)], ["raw", "naive"])
    got = {(r["cleaner"], r["variant"]): r for r in rows}
    assert len(got) == len(expected)
    for row in expected:
        mine = got[(row["cleaner"], row["variant"])]
        for key in ("docs", "cer", "P", "R", "F1", "crashes"):
            assert mine[key] == row[key], (row["cleaner"], row["variant"], key)


# --- smoke run on a synthetic corpus ----------------------------------------------------------


def _paragraphs() -> list[str]:
    lines = [ln.strip() for ln in read_seed("000").splitlines()]
    return [ln for ln in lines if len(ln) >= 30][:6]


def _make_corpus(root: Path) -> Path:
    """Two documents from seed 000 text: hard-wrapped 'pdftotext' with a page number,
    an s2tw variant with an emoji; one is one-column, the other two-column."""
    s2tw = opencc.OpenCC("s2tw")
    paras = _paragraphs()
    for i, (name, cols) in enumerate((("doc-a", 1), ("doc-b", 2))):
        doc = root / name
        doc.mkdir(parents=True)
        chosen = paras[i * 3 : i * 3 + 3]
        (doc / "clean.txt").write_text("\n".join(chosen) + "\n", encoding="utf-8")
        wrapped = "\n\n".join(
            "\n".join(p[k : k + 20] for k in range(0, len(p), 20)) for p in chosen
        )
        (doc / "pdftotext.txt").write_text(wrapped + "\n\n- 1 -\n\f", encoding="utf-8")
        tw = "\n".join(s2tw.convert(p) for p in chosen).replace("，", "，🎉", 1)
        (doc / "s2tw-emoji.txt").write_text(tw + "\n", encoding="utf-8")
        (doc / "manifest.json").write_text(json.dumps({"pdf": {"columns": cols}}))
    return root


def test_short_run_on_a_synthetic_corpus(tmp_path: Path) -> None:
    corpus = _make_corpus(tmp_path / "tiny")
    out_json = tmp_path / "rows.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH / "quality.py"),
            "--short",
            "--corpus",
            str(corpus),
            "--json",
            str(out_json),
            "--cleaner",
            "raw",
            "--cleaner",
            "naive",
            "--cleaner",
            "zhclean",
            "--cleaner",
            "ftfy",
            "--cleaner",
            "no_such_peer:clean",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    rows: list[dict[str, Any]] = json.loads(out_json.read_text(encoding="utf-8"))
    cells = {(r["cleaner"], r["variant"]): r for r in rows}

    # a missing peer is a row of the table, not a failure
    missing = cells[("no_such_peer:clean", "*")]
    assert missing["status"].startswith("not installed")
    assert "no_such_peer:clean" in proc.stdout

    # PDF variants split by layout, text-level ones not
    variants = {r["variant"] for r in rows if r["cleaner"] == "raw"}
    assert variants == {"pdftotext/1col", "pdftotext/2col", "s2tw-emoji"}
    for cleaner in ("raw", "naive", "zhclean", "ftfy"):
        assert {v for c, v in cells if c == cleaner} == variants

    # raw keeps every hard wrap, naive rebuilds the blank-line-separated paragraphs,
    # but neither removes the page number
    raw, naive = cells[("raw", "pdftotext/1col")], cells[("naive", "pdftotext/1col")]
    assert raw["R"] == 1.0 and raw["P"] < 0.5
    assert naive["F1"] < 1.0 and naive["R"] == 1.0
    assert naive["cer"] == raw["cer"] > 0

    # residue: two emoji (one per document), every Traditional character left by raw
    tw = cells[("raw", "s2tw-emoji")]
    assert tw["emoji_left"] == 2
    expected_trad = sum(
        metrics.residue((corpus / d / "s2tw-emoji.txt").read_text(encoding="utf-8")).traditional
        for d in ("doc-a", "doc-b")
    )
    assert tw["trad_left"] == expected_trad > 0

    # every row that ran has its numbers, crashes counted (zhclean may still be unfinished)
    for r in rows:
        if r["variant"] != "*":
            assert r["docs"] >= 1 and 0.0 <= r["F1"] <= 1.0 and r["MBps"] > 0
            assert (r["crashes"] > 0) == r["status"].startswith("crash")
    assert "CER%" in proc.stdout


def test_write_results_replaces_only_its_section(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    quality.write_results(f"{quality.START}\nfirst\n{quality.END}", results)
    text = results.read_text(encoding="utf-8")
    assert text.count(quality.START) == 1 and "first" in text

    speed = "<!-- speed:start -->\nspeed table\n<!-- speed:end -->"
    results.write_text(text + "\n" + speed + "\n", encoding="utf-8")
    quality.write_results(f"{quality.START}\nsecond\n{quality.END}", results)
    text = results.read_text(encoding="utf-8")
    assert "second" in text and "first" not in text and speed in text


def test_metrics_doctests_pass() -> None:
    import doctest

    assert doctest.testmod(metrics).failed == 0
