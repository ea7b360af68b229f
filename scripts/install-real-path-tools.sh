#!/usr/bin/env bash
# Debian packages of the real-path race (scripts/bench-real-path.sh): the peers it races against (Open vSwitch,
# DPDK's testpmd with its af_packet and bonding drivers, which Debian only recommends and so are named here) and the
# traffic tools (iperf3, ping, ethtool). Needs root; does nothing when all are there.
set -euo pipefail
if command -v ovs-vswitchd >/dev/null && command -v dpdk-testpmd >/dev/null && command -v iperf3 >/dev/null \
    && command -v ping >/dev/null && command -v ethtool >/dev/null \
    && dpkg -s librte-net-af-packet23 librte-net-bond23 >/dev/null 2>&1; then
    exit 0
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openvswitch-switch iperf3 iputils-ping \
    ethtool dpdk-dev librte-net-af-packet23 librte-net-bond23 librte-mempool-ring23 librte-bus-vdev23
