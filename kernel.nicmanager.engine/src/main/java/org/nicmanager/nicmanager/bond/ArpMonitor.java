package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.Arp;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;

/**
 * Finds members whose carrier is up but whose path is broken ({@link ArpMonitorSettings}). Every interval it judges
 * each member by what it received, then sends the next round: from each member with carrier, an ARP request for each
 * target, with the member's own MAC as sender, so that the answer comes back through that member alone. A member that
 * showed no life for {@code missedMax} intervals is unreachable until it shows life again.
 *
 * <p>What counts as life is Linux bonding's {@code arp_validate} ({@link ArpValidate}): by default any frame the member
 * receives, so that a member whose switch port is congested by flooding (the probes' answers lost in its full queue)
 * is still known alive by the flood itself. A validated member lives only by ARP tied to the bond's probes: a target's
 * reply to the member, or, for a backup, the active member's probe for a target flooded back to it (Linux trusts the
 * latter only once the active member has been validated since it became active). With {@code arp_all_targets all}
 * a validated member lives only while every target answered within the patience.
 *
 * <p>Every received frame is accounted for in place, in arrays indexed by slot (and target): no allocation, no lock,
 * one read of the kernel clock. Probes come from a pool of minimum-size buffers. Runs on the network world's thread,
 * like the bond.
 */
final class ArpMonitor {

    /** The source port that marks a probe, so that one a failing NIC hands back is recognised and not resent. */
    static final int PROBE_PORT = Integer.MIN_VALUE + 1;

    /** Told when a member becomes unreachable or reachable again. */
    interface Verdicts {
        void reachabilityChanged(int slot, boolean reachable);
    }

    /** Which members are active, in {@code arp_validate}'s sense; the others are backups. */
    interface Roles {
        boolean active(int slot);
    }

    private final ArpMonitorSettings settings;
    private final int[] targets;
    private final KernelScheduler scheduler;
    private final BondMembers members;
    private final Verdicts verdicts;
    private final Roles roles;
    private final FramePool probes;
    private final Timer round;
    /** Kernel time of the last frame of any kind each member received. */
    private final long[] lastFrameNanos = new long[BondMembers.MAX_MEMBERS];
    /** Kernel time of the last ARP frame each member received, from anyone. */
    private final long[] lastArpNanos = new long[BondMembers.MAX_MEMBERS];
    /** Kernel time of the last validated ARP per member and target, at {@code slot * MAX_TARGETS + target}. */
    private final long[] lastValidNanos = new long[BondMembers.MAX_MEMBERS * ArpMonitorSettings.MAX_TARGETS];
    private final boolean[] reachable = new boolean[BondMembers.MAX_MEMBERS];
    private final long[] probesSent = new long[BondMembers.MAX_MEMBERS];
    private final long[] answersHeard = new long[BondMembers.MAX_MEMBERS];
    /** The active member as the last round saw it (-1: none), and since when, for backups' validation. */
    private int activeSlot = -1;
    private long activeSinceNanos;
    private long probesNotSent;
    private long probesReturned;

    ArpMonitor(String bond, ArpMonitorSettings settings, KernelScheduler scheduler, BondMembers members,
            Verdicts verdicts, Roles roles) {
        this.settings = settings;
        this.targets = settings.targets().stream().mapToInt(Integer::intValue).toArray();
        this.scheduler = scheduler;
        this.members = members;
        this.verdicts = verdicts;
        this.roles = roles;
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
        long now = scheduler.nanoTime();
        lastFrameNanos[slot] = now;
        lastArpNanos[slot] = now;
        java.util.Arrays.fill(lastValidNanos, slot * ArpMonitorSettings.MAX_TARGETS,
                (slot + 1) * ArpMonitorSettings.MAX_TARGETS, now);
        reachable[slot] = true;
        probesSent[slot] = 0;
        answersHeard[slot] = 0;
    }

    /** False only while the monitor is on and the member heard no answer for too long. */
    boolean reachable(int slot) {
        return reachable[slot];
    }

    /**
     * Notes the frame as life of the member, then takes the monitor's own frames (true): an answer to the member's
     * probes, or another member's probe that the switch flooded back into the bond (life only as
     * {@link #heardOwnProbe} says). Leaves every other frame alone (false). Frame path: array writes, one clock read,
     * no allocation.
     */
    boolean takeOwnFrame(int slot, FrameBuffer frame) {
        if (targets.length == 0) {
            return false;
        }
        byte[] data = frame.data();
        long now = scheduler.nanoTime();
        if (!isArp(data, frame.length())) {
            lastFrameNanos[slot] = now;
            return false;
        }
        boolean ipv4 = Arp.isIpv4OverEthernet(data, frame.length());
        int operation = ipv4 ? Arp.operation(data) : 0;
        if (operation == Arp.REQUEST && Arp.senderIp(data) == 0) {
            int sender = members.slotWithMac(Arp.senderMac(data));
            if (sender >= 0) {
                heardOwnProbe(slot, sender, targetIndex(Arp.targetIp(data)), now);
                probesReturned++;
                frame.release();
                return true;
            }
        }
        lastFrameNanos[slot] = now;
        lastArpNanos[slot] = now;
        if (!ipv4) {
            return false;
        }
        int target = targetIndex(Arp.senderIp(data));
        if (operation != Arp.REPLY || Arp.targetMac(data) != members.nic(slot).macAddress() || target < 0) {
            return false;
        }
        lastValidNanos[slot * ArpMonitorSettings.MAX_TARGETS + target] = now;
        answersHeard[slot]++;
        frame.release();
        return true;
    }

    /**
     * The bond's own probe, flooded back by the switch to another member. Linux's active-backup probes through the
     * active slave alone, so the only probe of its own that a Linux bond hears is the active slave's, on a backup: life
     * for that backup (a frame, an ARP frame), and validated ARP once the active member has been validated since it
     * became active (Linux swaps sender and target to check it; a backup that hears a dead active member's probes
     * proves nothing). Here every member probes, so that each answer comes back through its own member; a backup's
     * probe, or any probe the active member hears, is one Linux never sees and is no life: counted, two members on one
     * segment would keep each other in service on their own probes after the path to every target died.
     */
    private void heardOwnProbe(int slot, int sender, int target, long now) {
        if (sender == slot || sender != activeSlot || roles.active(slot)) {
            return;
        }
        lastFrameNanos[slot] = now;
        lastArpNanos[slot] = now;
        if (target >= 0 && newestValid(sender) > activeSinceNanos) {
            lastValidNanos[slot * ArpMonitorSettings.MAX_TARGETS + target] = now;
        }
    }

    private static boolean isArp(byte[] data, int length) {
        return length >= FrameWriter.ETHERNET_HEADER_BYTES
                && ((data[12] & 0xFF) << 8 | data[13] & 0xFF) == FrameHeaders.ETHERTYPE_ARP;
    }

    /** A probe the NIC handed back when it failed: counted, not resent. */
    void probeHandedBack(FrameBuffer frame) {
        probesNotSent++;
        frame.release();
    }

    void close() {
        round.cancel();
    }

    private int targetIndex(int ip) {
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == ip) {
                return i;
            }
        }
        return -1;
    }

    private void round() {
        long now = scheduler.nanoTime();
        noteActive(now);
        for (int slot = 0; slot < members.count(); slot++) {
            MemberState state = members.state(slot);
            if (state != MemberState.UP && state != MemberState.UNREACHABLE) {
                continue; // no carrier: nothing to ask through; the link events judge it
            }
            // Linux waits missed_max intervals for the active slave and one more for a backup (bond_ab_arp_inspect).
            long patienceNanos = (settings.missedMax() + (roles.active(slot) ? 0 : 1)) * settings.intervalNanos();
            boolean heard = now - lastLifeNanos(slot) <= patienceNanos;
            if (heard != reachable[slot]) {
                reachable[slot] = heard;
                verdicts.reachabilityChanged(slot, heard);
                noteActive(now);
            }
            probe(slot, members.nic(slot));
        }
        round.armAfter(settings.intervalNanos());
    }

    /** Keeps track of the active member (failover-order: the one carrying now) and since when it is. */
    private void noteActive(long now) {
        int active = -1;
        for (int slot = 0; slot < members.count() && active < 0; slot++) {
            if (members.carrying(slot) && members.state(slot) == MemberState.UP && roles.active(slot)) {
                active = slot;
            }
        }
        if (active != activeSlot) {
            activeSlot = active;
            activeSinceNanos = now;
        }
    }

    /** True when the monitor is on and the member lives only by validated ARP now. */
    boolean validated(int slot) {
        return targets.length > 0 && settings.validate().validates(roles.active(slot));
    }

    /**
     * The last time the member showed life, as {@code arp_validate} and {@code arp_all_targets} define it. A member
     * that just became active is given the full patience from then, as Linux gives a new active slave time before it
     * judges it: its validated answers were not asked for under its new role.
     */
    long lastLifeNanos(int slot) {
        boolean active = roles.active(slot);
        if (settings.validate().validates(active)) {
            long valid = settings.allTargets() ? oldestValid(slot) : newestValid(slot);
            return slot == activeSlot ? Math.max(valid, activeSinceNanos) : valid;
        }
        return settings.validate().filters() ? lastArpNanos[slot] : lastFrameNanos[slot];
    }

    private long newestValid(int slot) {
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < targets.length; i++) {
            newest = Math.max(newest, lastValidNanos[slot * ArpMonitorSettings.MAX_TARGETS + i]);
        }
        return newest;
    }

    private long oldestValid(int slot) {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < targets.length; i++) {
            oldest = Math.min(oldest, lastValidNanos[slot * ArpMonitorSettings.MAX_TARGETS + i]);
        }
        return oldest;
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
