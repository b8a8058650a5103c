"""Build of the compiled modules (everything else is in pyproject.toml); both optional.

* ``zhclean._rowscan``: ``zhclean.paragraphs._rows`` in C, the joiner's per-line loop
  (8x faster than the same loop compiled by mypyc).
* The modules listed in ``zhclean/_native.py`` (the steps, their tables, the edit
  arithmetic), compiled with mypyc: the same source, type-checked by ``mypy --strict``,
  run about 1.3x faster (issue #5). The build records the SHA-256 of every compiled
  source in ``zhclean/_native.json``; at import, a source that no longer matches (edited
  after an editable install) makes zhclean run the sources instead.

Without a C compiler, or without mypy, or with ``ZHCLEAN_PURE_PYTHON=1`` set at build
time (mypyc only), the install goes on and zhclean runs the Python code, which gives the
same output, only slower.
"""

import json
import os
import runpy
import sys
from pathlib import Path

from setuptools import Extension, setup

ROOT = Path(__file__).resolve().parent
NATIVE = runpy.run_path(str(ROOT / "zhclean" / "_native.py"), run_name="zhclean_native_build")


def compiled_modules() -> list:
    if os.environ.get("ZHCLEAN_PURE_PYTHON", "") not in ("", "0"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    modules = NATIVE["COMPILED"]
    paths = [
        str(NATIVE["source_path"](module, ROOT / "zhclean").relative_to(ROOT)) for module in modules
    ]
    try:
        extensions = mypycify(paths, opt_level="3", group_name="zhclean")
    except (Exception, SystemExit) as error:  # mypyc reports type errors by exiting
        print(f"zhclean: not compiling with mypyc ({error!r}); the Python code will run")
        return []
    (ROOT / "zhclean" / NATIVE["HASHES_FILE"]).write_text(
        json.dumps(NATIVE["source_hashes"](modules, ROOT / "zhclean"), indent=1, sort_keys=True)
        + "\n",
        encoding="utf-8",
    )
    for extension in extensions:
        # a failed compile leaves the Python modules to run
        extension.optional = True
    return extensions


# A fused multiply-add would round the width sums differently from CPython's separate
# float operations; the scanner's floats must be bit-identical to the Python code's.
# MSVC does not contract by default and reads the source as UTF-8 only when told.
FLOAT_ARGS = ["/utf-8"] if sys.platform == "win32" else ["-ffp-contract=off"]

SCANNER = Extension(
    "zhclean._rowscan",
    ["zhclean/_rowscan.c"],
    extra_compile_args=FLOAT_ARGS,
    optional=True,
)

setup(ext_modules=[SCANNER, *compiled_modules()])
