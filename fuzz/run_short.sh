#!/usr/bin/env bash
# Short fuzzing run for CI: each atheris target for FUZZ_RUNS inputs (default 4000) from a
# fixed FUZZ_SEED, starting from the seeds, so a CI run is reproducible and cannot pass or
# fail by chance; long, time-bounded runs are in fuzz/README.md. A crash leaves its input in fuzz/artifacts/ and fails the run;
# turn it into a regression test in tests/test_robustness.py (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
RUNS=${FUZZ_RUNS:-4000}
SEED=${FUZZ_SEED:-1}
mkdir -p fuzz/artifacts
status=0
for target in fuzz/fuzz_clean.py fuzz/fuzz_decode.py; do
    corpus=$(mktemp -d)
    echo "== $target (${RUNS} runs, seed ${SEED})"
    log=$(mktemp)
    if ! "$PY" "$target" -runs="$RUNS" -seed="$SEED" -max_len=4096 -timeout=20 \
        -artifact_prefix=fuzz/artifacts/ -print_final_stats=1 "$corpus" seeds >"$log" 2>&1; then
        status=1
    fi
    grep -v '^INFO: Instrumenting' "$log" | tail -n 40
    rm -f "$log"
    rm -rf "$corpus"
done
exit $status
