"""The compiled modules (zhclean/_native.py): same output as their source, the source's
doctests, the stale-build guard, the signatures the pipeline reads.

CI builds zhclean with mypyc and must run it compiled (``test_ci_runs_compiled``); the
comparisons with the source run in a second process with ``ZHCLEAN_PURE_PYTHON=1``.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import zhclean
from tests.conftest import CORPUS, ROOT, SEEDS
from zhclean import _native
from zhclean.pipeline import STEPS

compiled_only = pytest.mark.skipif(
    not _native.COMPILED_ACTIVE, reason="zhclean runs from source in this process"
)


def _pure_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZHCLEAN_PURE_PYTHON": "1"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def test_ci_runs_compiled() -> None:
    """CI installs with mypy and a compiler: a build that silently fell back to the
    Python code would pass every other test and lose the speed."""
    if os.environ.get("CI") and not _native.pure_python_requested():
        assert _native.COMPILED_ACTIVE and _native.running_compiled()
    assert _native.running_compiled() == _native.COMPILED_ACTIVE


def _real_files() -> list[Path]:
    """The seeds and every dirty file of the corpus and of benchmarks/' sets."""
    files = sorted(SEEDS.glob("*.txt"))
    sets = sorted(ROOT.glob("benchmarks/*/*/*.txt"))
    if CORPUS.exists():
        sets += sorted(CORPUS.glob("*/*.txt"))
    return files + [p for p in sets if p.name != "clean.txt"]


@compiled_only
def test_compiled_and_source_clean_every_real_file_alike() -> None:
    files = _real_files()
    code = (
        "import hashlib, json, sys, zhclean\n"
        "assert not zhclean._native.running_compiled()\n"
        "out = {}\n"
        "for name in sys.argv[1:]:\n"
        "    text = open(name, encoding='utf-8', errors='replace').read()\n"
        "    out[name] = hashlib.sha256(zhclean.clean(text).encode('utf-8', 'surrogatepass')).hexdigest()\n"
        "print(json.dumps(out))\n"
    )
    proc = _pure_python(code, *map(str, files))
    assert proc.returncode == 0, proc.stderr
    source = json.loads(proc.stdout)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        digest = hashlib.sha256(zhclean.clean(text).encode("utf-8", "surrogatepass")).hexdigest()
        assert digest == source[str(path)], path


@compiled_only
def test_doctests_of_compiled_modules_run_from_source() -> None:
    """The doctest collector skips compiled modules (conftest.py); they run here."""
    paths = [str(_native.source_path(module)) for module in _native.COMPILED]
    code = (
        "import sys, pytest; sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', *sys.argv[1:]]))"
    )
    proc = _pure_python(code, "--doctest-modules", *paths)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout


def _fake_build(package: Path, modules: dict[str, str], *, record: dict[str, str] | None) -> None:
    """A package directory with sources, an extension file per module and a build record."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for module, source in modules.items():
        path = _native.source_path(module, package)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        path.with_name(path.stem + suffix).write_bytes(b"")
    if record is not None:
        (package / _native.HASHES_FILE).write_text(json.dumps(record), encoding="utf-8")


def test_a_source_edited_after_the_build_is_stale(tmp_path: Path) -> None:
    modules = {"zhclean.paragraphs": "A = 1\n", "zhclean.tables.whitespace": "B = 2\n"}
    built = {m: hashlib.sha256(s.encode()).hexdigest() for m, s in modules.items()}
    _fake_build(tmp_path, modules, record=built)
    assert _native.stale_modules(tmp_path) == []
    _native.source_path("zhclean.paragraphs", tmp_path).write_text("A = 3\n", encoding="utf-8")
    assert _native.stale_modules(tmp_path) == ["zhclean.paragraphs"]


def test_extensions_without_a_build_record_are_not_trusted(tmp_path: Path) -> None:
    _fake_build(tmp_path, {"zhclean.edits": "C = 1\n"}, record=None)
    assert _native.stale_modules(tmp_path) == ["zhclean.edits"]


def test_a_stale_build_runs_the_sources_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_build(tmp_path, {"zhclean.whitespace": "D = 1\n"}, record={"zhclean.whitespace": "0"})
    monkeypatch.setattr(sys, "meta_path", [m for m in sys.meta_path if "Source" not in repr(m)])
    monkeypatch.delenv("ZHCLEAN_PURE_PYTHON", raising=False)
    with pytest.warns(RuntimeWarning, match="zhclean.whitespace changed since the build"):
        assert _native.install(tmp_path) is False
    finder = sys.meta_path[0]
    spec = finder.find_spec("zhclean.whitespace", None)
    assert spec is not None and spec.origin == str(
        _native.source_path("zhclean.whitespace", tmp_path)
    )
    assert finder.find_spec("zhclean.pipeline", None) is None


def test_a_fresh_build_runs_compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = "E = 1\n"
    _fake_build(
        tmp_path,
        {"zhclean.symbols": source},
        record={"zhclean.symbols": hashlib.sha256(source.encode()).hexdigest()},
    )
    monkeypatch.setattr(sys, "meta_path", [m for m in sys.meta_path if "Source" not in repr(m)])
    monkeypatch.delenv("ZHCLEAN_PURE_PYTHON", raising=False)
    before = list(sys.meta_path)
    assert _native.install(tmp_path) is True
    assert sys.meta_path == before
    monkeypatch.setenv("ZHCLEAN_PURE_PYTHON", "1")
    assert _native.install(tmp_path) is False


def test_every_step_signature_is_its_source_signature() -> None:
    """The pipeline reads each step's options off its signature; compiled functions
    report theirs from their source (``zhclean.edits._signature``), so the two agree in
    either mode, defaults included."""
    import ast

    for info in STEPS.values():
        for function in (info.apply, info.find):
            module = sys.modules[function.__module__]
            source = _native.source_path(module.__name__).read_text(encoding="utf-8")
            node = next(
                n
                for n in ast.parse(source).body
                if isinstance(n, ast.FunctionDef) and n.name == function.__name__
            )
            parameters = inspect.signature(function).parameters
            assert [p.name for p in parameters.values()] == [
                a.arg for a in [*node.args.args, *node.args.kwonlyargs]
            ]
            assert [p.name for p in parameters.values() if p.kind is p.KEYWORD_ONLY] == [
                a.arg for a in node.args.kwonlyargs
            ]
            for argument, default in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True):
                if isinstance(default, ast.Constant):
                    assert parameters[argument.arg].default == default.value


def test_version_says_how_zhclean_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "zhclean", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert proc.stdout.startswith(f"zhclean {zhclean.__version__} (")
    assert ("compiled: mypyc" in proc.stdout) == _native.COMPILED_ACTIVE
    proc = _pure_python("import zhclean._native as n; print(n.describe())")
    assert proc.stdout.strip() == "Python source"
