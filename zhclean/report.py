"""Change reports: what a pipeline did to a text, as plain text, JSON or one HTML page.

People audit a cleaner by looking at what it removed. :func:`render_text` groups
every change by step and reason and shows each removal in its context;
:func:`render_json` is the same for machines; :func:`render_html` writes one
self-contained page (no network, no external assets) showing the input with
every change marked by reason. The ``--explain*`` options of the command line
are defined here (:func:`add_report_arguments`, :func:`write_reports`).

>>> from zhclean.pipeline import Pipeline
>>> def drop_lifter(text: str) -> str:
...     return text.replace("\N{WEIGHT LIFTER}\N{VARIATION SELECTOR-16}", "")
>>> text = "中共中央總書記、國家主席🏋️、中央軍委主席"  # seed 001
>>> run = Pipeline(drop_lifter).run(text)
>>> print(render_text(run.changes, text), end="")
input 21 characters, 1 change
<BLANKLINE>
drop_lifter: 1 change
  drop_lifter: 1
    L1:13  …記、國家主席⟦🏋️⟧、中央軍委主…
>>> [(s.output, s.reasons) for s in trace(text, Pipeline(drop_lifter)) if s.reasons]
[('', ('drop_lifter',))]
"""

from __future__ import annotations

import argparse
import bisect
import html
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from zhclean.edits import Edit, apply_edits, diff_edits
from zhclean.pipeline import Change, Pipeline, StepCall

__all__ = [
    "DocumentReport",
    "Segment",
    "add_report_arguments",
    "build_report",
    "render_html",
    "render_html_page",
    "render_json",
    "render_text",
    "report_requested",
    "trace",
    "write_reports",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class Segment(NamedTuple):
    """A piece of the output and the input span it came from.

    Kept segments (``reasons == ()``) are copied unchanged: ``output`` equals
    ``text[start:end]``. Changed segments carry every reason and step that
    touched them; the concatenated outputs are the cleaned text and the
    concatenated input spans are the whole input.
    """

    start: int
    end: int
    output: str
    reasons: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    ambiguous: bool = False


def _union(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))


def _apply_step(
    segments: list[Segment], edits: Sequence[Edit], step: str, length: int
) -> list[Segment]:
    """Apply one step's edits (in the step's input coordinates) to the segments."""
    result: list[Segment] = []
    items = iter(segments)
    head = next(items, None)
    pos = 0  # where ``head`` starts in the step's input
    for edit in edits:
        while head is not None and pos + len(head.output) <= edit.start:
            result.append(head)
            pos += len(head.output)
            head = next(items, None)
        prefix = suffix = ""
        take_head = False
        if head is not None and pos < edit.start:
            offset = edit.start - pos
            if head.reasons:
                # A changed segment cannot be split: its input span is one unit.
                prefix = head.output[:offset]
                take_head = True
            else:
                result.append(Segment(head.start, head.start + offset, head.output[:offset]))
                head = Segment(head.start + offset, head.end, head.output[offset:])
                pos = edit.start
        consumed: list[Segment] = []
        while head is not None and (take_head or pos < edit.end):
            take_head = False
            head_end = pos + len(head.output)
            if head_end > edit.end and not head.reasons:
                cut = edit.end - pos
                consumed.append(Segment(head.start, head.start + cut, head.output[:cut]))
                head = Segment(head.start + cut, head.end, head.output[cut:])
                pos = edit.end
                break
            if head_end > edit.end:
                suffix = head.output[edit.end - pos :]
            consumed.append(head)
            pos = head_end
            head = next(items, None)
        if consumed:
            start, end = consumed[0].start, consumed[-1].end
        else:
            start = end = head.start if head is not None else length
        reasons: tuple[str, ...] = ()
        steps: tuple[str, ...] = ()
        for segment in consumed:
            reasons = _union(reasons, segment.reasons)
            steps = _union(steps, segment.steps)
        result.append(
            Segment(
                start,
                end,
                prefix + edit.replacement + suffix,
                _union(reasons, [edit.reason]),
                _union(steps, [step]),
                edit.ambiguous or any(segment.ambiguous for segment in consumed),
            )
        )
    if head is not None:
        result.append(head)
    result.extend(items)
    return result


def trace(text: str, pipeline: Pipeline) -> list[Segment]:
    """Run ``pipeline`` and return the output as segments located in ``text``.

    Unlike the per-step :class:`~zhclean.pipeline.Change` records, segments
    compose every step: a character converted and later removed is one
    segment, so the input can be shown with each final change in place.

    >>> from zhclean.pipeline import Pipeline
    >>> def upper(text: str) -> str:
    ...     return text.upper()
    >>> [tuple(s[:3]) for s in trace("近 8年来 pdf", Pipeline(upper))]
    [(0, 6, '近 8年来 '), (6, 9, 'PDF')]
    """
    segments = [Segment(0, len(text), text)] if text else []
    current = text
    for step in pipeline.steps:
        if isinstance(step, StepCall):
            edits = step.find(current)
            name = step.name
        else:
            name = (
                getattr(step, "__qualname__", None) or getattr(step, "__name__", None) or repr(step)
            )
            edits = diff_edits(current, step(current), name)
        if not edits:
            continue
        segments = _apply_step(segments, edits, name, len(text))
        current = apply_edits(current, edits)
    return segments


@dataclass(frozen=True)
class DocumentReport:
    """Everything a report shows about one document."""

    name: str
    text: str
    cleaned: str
    changes: tuple[Change, ...]
    segments: tuple[Segment, ...] | None = None


def build_report(
    name: str, text: str, pipeline: Pipeline, *, segments: bool = False
) -> DocumentReport:
    """Run ``pipeline`` on ``text`` and collect what the reports need."""
    run = pipeline.run(text)
    traced = tuple(trace(text, pipeline)) if segments else None
    return DocumentReport(name, text, run.text, run.changes, traced)


# ---------------------------------------------------------------- text and JSON


class _Lines:
    """Line and column (1-based) of input offsets, in O(log n) each."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


_VISIBLE = {"\n": "⏎", "\r": "␍", "\t": "⇥"}


def _visible(text: str, *, spaces: bool = False) -> str:
    """Make invisible characters visible for a one-line text report."""
    out: list[str] = []
    for char in text:
        if char in _VISIBLE:
            out.append(_VISIBLE[char])
        elif spaces and char == " ":
            out.append("␣")
        elif char.isprintable():
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
    return "".join(out)


def _context(text: str, change: Change, width: int) -> str:
    before = text[max(0, change.start - width) : change.start]
    after = text[change.end : change.end + width]
    middle = _visible(change.removed, spaces=True)
    if change.inserted:
        middle += "→" + _visible(change.inserted, spaces=True)
    return f"…{_visible(before)}⟦{middle}⟧{_visible(after)}…"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def render_text(
    changes: Sequence[Change],
    text: str,
    *,
    name: str | None = None,
    context: int = 6,
    only_ambiguous: bool = False,
) -> str:
    """A readable report: changes grouped by step and reason, with counts.

    Every removal is listed with its line, column and context
    (``…before⟦removed⟧after…``); replacements are listed once per distinct
    ``removed→inserted`` pair with their count and first place, so a long
    Traditional text does not bury the removals.
    """
    if only_ambiguous:
        changes = [change for change in changes if change.ambiguous]
    lines = _Lines(text)
    out: list[str] = []
    if name is not None:
        out.append(f"== {name}")
    label = "ambiguous change" if only_ambiguous else "change"
    out.append(f"input {_plural(len(text), 'character')}, {_plural(len(changes), label)}")
    groups: dict[str, dict[str, list[Change]]] = {}
    for change in changes:
        groups.setdefault(change.step, {}).setdefault(change.reason, []).append(change)
    for step, reasons in groups.items():
        total = sum(len(group) for group in reasons.values())
        out.append("")
        out.append(f"{step}: {_plural(total, 'change')}")
        for reason, group in reasons.items():
            out.append(f"  {reason}: {len(group)}")
            pairs: dict[tuple[str, str], list[Change]] = {}
            for change in group:
                if change.inserted and change.removed:
                    pairs.setdefault((change.removed, change.inserted), []).append(change)
                    continue
                line, column = lines.locate(change.start)
                flag = "  [ambiguous]" if change.ambiguous else ""
                out.append(f"    L{line}:{column}  {_context(text, change, context)}{flag}")
            for (removed, inserted), same in pairs.items():
                line, column = lines.locate(same[0].start)
                flag = "  [ambiguous]" if any(change.ambiguous for change in same) else ""
                pair = f"{_visible(removed, spaces=True)}→{_visible(inserted, spaces=True)}"
                out.append(
                    f"    {pair} ×{len(same)}  first L{line}:{column} "
                    f"{_context(text, same[0], context)}{flag}"
                )
    return "\n".join(out) + "\n"


def _document_json(
    changes: Sequence[Change],
    text: str,
    name: str | None,
    cleaned: str | None,
    only_ambiguous: bool,
) -> dict[str, Any]:
    if only_ambiguous:
        changes = [change for change in changes if change.ambiguous]
    lines = _Lines(text)
    counts: dict[str, dict[str, int]] = {}
    records = []
    for change in changes:
        by_reason = counts.setdefault(change.step, {})
        by_reason[change.reason] = by_reason.get(change.reason, 0) + 1
        line, column = lines.locate(change.start)
        records.append({**change._asdict(), "line": line, "column": column})
    document: dict[str, Any] = {"name": name, "input_chars": len(text)}
    if cleaned is not None:
        document["output_chars"] = len(cleaned)
    document["counts"] = counts
    document["changes"] = records
    return document


def render_json(
    changes: Sequence[Change],
    text: str,
    *,
    name: str | None = None,
    cleaned: str | None = None,
    only_ambiguous: bool = False,
) -> str:
    """The report as one JSON object: counts per step and reason, and every change.

    Each change has ``step``, ``start``, ``end`` (input offsets), ``removed``,
    ``inserted``, ``reason``, ``ambiguous``, ``line`` and ``column``. Lone
    surrogates are written as ``\\udcXX`` escapes, so the result always
    encodes as UTF-8.

    >>> report = json.loads(render_json([Change("strip_symbols", 3, 4, "🎉", "", "emoji")], "同志們🎉"))
    >>> report["counts"], report["changes"][0]["removed"]
    ({'strip_symbols': {'emoji': 1}}, '🎉')
    """
    return _dumps(_document_json(changes, text, name, cleaned, only_ambiguous))


def _dumps(value: Any) -> str:
    # ensure_ascii=False keeps Chinese readable; a lone surrogate (only possible
    # inside a JSON string) becomes the equivalent \\u escape (four hex digits).
    dumped = json.dumps(value, ensure_ascii=False, indent=1)
    return dumped.encode("utf-8", "backslashreplace").decode("utf-8")


# ---------------------------------------------------------------- HTML

_PALETTE = (
    "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#e67e00", "#8c564b",
    "#e377c2", "#17becf", "#7f7f00", "#555555", "#b0306e", "#2a6f4f",
)  # fmt: skip

_REMOVED_VISIBLE = {"\n": "⏎\n", "\t": "⇥", " ": "␣", "\u3000": "␣"}


def _unsafe(char: str) -> bool:
    """Characters a UTF-8 HTML page cannot carry as themselves.

    Surrogates cannot be encoded; the HTML parser turns NUL into U+FFFD and CR
    into LF; other controls and noncharacters are parse errors.
    """
    code = ord(char)
    if char in "\n\t":
        return False
    if code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return True
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _plain(text: str) -> str:
    """Escape ``text`` for an attribute or title; unsafe characters become U+FFFD."""
    return html.escape("".join("\ufffd" if _unsafe(char) else char for char in text))


def _html_text(text: str, *, removed: bool = False) -> str:
    """Escape ``text`` for the page; unsafe characters become labelled boxes."""
    out: list[str] = []
    for char in text:
        if removed and char in _REMOVED_VISIBLE:
            out.append(_REMOVED_VISIBLE[char])
        elif _unsafe(char) or (removed and unicodedata.category(char) == "Cf"):
            label = f"U+{ord(char):04X}"
            out.append(f'<span class="cp" data-cp="{ord(char):x}">{label}</span>')
        else:
            out.append(html.escape(char, quote=False))
    return "".join(out)


_STYLE = """
body{font:15px/1.7 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:1.2em 2em;color:#222}
h1{font-size:1.2em;margin:.2em 0}h2{font-size:1.05em;margin:1.4em 0 .4em}
#legend{border:1px solid #ccc;border-radius:6px;padding:.4em .8em;position:sticky;top:0;background:#fff;z-index:1}
#legend label{display:inline-block;margin:.15em 1em .15em 0;white-space:nowrap;cursor:pointer}
#legend .sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;background:var(--c);vertical-align:-1px}
#legend .n{color:#666}
.doc{white-space:pre-wrap;word-break:break-all;font:inherit;border-left:3px solid #eee;padding-left:1em}
.chg del{color:var(--c);text-decoration:line-through;text-decoration-thickness:2px;
 background:color-mix(in srgb,var(--c) 14%,transparent)}
.chg ins{text-decoration:underline;text-decoration-color:var(--c);text-decoration-thickness:2px;
 background:color-mix(in srgb,var(--c) 10%,transparent)}
.chg{scroll-margin-top:7em}
.chg.amb{outline:1px dashed var(--c);outline-offset:1px}
.chg.off del{display:none}
.chg.off ins{text-decoration:none;background:none}
.cp{font-size:.7em;border:1px solid #999;border-radius:2px;padding:0 .15em;color:#555}
.summary{color:#555}
"""

_SCRIPT = """
(function(){
var boxes=[].slice.call(document.querySelectorAll('#legend input[data-r]'));
var amb=document.getElementById('only-amb');
function update(){
 var on={};boxes.forEach(function(b){if(b.checked)on[b.getAttribute('data-r')]=1;});
 [].forEach.call(document.querySelectorAll('.doc .chg'),function(m){
  var show=m.getAttribute('data-r').split(' ').some(function(r){return on[r];});
  if(amb&&amb.checked&&!m.classList.contains('amb'))show=false;
  m.classList.toggle('off',!show);});
}
boxes.forEach(function(b){b.addEventListener('change',update);});
if(amb)amb.addEventListener('change',update);
var hash=decodeURIComponent(location.hash.slice(1));
if(hash.indexOf('hide=')===0){var hide=hash.slice(5).split(',');
 boxes.forEach(function(b){if(hide.indexOf(b.getAttribute('data-name'))>=0)b.checked=false;});}
update();
})();
"""


def _segments_from_diff(text: str, changes: Sequence[Change], cleaned: str) -> list[Segment]:
    """Segments when no pipeline is at hand: a character diff of input and
    output, each differing span labelled with the changes that touch it."""
    starts = sorted(range(len(changes)), key=lambda k: changes[k].start)
    ordered = [changes[k] for k in starts]
    keys = [change.start for change in ordered]
    segments: list[Segment] = []
    position = 0
    for edit in diff_edits(text, cleaned, "changed"):
        if position < edit.start:
            segments.append(Segment(position, edit.start, text[position : edit.start]))
        low = bisect.bisect_left(
            keys, edit.start - max((c.end - c.start for c in ordered), default=0)
        )
        touching = [
            change
            for change in ordered[low : bisect.bisect_right(keys, edit.end)]
            if change.start <= edit.end and change.end >= edit.start
        ]
        reasons = _union((), (change.reason for change in touching)) or ("changed",)
        steps = _union((), (change.step for change in touching))
        ambiguous = any(change.ambiguous for change in touching)
        segments.append(Segment(edit.start, edit.end, edit.replacement, reasons, steps, ambiguous))
        position = edit.end
    if position < len(text):
        segments.append(Segment(position, len(text), text[position:]))
    return segments


def render_html_page(reports: Sequence[DocumentReport], *, title: str = "zhclean report") -> str:
    """One self-contained HTML page for several documents (shared legend)."""
    counts: dict[str, int] = {}
    for report in reports:
        for change in report.changes:
            counts[change.reason] = counts.get(change.reason, 0) + 1
    all_segments: list[list[Segment]] = []
    for report in reports:
        segments = (
            list(report.segments)
            if report.segments is not None
            else (_segments_from_diff(report.text, report.changes, report.cleaned))
        )
        all_segments.append(segments)
        for segment in segments:
            for reason in segment.reasons:
                counts.setdefault(reason, 0)
    index = {reason: k for k, reason in enumerate(counts)}
    style = _STYLE + "".join(
        f".r{k}{{--c:{_PALETTE[k % len(_PALETTE)]}}}\n" for k in range(len(index))
    )
    parts = [
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n',
        (
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        ),
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n',
        f"<title>{_plain(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n",
        f"<h1>{_plain(title)}</h1>\n",
        '<fieldset id="legend"><legend>Changes by reason (uncheck to hide)</legend>\n',
    ]
    for reason, k in index.items():
        name = _plain(reason)
        parts.append(
            f'<label class="r{k}"><input type="checkbox" checked data-r="{k}" '
            f'data-name="{name}"> <span class="sw"></span> {name} '
            f'<span class="n">{counts[reason]}</span></label>\n'
        )
    if any(segment.ambiguous for segments in all_segments for segment in segments):
        parts.append('<label><input type="checkbox" id="only-amb"> only ambiguous</label>\n')
    parts.append("</fieldset>\n")
    for number, (report, segments) in enumerate(zip(reports, all_segments, strict=True)):
        changed = sum(1 for segment in segments if segment.reasons)
        parts.append(f"<section>\n<h2>{_html_text(report.name)}</h2>\n")
        parts.append(
            f'<p class="summary">{len(report.text)} characters in, {len(report.cleaned)} out; '
            f"{len(report.changes)} changes in {changed} places</p>\n"
        )
        parts.append('<pre class="doc">')
        marks = 0
        for segment in segments:
            if not segment.reasons:
                parts.append(_html_text(segment.output))
                continue
            # A segment can carry several reasons (a caption removed together with
            # the line breaks around it); it is coloured and filtered by its rarest
            # one, so unchecking "caption" hides the captions, not the line joins.
            primary = min(segment.reasons, key=lambda reason: counts[reason])
            classes = f"chg r{index[primary]}" + (" amb" if segment.ambiguous else "")
            data = str(index[primary])
            tip = _plain(", ".join(segment.steps) + ": " + ", ".join(segment.reasons))
            marks += 1
            parts.append(
                f'<span class="{classes}" id="d{number}m{marks}" data-r="{data}" title="{tip}">'
            )
            removed = report.text[segment.start : segment.end]
            if removed:
                parts.append(f"<del>{_html_text(removed, removed=True)}</del>")
            if segment.output:
                parts.append(f"<ins>{_html_text(segment.output)}</ins>")
            parts.append("</span>")
        parts.append("</pre>\n</section>\n")
    parts.append(f"<script>{_SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(parts)


def render_html(
    text: str,
    changes: Sequence[Change],
    cleaned: str,
    *,
    name: str = "input",
    segments: Sequence[Segment] | None = None,
) -> str:
    """One self-contained HTML page showing ``text`` with every change marked.

    Removed text is struck through, inserted text underlined, each reason has
    its colour, a legend counts the changes per reason and its checkboxes hide
    a reason's marks (inline script; also ``#hide=emoji,t2s`` in the URL).
    Pass ``segments`` from :func:`trace` for exact placement; without them the
    marks come from a character diff of ``text`` and ``cleaned``. Dropping the
    struck-through text leaves exactly ``cleaned``.

    >>> page = render_html("同志們🎉", [Change("strip_symbols", 3, 4, "🎉", "", "emoji")], "同志們")
    >>> "<del>🎉</del>" in page and "http" not in page.replace("http-equiv", "")
    True
    """
    report = DocumentReport(
        name, text, cleaned, tuple(changes), None if segments is None else tuple(segments)
    )
    return render_html_page([report], title=f"zhclean report: {name}")


# ---------------------------------------------------------------- command line


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--explain``, ``--explain-json``, ``--explain-html OUT`` and ``--ambiguous``."""
    group = parser.add_argument_group("change reports")
    to_stdout = group.add_mutually_exclusive_group()
    to_stdout.add_argument(
        "--explain", action="store_true", help="print every change, grouped by step and reason"
    )
    to_stdout.add_argument("--explain-json", action="store_true", help="print every change as JSON")
    group.add_argument(
        "--explain-html",
        metavar="OUT.html",
        help="write one self-contained page showing the input with every change marked",
    )
    group.add_argument(
        "--ambiguous",
        action="store_true",
        help="list only ambiguous changes (one-to-many conversions no phrase decided)",
    )


def report_requested(args: argparse.Namespace) -> bool:
    """Whether the command line asked for any report."""
    return bool(
        getattr(args, "explain", False)
        or getattr(args, "explain_json", False)
        or getattr(args, "explain_html", None)
        or getattr(args, "ambiguous", False)
    )


def write_reports(
    args: argparse.Namespace, pipeline: Pipeline, documents: Sequence[tuple[str, str]]
) -> int:
    """Write the reports ``args`` asks for about ``documents`` ((name, text) pairs).

    Text and JSON reports go to stdout (``--ambiguous`` alone means the text
    report of ambiguous changes only); ``--explain-html`` is written
    atomically. The cleaned text is the caller's business. Returns the exit
    code: 0, 1 if a step failed, 2 if the page cannot be written.
    """
    from zhclean.formats import atomic_write

    html_out: str | None = getattr(args, "explain_html", None)
    only_ambiguous = bool(getattr(args, "ambiguous", False))
    as_json = bool(getattr(args, "explain_json", False))
    as_text = bool(getattr(args, "explain", False)) or (only_ambiguous and not as_json)
    reports: list[DocumentReport] = []
    for name, text in documents:
        try:
            reports.append(build_report(name, text, pipeline, segments=html_out is not None))
        except Exception as error:
            print(
                f"zhclean: error: {name}: cleaning failed ({type(error).__name__}: {error})",
                file=sys.stderr,
            )
            return EXIT_FAILED
    if as_text:
        body = "\n".join(
            render_text(r.changes, r.text, name=r.name, only_ambiguous=only_ambiguous)
            for r in reports
        )
        _write_stdout(body)
    elif as_json:
        document = {
            "pipeline": repr(pipeline),
            "documents": [
                _document_json(r.changes, r.text, r.name, r.cleaned, only_ambiguous)
                for r in reports
            ],
        }
        _write_stdout(_dumps(document) + "\n")
    if html_out is not None:
        title = "zhclean report: " + ", ".join(r.name for r in reports)
        try:
            atomic_write(html_out, render_html_page(reports, title=title))
        except OSError as error:
            print(f"zhclean: error: {html_out}: cannot write ({error.strerror})", file=sys.stderr)
            return EXIT_USAGE
    return EXIT_OK


def _write_stdout(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace"))
    sys.stdout.flush()
