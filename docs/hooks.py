"""mkdocs hook: put the live ``python -m zhclean --help`` into docs/cli.md at build time.

The page carries the marker ``<!-- zhclean --help -->``; the help text replaces it, so the
reference printed on the site is always the one the installed CLI gives.
tests/test_docs.py checks that the page's hand-written sections cover the same options.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

MARKER = "<!-- zhclean --help -->"


def cli_help() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "zhclean", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    return result.stdout.rstrip()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, f"```text\n{cli_help()}\n```")
