#!/usr/bin/env bash
# Short fuzzing run for CI: each atheris target for FUZZ_SECONDS (default 30) seconds,
# starting from the seeds. A crash leaves its input in fuzz/artifacts/ and fails the run;
# turn it into a regression test in tests/test_robustness.py (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
SECONDS_EACH=${FUZZ_SECONDS:-30}
mkdir -p fuzz/artifacts
status=0
for target in fuzz/fuzz_clean.py fuzz/fuzz_decode.py; do
    corpus=$(mktemp -d)
    echo "== $target (${SECONDS_EACH}s)"
    log=$(mktemp)
    if ! "$PY" "$target" -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=20 \
        -artifact_prefix=fuzz/artifacts/ -print_final_stats=1 "$corpus" seeds >"$log" 2>&1; then
        status=1
    fi
    grep -v '^INFO: Instrumenting' "$log" | tail -n 40
    rm -f "$log"
    rm -rf "$corpus"
done
exit $status
