"""The one-call API: clean, explain, clean_with_offsets.

>>> clean("習近平強調,要堅持創新引領發展🎉。")
'习近平强调，要坚持创新引领发展。'
"""

from __future__ import annotations

from collections.abc import Iterable

from zhclean.pipeline import Change, Pipeline, StepLike, as_pipeline

__all__ = ["clean", "clean_with_offsets", "explain"]

PipelineArg = Pipeline | str | Iterable[StepLike] | None


def clean(text: str, pipeline: PipelineArg = None) -> str:
    """Clean ``text`` with ``pipeline`` (a Pipeline, a preset name, or the default).

    >>> clean("近 8年来,长江经济带发展发生了重大变化🙏🏽")
    '近8年来，长江经济带发展发生了重大变化'
    """
    return as_pipeline(pipeline)(text)  # the pipeline checks that text is a str


def explain(text: str, pipeline: PipelineArg = None) -> list[Change]:
    """Every change the pipeline makes to ``text``, located in ``text``.

    >>> for change in explain("同誌們🎉"):
    ...     print(change.step, change.start, change.end, repr(change.removed), repr(change.inserted), change.reason)
    strip_symbols 3 4 '🎉' '' emoji
    convert_script 1 2 '誌' '志' tw2s
    convert_script 2 3 '們' '们' tw2s
    """
    return list(as_pipeline(pipeline).run(text).changes)


def clean_with_offsets(text: str, pipeline: PipelineArg = None) -> tuple[str, list[int]]:
    """The cleaned text and, for each output character, its input index.

    >>> out, offsets = clean_with_offsets("實施近 8年來🎉")
    >>> out, offsets
    ('实施近8年来', [0, 1, 2, 4, 5, 6])
    """
    run = as_pipeline(pipeline).run(text, offsets=True)
    assert run.offsets is not None
    return run.text, list(run.offsets)
