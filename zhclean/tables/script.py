"""Tables of ``convert_script``: OpenCC configs, their dictionaries, and zhclean's overrides.

``opencc_configs.json`` and ``opencc_dicts.json`` are derived from the dictionaries shipped
inside the installed ``opencc`` package; regenerate them with
``python -m zhclean.tables.build_script_tables`` after upgrading OpenCC. The config list
offered to users comes from the installed package itself (``opencc.CONFIGS``).

>>> "t2s" in CONFIGS and "s2twp" in CONFIGS
True
>>> config_table("tw2s").ambiguous[0]["著"]
'着著'
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, NamedTuple

import opencc

__all__ = [
    "CONFIGS",
    "DEFAULT_CONFIG",
    "OVERRIDES",
    "ConfigTable",
    "Spec",
    "config_table",
    "dictionary",
    "is_partial",
]

#: Every config the installed OpenCC ships, without ``.json``.
CONFIGS: tuple[str, ...] = tuple(sorted(name[: -len(".json")] for name in opencc.CONFIGS))

#: Chosen by measurement (benchmarks/opencc_configs.py, numbers in its docstring):
#: ``tw2s`` is the only config that gets seed 001 right (著力點 -> 着力点; t2s and hk2s keep
#: 著) while still giving CER 0 on the corpus s2t/s2tw variants; ``tw2sp`` also rewrites
#: Taiwan vocabulary (記憶體 -> 内存), which is translation, not script conversion.
DEFAULT_CONFIG: Final = "tw2s"

#: Dictionary spec: a dictionary name, or (match policy, child specs) for a group.
Spec = str | tuple[str, tuple[Any, ...]]


class ConfigTable(NamedTuple):
    """One OpenCC config, as zhclean replays it."""

    name: str
    normalization: tuple[Spec, ...]
    segmentation: Spec | None
    chain: tuple[Spec, ...]
    #: Every character some entry of the config changes: text without any is left as is.
    changeable: frozenset[str]
    #: Per chain stage: characters with more than one candidate -> the candidates.
    ambiguous: tuple[Mapping[str, str], ...]
    #: Whether some entry changes length (phrase configs: 記憶體 -> 内存).
    length_changing: bool


def _spec(raw: Mapping[str, Any]) -> Spec:
    if "file" in raw:
        return str(raw["file"])
    return (str(raw["group"]), tuple(_spec(child) for child in raw["dicts"]))


def _load(name: str) -> Any:
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


_RAW_CONFIGS: Mapping[str, Any] = MappingProxyType(_load("opencc_configs.json")["configs"])


@functools.cache
def config_table(name: str) -> ConfigTable:
    """The table of config ``name`` (a name in :data:`CONFIGS`), built once per process."""
    raw = _RAW_CONFIGS[name]
    return ConfigTable(
        name=name,
        normalization=tuple(_spec(s) for s in raw["normalization"]),
        segmentation=None if raw["segmentation"] is None else _spec(raw["segmentation"]),
        chain=tuple(_spec(s) for s in raw["chain"]),
        changeable=frozenset(raw["changeable"]),
        ambiguous=tuple(MappingProxyType(dict(stage)) for stage in raw["ambiguous"]),
        length_changing=bool(raw["length_changing"]),
    )


@functools.lru_cache(maxsize=1)
def _dictionaries_file() -> Mapping[str, Any]:
    return MappingProxyType(_load("opencc_dicts.json"))


@functools.lru_cache(maxsize=1)
def _all_dictionaries() -> Mapping[str, Mapping[str, str]]:
    return MappingProxyType(_dictionaries_file()["dicts"])


def is_partial(name: str) -> bool:
    """Whether dictionary ``name`` is shipped without some of OpenCC's entries.

    >>> is_partial("STPhrases"), is_partial("TSPhrases")
    (True, False)
    """
    return name in _dictionaries_file()["meta"]["partial"]


@functools.cache
def dictionary(name: str) -> Mapping[str, tuple[str, ...]]:
    """OpenCC dictionary ``name`` (e.g. ``"TSPhrases"``): key -> candidates, first is chosen.

    ``STPhrases`` lacks the entries that only confirm character defaults (size budget; see
    build_script_tables.py).

    >>> dictionary("TSCharacters")["乾"]
    ('干', '乾')
    """
    return MappingProxyType(
        {key: tuple(values.split(" ")) for key, values in _all_dictionaries()[name].items()}
    )


#: Phrase overrides applied before OpenCC, per target direction, only where EVERY config
#: measured in benchmarks/opencc_configs.py is wrong. Each entry names its case.
#:
#: - 想像 -> 想象: OpenCC s2t writes 想象 as 想像 and TSPhrases keeps 想像, so no config restores
#:   the mainland standard (corpus debref-ch01-1 "对文件名想象成").
#: - X於單 -> X于单 after a prepositional compound: TSPhrases has the name 於單 (a Xiongnu
#:   prince), which wins over 於 -> 于 in 基於單元, 對於單一, 用於單用戶 (corpus debref-ch03-1,
#:   edu-debian-edu-bookworm-manual-2, debref-ch04-1); the name itself is left to OpenCC.
_PREPOSITIONAL_YU = (
    "基於",
    "對於",
    "用於",
    "由於",
    "關於",
    "至於",
    "鑑於",
    "屬於",
    "處於",
    "位於",
    "在於",
    "等於",
    "終於",
    "適用於",
    "相對於",
    "相當於",
    "有助於",
    "不同於",
    "歸功於",
)
_TO_SIMPLIFIED: Mapping[str, str] = MappingProxyType(
    {"想像": "想象"}
    | {
        f"{w}單": f"{w[:-1]}于单".translate(
            str.maketrans("對關鑑屬處終適當助歸", "对关鉴属处终适当助归")
        )
        for w in _PREPOSITIONAL_YU
    }
)


#: - 么 stays 么 under the Taiwan configs: tw2s/tw2sp reverse the Taiwan variant 么 -> 幺,
#:   but 么 is also the Simplified form of 麼, so already-Simplified text ("真么做", "么儿")
#:   was damaged and cleaning was not idempotent (found on held-out debref-ch02-long).
#:   Of every CJK character, 么 is the only Simplified one tw2s changes where t2s does not.
#: - Simplified phrases that keep 著 (显著, 著名, 名著 …) stay as they are under the Taiwan
#:   configs: tw2s turns a lone 著 into 着 (right for 著力點 -> 着力点, seed 001), and its
#:   phrase table keeps 著 only in Traditional spelling (顯著), so cleaning already-Simplified
#:   text turned 显著 into 显着 and was not idempotent (held-out debref-ch12-1). The phrases
#:   are OpenCC's own (TWVariantsRevPhrases entries that keep 著), spelled in Simplified.
def _simplified_spelling(phrase: str) -> str:
    characters = _all_dictionaries()["TSCharacters"]
    return "".join(characters.get(char, char).split(" ")[0] for char in phrase)


_KEEPS_ZHU: Mapping[str, str] = {
    simplified: simplified
    for value in _all_dictionaries()["TWVariantsRevPhrases"].values()
    if "著" in (kept := value.split(" ")[0])
    for simplified in (_simplified_spelling(kept),)
}
_TAIWAN_TO_SIMPLIFIED: Mapping[str, str] = MappingProxyType(
    {**_TO_SIMPLIFIED, "么": "么", **_KEEPS_ZHU}
)
OVERRIDES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {name: _TO_SIMPLIFIED for name in ("t2s", "hk2s", "hk2sp")}
    | {name: _TAIWAN_TO_SIMPLIFIED for name in ("tw2s", "tw2sp")}
)
