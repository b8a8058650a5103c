"""Change reports: segments compose every step exactly; text, JSON and HTML show every change."""

from __future__ import annotations

import argparse
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zhclean
from tests.conftest import read_seed
from tests.strategies import documents, noise
from zhclean.pipeline import Change, Pipeline, preset
from zhclean.report import (
    add_report_arguments,
    render_html,
    render_json,
    render_text,
    report_requested,
    trace,
    write_reports,
)

# --- user steps standing in for the real ones (each returns text only; the
# pipeline recovers their edits with a character diff) ----------------------

T2S_SAMPLE = str.maketrans({"長": "长", "經": "经", "濟": "济", "帶": "带", "發": "发", "會": "会"})


def t2s_sample(text: str) -> str:
    return text.translate(T2S_SAMPLE)


def drop_noise(text: str) -> str:
    return "".join(
        c
        for c in text
        if c.isalnum() or c.isspace() or not c.isprintable() or c in "，。、；：！？,;:!?<>&\"'"
    )


def join_lines(text: str) -> str:
    return text.replace("\n", "")


def full_width_comma(text: str) -> str:
    return text.replace(",", "，").replace(";", "；")


def squeeze_spaces(text: str) -> str:
    return " ".join(part for part in text.split(" ") if part)


def add_full_stop(text: str) -> str:
    return text if not text or text.endswith("。") else text + "。"


USER_STEPS = [t2s_sample, drop_noise, join_lines, full_width_comma, squeeze_spaces, add_full_stop]

EXTRA_NOISE = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\u3000", ",", "<b>", "&amp;", "\x00", "\u200d", "\ufeff"]
)


@st.composite
def noisy(draw: st.DrawFn) -> str:
    parts = [draw(documents())]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(parts[0])))
        piece = draw(st.one_of(EXTRA_NOISE, noise()))
        parts[0] = parts[0][:at] + piece + parts[0][at:]
    return parts[0]


def implemented(name: str) -> bool:
    """Whether a built-in step has landed (others are still being written)."""
    try:
        zhclean.STEPS[name].apply("長江 經濟帶🎉,\n\n高質量")
    except NotImplementedError:
        return False
    return True


READY_STEPS = [name for name in zhclean.STEPS if implemented(name)]


def pipelines() -> st.SearchStrategy[Pipeline]:
    steps = st.sampled_from([*USER_STEPS, *READY_STEPS])
    return st.lists(steps, min_size=1, max_size=5).map(lambda s: Pipeline(*s))


def require_preset(name: str) -> Pipeline:
    pipeline = preset(name)
    missing = [step for step in pipeline.step_names if not implemented(step)]
    if missing:
        pytest.skip(f"steps not landed yet: {', '.join(missing)}")
    return pipeline


# --- trace: the composed segments ------------------------------------------


def check_segments(text: str, pipeline: Pipeline) -> None:
    segments = trace(text, pipeline)
    assert "".join(s.output for s in segments) == pipeline(text)
    position = 0
    for segment in segments:
        assert segment.start == position, segments
        position = segment.end
        if not segment.reasons:
            assert segment.output == text[segment.start : segment.end]
            assert segment.output  # no empty kept pieces
    assert position == len(text)


@given(noisy(), pipelines())
def test_segments_rebuild_output_and_tile_input(text: str, pipeline: Pipeline) -> None:
    check_segments(text, pipeline)


@given(st.text(alphabet="长江經濟ab ,\n", max_size=25), pipelines())
def test_segments_on_small_alphabet(text: str, pipeline: Pipeline) -> None:
    check_segments(text, pipeline)


def test_segment_compose_a_conversion_then_a_removal() -> None:
    # Step 2 removes what step 1 inserted: one segment, both reasons.
    segments = trace("長x江", Pipeline(t2s_sample, lambda t: t.replace("长x", "")))
    changed = [s for s in segments if s.reasons]
    assert [(s.start, s.end, s.output) for s in changed] == [(0, 2, "")]
    assert changed[0].reasons[0] == "t2s_sample" and changed[0].reasons[1].endswith("<lambda>")


# --- render_text -----------------------------------------------------------


@given(noisy(), pipelines())
def test_text_report_lists_every_removal_and_counts(text: str, pipeline: Pipeline) -> None:
    changes = pipeline.run(text).changes
    report = render_text(changes, text)
    assert report.splitlines()[0].endswith(
        f"{len(changes)} change" + ("" if len(changes) == 1 else "s")
    )
    for change in changes:
        assert f"{change.step}: " in report
        if not change.inserted:
            line = text.count("\n", 0, change.start) + 1
            column = change.start - (text.rfind("\n", 0, change.start) + 1) + 1
            assert f"L{line}:{column}  " in report


def test_text_report_only_ambiguous() -> None:
    changes = [
        Change("convert_script", 0, 1, "乾", "干", "t2s", True),
        Change("convert_script", 1, 2, "淨", "净", "t2s", False),
    ]
    report = render_text(changes, "乾淨", only_ambiguous=True)
    assert "乾→干" in report and "淨→净" not in report
    assert "[ambiguous]" in report


# --- render_json -----------------------------------------------------------


@given(noisy(), pipelines())
def test_json_report_round_trips_every_change(text: str, pipeline: Pipeline) -> None:
    run = pipeline.run(text)
    document = json.loads(render_json(run.changes, text, name="x", cleaned=run.text))
    records = [Change(*(r[k] for k in Change._fields)) for r in document["changes"]]
    assert records == list(run.changes)
    assert sum(n for by in document["counts"].values() for n in by.values()) == len(run.changes)
    assert document["output_chars"] == len(run.text)


def test_json_report_of_lone_surrogate_encodes_as_utf8() -> None:
    text = b"\xe9\x95\xbf\xff\xe6\xb1\x9f".decode("utf-8", "surrogateescape")
    out = render_json(Pipeline(lambda t: t.replace("\udcff", "")).run(text).changes, text)
    out.encode("utf-8")
    assert json.loads(out)["changes"][0]["removed"] == "\udcff"


# --- render_html -----------------------------------------------------------


class DocText(HTMLParser):
    """The text a reader sees in each ``.doc`` block, with removed marks dropped.

    A labelled box (``span.cp``) stands for the one character it names."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.docs: list[str] = []
        self.depth = 0  # inside a .doc: element depth
        self.skip = 0  # inside <del> or a .cp box
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if self.depth:
            self.depth += 1
            if self.skip:
                self.skip += 1
            elif tag == "del":
                self.skip = 1
            elif "cp" in classes:
                self.docs[-1] += chr(int(attributes["data-cp"] or "0", 16))
                self.skip = 1
        elif "doc" in classes:
            self.depth = 1
            self.docs.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.skip:
                self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.docs[-1] += data


def visible_docs(page: str) -> list[str]:
    parser = DocText()
    parser.feed(page)
    parser.close()
    return parser.docs


HOSTILE = '<script>alert("x")</script> & &amp; </pre><!-- "quoted" \'single\''


@given(noisy(), pipelines(), st.booleans())
def test_html_less_removed_text_is_the_cleaned_text(
    text: str, pipeline: Pipeline, exact: bool
) -> None:
    text = text + HOSTILE
    run = pipeline.run(text)
    segments = trace(text, pipeline) if exact else None
    page = render_html(text, run.changes, run.text, segments=segments)
    assert visible_docs(page) == [run.text]
    page.encode("utf-8")


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained_and_escaped() -> None:
    text = "長江" + HOSTILE + "🎉\x00\r\n\udcff"
    pipeline = Pipeline(t2s_sample, drop_noise)
    run = pipeline.run(text)
    page = render_html(
        text, run.changes, run.text, name='<img src="x">', segments=trace(text, pipeline)
    )
    tags = Tags()
    tags.feed(page)
    names = [tag for tag, _ in tags.tags]
    assert names.count("script") == 1 and "img" not in names
    assert not any(key in ("src", "href", "action") for _, attrs in tags.tags for key in attrs)
    lowered = page.lower()
    # The page may load nothing at all, even if a future edit adds an asset.
    assert "default-src 'none'" in page
    for needle in ("http://", "https://", "@import", "url("):
        assert needle not in lowered, needle
    assert visible_docs(page) == [run.text]


def test_html_legend_counts_each_reason() -> None:
    text = "長江,經濟帶🎉"
    pipeline = Pipeline(t2s_sample, full_width_comma, drop_noise)
    run = pipeline.run(text)
    page = render_html(text, run.changes, run.text, segments=trace(text, pipeline))
    for reason in {c.reason for c in run.changes}:
        count = sum(1 for c in run.changes if c.reason == reason)
        assert (
            f'data-name="{reason}"> <span class="sw"></span> {reason} <span class="n">{count}</span>'
            in page
        )


# --- the command-line contract ---------------------------------------------


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="*")
    add_report_arguments(parser)
    return parser.parse_args(argv)


def test_report_requested() -> None:
    assert not report_requested(parse("a.txt"))
    for flag in (["--explain"], ["--explain-json"], ["--explain-html", "o.html"], ["--ambiguous"]):
        assert report_requested(parse(*flag, "a.txt"))


def test_explain_and_explain_json_both_on_stdout_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse("--explain", "--explain-json", "a.txt")
    assert exit_info.value.code == 2


def test_write_reports_text_json_and_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline = Pipeline(t2s_sample, drop_noise)
    documents = [("a.txt", "長江🎉經濟"), ("b.txt", "發展🙏🏽")]
    assert write_reports(parse("--explain"), pipeline, documents) == 0
    out = capsys.readouterr().out
    assert "== a.txt" in out and "== b.txt" in out and "⟦🎉⟧" in out
    assert write_reports(parse("--explain-json"), pipeline, documents) == 0
    document = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in document["documents"]] == ["a.txt", "b.txt"]
    page_path = tmp_path / "r.html"
    assert write_reports(parse("--explain-html", str(page_path)), pipeline, documents) == 0
    assert capsys.readouterr().out == ""
    assert visible_docs(page_path.read_text(encoding="utf-8")) == [
        pipeline(t) for _, t in documents
    ]


def test_write_reports_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "r.html"
    assert (
        write_reports(parse("--explain-html", str(missing)), Pipeline(t2s_sample), [("a", "長")])
        == 2
    )
    assert "cannot write" in capsys.readouterr().err

    def explode(text: str) -> str:
        raise RuntimeError("step bug")

    assert write_reports(parse("--explain"), Pipeline(explode), [("a", "長")]) == 1
    err = capsys.readouterr().err
    assert "a: cleaning failed (RuntimeError: step bug)" in err and "Traceback" not in err


# --- with the real steps ---------------------------------------------------


def test_seed_004_report_lists_the_two_removed_captions(capsys: pytest.CaptureFixture[str]) -> None:
    pipeline = require_preset("default")
    text = read_seed("004")
    captions = [c for c in zhclean.explain(text, pipeline) if c.reason == "caption"]
    assert len(captions) == 2, captions
    assert write_reports(parse("--explain"), pipeline, [("004", text)]) == 0
    report = capsys.readouterr().out
    assert "  caption: 2" in report
    for change in captions:
        assert change.removed.strip() and f"⟦{change.removed.strip()}" in report.replace("⏎", "")


def test_ambiguous_lists_only_flagged_conversions(capsys: pytest.CaptureFixture[str]) -> None:
    if not implemented("convert_script"):
        pytest.skip("convert_script not landed yet")
    text = "他喝乾了這杯酒，乾淨，著名，頭髮"
    pipeline = Pipeline("convert_script")
    changes = zhclean.explain(text, pipeline)
    flagged = [c for c in changes if c.ambiguous]
    assert flagged and len(flagged) < len(changes)
    assert write_reports(parse("--ambiguous", "--explain-json"), pipeline, [("t", text)]) == 0
    listed = json.loads(capsys.readouterr().out)["documents"][0]["changes"]
    assert [(r["start"], r["removed"]) for r in listed] == [(c.start, c.removed) for c in flagged]
