"""Bad and large input: nothing raises, nothing is lost silently, errors say what to do.

The adversarial shapes are the ones benchmarks/adversarial.py times at 1x, 4x and
16x; here every public function gets each of them. Timing is the benchmark's job
(tests never assert wall-clock times).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import zhclean
from benchmarks.adversarial import SHAPES
from tests.strategies import han
from tests.test_offsets import noisy_documents
from zhclean import cli
from zhclean.formats import decode_bytes
from zhclean.pipeline import PRESETS, STEPS, Pipeline, StepCall, preset
from zhclean.report import render_html, render_json, render_text, trace

SIZE = 3000

CASES: dict[str, str] = {"empty": "", **{name: build(SIZE) for name, build in SHAPES.items()}}


def shapes() -> list[object]:
    return list(CASES)


def public_functions() -> dict[str, Callable[[str], object]]:
    functions: dict[str, Callable[[str], object]] = {
        "clean": zhclean.clean,
        "explain": zhclean.explain,
        "clean_with_offsets": zhclean.clean_with_offsets,
    }
    for name, info in STEPS.items():
        functions[name] = info.apply
        functions[info.find.__name__] = info.find
    for name in PRESETS:
        functions[f"preset {name}"] = preset(name)
    return functions


FUNCTIONS = public_functions()


@pytest.mark.parametrize("shape", shapes())
def test_every_public_function_takes_every_shape(shape: str) -> None:
    text = CASES[shape]
    for name, function in FUNCTIONS.items():
        try:
            result = function(text)
        except Exception as error:
            pytest.fail(f"{name} raised {type(error).__name__}: {error} on {shape!r}")
        assert result is not None


@pytest.mark.parametrize("shape", shapes())
def test_clean_is_idempotent_and_offsets_hold_on_every_shape(shape: str) -> None:
    text = CASES[shape]
    once = zhclean.clean(text)
    assert zhclean.clean(once) == once
    out, offsets = zhclean.clean_with_offsets(text)
    assert out == once and len(offsets) == len(out)
    assert all(0 <= i < len(text) for i in offsets)


@pytest.mark.parametrize("shape", shapes())
def test_reports_take_every_shape(shape: str) -> None:
    text = CASES[shape]
    run = zhclean.DEFAULT.run(text)
    render_text(run.changes, text).encode("utf-8", "backslashreplace")
    render_json(run.changes, text).encode("utf-8")
    segments = trace(text, zhclean.DEFAULT)
    assert "".join(s.output for s in segments) == run.text
    render_html(text, run.changes, run.text, segments=segments).encode("utf-8")


def test_hundred_thousand_blank_lines() -> None:
    text = "\n" * 100_000
    assert zhclean.clean(text).strip() == ""
    for function in FUNCTIONS.values():
        function(text)


def test_ten_megabyte_line_through_the_cli(tmp_path: Path) -> None:
    line = SHAPES["one long line"](10 * 1024 * 1024 // 3)  # ~10 MB of UTF-8 Han text
    source = tmp_path / "big.txt"
    source.write_text(line, encoding="utf-8")
    assert source.stat().st_size > 9_000_000
    out = tmp_path / "big.clean.txt"
    assert cli.main([str(source), "-o", str(out)]) == 0
    cleaned = out.read_text(encoding="utf-8")
    assert len(han(cleaned)) == len(han(line))


@pytest.mark.parametrize("shape", [s for s in CASES if "surrogate" not in s])
def test_cli_takes_every_shape(
    shape: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(CASES[shape].encode("utf-8"))
    assert cli.main([str(source)]) == 0
    assert cli.main(["--explain", str(source)]) == 0
    assert cli.main(["--explain-html", str(tmp_path / "r.html"), str(source)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_cli_undecodable_bytes_fail_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(b"\xe9\x95\xbf\xff\xe6\xb1\x9f")
    assert cli.main(["--encoding", "utf-8", str(source)]) == 2
    err = capsys.readouterr().err
    assert "bad.txt" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


# --- lone surrogates (what surrogateescape decoding leaves) -----------------


@given(st.binary(max_size=64))
@example(b"\x80\xe9\xa0\xab")
def test_surrogateescaped_bytes_clean_and_explain(data: bytes) -> None:
    text = data.decode("utf-8", "surrogateescape")
    out, offsets = zhclean.clean_with_offsets(text)
    assert len(offsets) == len(out)
    for change in zhclean.explain(text):
        assert 0 <= change.start <= change.end <= len(text)


# --- nothing lost -----------------------------------------------------------


@given(noisy_documents())
@example("中共中央總書記、國家主席🏋️、中央軍委主席習近平12日下午")
@example("占规上工\n\n蓝庆华\n\n业比重达到28.9%。")
def test_every_han_character_is_in_the_output_or_in_a_removal(text: str) -> None:
    _out, offsets = zhclean.clean_with_offsets(text)
    kept = set(offsets)
    removals = [
        change
        for change in zhclean.explain(text)
        if sum(Counter(han(change.removed)).values()) > len(han(change.inserted))
    ]
    for index, char in enumerate(text):
        if not han(char) or index in kept:
            continue
        assert any(c.start <= index < c.end for c in removals), (index, char, text)


def test_nothing_lost_counts_on_the_seeds(seeds: dict[str, str]) -> None:
    for name, text in seeds.items():
        out = zhclean.clean(text)
        removed = sum(
            len(han(c.removed)) - len(han(c.inserted)) for c in zhclean.explain(text) if c.removed
        )
        assert len(han(text)) == len(han(out)) + removed, name


# --- -o is atomic; the input is never overwritten ---------------------------


def fail_on_second(text: str) -> str:
    if "第二" in text:
        raise RuntimeError("simulated step failure")
    return text.upper()


def test_output_is_untouched_when_cleaning_fails_midway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("第一 abc\n" * 1000, encoding="utf-8")
    second.write_text("第二 def\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("previous result\n", encoding="utf-8")
    monkeypatch.setattr(cli, "pipeline_from_args", lambda args: Pipeline(fail_on_second))
    code = cli.main([str(first), str(second), "-o", str(out), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "simulated step failure" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "out.txt"]


def test_no_output_file_appears_when_cleaning_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "b.txt"
    source.write_text("第二\n", encoding="utf-8")
    monkeypatch.setattr(cli, "pipeline_from_args", lambda args: Pipeline(fail_on_second))
    assert cli.main([str(source), "-o", str(tmp_path / "new.txt")]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt"]


def test_output_never_overwrites_the_input_without_in_place(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("長江🎉\n", encoding="utf-8")
    assert cli.main([str(source), "-o", str(source)]) == 2
    link = tmp_path / "link.txt"
    os.symlink(source, link)
    assert cli.main([str(source), "-o", str(link)]) == 2
    assert source.read_text(encoding="utf-8") == "長江🎉\n"
    assert cli.main([str(source), "--in-place"]) == 0
    assert source.read_text(encoding="utf-8") == zhclean.clean("長江🎉\n")


# --- types and errors -------------------------------------------------------


BAD_INPUTS = [b"\xe9\x95\xbf", bytearray(b"x"), None, 12, ["长江"]]


@pytest.mark.parametrize("bad", BAD_INPUTS)
@pytest.mark.parametrize(
    "function",
    [
        zhclean.clean,
        zhclean.explain,
        zhclean.clean_with_offsets,
        zhclean.DEFAULT,
        *(pytest.param(i.apply, id=name) for name, i in STEPS.items()),
        *(pytest.param(i.find, id=i.find.__name__) for i in STEPS.values()),
    ],
)
def test_non_str_input_raises_type_error_saying_what_to_pass(
    bad: object, function: Callable[[object], object]
) -> None:
    with pytest.raises(TypeError) as error:
        function(bad)
    message = str(error.value)
    assert re.search(r"\bstr\b", message) and type(bad).__name__.split("array")[0] in message, (
        message
    )
    if isinstance(bad, (bytes, bytearray)):
        assert "decode" in message


def test_unknown_names_raise_value_error_listing_the_choices() -> None:
    with pytest.raises(ValueError, match=r"valid steps: .*strip_symbols"):
        Pipeline("strip_emoji")
    with pytest.raises(ValueError, match=r"valid presets: .*minimal"):
        preset("pdff")
    with pytest.raises(ValueError, match=r"valid options: .*config"):
        Pipeline(("convert_script", {"cfg": "t2s"}))
    with pytest.raises(ValueError, match=r"valid options: .*allow"):
        StepCall("strip_symbols", (("config", "t2s"),))
    with pytest.raises(ValueError, match="t2s"):
        zhclean.convert_script("長江", config="t2x")
    with pytest.raises(ValueError, match="t2s"):
        zhclean.clean("長江", Pipeline(("convert_script", {"config": "nope"})))
    with pytest.raises(ValueError, match="its steps: "):
        zhclean.DEFAULT.without("strip_emoji")


def test_cli_unknown_choices_exit_2_listing_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("長江\n", encoding="utf-8")
    assert cli.main(["--steps", "strip_emoji", str(source)]) == 2
    assert "strip_symbols" in capsys.readouterr().err
    assert cli.main(["--opencc", "t2x", str(source)]) == 2
    assert "t2s" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--preset", "pdff", str(source)])
    assert exit_info.value.code == 2
    assert "minimal" in capsys.readouterr().err


def test_decode_bytes_names_the_byte() -> None:
    with pytest.raises(ValueError, match="byte 3"):
        decode_bytes(b"\xe9\x95\xbf\xff", source="x.txt", encoding="utf-8")


# --- regressions found by fuzz/fuzz_clean.py ---------------------------------


@pytest.mark.parametrize("name", ["default", "ocr", "pdf"])
def test_fuzz_control_line_between_paragraphs_is_idempotent(name: str) -> None:
    # fuzz_clean found it: a line of only control characters (here U+0013) becomes a
    # blank line after join_hard_wraps ran, so a second clean joins it again:
    # "调\n\x13\n#" -> "调\n\n#" -> "调\n#".
    pipeline = preset(name)
    once = pipeline("调\n\x13\n#")
    assert pipeline(once) == once
