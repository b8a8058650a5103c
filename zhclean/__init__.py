"""zhclean: clean Chinese text extracted from PDFs and OCR.

>>> import zhclean
>>> zhclean.clean("李幹傑、何立峰出席座談會🎉。")
'李干杰、何立峰出席座谈会。'

Every step is a plain ``str -> str`` function usable alone, and a
:class:`Pipeline` composes them by name.
"""

from __future__ import annotations

# first: decides whether the compiled modules run compiled or from source (zhclean/_native.py)
from zhclean import _native  # noqa: F401
from zhclean.api import clean, clean_with_offsets, explain
from zhclean.batch import clean_batch, clean_column
from zhclean.columns import find_columns, split_columns
from zhclean.edits import Edit, apply_edits
from zhclean.formats import read_text
from zhclean.hf import hf_map
from zhclean.markup import find_markup, strip_markup
from zhclean.page_artifacts import find_page_artifacts, remove_page_artifacts
from zhclean.paragraphs import find_hard_wraps, join_hard_wraps
from zhclean.pipeline import DEFAULT, PRESETS, STEPS, Change, Pipeline, Run, StepCall, preset
from zhclean.punctuation import find_punctuation, normalize_punctuation
from zhclean.script import convert_script, find_conversions
from zhclean.symbols import find_symbols, strip_symbols
from zhclean.whitespace import find_whitespace, normalize_whitespace

__version__ = "0.1.0"

__all__ = [
    "DEFAULT",
    "PRESETS",
    "STEPS",
    "Change",
    "Edit",
    "Pipeline",
    "Run",
    "StepCall",
    "__version__",
    "apply_edits",
    "clean",
    "clean_batch",
    "clean_column",
    "clean_with_offsets",
    "convert_script",
    "explain",
    "find_columns",
    "find_conversions",
    "find_hard_wraps",
    "find_markup",
    "find_page_artifacts",
    "find_punctuation",
    "find_symbols",
    "find_whitespace",
    "hf_map",
    "join_hard_wraps",
    "normalize_punctuation",
    "normalize_whitespace",
    "preset",
    "read_text",
    "remove_page_artifacts",
    "split_columns",
    "strip_markup",
    "strip_symbols",
]
