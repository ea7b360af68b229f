#!/usr/bin/env bash
# Runs the whole test suite RUNS times in a row (default 3) while a CPU burner keeps one core busy, and stops at the
# first red run. It shows that no test depends on a wall-clock budget a loaded machine can exceed (issue 13, point 2).
# Usage: scripts/suite-under-load.sh [RUNS] [extra mvn arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
burn() { while :; do :; done; }
burn &
burner=$!
trap 'kill "$burner" 2>/dev/null || true' EXIT
mkdir -p target
echo "CPU burner: process $burner"
for run in $(seq 1 "$runs"); do
    started=$(date +%s)
    if mvn -B verify "$@" > "target/suite-under-load-$run.log" 2>&1; then
        verdict=green
    else
        verdict=red
    fi
    summary=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, F' "target/suite-under-load-$run.log" | grep -v ' -- in ' | \
        awk -F'[:,]' '{ tests += $2; failed += $4 + $6 } END { print tests " tests, " failed " failed or in error" }')
    echo "run $run of $runs: $verdict in $(( $(date +%s) - started )) s ($summary; log target/suite-under-load-$run.log)"
    [ "$verdict" = green ] || exit 1
done
