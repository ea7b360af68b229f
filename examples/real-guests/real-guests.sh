#!/usr/bin/env bash
# Real guests through the NIC Manager (issue 15 point 7): two namespace guests, VMs web and batch with shares 2:1, send
# TCP with iperf3 to an external namespace behind a bond of two veths into a Linux bridge. Half way through, the
# active member's veth is pulled: the bond fails over and both streams go on. The dashboard shows it live.
#
#   web ns (TAP)   --\                                  /-- veth u0 --\
#                     NIC Manager (this machine's root ns)             Linux bridge brx, 10.99.0.100 (external ns)
#   batch ns (TAP) --/                                  \-- veth u1 --/
#
# Usage: examples/real-guests/real-guests.sh   (as root; run/target/nicmgr.jar built by ./nicmgr or mvn package)
# Environment: SECONDS_PER_STREAM (20), HTTP_PORT (8080: the dashboard), LINGER (0: seconds to keep everything up
# after the streams, for a look at the dashboard). Needs iproute2, iperf3 and ethtool. Everything made here is removed
# on exit, also on failure or Ctrl-C; only processes started here are ended, by their id.
set -euo pipefail

SECONDS_PER_STREAM=${SECONDS_PER_STREAM:-20}
HTTP_PORT=${HTTP_PORT:-8080}
LINGER=${LINGER:-0}
JAR=$(cd "$(dirname "$0")/../.." && pwd)/run/target/nicmgr.jar
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces, TAP devices, packet sockets)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "no $JAR: build the host first (./nicmgr --help builds it)" >&2; exit 2; }
for tool in ip iperf3 ethtool; do
    command -v "$tool" >/dev/null || { echo "needs $tool (scripts/install-test-tools.sh installs it)" >&2; exit 2; }
done

tag=$(printf '%04x' $((RANDOM % 65536)))
EXTERNAL=nmd-x-$tag WEB=nmd-web-$tag BATCH=nmd-batch-$tag
U0=nmdu0$tag U1=nmdu1$tag
work=$(mktemp -d -t nicmgr-real-guests-XXXXXX)
host_pid= iperf_pids=()

cleanup() {
    exec 3>&- 2>/dev/null || true # the host's console input: Ctrl-D
    for pid in "${iperf_pids[@]}" $host_pid; do kill "$pid" 2>/dev/null || true; done
    for pid in "${iperf_pids[@]}" $host_pid; do wait "$pid" 2>/dev/null || true; done
    for ns in "$EXTERNAL" "$WEB" "$BATCH"; do ip netns del "$ns" 2>/dev/null || true; done
    ip link del "$U0" 2>/dev/null || true
    ip link del "$U1" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# The host's console: commands go in through a FIFO, answers come out in host.log.
type_command() { echo "$*" >&3; }
await_log() { # PATTERN: waits up to 60 s for a line of the host's output
    for _ in $(seq 600); do grep -q -- "$1" "$work/host.log" && return 0; sleep 0.1; done
    echo "the host did not print '$1'; its output:" >&2; cat "$work/host.log" >&2; return 1
}

echo "== topology: external namespace $EXTERNAL with a bridge, veths $U0 and $U1 into it"
for ns in "$EXTERNAL" "$WEB" "$BATCH"; do ip netns add "$ns"; in_ns "$ns" ip link set lo up; done
in_ns "$EXTERNAL" ip link add brx type bridge
for i in 0 1; do
    host_end=$([ $i = 0 ] && echo "$U0" || echo "$U1")
    ip link add "$host_end" type veth peer name "x$i" netns "$EXTERNAL"
    ip link set "$host_end" up
    in_ns "$EXTERNAL" ip link set "x$i" master brx up
done
in_ns "$EXTERNAL" ip address add 10.99.0.100/24 dev brx
in_ns "$EXTERNAL" ip link set brx up
# The external side keeps its offloads: the host's NICs receive its pending checksums and TSO super-frames with their
# virtio headers, and settle or cut them for the guests, which have none.

echo "== the host on the real clock"
mkfifo "$work/console"
java -jar "$JAR" --bare --clock real --http-port "$HTTP_PORT" <"$work/console" >"$work/host.log" 2>&1 &
host_pid=$!
exec 3>"$work/console"
type_command "linux:add u0 --interface $U0 --speed 100Mbps"
type_command "linux:add u1 --interface $U1 --speed 100Mbps"
type_command "bond:create bond0 --policy failover-order"
type_command "bond:add bond0 u0 u1"
address=1
for vm in web batch; do
    ns=$([ $vm = web ] && echo "$WEB" || echo "$BATCH")
    type_command "vm:create $vm"
    type_command "vm:start $vm"
    type_command "vnic:add $vm --uplink bond0 --mac 02:00:00:00:99:0$address --backend tap --tap nmdt$address$tag"
    for _ in $(seq 300); do ip link show "nmdt$address$tag" >/dev/null 2>&1 && break; sleep 0.1; done
    ip link set "nmdt$address$tag" netns "$ns"
    in_ns "$ns" ip link set "nmdt$address$tag" address "02:00:00:00:99:0$address" up
    in_ns "$ns" ip address add "10.99.0.$address/24" dev "nmdt$address$tag"
    in_ns "$ns" ethtool -K "nmdt$address$tag" tx off >/dev/null
    address=$((address + 1))
done
type_command "net:alloc web --shares 2"
type_command "net:alloc batch --shares 1"
type_command "echo ready"
await_log "ready$" # after the console's prompt, 'g! '
grep "^Dashboard:" "$work/host.log"

echo "== iperf3 from both guests for $SECONDS_PER_STREAM s; the active member's veth is pulled half way"
for port in 5201 5202; do
    in_ns "$EXTERNAL" iperf3 --server --one-off --bind 10.99.0.100 --port "$port" >/dev/null 2>&1 &
    iperf_pids+=($!)
done
sleep 1
in_ns "$WEB" iperf3 --client 10.99.0.100 --port 5201 --time "$SECONDS_PER_STREAM" --format m \
    --connect-timeout 10000 >"$work/web.txt" 2>&1 &
iperf_pids+=($!)
in_ns "$BATCH" iperf3 --client 10.99.0.100 --port 5202 --time "$SECONDS_PER_STREAM" --format m \
    --connect-timeout 10000 >"$work/batch.txt" 2>&1 &
iperf_pids+=($!)
sleep $((SECONDS_PER_STREAM / 2))
echo "== $(date +%T) pulling x0, u0's peer: the bond fails over to u1"
in_ns "$EXTERNAL" ip link set x0 down
wait "${iperf_pids[@]}"
iperf_pids=()

echo "== what the guests measured (receiver lines)"
web=$(awk '/receiver/ {print $7}' "$work/web.txt")
batch=$(awk '/receiver/ {print $7}' "$work/batch.txt")
echo "web $web Mbit/s, batch $batch Mbit/s, ratio $(awk -v w="$web" -v b="$batch" 'BEGIN {printf "%.2f", w / b}')"
echo "== the host's view"
type_command "bond:show bond0"
type_command "net:stats --window 5s"
type_command "events"
type_command "echo shown"
await_log "shown$"
sed -n '/ready$/,/shown$/p' "$work/host.log" | sed '1d;$d'
if [ "$LINGER" -gt 0 ]; then
    echo "== everything stays up for $LINGER s: $(grep "^Dashboard:" "$work/host.log")"
    sleep "$LINGER"
fi
echo "== removing everything"
