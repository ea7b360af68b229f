#!/usr/bin/env bash
# Debian packages the tests use: headless Chromium (DashboardTest), Prometheus's promtool, whose parser checks /metrics
# (OperatorMetricsTest), tshark, which decodes the LACPDUs `capture` wrote (LacpCaptureTest), OpenSSH's client (ssh,
# ssh-keygen), which logs in to the SSH console (SshConsoleTest, MinaConsoleServerTest), iproute2's ip, which makes
# the network namespaces and veth pairs of the drivers.linux and tap tests, QEMU with iPXE's boot ROMs, a real VM
# on the udp device back end (QemuGuestTest), iperf3, ping and ethtool, with which RealGuestSharesTest,
# BridgedBondTrafficTest and BridgedBondFailoverTest measure what real guests get and turn checksum offloads off (and
# iproute2's bridge, which shows a Linux bridge's forwarding database), Open vSwitch, a real LACP partner in a namespace
# (LacpWithOpenVswitchTest; the daemons of openvswitch-switch, the tools of openvswitch-common), and scapy for
# Debian's own python3, which forges, sends and sniffs frames in a namespace guest (ScapyGuestSecurityTest).
# `./nicmgr test` runs this first; the tests fail without them. Needs root; does nothing when all are there.
set -euo pipefail
if command -v chromium >/dev/null && command -v promtool >/dev/null && command -v tshark >/dev/null \
    && command -v ssh >/dev/null && command -v ssh-keygen >/dev/null && command -v ip >/dev/null \
    && command -v qemu-system-x86_64 >/dev/null && [ -e /usr/lib/ipxe/qemu/efi-e1000.rom ] \
    && command -v iperf3 >/dev/null && command -v ping >/dev/null && command -v ethtool >/dev/null \
    && [ -x /usr/sbin/ovs-vswitchd ] && [ -x /usr/sbin/ovsdb-server ] && command -v ovs-vsctl >/dev/null \
    && /usr/bin/python3 -c 'import scapy' 2>/dev/null; then
    exit 0
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium prometheus tshark \
    openssh-client iproute2 qemu-system-x86 ipxe-qemu iperf3 iputils-ping ethtool openvswitch-switch openvswitch-common \
    python3-scapy
