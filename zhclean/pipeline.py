"""Pipelines: an ordered, named, picklable composition of cleaning steps.

A :class:`Pipeline` is a value. It holds step *names* with their options (or,
for user code, plain ``str -> str`` callables), so it can be printed, compared,
logged and shipped to worker processes. Running it applies each step in turn;
:meth:`Pipeline.run` also keeps what every step changed, which is what
``explain`` and ``clean_with_offsets`` are built on.

>>> p = Pipeline("normalize_whitespace", ("convert_script", {"config": "t2s"}))
>>> p
Pipeline('normalize_whitespace', ('convert_script', {'config': 't2s'}))
>>> p("\u3000\u3000長江經濟帶 ")
'长江经济带'
>>> import pickle; pickle.loads(pickle.dumps(p)) == p
True
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from zhclean import (
    columns,
    markup,
    page_artifacts,
    paragraphs,
    punctuation,
    script,
    symbols,
    whitespace,
)
from zhclean.edits import (
    Edit,
    apply_edits,
    compose_offsets,
    diff_edits,
    offsets_through,
    require_str,
)

__all__ = [
    "PRESETS",
    "STEPS",
    "Change",
    "Pipeline",
    "Run",
    "StepCall",
    "StepInfo",
    "preset",
]

TextFunction = Callable[[str], str]


class StepInfo(NamedTuple):
    """A registered step: its name, the ``str -> str`` function, its finder."""

    name: str
    apply: Callable[..., str]
    find: Callable[..., list[Edit]]

    def options(self) -> tuple[str, ...]:
        """The keyword options the step accepts."""
        params = inspect.signature(self.find).parameters.values()
        return tuple(p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY)


#: Every built-in step, by name, in the order the default pipeline runs them.
STEPS: Mapping[str, StepInfo] = {
    info.name: info
    for info in (
        StepInfo("split_columns", columns.split_columns, columns.find_columns),
        StepInfo("strip_symbols", symbols.strip_symbols, symbols.find_symbols),
        StepInfo(
            "remove_page_artifacts",
            page_artifacts.remove_page_artifacts,
            page_artifacts.find_page_artifacts,
        ),
        StepInfo("join_hard_wraps", paragraphs.join_hard_wraps, paragraphs.find_hard_wraps),
        StepInfo("convert_script", script.convert_script, script.find_conversions),
        StepInfo(
            "normalize_punctuation",
            punctuation.normalize_punctuation,
            punctuation.find_punctuation,
        ),
        StepInfo(
            "normalize_whitespace", whitespace.normalize_whitespace, whitespace.find_whitespace
        ),
        StepInfo("strip_markup", markup.strip_markup, markup.find_markup),
    )
}


@dataclass(frozen=True)
class StepCall:
    """A built-in step by name with its options, e.g.
    ``StepCall("convert_script", (("config", "s2t"),))``."""

    name: str
    options: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        info = STEPS.get(self.name)
        if info is None:
            raise ValueError(f"unknown step {self.name!r}; valid steps: {', '.join(STEPS)}")
        valid = info.options()
        for key, _ in self.options:
            if key not in valid:
                choices = ", ".join(valid) or "none"
                raise ValueError(
                    f"step {self.name!r} has no option {key!r}; valid options: {choices}"
                )

    @property
    def info(self) -> StepInfo:
        return STEPS[self.name]

    def kwargs(self) -> dict[str, Any]:
        return dict(self.options)

    def __call__(self, text: str) -> str:
        return self.info.apply(text, **self.kwargs())

    def find(self, text: str) -> list[Edit]:
        return self.info.find(text, **self.kwargs())

    def spec(self) -> str | tuple[str, dict[str, Any]]:
        """The shortest form that rebuilds this call: a name or (name, options)."""
        return (self.name, self.kwargs()) if self.options else self.name


StepLike = str | StepCall | tuple[str, Mapping[str, Any]] | TextFunction


def _to_step(item: StepLike) -> StepCall | TextFunction:
    if isinstance(item, StepCall):
        return item
    if isinstance(item, str):
        return StepCall(item)
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        name, options = item
        if not isinstance(options, Mapping):
            raise TypeError(
                f"options of step {name!r} must be a mapping, not {type(options).__name__}"
            )
        return StepCall(name, tuple(options.items()))
    if callable(item):
        return item
    raise TypeError(
        "a pipeline step is a step name, (name, options), a StepCall or a str -> str "
        f"callable, not {type(item).__name__}"
    )


def _step_name(step: StepCall | TextFunction) -> str:
    if isinstance(step, StepCall):
        return step.name
    return getattr(step, "__qualname__", None) or getattr(step, "__name__", None) or repr(step)


class Change(NamedTuple):
    """One change a step made, located in the pipeline's *input* text.

    ``start``/``end`` index the original input; ``removed`` is the text the step
    took out (as that step saw it) and ``inserted`` what it put in.
    """

    step: str
    start: int
    end: int
    removed: str
    inserted: str
    reason: str
    ambiguous: bool = False


@dataclass(frozen=True)
class Run:
    """The result of :meth:`Pipeline.run`: the text, every change, the offsets."""

    text: str
    changes: tuple[Change, ...]
    offsets: tuple[int, ...] | None = None


@dataclass(frozen=True, init=False)
class Pipeline:
    """An ordered sequence of steps, applied left to right.

    Build it from step names, ``(name, options)`` pairs, :class:`StepCall`
    values, or any ``str -> str`` callable (picklable if it is a module-level
    function).
    """

    steps: tuple[StepCall | TextFunction, ...] = field(default=())
    name: str | None = None

    def __init__(self, *steps: StepLike, name: str | None = None) -> None:
        object.__setattr__(self, "steps", tuple(_to_step(s) for s in steps))
        object.__setattr__(self, "name", name)

    def __repr__(self) -> str:
        parts = [repr(s.spec()) if isinstance(s, StepCall) else _step_name(s) for s in self.steps]
        if self.name is not None:
            parts.append(f"name={self.name!r}")
        return f"Pipeline({', '.join(parts)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.steps, self.name))

    def __call__(self, text: str) -> str:
        text = require_str(text)
        for step in self.steps:
            text = step(text)
        return text

    @property
    def step_names(self) -> tuple[str, ...]:
        return tuple(_step_name(s) for s in self.steps)

    def with_options(self, step: str, **options: Any) -> Pipeline:
        """A copy where ``step`` has ``options`` merged into its own.

        >>> preset("web").with_options("convert_script", config="s2t").steps[1]
        StepCall(name='convert_script', options=(('config', 's2t'),))
        """
        if step not in self.step_names:
            raise ValueError(
                f"pipeline has no step {step!r}; its steps: {', '.join(self.step_names)}"
            )
        new = [
            StepCall(s.name, tuple({**s.kwargs(), **options}.items()))
            if isinstance(s, StepCall) and s.name == step
            else s
            for s in self.steps
        ]
        return Pipeline(*new, name=self.name)

    def without(self, *steps: str) -> Pipeline:
        """A copy without the named steps."""
        unknown = set(steps) - set(self.step_names)
        if unknown:
            raise ValueError(
                f"pipeline has no step {sorted(unknown)[0]!r}; its steps: {', '.join(self.step_names)}"
            )
        return Pipeline(*(s for s in self.steps if _step_name(s) not in steps), name=self.name)

    def run(self, text: str, *, offsets: bool = False) -> Run:
        """Apply every step, keeping each change located in the input text.

        With ``offsets=True`` the run also maps each output character to the
        index of the input character it came from.
        """
        original = require_str(text)
        current = original
        mapping: list[int] | None = None  # None: identity so far
        changes: list[Change] = []
        for step in self.steps:
            if isinstance(step, StepCall):
                edits = step.find(current)
            else:
                edits = diff_edits(current, step(current), _step_name(step))
            if not edits:
                continue
            for edit in edits:
                start, end = _span_in_input(edit, mapping, len(original))
                changes.append(
                    Change(
                        _step_name(step),
                        start,
                        end,
                        current[edit.start : edit.end],
                        edit.replacement,
                        edit.reason,
                        edit.ambiguous,
                    )
                )
            step_map = offsets_through(edits, len(current))
            mapping = step_map if mapping is None else compose_offsets(step_map, mapping)
            current = apply_edits(current, edits)
        result_offsets: tuple[int, ...] | None = None
        if offsets:
            result_offsets = tuple(range(len(current)) if mapping is None else mapping)
        return Run(current, tuple(changes), result_offsets)


def _span_in_input(edit: Edit, mapping: list[int] | None, input_length: int) -> tuple[int, int]:
    if mapping is None:
        return edit.start, edit.end
    start = input_length if edit.start >= len(mapping) else mapping[edit.start]
    end = mapping[edit.end - 1] + 1 if edit.end > edit.start else start
    return start, max(start, end)


def _rebuild(steps: tuple[StepCall | TextFunction, ...], name: str | None) -> Pipeline:
    return Pipeline(*steps, name=name)


_DEFAULT_STEPS: tuple[StepLike, ...] = tuple(STEPS)

#: Named presets for the common sources of dirty Chinese text.
PRESETS: Mapping[str, Pipeline] = {
    # Text from PDF extractors: everything, paragraphs rebuilt.
    "pdf": Pipeline(*_DEFAULT_STEPS, name="pdf"),
    # OCR output: the same steps; OCR letter-spacing is handled by the whitespace step.
    "ocr": Pipeline(*_DEFAULT_STEPS, name="ocr"),
    # Web or converter text whose lines are already paragraphs: no line joining.
    "web": Pipeline(
        "strip_symbols",
        "convert_script",
        "normalize_punctuation",
        "normalize_whitespace",
        "strip_markup",
        name="web",
    ),
    # Only invisible-character and spacing repair; nothing else is touched.
    "minimal": Pipeline("normalize_whitespace", name="minimal"),
}

DEFAULT = Pipeline(*_DEFAULT_STEPS, name="default")


def preset(name: str) -> Pipeline:
    """The preset pipeline called ``name`` (``default``, ``pdf``, ``ocr``, ``web``, ``minimal``).

    >>> preset("minimal")
    Pipeline('normalize_whitespace', name='minimal')
    """
    if name == "default":
        return DEFAULT
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(
            f"unknown preset {name!r}; valid presets: default, {', '.join(PRESETS)}"
        ) from None


def as_pipeline(pipeline: Pipeline | str | Iterable[StepLike] | None) -> Pipeline:
    """Accept a Pipeline, a preset name, an iterable of steps, or None (default)."""
    if pipeline is None:
        return DEFAULT
    if isinstance(pipeline, Pipeline):
        return pipeline
    if isinstance(pipeline, str):
        return preset(pipeline)
    return Pipeline(*pipeline)
