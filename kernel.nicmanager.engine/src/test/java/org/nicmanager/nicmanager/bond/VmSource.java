package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;

/**
 * A "VM" that offers stamped UDP frames to a bond at a fixed rate, from its own pool, flows taken in turn. Like a
 * virtual NIC with a bounded queue, it holds back (skips a tick) while the bond's backlog holds {@code maxBacklog}
 * frames or more, so the bond is never driven into overflow. Also checks the bond's accounting at every tick.
 */
final class VmSource {

    private final Bond bond;
    private final FramePool pool;
    private final Timer tick;
    private final long periodNanos;
    private final int frameBytes;
    private final int flows;
    private final long[] nextSequence;
    private final int maxBacklog;
    private long toSend;
    long offered;
    long heldBack;
    long noBuffer;
    long accountingViolations;
    long ticks;

    /** @param rateBps offered rate, frames counted as the kernel holds them (no preamble, FCS or gap) */
    VmSource(KernelScheduler scheduler, Bond bond, long rateBps, int frameBytes, int flows, int maxBacklog) {
        this.bond = bond;
        this.pool = frameBytes <= 2048 ? new FramePool(4096, 2048) : new FramePool(4096, frameBytes);
        this.periodNanos = frameBytes * 8L * 1_000_000_000L / rateBps;
        this.frameBytes = frameBytes;
        this.flows = flows;
        this.nextSequence = new long[flows];
        this.maxBacklog = maxBacklog;
        this.tick = scheduler.newTimer("vm source", this::tick);
    }

    /** Sends {@code frames} more frames, from now. */
    void send(long frames) {
        toSend += frames;
        if (!tick.armed()) {
            tick.armAfter(0);
        }
    }

    boolean done() {
        return toSend == 0;
    }

    private void tick() {
        ticks++;
        if (!bond.accountedFor()) {
            accountingViolations++;
        }
        if (toSend == 0) {
            return;
        }
        tick.armAfter(periodNanos);
        if (bond.queuedFrames() >= maxBacklog) {
            heldBack++;
            return;
        }
        FrameBuffer frame = pool.acquire();
        if (frame == null) {
            noBuffer++;
            return;
        }
        int flow = (int) (offered % flows);
        frame.setLength(FrameWriter.udpFrame(frame.data(), frameBytes, BondWorld.HOST_MAC, BondWorld.VM_MAC,
                BondWorld.VM_IP, BondWorld.HOST_IP, 5000 + flow, 9, flow, nextSequence[flow]++));
        frame.setSourcePort(0);
        offered++;
        toSend--;
        bond.transmit(frame);
    }
}
