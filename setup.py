"""Build of the optional compiled line scanner (everything else is in pyproject.toml).

``zhclean._rowscan`` is ``zhclean.paragraphs._rows`` in C (issue #5: the joiner's per-line
loop). It is optional: without a compiler the build goes on and zhclean runs the Python
code, which gives the same result, only slower.
"""

import sys

from setuptools import Extension, setup

# A fused multiply-add would round the width sums differently from CPython's separate
# float operations; the scanner's floats must be bit-identical to the Python code's.
# MSVC does not contract by default and reads the source as UTF-8 only when told.
FLOAT_ARGS = ["/utf-8"] if sys.platform == "win32" else ["-ffp-contract=off"]

setup(
    ext_modules=[
        Extension(
            "zhclean._rowscan",
            ["zhclean/_rowscan.c"],
            extra_compile_args=FLOAT_ARGS,
            optional=True,
        )
    ]
)
