"""The pipeline is a value, and the edit protocol composes through it."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zhclean
from zhclean.edits import (
    Edit,
    apply_edits,
    check_edits,
    compose_offsets,
    diff_edits,
    offsets_through,
)
from zhclean.pipeline import STEPS, Pipeline, StepCall, as_pipeline, preset


def shout(text: str) -> str:
    """A module-level user step, so pipelines holding it stay picklable."""
    return text.replace("a", "A")


def drop_x(text: str) -> str:
    return text.replace("x", "")


# --- the edit record -------------------------------------------------------


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(alphabet="长江经济带abc，。 \n", max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits: list[Edit] = []
    position = 0
    for i in range(0, len(cuts) - 1, 2):
        start, end = max(cuts[i], position), cuts[i + 1]
        if start > end or (edits and start == end == edits[-1].start):
            continue
        edits.append(Edit(start, end, draw(st.text(alphabet="XY", max_size=3)), "test"))
        position = end
    return text, edits


@given(text_and_edits())
def test_offsets_have_one_entry_per_output_character(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    check_edits(edits, len(text))
    out = apply_edits(text, edits)
    offsets = offsets_through(edits, len(text))
    assert len(offsets) == len(out)
    assert offsets == sorted(offsets)
    assert all(0 <= o < max(len(text), 1) for o in offsets)
    # every output character outside a replacement is the input character it maps to
    replaced: set[int] = set()
    shift = 0
    for e in edits:
        replaced.update(range(e.start + shift, e.start + shift + len(e.replacement)))
        shift += len(e.replacement) - (e.end - e.start)
    for index, origin in enumerate(offsets):
        if index not in replaced:
            assert out[index] == text[origin]


@given(
    st.text(alphabet="长江经济带ab，", max_size=20), st.text(alphabet="长江经济带ab，", max_size=20)
)
def test_diff_edits_reproduce_the_target(before: str, after: str) -> None:
    edits = diff_edits(before, after, "custom")
    check_edits(edits, len(before))
    assert apply_edits(before, edits) == after


def test_check_edits_rejects_two_insertions_at_one_place() -> None:
    with pytest.raises(ValueError, match="second insertion"):
        check_edits([Edit(1, 1, "a", "x"), Edit(1, 1, "b", "x")], 3)


def test_compose_offsets_chains_maps() -> None:
    assert compose_offsets([0, 1, 1], [4, 7]) == [4, 7, 7]


# --- the pipeline as a value ------------------------------------------------


def test_pipeline_is_printable_comparable_and_picklable() -> None:
    p = Pipeline("strip_symbols", ("convert_script", {"config": "s2t"}), shout, name="mine")
    assert (
        repr(p)
        == "Pipeline('strip_symbols', ('convert_script', {'config': 's2t'}), shout, name='mine')"
    )
    assert p == Pipeline(
        StepCall("strip_symbols"),
        StepCall("convert_script", (("config", "s2t"),)),
        shout,
        name="mine",
    )
    assert p != Pipeline("strip_symbols", name="mine")
    assert pickle.loads(pickle.dumps(p)) == p


def test_every_preset_is_a_named_picklable_value() -> None:
    for name in ("default", "pdf", "ocr", "web", "minimal"):
        p = preset(name)
        assert pickle.loads(pickle.dumps(p)) == p
        assert all(step in STEPS for step in p.step_names)


def test_default_pipeline_runs_every_step_in_order() -> None:
    assert zhclean.DEFAULT.step_names == tuple(STEPS)


def _run_in_worker(args: tuple[Pipeline, str]) -> str:
    pipeline, text = args
    return pipeline(text)


def test_pipeline_travels_to_spawned_worker_processes() -> None:
    p = Pipeline("normalize_whitespace", shout)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.map(_run_in_worker, [(p, "a  b\r\n")]) == [p("a  b\r\n")]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Pipeline("no_such_step"),
            "unknown step 'no_such_step'; valid steps: split_columns, strip_symbols",
        ),
        (lambda: Pipeline(("strip_markup", {"colour": 1})), "has no option 'colour'"),
        (
            lambda: preset("pdff"),
            "unknown preset 'pdff'; valid presets: default, pdf, ocr, web, minimal",
        ),
        (
            lambda: preset("web").without("join_hard_wraps"),
            "pipeline has no step 'join_hard_wraps'",
        ),
        (lambda: preset("minimal").with_options("convert_script", config="s2t"), "has no step"),
    ],
)
def test_bad_pipelines_say_what_is_valid(build, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        build()


def test_a_step_that_is_not_a_callable_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="a pipeline step is a step name"):
        Pipeline(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [b"bytes", None, 3, ["list"]])
def test_clean_refuses_non_str_and_says_what_to_pass(bad: object) -> None:
    with pytest.raises(TypeError, match="str"):
        zhclean.clean(bad)  # type: ignore[arg-type]


def test_as_pipeline_accepts_names_lists_and_values() -> None:
    assert as_pipeline(None) is zhclean.DEFAULT
    assert as_pipeline("web") == preset("web")
    assert as_pipeline(["strip_markup"]) == Pipeline("strip_markup")


# --- explain and offsets through user callables ----------------------------


def test_run_locates_changes_of_user_callables_in_the_input() -> None:
    run = Pipeline(drop_x, shout).run("xaxb a", offsets=True)
    assert run.text == "Ab A"
    removed = [(c.start, c.end, c.removed) for c in run.changes if c.step == "drop_x"]
    assert removed == [(0, 1, "x"), (2, 3, "x")]
    uppercased = [(c.start, c.end) for c in run.changes if c.step == "shout"]
    assert uppercased == [(1, 2), (5, 6)]
    assert run.offsets == (1, 3, 4, 5)


def test_with_options_merges_into_the_named_step_only() -> None:
    p = preset("web").with_options("convert_script", config="s2tw")
    (call,) = [s for s in p.steps if isinstance(s, StepCall) and s.name == "convert_script"]
    assert call.kwargs() == {"config": "s2tw"}
    assert p.without("convert_script").step_names == tuple(
        n for n in preset("web").step_names if n != "convert_script"
    )
