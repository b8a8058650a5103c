"""Structure checks of the sets `benchmarks/make_heldout.py` builds besides the held-out one.

- `benchmarks/unseen/` (`--set unseen`): EVALUATION only, made like the development corpus
  from manual sections neither it nor benchmarks/heldout uses;
- `benchmarks/twocol/` (`--set twocol`): TUNING data, every document a dev document's
  clean.txt typeset again in two columns.

These tests check the data only, never zhclean's output on it: every document has the nine
files, the manifests parse and agree with the files and with the development corpus's fields
(the scorer splits PDF/OCR variants by `pdf.columns`), clean.txt holds one paragraph per
line, and the OpenCC/emoji variants keep its line structure.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CORPUS, LINE_FOR_LINE, PDF_FIELDS, ROOT, VARIANTS

#: Each set: what its README must say of it, and the source fields beyond the corpus's.
SETS = {
    "unseen": ("evaluation only", set()),
    "twocol": ("tuning set", {"dev_document"}),
}


def _documents(name: str) -> list[str]:
    folder = ROOT / "benchmarks" / name
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "clean.txt").is_file())


DOCS = {name: _documents(name) for name in SETS}
SET_DOCS = [(name, doc) for name, docs in DOCS.items() for doc in docs]
PRESENT = [name for name, docs in DOCS.items() if docs]


def read(name: str, doc: str, file: str) -> str:
    # newline="" keeps \r and \f exactly as the tools wrote them
    with open(ROOT / "benchmarks" / name / doc / file, encoding="utf-8", newline="") as f:
        return f.read()


def manifest(name: str, doc: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read(name, doc, "manifest.json"))
    return data


@pytest.mark.parametrize("name", PRESENT)
def test_top_level_files_list_every_document(name: str) -> None:
    folder = ROOT / "benchmarks" / name
    top = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in top["documents"]) == DOCS[name]
    for d in top["documents"]:
        assert d == manifest(name, d["id"])
    sanity = json.loads((folder / "sanity.json").read_text(encoding="utf-8"))
    assert set(sanity) == set(VARIANTS)
    assert all(s["docs"] == len(DOCS[name]) for s in sanity.values())
    assert SETS[name][0] in (folder / "README.md").read_text(encoding="utf-8").lower()


@pytest.mark.skipif(not DOCS["unseen"], reason="benchmarks/unseen is not present")
def test_unseen_set_is_made_like_the_dev_corpus() -> None:
    ms = [manifest("unseen", d) for d in DOCS["unseen"]]
    assert all(m["set"] == "unseen" and m["features"] == [] for m in ms)
    assert all(
        m["clean"]["list_items"] == m["clean"]["table_lines"] == m["clean"]["footnotes"] == 0
        for m in ms
    )
    # every PDF/OCR variant must have one- and two-column documents for the scorer's split
    assert {m["pdf"]["columns"] for m in ms} == {1, 2}
    assert {m["pdf"]["engine"] for m in ms} == {"weasyprint", "reportlab"}
    assert all(m["pdf"]["page"] in ("A4", "Letter") for m in ms if m["pdf"]["columns"] == 2)


@pytest.mark.skipif(not DOCS["twocol"], reason="benchmarks/twocol is not present")
def test_every_twocol_document_is_two_column_like_dev() -> None:
    ms = [manifest("twocol", d) for d in DOCS["twocol"]]
    assert len(ms) >= 10
    assert all(m["set"] == "twocol" and m["features"] == [] for m in ms)
    assert all(m["pdf"]["columns"] == 2 and m["pdf"]["page"] in ("A4", "Letter") for m in ms)
    assert all(9 <= m["pdf"]["font_size_pt"] <= 12 for m in ms)
    # the layouts vary along the dev ranges, not one layout twelve times
    for key in ("font", "first_line_indent_em", "justify", "page_number", "engine"):
        assert len({m["pdf"][key] for m in ms}) > 1, key
    # no two documents share a text
    assert len({m["source"]["dev_document"] for m in ms}) == len(ms)


@pytest.mark.parametrize("doc", DOCS["twocol"])
def test_twocol_text_is_the_dev_documents(doc: str) -> None:
    dev = manifest("twocol", doc)["source"]["dev_document"]
    if not (CORPUS / dev / "clean.txt").is_file():
        pytest.skip("the development corpus is not present")
    assert read("twocol", doc, "clean.txt") == (CORPUS / dev / "clean.txt").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(("name", "doc"), SET_DOCS)
def test_every_document_has_the_nine_files(name: str, doc: str) -> None:
    files = {p.name for p in (ROOT / "benchmarks" / name / doc).iterdir()}
    assert files == {"clean.txt", "manifest.json", *(v + ".txt" for v in VARIANTS)}
    for v in ("clean", *VARIANTS):
        assert read(name, doc, v + ".txt").strip(), f"{doc}/{v}.txt is empty"


@pytest.mark.parametrize(("name", "doc"), SET_DOCS)
def test_manifest_agrees_with_files(name: str, doc: str) -> None:
    m = manifest(name, doc)
    clean = read(name, doc, "clean.txt")
    assert m["id"] == doc
    assert {"package", "version", "path", "licence", *SETS[name][1]} <= set(m["source"])
    assert m["clean"]["lines"] == clean.count("\n")
    assert set(m["pdf"]) >= PDF_FIELDS
    assert m["pdf"]["running_header"] or m["pdf"]["page_number"]
    assert set(m["variants"]) == set(VARIANTS)
    for v, rec in m["variants"].items():
        text = read(name, doc, rec["file"])
        assert rec["file"] == v + ".txt" and rec["tool"]
        assert rec["line_breaks"] == text.count("\n")
        assert rec["form_feeds"] == text.count("\f")
    # OCR pages are joined by form feeds, one per page break
    assert m["variants"]["ocr"]["form_feeds"] == m["pdf"]["pages"] - 1


@pytest.mark.parametrize(("name", "doc"), SET_DOCS)
def test_clean_is_one_paragraph_per_line(name: str, doc: str) -> None:
    text = read(name, doc, "clean.txt")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\r" not in text and "\f" not in text and "\t" not in text
    for n, line in enumerate(text[:-1].split("\n"), 1):
        assert line and line == line.strip(), f"{doc}/clean.txt line {n}"


@pytest.mark.parametrize(("name", "doc"), SET_DOCS)
def test_line_for_line_variants_keep_the_line_structure(name: str, doc: str) -> None:
    n = read(name, doc, "clean.txt").count("\n")
    for v in LINE_FOR_LINE:
        assert read(name, doc, v + ".txt").count("\n") == n, f"{doc}/{v}.txt"
