"""The HTML report in a real headless browser (Debian's chromium).

The page must render, run its inline filter script, and show the cleaned text
once the struck-through removals are dropped. Chromium is installed in CI; the
tests are skipped only where it is absent.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import zhclean
from tests.conftest import read_seed
from tests.test_report import READY_STEPS, Tags, visible_docs
from zhclean.pipeline import Pipeline
from zhclean.report import build_report, render_html_page

CHROMIUM = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None
)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    """Run chromium with a fresh empty profile and no network side channels."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="zhclean-chromium-") as profile:
        return subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=120,
            check=False,
        )


def seed_pipeline() -> Pipeline:
    """The default pipeline once every step has landed; until then, the steps that have."""
    return zhclean.DEFAULT if len(READY_STEPS) == len(zhclean.STEPS) else Pipeline(*READY_STEPS)


def write_page(directory: Path, name: str, text: str) -> tuple[Path, str]:
    report = build_report(name, text, seed_pipeline(), segments=True)
    path = directory / f"{name}.html"
    path.write_text(
        render_html_page([report], title=f"zhclean report: seed {name}"), encoding="utf-8"
    )
    return path, report.cleaned


def dump_dom(url: str) -> str:
    result = chromium("--virtual-time-budget=2000", "--dump-dom", url)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<html" in result.stdout, result.stderr[-2000:]
    return result.stdout


@pytest.mark.parametrize("seed", ["001", "004"])
def test_rendered_page_less_removals_is_the_cleaned_text(tmp_path: Path, seed: str) -> None:
    path, cleaned = write_page(tmp_path, seed, read_seed(seed))
    dom = dump_dom(path.as_uri())
    assert visible_docs(dom) == [cleaned]


def test_filter_script_runs_in_the_browser(tmp_path: Path) -> None:
    # The page reads #hide=reason,… and unchecks those reasons, as a click would.
    text = read_seed("004")
    path, _ = write_page(tmp_path, "004", text)
    report = build_report("004", text, seed_pipeline())
    reason = report.changes[0].reason
    dom = dump_dom(path.as_uri() + "#hide=" + reason)
    tags = Tags()
    tags.feed(dom)
    boxes = [attrs for tag, attrs in tags.tags if tag == "input" and attrs.get("data-name")]
    unchecked = [attrs["data-name"] for attrs in boxes if "checked" not in attrs]
    # The DOM keeps the checked attribute; the script's effect shows in the marks' classes.
    marks = [
        attrs for tag, attrs in tags.tags if tag == "span" and "chg" in (attrs.get("class") or "")
    ]
    hidden = [attrs for attrs in marks if "off" in (attrs.get("class") or "").split()]
    index = next(attrs["data-r"] for attrs in boxes if attrs["data-name"] == reason)
    assert hidden, "the inline script did not run"
    assert hidden == [attrs for attrs in marks if attrs.get("data-r") == index]
    assert len(hidden) < len(marks) or len(boxes) == 1
    assert unchecked == []
