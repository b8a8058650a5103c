"""The cleaners the benchmarks compare, behind one ``name -> str -> str`` interface.

Peers are optional installs (``pip install zhclean[bench]``); a peer that is not
installed or fails on import comes back as an unavailable :class:`Cleaner` with the
reason, so a benchmark reports it instead of failing.

Options chosen for the peers. The job is "turn text extracted from a PDF or OCR into
clean Simplified Chinese, one paragraph per line, without losing content", so for each
peer we keep its defaults, switch on what it offers for that job (Traditional to
Simplified, emoji removal, paragraph grouping), and switch off options that *delete
content* aimed at social-media text (URLs, e-mail addresses, phone numbers, text in
parentheses, @mentions): the corpus documents are manuals whose clean text keeps them.

``jionlp``
    ``clean_text(text, remove_parentheses=False, remove_url=False, remove_email=False,
    remove_phone_number=False)`` (HTML tags, "exception" characters such as emoji,
    redundant characters and full-width letters/digits still handled by its defaults),
    then ``tra2sim(text, mode="word")``, because ``clean_text`` has no t2s option and
    jionlp's own converter is what a jionlp user would reach for.
``harvesttext``
    ``HarvestText().clean_text(text, t2s=True, remove_url=False, email=False,
    weibo_at=False, stop_terms=())``; its ``emoji=True`` default (removes ``[表情]``
    bracket emoticons; it has no Unicode emoji removal) and ``remove_tags`` stay on.
``unstructured``
    ``group_broken_paragraphs`` on the whole text, then ``clean_extra_whitespace`` and
    ``replace_unicode_quotes`` on each paragraph it returns, joined by ``\\n``. That is
    how unstructured applies cleaners (per element); ``clean_extra_whitespace`` on the
    whole text would turn every newline into a space and leave one paragraph.
``clean-text``
    ``clean(text, to_ascii=False, lower=False, no_emoji=True)``: its default
    ``to_ascii=True`` transliterates away every Han character, and lower-casing
    changes Latin content; line breaks are kept (``no_line_breaks=False``).
``ftfy``
    ``fix_text(text)`` with its defaults (it folds full-width punctuation to ASCII;
    that is measured, not corrected).

zhclean is ``zhclean.clean`` (the default pipeline) and ``zhclean-<preset>`` for each of
``zhclean.PRESETS``; ``raw`` is the identity, ``naive`` joins lines within blank-line
blocks. Any ``module:function`` is accepted as well.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import io
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from metrics import naive_join

__all__ = ["PEERS", "Cleaner", "default_names", "load", "zhclean_presets"]

TextFunction = Callable[[str], str]


@dataclass(frozen=True)
class Cleaner:
    """A named cleaner: its function (``None`` if unavailable), version and status."""

    name: str
    fn: TextFunction | None
    version: str
    status: str = "ok"

    @property
    def available(self) -> bool:
        return self.fn is not None


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "-"


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    # jionlp and jiojio print banners on import, clean-text warns about unidecode:
    # keep the benchmark's table readable.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield None


def _jionlp() -> TextFunction:
    with _quiet():
        import jionlp  # type: ignore[import-untyped]

    def clean(text: str) -> str:
        with _quiet():
            out = jionlp.clean_text(
                text,
                remove_parentheses=False,
                remove_url=False,
                remove_email=False,
                remove_phone_number=False,
            )
            return str(jionlp.tra2sim(out, mode="word"))

    return clean


def _harvesttext() -> TextFunction:
    with _quiet():
        from harvesttext import HarvestText  # type: ignore[import-untyped]

        ht = HarvestText()

    def clean(text: str) -> str:
        return str(
            ht.clean_text(
                text, t2s=True, remove_url=False, email=False, weibo_at=False, stop_terms=()
            )
        )

    return clean


def _unstructured() -> TextFunction:
    with _quiet():
        from unstructured.cleaners.core import (
            clean_extra_whitespace,
            group_broken_paragraphs,
            replace_unicode_quotes,
        )

    def clean(text: str) -> str:
        paragraphs = group_broken_paragraphs(text).split("\n\n")
        cleaned = (replace_unicode_quotes(clean_extra_whitespace(p)) for p in paragraphs)
        return "\n".join(p for p in cleaned if p)

    return clean


def _clean_text() -> TextFunction:
    with _quiet():
        from cleantext import clean as ct_clean  # type: ignore[import-untyped]

    def clean(text: str) -> str:
        with _quiet():
            return str(ct_clean(text, to_ascii=False, lower=False, no_emoji=True))

    return clean


def _ftfy() -> TextFunction:
    import ftfy

    return ftfy.fix_text


#: Peer name -> (distribution name for the version, loader).
PEERS: dict[str, tuple[str, Callable[[], TextFunction]]] = {
    "jionlp": ("jionlp", _jionlp),
    "harvesttext": ("harvesttext", _harvesttext),
    "unstructured": ("unstructured", _unstructured),
    "clean-text": ("clean-text", _clean_text),
    "ftfy": ("ftfy", _ftfy),
}


def _zhclean_version() -> str:
    version = _version("zhclean")
    head = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".git")
    with contextlib.suppress(OSError, ValueError):
        import subprocess

        rev = subprocess.run(
            ["git", "--git-dir", head, "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        version = f"{version}+g{rev}"
    return version


def _zhclean(preset: str | None) -> TextFunction:
    import zhclean

    if preset is None:
        return zhclean.clean
    pipeline = zhclean.preset(preset)
    return lambda text: pipeline(text)


def zhclean_presets() -> list[str]:
    """Names of zhclean's presets, or none if zhclean does not import."""
    try:
        import zhclean
    except Exception:
        return []
    return list(zhclean.PRESETS)


def default_names() -> list[str]:
    """Every cleaner of a benchmark run, in table order."""
    return ["raw", "naive", "zhclean"] + [f"zhclean-{p}" for p in zhclean_presets()] + list(PEERS)


def _from_spec(spec: str) -> TextFunction:
    mod, _, attr = spec.partition(":")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    obj: object = importlib.import_module(mod)
    for part in attr.split("."):
        obj = getattr(obj, part)
    if not callable(obj):
        raise TypeError(f"{spec} is not callable")
    return obj


def load(name: str) -> Cleaner:
    """The cleaner called ``name``; unavailable (with the reason) if it cannot be loaded."""
    if name == "raw":
        return Cleaner(name, lambda text: text, "-")
    if name == "naive":
        return Cleaner(name, naive_join, "-")
    is_zhclean = name == "zhclean" or name.startswith("zhclean-")
    if not (is_zhclean or name in PEERS or ":" in name):
        raise ValueError(f"unknown cleaner {name!r}; known: {', '.join(default_names())}")
    try:
        if is_zhclean:
            version = _zhclean_version()
            fn = _zhclean(name.partition("-")[2] or None)
        elif name in PEERS:
            dist, loader = PEERS[name]
            version = _version(dist)
            fn = loader()
        else:
            version = "-"
            fn = _from_spec(name)
    except ImportError as e:
        return Cleaner(name, None, "-", f"not installed ({type(e).__name__}: {e})"[:100])
    except Exception as e:
        return Cleaner(name, None, "-", f"import failed ({type(e).__name__}: {e})"[:100])
    return Cleaner(name, fn, version)
