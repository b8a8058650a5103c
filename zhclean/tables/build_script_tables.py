"""Regenerate the OpenCC-derived tables of ``convert_script`` from the installed ``opencc``.

usage: python -m zhclean.tables.build_script_tables

Reads every config (``*.json``) and dictionary (``*.ocd2``) shipped inside the installed
``opencc`` package (dumped to text with the package's own ``opencc_dict`` tool) and writes:

- ``opencc_configs.json``: for every config, its normalization / segmentation / conversion
  chain as dictionary specs, the characters it could change (the fast path), the
  characters each chain stage could convert more than one way (the ambiguity table),
  and whether any entry changes length;
- ``opencc_dicts.json``: the dictionary entries ``zhclean.script`` replays to align OpenCC's
  output with its input and to tell a phrase decision from a single-character guess.

Size budget: everything is shipped except the ``STPhrases`` entries whose output equals the
character-by-character default and keeps the length (39,450 of 49,238, ~750 KB as text).
Those only confirm defaults in the Simplified -> Traditional direction; without them a
to-Traditional conversion that such a phrase confirmed is flagged ambiguous (conservative),
and the replay may disagree with OpenCC on a line, which ``zhclean.script`` detects and then
aligns that line by a character diff instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import opencc

HERE = Path(__file__).resolve().parent
CONFIGS_OUT = HERE / "opencc_configs.json"
DICTS_OUT = HERE / "opencc_dicts.json"

Entries = dict[str, list[str]]
Spec = Any  # {"file": name} or {"group": policy, "dicts": [Spec, ...]}

#: The only dictionary shipped partially (see the module docstring for why).
PARTIAL = "STPhrases"


def share_dir() -> Path:
    return Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"


def dump_dicts(share: Path) -> dict[str, Entries]:
    """Every ``*.ocd2`` of the package as ``{name: {key: [values...]}}``."""
    tool = Path(opencc.__file__).resolve().parent / "clib" / "bin" / "opencc_dict"
    result: dict[str, Entries] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for ocd2 in sorted(share.glob("*.ocd2")):
            out = Path(tmp) / f"{ocd2.stem}.txt"
            subprocess.run(
                [str(tool), "-i", str(ocd2), "-o", str(out), "-f", "ocd2", "-t", "text"],
                check=True,
            )
            entries: Entries = {}
            for line in out.read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                entries[key] = values.split(" ")
            result[ocd2.stem] = entries
    return result


def to_spec(node: Mapping[str, Any]) -> Spec:
    if node["type"] == "group":
        return {
            "group": node.get("match_policy", "short_circuit"),
            "dicts": [to_spec(child) for child in node["dicts"]],
        }
    return {"file": Path(node["file"]).stem}


def files(spec: Spec) -> Iterable[str]:
    if "file" in spec:
        yield spec["file"]
    else:
        for child in spec["dicts"]:
            yield from files(child)


def changeable(entries: Iterable[tuple[str, list[str]]]) -> set[str]:
    """Characters that OpenCC's choice (the first value) of some entry changes."""
    chars: set[str] = set()
    for key, values in entries:
        out = values[0]
        if len(out) != len(key):
            chars.update(key)
        else:
            chars.update(k for k, v in zip(key, out, strict=True) if k != v)
    return chars


def stage_candidates(dicts: list[Entries]) -> dict[str, str]:
    """Characters with more than one outcome in one stage: every value of the character's
    own entry plus the character's aligned counterpart in every equal-length phrase
    (著 is 着 alone but stays 著 in 著作 in TWVariantsRevPhrases)."""
    candidates: dict[str, list[str]] = {}
    for entries in dicts:
        for key, values in entries.items():
            if len(key) == 1:
                for v in values:
                    if len(v) == 1:
                        own = candidates.setdefault(key, [])
                        if v not in own:
                            own.append(v)
    for entries in dicts:
        for key, values in entries.items():
            if len(key) < 2 or not any(c in candidates for c in key):
                continue
            for value in values:
                if len(value) != len(key):
                    continue
                for k, v in zip(key, value, strict=True):
                    if k in candidates and v not in candidates[k]:
                        candidates[k].append(v)
    return {
        c: "".join(kept)
        for c, vs in sorted(candidates.items())
        if len(kept := [v for v in vs if is_basic_han(v)]) > 1
    }


def is_basic_han(char: str) -> bool:
    """Alternatives outside the basic CJK block (𢧐 for 戰, 㓰 for 劃) are rare variant
    glyphs, not a choice of meaning; counting them would flag 戰 and 劃 everywhere."""
    return "\u4e00" <= char <= "\u9fff"


def build() -> tuple[dict[str, Any], dict[str, Any]]:
    share = share_dir()
    dicts = dump_dicts(share)
    configs: dict[str, Any] = {}
    for path in sorted(share.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        normalization = [to_spec(item["dict"]) for item in raw.get("normalization", [])]
        segmentation = to_spec(raw["segmentation"]["dict"]) if "segmentation" in raw else None
        chain = [to_spec(item["dict"]) for item in raw["conversion_chain"]]
        used = [name for spec in normalization + chain for name in files(spec)]
        chars: set[str] = set()
        length_changing = False
        for name in used:
            chars |= changeable(dicts[name].items())
            length_changing |= any(len(v[0]) != len(k) for k, v in dicts[name].items())
        configs[path.stem] = {
            "name": raw.get("name", path.stem),
            "normalization": normalization,
            "segmentation": segmentation,
            "chain": chain,
            "changeable": "".join(sorted(chars)),
            "ambiguous": [stage_candidates([dicts[n] for n in files(spec)]) for spec in chain],
            "length_changing": length_changing,
        }

    st_characters = dicts["STCharacters"]

    def default(phrase: str) -> str:
        return "".join(st_characters.get(c, [c])[0] for c in phrase)

    shipped: dict[str, dict[str, str]] = {}
    for name, entries in sorted(dicts.items()):
        kept = {
            key: " ".join(values)
            for key, values in entries.items()
            if name != PARTIAL
            or len(values) > 1
            or len(values[0]) != len(key)
            or values[0] != default(key)
        }
        shipped[name] = dict(sorted(kept.items()))
    meta = {
        "opencc_version": opencc.__version__,
        "generator": "python -m zhclean.tables.build_script_tables",
        "partial": {PARTIAL: len(dicts[PARTIAL])},
    }
    return {"meta": meta, "configs": configs}, {"meta": meta, "dicts": shipped}


def main() -> None:
    configs, dicts = build()
    for path, data in ((CONFIGS_OUT, configs), (DICTS_OUT, dicts)):
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text + "\n", encoding="utf-8")
        os.replace(tmp, path)
        print(f"wrote {path.name}: {len(text.encode('utf-8')) // 1024} KB")


if __name__ == "__main__":
    main()
