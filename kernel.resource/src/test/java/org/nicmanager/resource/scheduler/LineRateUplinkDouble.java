package org.nicmanager.resource.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.UplinkPort;
import org.nicmanager.kernel.api.resource.UplinkScheduler;
import org.nicmanager.resource.allocation.WireBytes;
import org.nicmanager.testsupport.ManualScheduler;

/**
 * A bond as its scheduler sees it, for tests: members with line rates. Each frame it is handed occupies an idle member
 * for its wire bits at that member's rate (on the {@link ManualScheduler}); the uplink is ready while some member that
 * is up is idle, and when a member frees up it calls the scheduler's {@link UplinkScheduler#uplinkReady()}. It logs
 * every frame it carries (time, source port, wire bytes) so tests can measure any window.
 */
public final class LineRateUplinkDouble implements UplinkPort {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final class Member {
        final String name;
        final long bps;
        final org.nicmanager.kernel.api.time.Timer freed;
        boolean up = true;
        long busyUntil;
        long remainder;

        Member(String name, long bps) {
            this.name = name;
            this.bps = bps;
            this.freed = clock.newTimer("member " + name + " free", LineRateUplinkDouble.this::memberFreed);
        }

        boolean idle() {
            return up && busyUntil <= clock.nanoTime();
        }
    }

    private final ManualScheduler clock;
    private final List<Member> members = new ArrayList<>();
    private UplinkScheduler scheduler;
    private long[] times = new long[1 << 16];
    private int[] ports = new int[1 << 16];
    private int[] wireBytes = new int[1 << 16];
    private int sends;
    /** Frames handed over while no member was idle: the scheduler broke the contract. */
    int sentWhileBusy;
    /** Every n-th frame carried is reported dropped downstream for {@link #downstreamReason}, the others transmitted. */
    private int dropEvery;
    private DropReason downstreamReason;
    /** Frames carried but not yet reported: they stay "in the uplink" until {@link #reportFates()}. */
    private boolean holdFates;
    private int[] heldPorts = new int[1 << 10];
    private int held;

    public LineRateUplinkDouble(ManualScheduler clock, long... memberBps) {
        this.clock = clock;
        for (int i = 0; i < memberBps.length; i++) {
            members.add(new Member("nic" + i, memberBps[i]));
        }
    }

    public void attach(UplinkScheduler attached) {
        this.scheduler = attached;
    }

    @Override
    public boolean ready() {
        for (Member member : members) {
            if (member.idle()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void send(FrameBuffer frame) {
        Member chosen = null;
        for (Member member : members) {
            if (member.idle()) {
                chosen = member;
                break;
            }
        }
        if (chosen == null) {
            sentWhileBusy++;
            chosen = members.stream().filter(member -> member.up).findFirst().orElse(members.get(0));
        }
        int wire = WireBytes.of(frame.length());
        long now = clock.nanoTime();
        long scaled = wire * 8L * NANOS_PER_SECOND + chosen.remainder;
        long nanos = scaled / chosen.bps;
        chosen.remainder = scaled - nanos * chosen.bps;
        chosen.busyUntil = Math.max(chosen.busyUntil, now) + nanos;
        chosen.freed.armAt(chosen.busyUntil);
        log(now, frame.sourcePort(), wire);
        if (dropEvery > 0) {
            if (holdFates) {
                if (held == heldPorts.length) {
                    heldPorts = Arrays.copyOf(heldPorts, held * 2);
                }
                heldPorts[held++] = frame.sourcePort();
            } else {
                reportFate(frame.sourcePort(), sends);
            }
        }
        frame.release();
    }

    /**
     * Reports what became of each frame, as a bond does: every n-th dropped downstream for {@code reason}, the rest
     * transmitted; with {@code hold}, fates wait for {@link #reportFates()} (frames still in the uplink).
     */
    public void reportFates(int dropEveryNth, DropReason reason, boolean hold) {
        this.dropEvery = dropEveryNth;
        this.downstreamReason = reason;
        this.holdFates = hold;
    }

    /** Reports the fates held back so far; from now on, fates are reported as frames are carried. */
    public void reportFates() {
        holdFates = false;
        for (int i = 0; i < held; i++) {
            reportFate(heldPorts[i], sends - held + i + 1);
        }
        held = 0;
    }

    private void reportFate(int port, int sequence) {
        if (sequence % dropEvery == 0) {
            scheduler.droppedDownstream(port, downstreamReason);
        } else {
            scheduler.transmitted(port);
        }
    }

    @Override
    public long capacityBps() {
        return members.stream().filter(member -> member.up).mapToLong(member -> member.bps).sum();
    }

    /** Every member, up or failed: the double spreads frames over all of them. */
    @Override
    public long admissibleCapacityBps() {
        return members.stream().mapToLong(member -> member.bps).sum();
    }

    @Override
    public long capacityWithoutBps(Collection<String> failedNics) {
        return members.stream().filter(member -> member.up && !failedNics.contains(member.name))
                .mapToLong(member -> member.bps).sum();
    }

    @Override
    public List<String> nics() {
        return members.stream().map(member -> member.name).toList();
    }

    /** A member fails: it carries nothing more, and the scheduler hears of the new capacity. */
    public void fail(String nic) {
        Member member = member(nic);
        member.up = false;
        member.freed.cancel();
        scheduler.capacityChanged();
    }

    public void repair(String nic) {
        Member member = member(nic);
        member.up = true;
        member.busyUntil = clock.nanoTime();
        scheduler.capacityChanged();
    }

    private Member member(String nic) {
        return members.stream().filter(member -> member.name.equals(nic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + nic));
    }

    private void memberFreed() {
        if (scheduler != null) {
            scheduler.uplinkReady();
        }
    }

    private void log(long now, int port, int wire) {
        if (sends == times.length) {
            times = Arrays.copyOf(times, sends * 2);
            ports = Arrays.copyOf(ports, sends * 2);
            wireBytes = Arrays.copyOf(wireBytes, sends * 2);
        }
        times[sends] = now;
        ports[sends] = port;
        wireBytes[sends] = wire;
        sends++;
    }

    public int sends() {
        return sends;
    }

    long sendTime(int index) {
        return times[index];
    }

    int sendPort(int index) {
        return ports[index];
    }

    int sendWireBytes(int index) {
        return wireBytes[index];
    }

    /** Wire bytes carried for {@code port} from frames handed over in {@code [from, to)}. */
    public long wireBytes(int port, long from, long to) {
        long total = 0;
        for (int i = 0; i < sends; i++) {
            if (ports[i] == port && times[i] >= from && times[i] < to) {
                total += wireBytes[i];
            }
        }
        return total;
    }

    /** Bits per second carried for {@code port} over {@code [from, to)}. */
    public double bps(int port, long from, long to) {
        return wireBytes(port, from, to) * 8.0 * NANOS_PER_SECOND / (to - from);
    }
}
