#!/usr/bin/env bash
# Compares two builds of bench/ on one JMH benchmark. On this 2-core machine a fork swings by +-15 % from one minute to
# the next, so runs one after the other prove little. This runs the two builds at the same time, one on each core
# (taskset), then again with the cores swapped, so that whatever the machine does weighs on both alike; ROUNDS such
# swapped pairs per parameter value. It prints each value's medians and the geometric mean of its new/old ratios, and
# the geometric mean over the values. Measured this way, pairs agree within about 10 %.
#
# Usage: scripts/compare-benchmarks.sh OLD.jar NEW.jar BENCHMARK PARAMETER VALUE[,VALUE...] [ROUNDS]
#   e.g. scripts/compare-benchmarks.sh /tmp/old.jar bench/target/benchmarks.jar BondTransmitBenchmark policy \
#        round-robin,hash-l34,tcp-session 2
# Build the old jar from a worktree: git worktree add /tmp/old COMMIT && (cd /tmp/old && mvn -B -q package -pl bench
# -am -DskipTests). Run it on an otherwise idle machine with two cores or more.
set -euo pipefail
[ $# -ge 5 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
old=$1 new=$2 benchmark=$3 parameter=$4 values=$5 rounds=${6:-2}
for jar in "$old" "$new"; do [ -f "$jar" ] || { echo "no jar '$jar'" >&2; exit 2; }; done
work=$(mktemp -d -t nicmgr-compare-XXXXXX)
trap 'rm -rf "$work"' EXIT

# One single-fork run of JAR on core CPU; prints its score.
score() {
    taskset -c "$1" java -Djmh.ignoreLock=true -jar "$2" "$benchmark" -p "$parameter=$3" -f 1 -wi 4 -i 5 -w 1 -r 1 \
        -jvmArgsAppend "-XX:ActiveProcessorCount=1" 2>&1 \
        | awk -v b="$benchmark" '$1 ~ b"\\." && $3 == "thrpt" {print $5}'
}

IFS=, read -r -a list <<<"$values"
for round in $(seq "$rounds"); do
    for value in "${list[@]}"; do
        for cores in "0 1" "1 0"; do
            read -r old_core new_core <<<"$cores"
            score "$old_core" "$old" "$value" >"$work/old" &
            score "$new_core" "$new" "$value" >"$work/new" &
            wait
            if [ ! -s "$work/old" ] || [ ! -s "$work/new" ]; then
                echo "no score for $value: is '$benchmark' in both jars?" >&2
                exit 1
            fi
            echo "$value $(cat "$work/old") $(cat "$work/new")" | tee -a "$work/results" >&2
        done
    done
done
python3 - "$work/results" <<'PYTHON'
import collections, math, statistics, sys
pairs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    value, old, new = line.split()
    pairs[value].append((float(old), float(new)))
print(f"{'value':20} {'old (median)':>14} {'new (median)':>14} {'new/old':>8}")
logs = []
for value, runs in pairs.items():
    ratio = math.exp(statistics.mean(math.log(new / old) for old, new in runs))
    logs.append(math.log(ratio))
    print(f"{value:20} {statistics.median(o for o, _ in runs):14.4g} {statistics.median(n for _, n in runs):14.4g}"
          f" {ratio:8.2f}")
print(f"geometric mean of new/old over {len(logs)} values: {math.exp(sum(logs) / len(logs)):.3f}")
PYTHON
