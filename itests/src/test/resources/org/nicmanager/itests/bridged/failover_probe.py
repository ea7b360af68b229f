# The failover probe, with arguments MAC SURVIVOR PULLED NAMESPACE MEMBER. It starts in the host's namespace, where it
# listens to the kernel's rtnetlink link notifications as the NIC Manager does, then enters the external namespace
# NAMESPACE. There it watches the bridge port SURVIVOR for frames from the guest (MAC) that arrive through the bond,
# and takes the bridge port PULLED, cabled to the bond's member interface MEMBER, down and up itself when told, as
# `ip link set PULLED down|up` does, but with one ioctl, so that the moment is known. Commands, one a line on standard
# input:
#   pull [quiet]  take PULLED down; print one JSON line with the times from the rtnetlink notification that MEMBER lost
#                 its carrier (as this probe received it) and from just before the pull (the kernel's own work in the
#                 pull included) to the first frame from the guest on SURVIVOR (any kind: the bond's gratuitous ARP
#                 counts) and to the first frame of guest traffic (not ARP), and the guest's frame rate on SURVIVOR
#                 over the 200 ms after that (the measurement's resolution). With "quiet" it stops at the first frame
#                 and describes it.
#   plug          bring PULLED up again; prints "plugged"
# Frame times are the kernel's receive timestamps (SO_TIMESTAMPNS, CLOCK_REALTIME); the notification's is the moment
# a real-time thread of this probe got it (netlink has no timestamps), so its own wake-up makes that gap look shorter
# by about as long as it takes to get the interpreter's lock (a switch interval of 0.1 ms). The kernel sends the
# notification only after its link watch has deactivated the interface's queues (an RCU grace period), so the time
# from the pull is longer, by up to tens of milliseconds on a busy machine. Nothing here reads the NIC Manager's
# counters.
import ctypes
import fcntl
import json
import os
import select
import socket
import struct
import sys
import threading
import time

SO_TIMESTAMPNS = 35
SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
IFF_UP = 0x1
PACKET_OUTGOING = 4
ETH_P_ALL = 3
ETH_P_ARP = 0x0806
WAIT_SECONDS = 30
RATE_WINDOW_NS = 200_000_000
CLONE_NEWNET = 0x40000000
RTMGRP_LINK = 1
RTM_NEWLINK = 16
IFF_LOWER_UP = 0x10000

mac, survivor, pulled = bytes.fromhex(sys.argv[1].replace(":", "")), sys.argv[2], sys.argv[3]
namespace, member = sys.argv[4], sys.argv[5]
sys.setswitchinterval(0.0001)  # the notification thread takes its timestamp at once, not after the main thread's slice

notifications = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)  # in the host's namespace, as the NIC Manager's
notifications.bind((0, RTMGRP_LINK))
member_index = socket.if_nametoindex(member)
carrier_lost_ns = []  # the CLOCK_REALTIME of each notification that MEMBER lost its carrier
carrier_lost = threading.Condition()


def watch_notifications():
    # Real-time priority for this thread alone (Linux applies it to the calling thread): on two busy cores a woken
    # thread can otherwise wait milliseconds for a core, and the notification would look later than it was.
    os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(50))
    while True:
        data = notifications.recv(65536)
        received_ns = time.clock_gettime_ns(time.CLOCK_REALTIME)
        offset = 0
        while offset + 32 <= len(data):
            length, kind = struct.unpack_from("IH", data, offset)
            index, flags = struct.unpack_from("iI", data, offset + 20)
            if kind == RTM_NEWLINK and index == member_index and not flags & IFF_LOWER_UP:
                with carrier_lost:
                    carrier_lost_ns.append(received_ns)
                    carrier_lost.notify_all()
            offset += max(16, (length + 3) & ~3)


threading.Thread(target=watch_notifications, daemon=True).start()
with open("/run/netns/" + namespace) as external:
    if ctypes.CDLL(None, use_errno=True).setns(external.fileno(), CLONE_NEWNET) != 0:
        sys.exit("cannot enter namespace %s: errno %d" % (namespace, ctypes.get_errno()))
listener = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
listener.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
listener.bind((survivor, 0))
control = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)


def set_up(up):
    """Sets or clears IFF_UP on PULLED; answers the CLOCK_REALTIME just before."""
    request = struct.pack("16sH14x", pulled.encode(), 0)
    flags = struct.unpack_from("H", fcntl.ioctl(control, SIOCGIFFLAGS, request), 16)[0]
    changed = struct.pack("16sH14x", pulled.encode(), flags | IFF_UP if up else flags & ~IFF_UP)
    before = time.clock_gettime_ns(time.CLOCK_REALTIME)
    fcntl.ioctl(control, SIOCSIFFLAGS, changed)
    return before


def drain():
    listener.setblocking(False)
    try:
        while True:
            listener.recv(65536)
    except BlockingIOError:
        pass
    listener.setblocking(True)


def describe(frame):
    ethertype = int.from_bytes(frame[12:14], "big")
    if ethertype == ETH_P_ARP:
        sender, target = frame[28:32], frame[38:42]
        kind = "gratuitous-arp" if sender == target else "arp"
        return {"kind": kind, "destination": frame[0:6].hex(":"), "senderIp": socket.inet_ntoa(sender)}
    if ethertype == 0x0800:
        return {"kind": "ipv4", "protocol": frame[23]}
    return {"kind": "ethertype-%04x" % ethertype}


def pull(quiet):
    drain()
    pulled_ns = set_up(False)
    result = {"pullUs": (time.clock_gettime_ns(time.CLOCK_REALTIME) - pulled_ns) / 1000}
    first_traffic_ns = None
    frames_after = 0
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if not select.select([listener], [], [], max(0.0, deadline - time.monotonic()))[0]:
            break
        frame, ancillary, _, address = listener.recvmsg(65536, 64)
        if address[2] == PACKET_OUTGOING or frame[6:12] != mac:
            continue  # the bridge's own flooding out of this port, or another sender
        stamps = [struct.unpack("qq", data[:16]) for level, kind, data in ancillary
                  if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS]
        arrived_ns = stamps[0][0] * 1_000_000_000 + stamps[0][1] if stamps else time.clock_gettime_ns(
            time.CLOCK_REALTIME)
        if arrived_ns < pulled_ns:
            continue  # queued before the pull
        if "firstFrameUs" not in result:
            result["firstFrameUs"] = (arrived_ns - pulled_ns) / 1000
            first_frame_ns = arrived_ns
            result["firstFrame"] = describe(frame)
            if quiet:
                break
        if first_traffic_ns is None and int.from_bytes(frame[12:14], "big") != ETH_P_ARP:
            first_traffic_ns = arrived_ns
            result["firstTrafficUs"] = (arrived_ns - pulled_ns) / 1000
        if first_traffic_ns is not None:
            if arrived_ns - first_traffic_ns > RATE_WINDOW_NS:
                result["framesPerSecondAfter"] = frames_after * 1_000_000_000 / RATE_WINDOW_NS
                break
            frames_after += 1
    with carrier_lost:
        carrier_lost.wait_for(lambda: any(at >= pulled_ns for at in carrier_lost_ns), WAIT_SECONDS)
        lost = [at for at in carrier_lost_ns if at >= pulled_ns]
    if lost:
        result["notificationUs"] = (lost[0] - pulled_ns) / 1000
        if "firstFrameUs" in result:
            result["firstFrameFromNotificationUs"] = (first_frame_ns - lost[0]) / 1000
        if first_traffic_ns is not None:
            result["firstTrafficFromNotificationUs"] = (first_traffic_ns - lost[0]) / 1000
    print(json.dumps(result), flush=True)


print("ready", flush=True)
for line in sys.stdin:
    words = line.split()
    if words[:1] == ["pull"]:
        pull("quiet" in words[1:])
    elif words == ["plug"]:
        set_up(True)
        print("plugged", flush=True)
    else:
        sys.exit("unknown command %r: the commands are 'pull [quiet]' and 'plug'" % line)
