package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.Arp;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FramePool;
import org.nicmanager.kernel.api.frame.FrameWriter;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * Finds members whose carrier is up but whose path is broken ({@link ArpMonitorSettings}). Every interval it judges
 * each member by the answers it heard, then sends the next round: from each member with carrier, an ARP request for
 * each target, with the member's own MAC as sender, so that the answer comes back through that member alone. A member
 * that heard no answer for {@code missedMax} intervals is unreachable until an answer comes again.
 *
 * <p>Probes come from a pool of minimum-size buffers and answers are read in place: nothing is allocated. Runs on the
 * network world's thread, like the bond.
 */
final class ArpMonitor {

    /** The source port that marks a probe, so that one a failing NIC hands back is recognised and not resent. */
    static final int PROBE_PORT = Integer.MIN_VALUE + 1;

    /** Told when a member becomes unreachable or reachable again. */
    interface Verdicts {
        void reachabilityChanged(int slot, boolean reachable);
    }

    private final ArpMonitorSettings settings;
    private final int[] targets;
    private final KernelScheduler scheduler;
    private final BondMembers members;
    private final Verdicts verdicts;
    private final FramePool probes;
    private final Timer round;
    private final long[] lastAnswerNanos = new long[BondMembers.MAX_MEMBERS];
    private final boolean[] reachable = new boolean[BondMembers.MAX_MEMBERS];
    private final long[] probesSent = new long[BondMembers.MAX_MEMBERS];
    private final long[] answersHeard = new long[BondMembers.MAX_MEMBERS];
    private long probesNotSent;
    private long probesReturned;

    ArpMonitor(String bond, ArpMonitorSettings settings, KernelScheduler scheduler, BondMembers members,
            Verdicts verdicts) {
        this.settings = settings;
        this.targets = settings.targets().stream().mapToInt(Integer::intValue).toArray();
        this.scheduler = scheduler;
        this.members = members;
        this.verdicts = verdicts;
        // Enough for one round on every member, with the last round's probes perhaps still on the rings.
        this.probes = new FramePool(Math.max(1, 2 * BondMembers.MAX_MEMBERS * targets.length), 64);
        this.round = scheduler.newTimer("bond " + bond + " ARP monitor", this::round);
        java.util.Arrays.fill(reachable, true);
        if (settings.on()) {
            round.armAfter(settings.intervalNanos());
        }
    }

    /** A new member is given the benefit of the doubt for {@code missedMax} intervals. */
    void memberAdded(int slot) {
        lastAnswerNanos[slot] = scheduler.nanoTime();
        reachable[slot] = true;
        probesSent[slot] = 0;
        answersHeard[slot] = 0;
    }

    /** False only while the monitor is on and the member heard no answer for too long. */
    boolean reachable(int slot) {
        return reachable[slot];
    }

    /**
     * Takes the monitor's own frames (true): an answer to the member's probes, or another member's probe that the
     * switch flooded back into the bond. Leaves every other frame alone (false).
     */
    boolean takeOwnFrame(int slot, FrameBuffer frame) {
        byte[] data = frame.data();
        if (targets.length == 0 || !Arp.isIpv4OverEthernet(data, frame.length())) {
            return false;
        }
        if (Arp.operation(data) == Arp.REQUEST && Arp.senderIp(data) == 0
                && members.slotWithMac(Arp.senderMac(data)) >= 0) {
            probesReturned++;
            frame.release();
            return true;
        }
        if (Arp.operation(data) != Arp.REPLY || Arp.targetMac(data) != members.nic(slot).macAddress()
                || !isTarget(Arp.senderIp(data))) {
            return false;
        }
        lastAnswerNanos[slot] = scheduler.nanoTime();
        answersHeard[slot]++;
        frame.release();
        return true;
    }

    /** A probe the NIC handed back when it failed: counted, not resent. */
    void probeHandedBack(FrameBuffer frame) {
        probesNotSent++;
        frame.release();
    }

    void close() {
        round.cancel();
    }

    private boolean isTarget(int ip) {
        for (int target : targets) {
            if (target == ip) {
                return true;
            }
        }
        return false;
    }

    private void round() {
        long now = scheduler.nanoTime();
        long patienceNanos = settings.missedMax() * settings.intervalNanos();
        for (int slot = 0; slot < members.count(); slot++) {
            MemberState state = members.state(slot);
            if (state != MemberState.UP && state != MemberState.UNREACHABLE) {
                continue; // no carrier: nothing to ask through; the link events judge it
            }
            boolean heard = now - lastAnswerNanos[slot] <= patienceNanos;
            if (heard != reachable[slot]) {
                reachable[slot] = heard;
                verdicts.reachabilityChanged(slot, heard);
            }
            probe(slot, members.nic(slot));
        }
        round.armAfter(settings.intervalNanos());
    }

    private void probe(int slot, PhysicalNic nic) {
        for (int target : targets) {
            FrameBuffer frame = probes.acquire();
            if (frame == null) {
                probesNotSent++;
                continue;
            }
            frame.setLength(FrameWriter.arp(frame.data(), MacAddress.BROADCAST, Arp.REQUEST, nic.macAddress(), 0, 0,
                    target));
            frame.setSourcePort(PROBE_PORT);
            if (nic.transmit(frame) == TransmitStatus.ACCEPTED) {
                probesSent[slot]++;
            } else {
                frame.release();
                probesNotSent++;
            }
        }
    }

    ArpMonitorSettings settings() {
        return settings;
    }

    long probesSent(int slot) {
        return probesSent[slot];
    }

    long answersHeard(int slot) {
        return answersHeard[slot];
    }

    long probesNotSent() {
        return probesNotSent;
    }

    long probesReturned() {
        return probesReturned;
    }
}
