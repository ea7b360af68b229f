#!/usr/bin/env bash
# The real-path race (issue 15 point 5): the same three-namespace topology for each forwarding element, measured one
# element after the other on this machine, one JSON line per element and then the ratios.
#
#   guest ns (10.77.0.1) --veth-- element ns --2 veths (the bond)-- external ns: Linux bridge (10.77.0.2)
#
# Elements: nicmgr (the NIC Manager on the real clock: the guest is a virtual NIC on the veth back end, which opens
# the element's end of the guest's veth as a Linux NIC is opened, and the uplink a hash-l2-src bond, the equivalent of
# OVS's balance-slb, of two drivers.linux NICs), nicmgr-tap (the same with the guest on the tap back end with
# offloads, its TAP device moved into the guest namespace in place of the guest's veth), bridge (the Linux bridge with one veth and no bond: the ceiling), ovs
# (Open vSwitch's userspace datapath, balance-slb bond, offloads off), ovs-tso (the same with userspace-tso-enable and
# offloads on), dpdk (testpmd, io forwarding, bonding PMD balance-xor l34 over af_packet ports). Per element: TCP Mbit/s (one iperf3 stream), 64-byte
# frames/s offered and forwarded (iperf3 -u -l 18 -b 0), RTT median of 100 pings, the element's CPU in cores while
# it forwards 64-byte frames, and that CPU per million frames forwarded.
# Each figure is the median of RUNS runs; the runs are interleaved (every element once, then again), and each run's
# figures go to standard error as it ends. Everything made here is removed on exit, also on failure; only processes
# started here are ended, by their id.
#
# Usage: scripts/bench-real-path.sh [ELEMENT...]   (default: nicmgr bridge ovs ovs-tso dpdk)
# The nicmgr elements run run/target/nicmgr.jar, built by ./nicmgr (or mvn package), with the JVM's default options.
# Environment: RUNS (3), SECONDS_PER_RUN (10). Needs root, iproute2, iperf3, ping, ethtool, openvswitch-switch and
# dpdk-dev (scripts/install-real-path-tools.sh installs them).
set -euo pipefail

RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
ELEMENTS=("$@")
[ ${#ELEMENTS[@]} -gt 0 ] || ELEMENTS=(nicmgr bridge ovs ovs-tso dpdk)
for element in "${ELEMENTS[@]}"; do
    case $element in
        nicmgr|nicmgr-tap|bridge|ovs|ovs-tso|dpdk) ;;
        *) echo "unknown element '$element'; the elements are: nicmgr nicmgr-tap bridge ovs ovs-tso dpdk" >&2
           exit 2 ;;
    esac
done
JAR=$(cd "$(dirname "$0")/.." && pwd)/run/target/nicmgr.jar
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }

tag=$(printf '%04x' $((RANDOM % 65536)))
GUEST=nmr-g-$tag ELEMENT=nmr-e-$tag EXTERNAL=nmr-x-$tag
work=$(mktemp -d -t nicmgr-race-XXXXXX)
started_pids=()

cleanup() {
    for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${started_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    for ns in "$GUEST" "$ELEMENT" "$EXTERNAL"; do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# Guest and external namespaces, and the element's namespace with its three veth ends (eg, eu0, eu1).
build_topology() {
    for ns in "$GUEST" "$ELEMENT" "$EXTERNAL"; do ip netns add "$ns"; in_ns "$ns" ip link set lo up; done
    # Where the kernel has bridge netfilter built in, a new namespace's bridges call iptables for every frame: a cost
    # of this machine's kernel, not of any element (it was a quarter of the forwarding thread's time here).
    for ns in "$ELEMENT" "$EXTERNAL"; do
        in_ns "$ns" sysctl -qw net.bridge.bridge-nf-call-iptables=0 net.bridge.bridge-nf-call-ip6tables=0 \
            net.bridge.bridge-nf-call-arptables=0 2>/dev/null || true
    done
    ip link add gA netns "$GUEST" type veth peer name eg netns "$ELEMENT"
    ip link add x0 netns "$EXTERNAL" type veth peer name eu0 netns "$ELEMENT"
    ip link add x1 netns "$EXTERNAL" type veth peer name eu1 netns "$ELEMENT"
    in_ns "$GUEST" ip addr add 10.77.0.1/24 dev gA
    in_ns "$EXTERNAL" ip link add brx type bridge
    in_ns "$EXTERNAL" ip link set x0 master brx
    in_ns "$EXTERNAL" ip link set x1 master brx
    in_ns "$EXTERNAL" ip addr add 10.77.0.2/24 dev brx
    for link in gA; do in_ns "$GUEST" ip link set "$link" up; done
    for link in x0 x1 brx; do in_ns "$EXTERNAL" ip link set "$link" up; done
    for link in eg eu0 eu1; do in_ns "$ELEMENT" ip link set "$link" up; done
}

teardown_topology() {
    for ns in "$GUEST" "$ELEMENT" "$EXTERNAL"; do ip netns del "$ns" 2>/dev/null || true; done
}

# A user-space element whose packet sockets receive no offload metadata needs the external side's transmit checksums
# done in software, and no GRO on its own interfaces (frames larger than the MTU cannot be received). OVS without
# userspace TSO and testpmd carry no offloads at all: the guest computes its checksums, and their interfaces have
# GSO and TSO off. The NIC Manager's NICs carry virtio headers both ways and need neither, but the external side is
# the same for every element. Its guest keeps its offloads (on its veth; on its TAP with --offloads on), and its NICs
# send super-frames whole, which TSO on their veths carries to the peer in one piece.
offloads_off() {
    local element=$1
    for link in x0 x1 brx; do in_ns "$EXTERNAL" ethtool -K "$link" tx off >/dev/null; done
    if [ "$element" = nicmgr ] || [ "$element" = nicmgr-tap ]; then
        for link in eu0 eu1; do in_ns "$ELEMENT" ethtool -K "$link" gro off >/dev/null; done
        return
    fi
    in_ns "$GUEST" ethtool -K gA tx off >/dev/null
    for link in eg eu0 eu1; do in_ns "$ELEMENT" ethtool -K "$link" gro off gso off tso off tx off >/dev/null; done
}

element_pids=()

start_bridge() {
    in_ns "$ELEMENT" ip link add bre type bridge
    in_ns "$ELEMENT" ip link set eg master bre
    in_ns "$ELEMENT" ip link set eu0 master bre
    in_ns "$ELEMENT" ip link set eu1 down
    in_ns "$ELEMENT" ip link set bre up
}

start_ovs() {
    local tso=$1 dir=$work/ovs
    mkdir -p "$dir"
    export OVS_RUNDIR=$dir OVS_LOGDIR=$dir OVS_DBDIR=$dir
    local db=unix:$dir/db.sock
    ovsdb-tool create "$dir/conf.db" /usr/share/openvswitch/vswitch.ovsschema
    in_ns "$ELEMENT" ovsdb-server "$dir/conf.db" --remote=punix:"$dir/db.sock" --pidfile="$dir/ovsdb.pid" \
        --log-file="$dir/ovsdb.log" --detach 2>>"$dir/start.err"
    element_pids+=("$(cat "$dir/ovsdb.pid")"); started_pids+=("$(cat "$dir/ovsdb.pid")")
    in_ns "$ELEMENT" ovs-vsctl --db="$db" --no-wait init
    if [ "$tso" = tso ]; then
        in_ns "$ELEMENT" ovs-vsctl --db="$db" --no-wait set Open_vSwitch . other_config:userspace-tso-enable=true
    fi
    in_ns "$ELEMENT" ovs-vswitchd "$db" --pidfile="$dir/vswitchd.pid" --log-file="$dir/vswitchd.log" \
        --detach 2>>"$dir/start.err"
    element_pids+=("$(cat "$dir/vswitchd.pid")"); started_pids+=("$(cat "$dir/vswitchd.pid")")
    in_ns "$ELEMENT" ovs-vsctl --db="$db" add-br br0 -- set bridge br0 datapath_type=netdev
    in_ns "$ELEMENT" ovs-vsctl --db="$db" add-port br0 eg
    in_ns "$ELEMENT" ovs-vsctl --db="$db" add-bond br0 bond0 eu0 eu1 bond_mode=balance-slb
    in_ns "$ELEMENT" ip link set br0 up
}

start_dpdk() {
    local fifo=$work/testpmd.in
    mkfifo "$fifo"
    # testpmd quits when its input ends: the FIFO is held open for writing until the element is stopped.
    exec {dpdk_input}<>"$fifo"
    ip netns exec "$ELEMENT" dpdk-testpmd --no-huge -m 512 --no-pci --no-shconf --file-prefix="nmr$tag" -l 0-1 \
        --vdev=net_af_packet0,iface=eg --vdev=net_af_packet1,iface=eu0 --vdev=net_af_packet2,iface=eu1 \
        --vdev=net_bonding0,mode=2,slave=net_af_packet1,slave=net_af_packet2,xmit_policy=l34 \
        -- -i --total-num-mbufs=16384 <&"$dpdk_input" >"$work/testpmd.log" 2>&1 &
    element_pids+=($!)
    started_pids+=($!)
    printf 'set portlist 0,3\nset fwd io\nstart\n' >&"$dpdk_input"
    for _ in $(seq 100); do grep -q "Press enter to exit\|io packet forwarding" "$work/testpmd.log" && break; sleep 0.1; done
}

# The NIC Manager in the element namespace: two drivers.linux NICs in a bond, and the guest's virtual NIC either on the
# element's end of the guest's veth (veth back end, with the guest's MAC), or on a TAP device, which then moves into
# the guest namespace (its descriptor keeps working) to take the veth's place.
start_nicmgr() {
    local backend=$1 tap=nmrt$tag
    [ -f "$JAR" ] || { echo "no $JAR: build the host first (./nicmgr --help builds it)" >&2; return 1; }
    local vnic="vnic:add guest --uplink bond0 --backend tap --tap $tap --offloads on"
    if [ "$backend" = veth ]; then
        in_ns "$GUEST" ip link set gA address 02:00:00:00:77:01
        vnic="vnic:add guest --uplink bond0 --mac 02:00:00:00:77:01 --backend veth --interface eg"
    fi
    cat >"$work/race.gogo" <<GOGO
linux:add u0 --interface eu0
linux:add u1 --interface eu1
bond:create bond0 --policy hash-l2-src
bond:add bond0 u0 u1
vm:create guest
vm:start guest
$vnic
GOGO
    ip netns exec "$ELEMENT" java -jar "$JAR" --clock real --no-console --demo-script "$work/race.gogo" \
        </dev/null >"$work/nicmgr.log" 2>&1 &
    element_pids+=($!)
    started_pids+=($!)
    [ "$backend" = tap ] || return 0 # wait_for_path waits for the host
    for _ in $(seq 300); do in_ns "$ELEMENT" ip link show "$tap" >/dev/null 2>&1 && break; sleep 0.1; done
    in_ns "$ELEMENT" ip link show "$tap" >/dev/null 2>&1 || { cat "$work/nicmgr.log" >&2; return 1; }
    in_ns "$GUEST" ip link del gA # the guest's veth gives way to the TAP device
    ip -n "$ELEMENT" link set "$tap" netns "$GUEST"
    in_ns "$GUEST" ip addr add 10.77.0.1/24 dev "$tap"
    in_ns "$GUEST" ip link set "$tap" up
}

stop_element() {
    for pid in "${element_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${element_pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    done
    element_pids=()
    if [ -n "${dpdk_input:-}" ]; then exec {dpdk_input}>&-; unset dpdk_input; fi
    rm -rf "$work/ovs" "$work/testpmd.in"
}

# CPU seconds (user + system) of the element's processes so far; the Linux bridge works in softirq and has none.
element_cpu_ticks() {
    local total=0 pid
    for pid in "${element_pids[@]}"; do
        [ -r "/proc/$pid/stat" ] || continue
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}

wait_for_path() {
    for _ in $(seq 100); do in_ns "$GUEST" ping -c 1 -W 1 10.77.0.2 >/dev/null 2>&1 && return 0; done
    echo "no path from $GUEST to 10.77.0.2 through $1" >&2
    return 1
}

median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "null"; else if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# One iperf3 server for one test; started from the main shell so that its id is known to the clean-up.
iperf_server() {
    ip netns exec "$EXTERNAL" iperf3 -s -1 -B 10.77.0.2 >/dev/null 2>&1 &
    started_pids+=($!)
    for _ in $(seq 50); do in_ns "$EXTERNAL" ss -ltn | grep -q ':5201 ' && return 0; sleep 0.1; done
}

measure_tcp() {
    in_ns "$GUEST" iperf3 -c 10.77.0.2 -t "$SECONDS_PER_RUN" -J >"$work/tcp.json"
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"] / 1e6)' \
        "$work/tcp.json"
}

# Prints "offered forwarded" frames per second for 64-byte frames (18 bytes of UDP payload).
measure_small_frames() {
    in_ns "$GUEST" iperf3 -c 10.77.0.2 -u -l 18 -b 0 -t "$SECONDS_PER_RUN" -J >"$work/udp.json"
    python3 -c '
import json, sys
end = json.load(open(sys.argv[1]))["end"]["sum"]
print(end["packets"] / end["seconds"], (end["packets"] - end["lost_packets"]) / end["seconds"])' "$work/udp.json"
}

measure_rtt() {
    in_ns "$GUEST" ping -c 100 -i 0.01 10.77.0.2 | sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | median
}

# One run of one element: builds the topology, measures, tears it down, and prints one JSON line of its figures.
measure_once() {
    local element=$1 run=$2
    build_topology
    [ "$element" = bridge ] || [ "$element" = ovs-tso ] || offloads_off "$element"
    case $element in
        nicmgr) start_nicmgr veth ;;
        nicmgr-tap) start_nicmgr tap ;;
        bridge) start_bridge ;;
        ovs) start_ovs no-tso ;;
        ovs-tso) start_ovs tso ;;
        dpdk) start_dpdk ;;
    esac
    wait_for_path "$element"
    iperf_server
    local tcp offer forward cpu=null rtt ticks_before ticks_after started ended
    tcp=$(measure_tcp)
    iperf_server
    ticks_before=$(element_cpu_ticks); started=$(date +%s.%N)
    read -r offer forward < <(measure_small_frames)
    ticks_after=$(element_cpu_ticks); ended=$(date +%s.%N)
    [ "$element" = bridge ] || cpu=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" \
        -v s="$started" -v e="$ended" 'BEGIN {print t / hz / (e - s)}')
    rtt=$(measure_rtt)
    stop_element
    teardown_topology
    printf '{"element":"%s","run":%d,"tcpMbps":%s,"offered":%s,"forwarded":%s,"rttMs":%s,"cpu":%s}\n' \
        "$element" "$run" "$tcp" "$offer" "$forward" "$rtt" "$cpu"
}

# Runs are interleaved (every element once, then every element again), so that a change in the machine's background
# load during the race falls on every element alike, not on whichever element was running then.
runs=$work/runs.jsonl
for run in $(seq "$RUNS"); do
    for element in "${ELEMENTS[@]}"; do
        measure_once "$element" "$run" | tee -a "$runs" >&2
    done
done
results=$work/results.jsonl
python3 - "$runs" "$RUNS" "${ELEMENTS[@]}" >"$results" <<'EOF'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
for element in sys.argv[3:]:
    mine = [r for r in runs if r["element"] == element]
    def median(key):
        values = [r[key] for r in mine if r[key] is not None]
        return statistics.median(values) if values else None
    forwarded, cpu = median("forwarded"), median("cpu")
    print(json.dumps({"element": element, "runs": len(mine), "tcpMbps": round(median("tcpMbps")),
                      "smallFramesOfferedPerSecond": round(median("offered")),
                      "smallFramesForwardedPerSecond": round(forwarded), "rttMedianMs": median("rttMs"),
                      "elementCpuCores": None if cpu is None else round(cpu, 3),
                      "cpuSecondsPerMillionFrames": round(cpu / (forwarded / 1e6), 3) if cpu and forwarded else None}))
EOF
cat "$results"
python3 - "$results" <<'EOF'
import json, sys
rows = {r["element"]: r for r in map(json.loads, open(sys.argv[1]))}
def ratio(a, b, key):
    if a in rows and b in rows and rows[b][key]:
        print(json.dumps({"ratio": f"{a}/{b}", "of": key, "value": round(rows[a][key] / rows[b][key], 2)}))
for mine in ("nicmgr", "nicmgr-tap"):
    for key in ("tcpMbps", "smallFramesForwardedPerSecond", "rttMedianMs"):
        for other in ("ovs", "ovs-tso", "dpdk", "bridge"):
            ratio(mine, other, key)
EOF
