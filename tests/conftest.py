"""Shared fixtures: the seed documents, the corpus location, hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (set by .ci/run) runs property tests with a large
example budget; the default profile keeps a local run quick.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"

#: The dirty variants every document of the corpus and of benchmarks/' sets has, those that
#: keep clean.txt's lines one for one, and the fields of a manifest's ``pdf`` record.
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

settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI draws its 600 examples from a fixed seed, as fuzz/run_short.sh does: a run there is
# the run anyone repeats with HYPOTHESIS_PROFILE=ci, and cannot pass or fail by chance.
# The dev profile keeps drawing new examples (and replays its failures from .hypothesis/).
settings.register_profile(
    "ci",
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def read_seed(prefix: str) -> str:
    """The seed whose file name starts with ``prefix`` (e.g. ``"001"``)."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """All five seeds by their three-digit prefix."""
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
