package org.nicmanager.vmm.devices;

import java.util.Objects;

import org.nicmanager.kernel.api.dos.ReceiveTap;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.api.vnic.GuestReceiver;
import org.nicmanager.kernel.api.vnic.InterruptModerator;
import org.nicmanager.kernel.api.vnic.VnicCounters;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.lib.frames.OffloadSettler;
import org.nicmanager.lib.frames.Segmenter;

/**
 * One virtual NIC's device emulation, on the world thread (patent [0056]-[0058]).
 *
 * <p>Transmit: the guest's frame is copied into a pooled kernel buffer, as the DMA emulation does, tagged with this
 * NIC's port and handed to the uplink; while no NIC manager holds the NIC (no uplink), the frame is dropped and counted
 * before any copy. Receive: frames for the guest wait in a bounded queue; the first frame of a batch
 * arms the receive interrupt, raised through the world's timers (the VMM's action queue) after the moderator's delay,
 * and servicing it hands the whole batch to the guest. Nothing allocates per frame.
 *
 * <p>Each received frame is first shown to the DoS defence's {@link ReceiveTap}s (with the headers the NIC manager
 * parsed to route it, or parsed here, in place, for a frame that came without them), which count it and may hold
 * the batch's interrupt back for an assessment window ([0130]); the hold is applied once per batch, so a stream of
 * suspicious frames delays the guest by at most one window, never for ever. While the VM is suspended its guest
 * services no interrupt: received frames wait in the queue, counted, and the guest gets them when it resumes.
 */
final class EmulatedNic {

    private static final ReceiveTap[] NO_TAPS = new ReceiveTap[0];

    /** Ethernet header plus two VLAN tags, on top of the MTU. */
    private static final int HEADER_BYTES = 22;

    /** What happened to a frame the guest sent. */
    enum TransmitResult {
        SENT, TOO_LONG, NO_BUFFER, NO_UPLINK, REFUSED
    }

    private final String name;
    private final long mac;
    private final VnicModel model;
    private final int port;
    private final FramePool pool;
    private final FrameBuffer[] rxQueue;
    private final KernelScheduler scheduler;
    private final Timer interrupt;
    /** Reused for every received frame, on the world thread. */
    private final HeaderParser headers = new HeaderParser();
    /** Cuts super-frames for a guest without offloads, and delivers their segments; made on first need. */
    private Segmenter segmenter;
    private Segmenter.SegmentSink deliverSegment;
    private ReceiveTap[] taps = NO_TAPS;
    private boolean guestSuspended;
    /** The pending interrupt has already been held back for an assessment. */
    private boolean batchHeld;
    private VnicUplink uplink;
    /** Where serviced frames go: the back end's guest (the simulated one by default). */
    private GuestReceiver guest;
    private InterruptModerator moderator = InterruptModerator.IMMEDIATE;
    private int rxHead;
    private int rxCount;
    private long txFrames;
    private long txBytes;
    private long txDropsTooLong;
    private long txDropsNoBuffer;
    private long txDropsNoUplink;
    private long txRefused;
    /** Frames a real guest sent while its VM was suspended (a simulated guest stops sending instead). */
    private long txDropsSuspended;
    /** This NIC's frames dropped after the uplink took them (bond, physical NIC, pulled cable), by reason. */
    private final long[] txDroppedDownstream = new long[DropReason.values().length];
    /** Frames for this NIC that its port dropped before they reached it (its security policy), by reason. */
    private final long[] rxDroppedUpstream = new long[DropReason.values().length];
    /** The MAC the guest set on its adapter: its effective MAC, the source of what a simulated guest sends. */
    private long guestMac;
    private long rxFrames;
    private long rxBytes;
    private long rxDropsQueueFull;
    private long interrupts;
    private long rxHeldFrames;

    EmulatedNic(String name, long mac, VnicModel model, int port, FramePool pool, KernelScheduler scheduler,
            GuestReceiver guest) {
        this.name = name;
        this.mac = mac;
        this.guestMac = mac;
        this.model = model;
        this.port = port;
        this.pool = pool;
        this.guest = guest;
        this.scheduler = scheduler;
        this.rxQueue = new FrameBuffer[model.rxQueueFrames()];
        this.interrupt = scheduler.newTimer("vnic " + name + " receive interrupt", this::serviceInterrupt);
    }

    /** The guest sends {@code lengthBytes} of {@code data} from {@code offset}. */
    TransmitResult transmitFromGuest(byte[] data, int offset, int lengthBytes) {
        if (lengthBytes > model.mtuBytes() + HEADER_BYTES) {
            txDropsTooLong++;
            return TransmitResult.TOO_LONG;
        }
        if (uplink == null) {
            txDropsNoUplink++; // DropReason.NO_MEMBER_AVAILABLE: no NIC manager holds this vNIC now
            return TransmitResult.NO_UPLINK;
        }
        FrameBuffer frame = pool.acquire();
        if (frame == null) {
            txDropsNoBuffer++;
            return TransmitResult.NO_BUFFER;
        }
        frame.copyFrom(data, offset, lengthBytes); // the DMA emulation's copy into kernel memory
        frame.setSourcePort(port);
        if (!uplink.send(frame)) {
            frame.release();
            txRefused++;
            return TransmitResult.REFUSED;
        }
        txFrames++;
        txBytes += lengthBytes;
        return TransmitResult.SENT;
    }

    /**
     * A frame a back end's guest sent, already in a kernel buffer (the back end's copy was the DMA): checked and sent
     * as {@link #transmitFromGuest} does, or dropped, counted and released. Ownership passes here. Frame path.
     */
    void transmitFromBackend(FrameBuffer frame) {
        int lengthBytes = frame.length();
        int maxFrameBytes = model.mtuBytes() + HEADER_BYTES;
        if (lengthBytes > maxFrameBytes && !frame.offload().segmentsFit(maxFrameBytes)) { // a super-frame's segments
            txDropsTooLong++;
        } else if (guestSuspended) {
            txDropsSuspended++; // a suspended VM sends nothing ([0124]); its guest may not know it yet
        } else if (uplink == null) {
            txDropsNoUplink++;
        } else {
            frame.setSourcePort(port);
            if (uplink.send(frame)) {
                txFrames++;
                txBytes += lengthBytes;
                return;
            }
            txRefused++;
        }
        frame.release();
    }

    /**
     * Cuts a super-frame into its segments in software and delivers each, as a device without segmentation offload
     * needs them; releases the super-frame. One that cannot be cut is dropped, counted: {@code TOO_LONG} (not TCP, or
     * too many segments) or {@code NO_BUFFER}.
     */
    private void deliverSegments(FrameBuffer superFrame) {
        if (segmenter == null) {
            segmenter = new Segmenter(); // made by the first super-frame: most guests never need one
            deliverSegment = segment -> deliver(null, segment);
        }
        Segmenter.Outcome outcome = segmenter.segment(superFrame, pool, deliverSegment);
        if (outcome != Segmenter.Outcome.CUT) {
            receiveDropped(outcome == Segmenter.Outcome.NO_BUFFER ? DropReason.NO_BUFFER : DropReason.TOO_LONG);
        }
        superFrame.release();
    }

    /** Frames a back end's guest sent while its VM was suspended, dropped as {@code VM_SUSPENDED}. */
    long txDropsSuspended() {
        return txDropsSuspended;
    }

    /** One of this NIC's frames was dropped after the uplink took it. Frame path: counts only. */
    void transmitDropped(DropReason reason) {
        txDroppedDownstream[reason.ordinal()]++;
    }

    /** A frame for this NIC was dropped by its port before it got here. Frame path: counts only. */
    void receiveDropped(DropReason reason) {
        rxDroppedUpstream[reason.ordinal()]++;
    }

    /** Frames for this NIC its port dropped, by reason (control path). */
    long rxDroppedUpstream(DropReason reason) {
        return rxDroppedUpstream[reason.ordinal()];
    }

    /** The guest's effective MAC: the assigned {@link #mac()} unless the guest set another. */
    long guestMac() {
        return guestMac;
    }

    void setGuestMac(long mac) {
        this.guestMac = mac;
    }

    /** This NIC's frames dropped after the uplink took them, by reason (control path). */
    long txDroppedDownstream(DropReason reason) {
        return txDroppedDownstream[reason.ordinal()];
    }

    /** A frame for this guest; ownership passes here. Dropped and counted when the receive queue is full. */
    void deliver(FrameBuffer frame) {
        deliver(null, frame);
    }

    /**
     * As {@link #deliver(FrameBuffer)}, with the headers already parsed from the frame (by the NIC manager's router),
     * or {@code null} when they must be parsed here for the taps.
     */
    void deliver(FrameHeaders parsed, FrameBuffer frame) {
        if (!frame.offload().none() && !guest.takesOffloadedFrames() && !OffloadSettler.settle(frame)) {
            deliverSegments(frame); // a super-frame for a guest that cannot take one
            return;
        }
        long holdNanos = inspect(parsed, frame); // every arrival counts, even one the full queue must drop
        if (rxCount == rxQueue.length && holdNanos == 0 && !batchHeld && !guestSuspended) {
            // A full queue raises its interrupt at once, as a NIC's packet-count threshold does: a driver's whole
            // receive batch (up to 256 frames a wake-up) may arrive before the interrupt's timer runs.
            interrupt.cancel();
            serviceInterrupt();
        }
        if (rxCount == rxQueue.length) {
            rxDropsQueueFull++;
            frame.release();
            return;
        }
        rxQueue[(rxHead + rxCount) % rxQueue.length] = frame;
        rxCount++;
        rxFrames++;
        rxBytes += frame.length();
        if (holdNanos > 0) {
            rxHeldFrames++;
        }
        if (guestSuspended) {
            return; // the guest runs no interrupt handler until it resumes
        }
        if (!interrupt.armed()) {
            batchHeld = holdNanos > 0;
            interrupt.armAfter(Math.max(Math.max(0, moderator.receiveInterruptDelayNanos(name, frame)), holdNanos));
        } else if (holdNanos > 0 && !batchHeld) {
            batchHeld = true;
            long heldUntil = scheduler.nanoTime() + holdNanos;
            if (heldUntil > interrupt.deadlineNanos()) {
                interrupt.armAt(heldUntil);
            }
        }
    }

    /**
     * The longest hold any tap asks for this frame; headers are parsed only when someone looks, and only when the frame
     * came without them.
     */
    private long inspect(FrameHeaders parsed, FrameBuffer frame) {
        ReceiveTap[] current = taps;
        if (current.length == 0) {
            return 0;
        }
        FrameHeaders shown = parsed;
        if (shown == null) {
            headers.parse(frame);
            shown = headers;
        }
        long holdNanos = 0;
        for (ReceiveTap tap : current) {
            holdNanos = Math.max(holdNanos, tap.inspect(shown, frame));
        }
        return holdNanos;
    }

    private void serviceInterrupt() {
        batchHeld = false;
        if (guestSuspended) {
            return; // raised before the suspension: the batch waits for the guest to resume
        }
        interrupts++;
        while (rxCount > 0) {
            FrameBuffer frame = rxQueue[rxHead];
            rxQueue[rxHead] = null;
            rxHead = (rxHead + 1) % rxQueue.length;
            rxCount--;
            guest.received(frame);
        }
    }

    /** From now on serviced frames go to {@code guest}, a back end's (control path, world thread). */
    void attachGuest(GuestReceiver guest) {
        this.guest = Objects.requireNonNull(guest, "guest");
    }

    /** From now on the guest's frames go to {@code uplink}. */
    void connect(VnicUplink uplink) {
        this.uplink = Objects.requireNonNull(uplink, "uplink");
    }

    /** From now on the guest's frames are dropped and counted as {@code txDropsNoUplink}, until connected again. */
    void disconnect() {
        this.uplink = null;
    }

    boolean connected() {
        return uplink != null;
    }

    /** The DoS defence's taps for this NIC from now on (control path; the array is not copied). */
    void setTaps(ReceiveTap[] taps) {
        this.taps = taps;
    }

    /** The VM was suspended: received frames wait in the queue, with the counters, until it resumes. */
    void suspendGuest() {
        guestSuspended = true;
    }

    /** The VM runs again: what waited is handed to the guest at once. */
    void resumeGuest() {
        if (!guestSuspended) {
            return;
        }
        guestSuspended = false;
        if (rxCount > 0 && !interrupt.armed()) {
            interrupt.armAfter(0);
        }
    }

    /** Frames whose receive interrupt a tap asked to hold back ([0130]). */
    long rxHeldFrames() {
        return rxHeldFrames;
    }

    void setModerator(InterruptModerator moderator) {
        this.moderator = moderator == null ? InterruptModerator.IMMEDIATE : moderator;
    }

    String name() {
        return name;
    }

    long mac() {
        return mac;
    }

    VnicModel model() {
        return model;
    }

    int port() {
        return port;
    }

    VnicCounters counters() {
        return new VnicCounters(txFrames, txBytes, txDropsTooLong, txDropsNoBuffer, txDropsNoUplink, txRefused,
                rxFrames, rxBytes, rxDropsQueueFull, interrupts, rxCount);
    }
}
