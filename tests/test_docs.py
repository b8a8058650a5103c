"""The documentation cannot rot: its examples run, its CLI page matches the CLI, it builds.

* Every fenced ```python / ```pycon block of docs/*.md and README.md that holds ``>>>``
  lines is a doctest. The blocks of one page run in order in one namespace (a page reads
  top to bottom), with the options pytest uses for the package's own doctests.
  Blocks without ``>>>`` are illustrations (Spark, Ray on a cluster) and are not run.
* docs/cli.md documents every option ``python -m zhclean --help`` prints, and nothing else.
* ``mkdocs build --strict`` succeeds: a broken link, a missing nav page or a docstring
  mkdocstrings cannot render fails the suite, not only ``make docs``.
"""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest


def _docs_hooks():  # type: ignore[no-untyped-def]
    """docs/hooks.py, which renders --help into the CLI page at build time."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.rglob("*.md")), ROOT / "README.md", ROOT / "CONTRIBUTING.md"]

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def doctest_source(markdown: str) -> str:
    """The page's ``>>>`` blocks, each kept at its own line number, everything else blank.

    Keeping line numbers means a failure points at the line of the .md file; ending
    every block with a blank line means the closing fence never has to.

    >>> doctest_source("text\\n```python\\n>>> 1 + 1\\n2\\n```\\n```sh\\n>>> no\\n```\\n").splitlines()
    ['', '', '>>> 1 + 1', '2', '', '', '', '']
    """
    lines = [""] * (markdown.count("\n") + 1)
    for match in FENCE.finditer(markdown):
        if match["lang"] not in ("python", "py", "pycon") or ">>>" not in match["body"]:
            continue
        first = markdown.count("\n", 0, match.start("body"))
        indent = len(match["indent"])
        for offset, line in enumerate(match["body"].splitlines()):
            lines[first + offset] = line[indent:]
    return "\n".join(lines)


def pages_with_examples() -> list[Path]:
    return [p for p in PAGES if p.exists() and ">>>" in doctest_source(p.read_text("utf-8"))]


class _Collecting(doctest.DocTestRunner):
    """A runner that keeps each failure as (line, source, expected, got) for one message."""

    def __init__(self) -> None:
        super().__init__(optionflags=FLAGS)
        self.found: list[str] = []

    def report_failure(self, out, test, example, got):  # type: ignore[no-untyped-def]
        self._keep(test, example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):  # type: ignore[no-untyped-def]
        self._keep(test, example, f"{exc_info[0].__name__}: {exc_info[1]}")

    def _keep(self, test: doctest.DocTest, example: doctest.Example, got: str) -> None:
        self.found.append(
            f"{test.name}:{example.lineno + 1}: >>> {example.source.strip()}\n"
            f"  expected: {example.want.strip()}\n  got:      {got.strip()}"
        )


@pytest.mark.parametrize("page", pages_with_examples(), ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_run(page: Path) -> None:
    source = doctest_source(page.read_text(encoding="utf-8"))
    name = str(page.relative_to(ROOT))
    test = doctest.DocTestParser().get_doctest(source, {"__name__": "__docs__"}, name, str(page), 0)
    runner = _Collecting()
    runner.run(test, out=lambda _: None)
    assert runner.found == [], "\n".join(runner.found)
    assert runner.tries == len(test.examples) > 0


def test_every_step_has_a_page_with_examples() -> None:
    import zhclean

    for name in zhclean.STEPS:
        page = DOCS / "steps" / f"{name}.md"
        assert page.exists(), f"step {name} has no page docs/steps/{name}.md"
        source = doctest_source(page.read_text(encoding="utf-8"))
        assert f"{name}(" in source, f"docs/steps/{name}.md never runs {name}()"
        for option in zhclean.STEPS[name].options():
            assert f"`{option}`" in page.read_text(encoding="utf-8"), (
                f"docs/steps/{name}.md does not document option {option!r}"
            )


def _options(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", text))


def test_cli_page_matches_help() -> None:
    help_text = _docs_hooks().cli_help()
    # argparse writes each option's flags at the start of its entry: "  -o OUT, --output OUT".
    flags = re.findall(r"^  (-\S.*?)(?:\s{2,}|$)", help_text, re.MULTILINE)
    options = set().union(*map(_options, flags))
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    documented = set().union(*map(_options, re.findall(r"^#+ .*$", page, re.MULTILINE)))
    assert len(options) > 10, f"could not read the options from --help:\n{help_text}"
    assert options - documented == set(), (
        f"options missing from docs/cli.md: {options - documented}"
    )
    assert documented - options == set(), (
        f"docs/cli.md documents unknown options: {documented - options}"
    )


def test_site_builds_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="the docs extra (mkdocs) is not installed")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert (tmp_path / "site" / "index.html").exists()
    for name in ("strip_symbols", "cli", "api"):
        assert list((tmp_path / "site").rglob(f"{name}/index.html")), f"no page for {name}"
