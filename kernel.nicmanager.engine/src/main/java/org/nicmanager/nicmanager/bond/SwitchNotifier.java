package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;

/**
 * Tells the switches where the bond's VM MACs live now (patent [0101]): after a failover or failback, each member
 * that carries traffic sends a gratuitous ARP for every MAC the bond has sent from, so that the switches relearn
 * those MACs on its port. The frames come from a small pool of minimum-size buffers; the ring releases them.
 */
final class SwitchNotifier {

    /**
     * The source port that marks the bond's own announcements, so that one a failing NIC hands back is recognised
     * (and not resent as a VM's frame). No virtual NIC has a negative port.
     */
    static final int ANNOUNCEMENT_PORT = Integer.MIN_VALUE;

    /** Buffer size: a gratuitous ARP is a minimum-size frame. */
    private static final int BUFFER_BYTES = 64;

    private static final int IDLE = -1;

    private final FramePool pool;
    private final BondCounters counters;
    /** Per member: the index in {@link MacsSeen} of the next MAC to announce, or {@link #IDLE}. */
    private final int[] next = new int[BondMembers.MAX_MEMBERS];

    SwitchNotifier(int buffers, BondCounters counters) {
        this.pool = new FramePool(buffers, BUFFER_BYTES);
        this.counters = counters;
        java.util.Arrays.fill(next, IDLE);
    }

    /** Starts announcing every MAC seen from member {@code slot}; what its full ring refuses waits for {@link #resume}. */
    void announce(int slot, PhysicalNic nic, MacsSeen macs) {
        next[slot] = 0;
        resume(slot, nic, macs);
    }

    /** Sends the announcements still due from {@code slot}, until its ring is full again. */
    void resume(int slot, PhysicalNic nic, MacsSeen macs) {
        while (next[slot] != IDLE && next[slot] < macs.size()) {
            FrameBuffer frame = pool.acquire();
            if (frame == null) {
                counters.notificationsFailed++;
                next[slot]++;
                continue;
            }
            int index = next[slot];
            frame.setLength(FrameWriter.gratuitousArp(frame.data(), macs.mac(index), macs.ipv4(index)));
            frame.setSourcePort(ANNOUNCEMENT_PORT);
            TransmitStatus status = nic.transmit(frame);
            if (status == TransmitStatus.ACCEPTED) {
                counters.notificationsSent++;
                next[slot]++;
                continue;
            }
            frame.release();
            if (status == TransmitStatus.BUSY) {
                return; // the ring's transmitReady brings us back
            }
            counters.notificationsFailed++;
            next[slot] = IDLE;
        }
        next[slot] = IDLE;
    }

    /** Forgets the announcements due from a member that stopped carrying traffic. */
    void cancel(int slot) {
        next[slot] = IDLE;
    }

    boolean pending(int slot) {
        return next[slot] != IDLE;
    }
}
