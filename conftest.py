"""Collection rules for the whole run (tests/conftest.py holds the fixtures).

A module that runs compiled (zhclean/_native.py) is an extension, whose docstrings the
doctest collector cannot read from its ``.py`` file; tests/test_native.py runs those
doctests from source instead, in a process with ``ZHCLEAN_PURE_PYTHON=1``.
"""

from __future__ import annotations

from pathlib import Path

from zhclean import _native

_COMPILED_SOURCES = {_native.source_path(module) for module in _native.COMPILED}


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    if _native.COMPILED_ACTIVE and collection_path.resolve() in _COMPILED_SOURCES:
        return True
    return None
