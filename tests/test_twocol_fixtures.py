"""Structure checks of the two-column tuning set in benchmarks/twocol/ (made by
`benchmarks/make_heldout.py --set twocol`).

The set is TUNING data made from development-corpus text: every document is a dev document's
clean.txt typeset again in two columns. These tests check the data, not zhclean's output:
every document has the nine files, is two-column on A4/Letter, its manifest agrees with its
files and with the development corpus's fields (the scorer splits PDF/OCR variants by
`pdf.columns`), its clean text is exactly its dev document's (so no held-out or unseen text
enters the set), and the OpenCC/emoji variants keep clean.txt's line structure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TWOCOL = ROOT / "benchmarks" / "twocol"
CORPUS = ROOT.parent / "shared" / "corpus"
VARIANTS = (
    "pdftotext",
    "pdftotext-layout",
    "pdfminer",
    "ocr",
    "s2t",
    "s2tw",
    "emoji",
    "s2tw-emoji",
)
LINE_FOR_LINE = ("s2t", "s2tw", "emoji", "s2tw-emoji")
PDF_FIELDS = {
    "engine",
    "page",
    "columns",
    "font",
    "font_size_pt",
    "line_height",
    "first_line_indent_em",
    "justify",
    "running_header",
    "header_alternates",
    "page_number",
    "pages",
}
DOCS = (
    sorted(p.name for p in TWOCOL.iterdir() if (p / "clean.txt").is_file())
    if TWOCOL.is_dir()
    else []
)

pytestmark = pytest.mark.skipif(not DOCS, reason="benchmarks/twocol is not present")


def read(doc: str, name: str) -> str:
    # newline="" keeps \r and \f exactly as the tools wrote them
    with open(TWOCOL / doc / name, encoding="utf-8", newline="") as f:
        return f.read()


def manifest(doc: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read(doc, "manifest.json"))
    return data


def test_top_level_files_list_every_document() -> None:
    top = json.loads((TWOCOL / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in top["documents"]) == DOCS
    for d in top["documents"]:
        assert d == manifest(d["id"])
    sanity = json.loads((TWOCOL / "sanity.json").read_text(encoding="utf-8"))
    assert set(sanity) == set(VARIANTS)
    assert all(s["docs"] == len(DOCS) for s in sanity.values())
    assert "tuning set" in (TWOCOL / "README.md").read_text(encoding="utf-8").lower()


def test_every_document_is_two_column_like_dev() -> None:
    ms = [manifest(d) for d in DOCS]
    assert len(ms) >= 10
    assert all(m["set"] == "twocol" and m["features"] == [] for m in ms)
    assert all(m["pdf"]["columns"] == 2 and m["pdf"]["page"] in ("A4", "Letter") for m in ms)
    assert all(9 <= m["pdf"]["font_size_pt"] <= 12 for m in ms)
    # the layouts vary along the dev ranges, not one layout twelve times
    for key in ("font", "first_line_indent_em", "justify", "page_number", "engine"):
        assert len({m["pdf"][key] for m in ms}) > 1, key
    # no two documents share a text
    assert len({m["source"]["dev_document"] for m in ms}) == len(ms)


@pytest.mark.parametrize("doc", DOCS)
def test_text_is_the_dev_documents(doc: str) -> None:
    dev = manifest(doc)["source"]["dev_document"]
    if not (CORPUS / dev / "clean.txt").is_file():
        pytest.skip("the development corpus is not present")
    assert read(doc, "clean.txt") == (CORPUS / dev / "clean.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", DOCS)
def test_every_document_has_the_nine_files(doc: str) -> None:
    files = {p.name for p in (TWOCOL / doc).iterdir()}
    assert files == {"clean.txt", "manifest.json", *(v + ".txt" for v in VARIANTS)}
    for v in ("clean", *VARIANTS):
        assert read(doc, v + ".txt").strip(), f"{doc}/{v}.txt is empty"


@pytest.mark.parametrize("doc", DOCS)
def test_manifest_agrees_with_files(doc: str) -> None:
    m = manifest(doc)
    clean = read(doc, "clean.txt")
    assert m["id"] == doc
    assert {"package", "version", "path", "licence", "dev_document"} <= set(m["source"])
    assert m["clean"]["lines"] == clean.count("\n")
    assert set(m["pdf"]) >= PDF_FIELDS
    assert m["pdf"]["running_header"] or m["pdf"]["page_number"]
    assert set(m["variants"]) == set(VARIANTS)
    for v, rec in m["variants"].items():
        text = read(doc, rec["file"])
        assert rec["file"] == v + ".txt" and rec["tool"]
        assert rec["line_breaks"] == text.count("\n")
        assert rec["form_feeds"] == text.count("\f")
    # OCR pages are joined by form feeds, one per page break
    assert m["variants"]["ocr"]["form_feeds"] == m["pdf"]["pages"] - 1


@pytest.mark.parametrize("doc", DOCS)
def test_line_for_line_variants_keep_the_line_structure(doc: str) -> None:
    n = read(doc, "clean.txt").count("\n")
    for v in LINE_FOR_LINE:
        assert read(doc, v + ".txt").count("\n") == n, f"{doc}/{v}.txt"
