package org.nicmanager.nicmanager.lacp;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.lacp.LacpKeys;
import org.nicmanager.lib.lacp.LacpPort;
import org.nicmanager.lib.lacp.LacpPortConfig;
import org.nicmanager.lib.lacp.LacpPortOwner;
import org.nicmanager.lib.lacp.LacpRxState;
import org.nicmanager.lib.lacp.Lacpdu;
import org.nicmanager.lib.lacp.LacpduCodec;

/**
 * Patent step 753 on one NIC that no bond or virtual NIC uses: asks, with active LACP, whether the switch at the other
 * end speaks LACP and who it is. The probe never selects its link (IEEE 802.1AX-2014 6.4.14), so it never claims to be
 * in sync and the switch never sends it traffic: it only learns the partner's system and key. Frames other than
 * LACPDUs are dropped, as a NIC without a listener drops them.
 */
public final class PartnerProbe implements LacpPortOwner, NicListener {

    private static final int BUFFERS = 4;

    private final PhysicalNic nic;
    private final LacpPort port;
    private final Runnable partnerChanged;
    private final FramePool buffers = new FramePool(BUFFERS, LacpduCodec.FRAME_BYTES);
    private long otherFrames;

    /** Attaches to the NIC and starts asking. @param partnerChanged told whenever what is known of the partner changes */
    public PartnerProbe(KernelScheduler scheduler, PhysicalNic nic, boolean fastRate, Runnable partnerChanged) {
        this.nic = nic;
        this.partnerChanged = partnerChanged;
        this.port = new LacpPort(scheduler, "probe " + nic.name(), new LacpPortConfig(BondLacp.SYSTEM_PRIORITY,
                nic.macAddress(), BondLacp.PORT_PRIORITY, 1, LacpKeys.forSpeed(nic.speedBps()), true, fastRate, true),
                this);
        nic.attach(this);
        port.setEnabled(nic.linkState() == LinkState.UP);
    }

    public PhysicalNic nic() {
        return nic;
    }

    /** The partner, while its LACPDUs are current; else null (no LACP there, or not heard yet). */
    public PartnerKey partner() {
        return port.rxState() == LacpRxState.CURRENT ? PartnerKey.of(port.partnerInfo()) : null;
    }

    /** True once the probe has waited a whole timeout and heard nothing: the switch speaks no LACP. */
    public boolean silent() {
        return port.rxState() == LacpRxState.DEFAULTED;
    }

    public long otherFrames() {
        return otherFrames;
    }

    /**
     * Stops asking. {@code detach} lets go of the NIC; without it the NIC keeps whatever listener it has now (a bond
     * that took it has replaced the probe already).
     */
    public void stop(boolean detach) {
        port.close();
        if (detach) {
            nic.attach(null);
        }
    }

    // --- NicListener --------------------------------------------------------------------------------------------

    @Override
    public void frameReceived(PhysicalNic from, FrameBuffer frame) {
        try {
            if (!LacpduCodec.isSlowProtocols(frame.data(), frame.length())) {
                otherFrames++;
                return;
            }
            LacpduCodec.Decoded decoded = LacpduCodec.decode(frame.data(), frame.length());
            if (decoded.ok()) {
                PartnerKey before = partner();
                port.received(decoded.pdu());
                if (!java.util.Objects.equals(before, partner())) {
                    partnerChanged.run();
                }
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void linkStateChanged(PhysicalNic from, LinkState state) {
        port.setEnabled(state == LinkState.UP);
        partnerChanged.run();
    }

    // --- LacpPortOwner ---------------------------------------------------------------------------------------------

    @Override
    public boolean transmit(LacpPort from, Lacpdu pdu) {
        FrameBuffer frame = buffers.acquire();
        if (frame == null) {
            return false;
        }
        frame.setLength(LacpduCodec.encode(pdu, nic.macAddress(), frame.data()));
        if (nic.transmit(frame) == TransmitStatus.ACCEPTED) {
            return true;
        }
        frame.release();
        return false;
    }

    @Override
    public void selectionNeeded(LacpPort from) {
        partnerChanged.run(); // the probe stays unselected: it learns, it never aggregates
    }

    @Override
    public void muxChanged(LacpPort from) {
    }

    @Override
    public boolean aggregatorReady(LacpPort from) {
        return true;
    }

    @Override
    public void waitEnded(LacpPort from) {
    }
}
