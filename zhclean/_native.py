"""Which of zhclean's modules are compiled, and whether this process runs them compiled.

The hot modules (the steps, their tables and :mod:`zhclean.edits`) are compiled with
mypyc when zhclean is built where mypy and a C compiler are available (``setup.py``):
the same source, type-checked by ``mypy --strict``, run about 1.3x faster. The source
stays the reference, and a process runs it instead of the compiled modules when

* ``ZHCLEAN_PURE_PYTHON=1`` is set (to compare the two, or to debug in Python), or
* a compiled module is older than its source: a ``.py`` edited after an editable
  install would otherwise be shadowed by the stale extension, and the edit silently
  ignored. The build records each compiled source's SHA-256 (``_native.json``); a
  mismatch warns once and runs every compiled module from source.

:func:`install` decides, when this module is imported: ``zhclean/__init__`` imports it
before any other, so before any compiled module. To run the source it puts a finder in
front of ``sys.meta_path`` that loads each of them from its ``.py`` file. This module
itself is never compiled.

>>> "zhclean.paragraphs" in COMPILED and "zhclean.pipeline" not in COMPILED
True
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

#: The modules mypyc compiles (``setup.py`` reads this tuple): the per-character and
#: per-line work of every step. The pipeline, the CLI and the format readers are not
#: hot and stay plain Python.
COMPILED = (
    "zhclean.edits",
    "zhclean.columns",
    "zhclean.interleave",
    "zhclean.symbols",
    "zhclean.page_artifacts",
    "zhclean.paragraphs",
    "zhclean.script",
    "zhclean.punctuation",
    "zhclean.whitespace",
    "zhclean.markup",
    "zhclean.tables.columns",
    "zhclean.tables.paragraphs",
    "zhclean.tables.punctuation",
    "zhclean.tables.whitespace",
)

#: Written by the build next to the compiled modules: ``{module: sha256 of its source}``.
HASHES_FILE = "_native.json"

_PACKAGE = Path(__file__).resolve().parent


def source_path(module: str, package: Path = _PACKAGE) -> Path:
    """The ``.py`` file of ``module`` (``"zhclean.tables.whitespace"``) under ``package``."""
    return package.joinpath(*module.split(".")[1:]).with_suffix(".py")


def source_hashes(modules: Sequence[str] = COMPILED, package: Path = _PACKAGE) -> dict[str, str]:
    """SHA-256 of each module's source, as the build records them."""
    return {
        module: hashlib.sha256(source_path(module, package).read_bytes()).hexdigest()
        for module in modules
    }


def _compiled(module: str, package: Path) -> bool:
    path = source_path(module, package)
    return any(
        path.with_name(path.stem + suffix).exists()
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
    )


def stale_modules(package: Path = _PACKAGE) -> list[str]:
    """The compiled modules whose source changed since the build (none when nothing is
    compiled, or when the sources are not installed next to the extensions)."""
    compiled = [module for module in COMPILED if _compiled(module, package)]
    if not compiled:
        return []
    try:
        built = json.loads((package / HASHES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return compiled  # extensions without their record: nothing vouches for them
    stale = []
    for module in compiled:
        path = source_path(module, package)
        if not path.exists():
            continue
        if built.get(module) != hashlib.sha256(path.read_bytes()).hexdigest():
            stale.append(module)
    return stale


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Loads the compiled modules from their ``.py`` files."""

    def __init__(self, package: Path) -> None:
        self.package = package

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, source_path(fullname, self.package))


def pure_python_requested() -> bool:
    """Whether ``ZHCLEAN_PURE_PYTHON`` asks for the Python code (any value but "" and "0")."""
    return os.environ.get("ZHCLEAN_PURE_PYTHON", "") not in ("", "0")


def install(package: Path = _PACKAGE) -> bool:
    """Decide how this process runs the compiled modules; True when compiled.

    Runs once, on import of this module (``COMPILED_ACTIVE``), before any compiled module
    is imported; a second call changes nothing.
    """
    if any(isinstance(finder, _SourceFinder) for finder in sys.meta_path):
        return False
    if not any(_compiled(module, package) for module in COMPILED):
        return False
    if not pure_python_requested():
        stale = stale_modules(package)
        if not stale:
            return True
        warnings.warn(
            f"zhclean: {', '.join(stale)} changed since the build; running every compiled "
            "module from source (reinstall, e.g. pip install -e ., to compile them again)",
            RuntimeWarning,
            stacklevel=3,
        )
    sys.meta_path.insert(0, _SourceFinder(package))
    return False


def running_compiled() -> bool:
    """Whether the modules in ``COMPILED`` run compiled in this process."""
    module = sys.modules.get("zhclean.paragraphs")
    file = getattr(module, "__file__", None) or ""
    return not file.endswith(".py")


def describe() -> str:
    """How this process runs zhclean, for ``--version`` and the benchmarks, e.g.
    ``"compiled: mypyc, C line scanner"`` or ``"Python source"``."""
    from zhclean import paragraphs

    parts = ["compiled: mypyc" if running_compiled() else "Python source"]
    if paragraphs._COMPILED_ROWS is not None:
        parts.append("C line scanner")
    return ", ".join(parts)


#: Whether this process runs the compiled modules compiled (decided on import as part of
#: the package; ``setup.py`` reads this file for ``COMPILED`` and decides nothing).
COMPILED_ACTIVE = install() if __name__ == "zhclean._native" else False
