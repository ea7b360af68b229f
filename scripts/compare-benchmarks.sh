#!/usr/bin/env bash
# Compares two builds of bench/ on one JMH benchmark, fork by fork, alternating the two jars so that whatever else the
# machine does weighs on both alike. On this 2-core machine a single fork of BondTransmitBenchmark swings by +-15 %,
# so one run of each build proves nothing: this runs ROUNDS single-fork runs of each build per parameter value, in
# turn, and prints the median of each with their ratio, and the geometric mean of the ratios.
#
# Usage: scripts/compare-benchmarks.sh OLD.jar NEW.jar BENCHMARK PARAMETER VALUE[,VALUE...] [ROUNDS]
#   e.g. scripts/compare-benchmarks.sh /tmp/old.jar bench/target/benchmarks.jar BondTransmitBenchmark policy \
#        round-robin,hash-l34,tcp-session 3
# Build the old jar from a worktree: git worktree add /tmp/old COMMIT && (cd /tmp/old && mvn -B -q package -pl bench
# -am -DskipTests). Run it on an otherwise idle machine: nothing else building or testing.
set -euo pipefail
[ $# -ge 5 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
old=$1 new=$2 benchmark=$3 parameter=$4 values=$5 rounds=${6:-3}
for jar in "$old" "$new"; do [ -f "$jar" ] || { echo "no jar '$jar'" >&2; exit 2; }; done
results=$(mktemp -t nicmgr-compare-XXXXXX)
trap 'rm -f "$results"' EXIT
IFS=, read -r -a list <<<"$values"
for round in $(seq "$rounds"); do
    for value in "${list[@]}"; do
        for build in old new; do
            jar=$old; [ $build = new ] && jar=$new
            score=$(java -Djmh.ignoreLock=true -jar "$jar" "$benchmark" -p "$parameter=$value" -f 1 -wi 3 -i 3 -w 1 \
                -r 1 2>&1 | awk -v b="$benchmark" '$1 ~ b"\\." && $3 == "thrpt" {print $5}')
            [ -n "$score" ] || { echo "no score for $build $value: is '$benchmark' in $jar?" >&2; exit 1; }
            echo "$value $build $score" >>"$results"
            echo "round $round/$rounds: $value $build $score" >&2
        done
    done
done
python3 - "$results" <<'PYTHON'
import collections, math, statistics, sys
scores = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    value, build, score = line.split()
    scores[value][build].append(float(score))
print(f"{'value':20} {'old (median)':>14} {'new (median)':>14} {'new/old':>8}")
logs = []
for value, builds in scores.items():
    old, new = statistics.median(builds["old"]), statistics.median(builds["new"])
    logs.append(math.log(new / old))
    print(f"{value:20} {old:14.4g} {new:14.4g} {new / old:8.2f}")
print(f"geometric mean of new/old over {len(logs)} values: {math.exp(sum(logs) / len(logs)):.3f}")
PYTHON
