"""Structure checks of the held-out corpus in benchmarks/heldout/ (made by benchmarks/make_heldout.py).

These tests check the data, not zhclean: every document has every variant and a manifest that
agrees with the files, clean.txt is one paragraph per line, no variant is empty, the 1:1 variants
keep the line structure, and the seeded/deterministic variants regenerate byte for byte.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import LINE_FOR_LINE, PDF_FIELDS, ROOT, VARIANTS

HELDOUT = ROOT / "benchmarks" / "heldout"
DOCS = (
    sorted(p.name for p in HELDOUT.iterdir() if (p / "clean.txt").is_file())
    if HELDOUT.is_dir()
    else []
)

pytestmark = pytest.mark.skipif(not DOCS, reason="benchmarks/heldout is not present")


def manifest(doc: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HELDOUT / doc / "manifest.json").read_text(encoding="utf-8"))
    return data


def read(doc: str, name: str) -> str:
    # newline="" keeps \r and \f exactly as the tools wrote them
    with open(HELDOUT / doc / name, encoding="utf-8", newline="") as f:
        return f.read()


def test_top_level_files_list_every_document() -> None:
    top = json.loads((HELDOUT / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in top["documents"]) == DOCS
    for d in top["documents"]:
        assert d == manifest(d["id"])
    sanity = json.loads((HELDOUT / "sanity.json").read_text(encoding="utf-8"))
    assert set(sanity) == set(VARIANTS)
    assert all(s["docs"] == len(DOCS) for s in sanity.values())
    assert (HELDOUT / "README.md").read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize("doc", DOCS)
def test_every_variant_present_and_not_empty(doc: str) -> None:
    files = {p.name for p in (HELDOUT / doc).iterdir()}
    assert files == {"clean.txt", "manifest.json", *(v + ".txt" for v in VARIANTS)}
    for v in ("clean", *VARIANTS):
        assert read(doc, v + ".txt").strip(), f"{doc}/{v}.txt is empty"


@pytest.mark.parametrize("doc", DOCS)
def test_clean_is_one_paragraph_per_line(doc: str) -> None:
    text = read(doc, "clean.txt")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\r" not in text and "\f" not in text and "\t" not in text
    for n, line in enumerate(text[:-1].split("\n"), 1):
        assert line, f"{doc}/clean.txt line {n} is blank"
        assert line == line.strip(), f"{doc}/clean.txt line {n} has edge whitespace"
        assert "  " not in line, f"{doc}/clean.txt line {n} has a double space"


@pytest.mark.parametrize("doc", DOCS)
def test_manifest_agrees_with_files(doc: str) -> None:
    rapidfuzz = pytest.importorskip("rapidfuzz")
    m = manifest(doc)
    clean = read(doc, "clean.txt")
    assert m["id"] == doc
    assert {"package", "version", "path", "licence"} <= set(m["source"])
    assert m["clean"]["lines"] == clean.count("\n")
    assert set(m["pdf"]) >= PDF_FIELDS
    assert m["pdf"]["running_header"] or m["pdf"]["page_number"]
    assert set(m["variants"]) == set(VARIANTS)
    ws = re.compile(r"\s+")
    ref = ws.sub("", clean)
    for v, rec in m["variants"].items():
        text = read(doc, rec["file"])
        assert rec["file"] == v + ".txt" and rec["tool"]
        assert rec["line_breaks"] == text.count("\n")
        assert rec["form_feeds"] == text.count("\f")
        dist = rapidfuzz.distance.Levenshtein.distance(ws.sub("", text), ref)
        assert rec["raw_cer_nows"] == pytest.approx(dist / len(ref), abs=1e-4)


@pytest.mark.parametrize("doc", DOCS)
def test_line_for_line_variants_keep_the_line_structure(doc: str) -> None:
    n = read(doc, "clean.txt").count("\n")
    for v in LINE_FOR_LINE:
        assert read(doc, v + ".txt").count("\n") == n, f"{doc}/{v}.txt"


def test_corpus_covers_the_cases_the_dev_corpus_lacks() -> None:
    ms = [manifest(d) for d in DOCS]
    feats = {f for m in ms for f in m["features"]}
    assert {"footnotes", "lists", "tables", "title-header", "long"} <= feats
    assert sum(m["clean"]["footnotes"] for m in ms) > 0
    assert sum(m["clean"]["list_items"] for m in ms) > 0
    assert sum(m["clean"]["table_lines"] for m in ms) > 0
    assert max(m["pdf"]["pages"] for m in ms) >= 40
    assert {m["pdf"]["columns"] for m in ms} == {1, 2}
    assert {m["pdf"]["engine"] for m in ms} == {"weasyprint", "reportlab"}


def _maker() -> ModuleType:
    for mod in ("bs4", "regex", "emoji", "opencc", "rapidfuzz"):
        pytest.importorskip(mod)
    spec = importlib.util.spec_from_file_location(
        "make_heldout", ROOT / "benchmarks" / "make_heldout.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_heldout", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("doc", DOCS)
def test_seeded_variants_regenerate_exactly(doc: str) -> None:
    """OpenCC and the seeded emoji injection are pure functions of clean.txt: rerunning the
    script's own code must give the committed bytes and the recorded insertion counts."""
    import opencc

    mk = _maker()
    clean = read(doc, "clean.txt")
    rec = manifest(doc)["variants"]
    for cfg in ("s2t", "s2tw"):
        cc = opencc.OpenCC(cfg)
        assert "\n".join(cc.convert(line) for line in clean.split("\n")) == read(doc, cfg + ".txt")
    pools = mk.emoji_pools()
    em, counts = mk.inject(clean, "emoji-" + doc, 0.12, pools)
    assert em == read(doc, "emoji.txt") and counts == rec["emoji"]["inserted"]
    tem, tcounts = mk.inject(read(doc, "s2tw.txt"), "s2tw-emoji-" + doc, 0.08, pools)
    assert tem == read(doc, "s2tw-emoji.txt") and tcounts == rec["s2tw-emoji"]["inserted"]
