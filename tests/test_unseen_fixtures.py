"""Structure checks of the unseen evaluation set in benchmarks/unseen/ (made by
`benchmarks/make_heldout.py --set unseen`).

These tests check the data only, never zhclean's output on it (the set is evaluation-only):
every document has the nine files, the manifests parse and agree with the files and with the
development corpus's fields (the scorer splits PDF/OCR variants by `pdf.columns`), and the
OpenCC/emoji variants keep clean.txt's line structure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

UNSEEN = Path(__file__).resolve().parent.parent / "benchmarks" / "unseen"
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
    sorted(p.name for p in UNSEEN.iterdir() if (p / "clean.txt").is_file())
    if UNSEEN.is_dir()
    else []
)

pytestmark = pytest.mark.skipif(not DOCS, reason="benchmarks/unseen is not present")


def read(doc: str, name: str) -> str:
    # newline="" keeps \r and \f exactly as the tools wrote them
    with open(UNSEEN / doc / name, encoding="utf-8", newline="") as f:
        return f.read()


def manifest(doc: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read(doc, "manifest.json"))
    return data


def test_top_level_files_list_every_document() -> None:
    top = json.loads((UNSEEN / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in top["documents"]) == DOCS
    for d in top["documents"]:
        assert d == manifest(d["id"])
    sanity = json.loads((UNSEEN / "sanity.json").read_text(encoding="utf-8"))
    assert set(sanity) == set(VARIANTS)
    assert all(s["docs"] == len(DOCS) for s in sanity.values())
    assert "evaluation only" in (UNSEEN / "README.md").read_text(encoding="utf-8").lower()


def test_set_is_made_like_the_dev_corpus() -> None:
    ms = [manifest(d) for d in DOCS]
    assert all(m["set"] == "unseen" and m["features"] == [] for m in ms)
    assert all(
        m["clean"]["list_items"] == m["clean"]["table_lines"] == m["clean"]["footnotes"] == 0
        for m in ms
    )
    # every PDF/OCR variant must have one- and two-column documents for the scorer's split
    assert {m["pdf"]["columns"] for m in ms} == {1, 2}
    assert {m["pdf"]["engine"] for m in ms} == {"weasyprint", "reportlab"}
    assert all(m["pdf"]["page"] in ("A4", "Letter") for m in ms if m["pdf"]["columns"] == 2)


@pytest.mark.parametrize("doc", DOCS)
def test_every_document_has_the_nine_files(doc: str) -> None:
    files = {p.name for p in (UNSEEN / doc).iterdir()}
    assert files == {"clean.txt", "manifest.json", *(v + ".txt" for v in VARIANTS)}
    for v in ("clean", *VARIANTS):
        assert read(doc, v + ".txt").strip(), f"{doc}/{v}.txt is empty"


@pytest.mark.parametrize("doc", DOCS)
def test_manifest_agrees_with_files(doc: str) -> None:
    m = manifest(doc)
    clean = read(doc, "clean.txt")
    assert m["id"] == doc
    assert {"package", "version", "path", "licence"} <= set(m["source"])
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
def test_clean_is_one_paragraph_per_line(doc: str) -> None:
    text = read(doc, "clean.txt")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\r" not in text and "\f" not in text and "\t" not in text
    for n, line in enumerate(text[:-1].split("\n"), 1):
        assert line and line == line.strip(), f"{doc}/clean.txt line {n}"


@pytest.mark.parametrize("doc", DOCS)
def test_line_for_line_variants_keep_the_line_structure(doc: str) -> None:
    n = read(doc, "clean.txt").count("\n")
    for v in LINE_FOR_LINE:
        assert read(doc, v + ".txt").count("\n") == n, f"{doc}/{v}.txt"
