package org.nicmanager.nicmanager.engine;

import java.util.Arrays;
import java.util.List;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.lib.frames.MacBytes;
import org.nicmanager.nicmanager.bond.Bond;

/**
 * Routes the frames a bond's members receive to the virtual NICs behind it, by destination MAC (patent [0057],
 * [0063]-[0064]): unicast to its owner, broadcast and multicast to every virtual NIC but the sender's, accepted from one
 * member only. Frames for no one are dropped and counted. A unicast owner is found in a {@link MacIndex}; nothing is
 * allocated per frame.
 *
 * <p>Each virtual NIC's port applies its {@link PortSecurity} here: a guest is found by the MAC its policy lets it
 * receive at, a guest whose MAC change was refused receives nothing (each drop counted on its virtual NIC), and a port
 * that accepts promiscuous mode gets a copy of every other frame on this uplink.
 */
final class InboundRouter implements Bond.InboundFrames {

    private final Bond bond;
    private final FramePool copies;
    private final HeaderParser headers = new HeaderParser();
    private long[] macs = new long[0];
    private int[] ports = new int[0];
    private VnicDelivery[] deliveries = new VnicDelivery[0];
    private PortSecurity[] security = new PortSecurity[0];
    /** Ports whose policy accepts promiscuous mode; when 0, the frame path looks no further. */
    private int promiscuousPorts;
    /** Indexed by port, so that a drop downstream reaches its virtual NIC with one array read; rebuilt on changes. */
    private VnicDelivery[] deliveryOfPort = new VnicDelivery[0];
    private final MacIndex index = new MacIndex();
    long routedFrames;
    /** Frames one virtual NIC sent to another on the same uplink, switched here without reaching a NIC. */
    long localFrames;
    /** Frames for the MAC of one of the bond's own NICs: the host endpoint's ([0057]). */
    long hostFrames;
    long droppedUnknownDestination;
    long droppedDuplicateGroup;
    long droppedMalformed;
    long droppedNoBuffer;
    long promiscuousCopies;
    long droppedMacChangeRefused;

    InboundRouter(Bond bond, FramePool copies) {
        this.bond = bond;
        this.copies = copies;
    }

    /** Connects a virtual NIC with its port's security, which starts with every switch rejected. */
    void connect(PortSecurity portSecurity, VnicDelivery delivery) {
        long mac = portSecurity.assignedMac;
        int port = portSecurity.port;
        int at = macs.length;
        macs = Arrays.copyOf(macs, at + 1);
        ports = Arrays.copyOf(ports, at + 1);
        deliveries = Arrays.copyOf(deliveries, at + 1);
        security = Arrays.copyOf(security, at + 1);
        macs[at] = mac;
        ports[at] = port;
        deliveries[at] = delivery;
        security[at] = portSecurity;
        reindex();
    }

    /** The security of the virtual NIC of that port here, or null. */
    PortSecurity securityOf(int port) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == port) {
                return security[i];
            }
        }
        return null;
    }

    /** Control path: after a port's policy or effective MAC changed, each is found by the MAC it may receive at. */
    void reindex() {
        int promiscuous = 0;
        for (int i = 0; i < macs.length; i++) {
            macs[i] = security[i].receivingMac();
            promiscuous += security[i].promiscuous() ? 1 : 0;
        }
        promiscuousPorts = promiscuous;
        index.rebuild(macs);
        indexByPort();
    }

    private void indexByPort() {
        int bound = 0;
        for (int port : ports) {
            bound = Math.max(bound, port + 1);
        }
        VnicDelivery[] byPort = new VnicDelivery[bound];
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] >= 0) {
                byPort[ports[i]] = deliveries[i];
            }
        }
        deliveryOfPort = byPort; // published by reference swap
    }

    /** A frame of that port was dropped after the uplink took it: its virtual NIC counts it. Allocates nothing. */
    void transmitDropped(int port, DropReason reason) {
        VnicDelivery[] byPort = deliveryOfPort;
        if (port >= 0 && port < byPort.length && byPort[port] != null) {
            byPort[port].transmitDropped(reason);
        }
    }

    /** Forgets the virtual NIC of a port; true if it was here. */
    boolean disconnect(int port) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == port) {
                int last = ports.length - 1;
                macs[i] = macs[last];
                ports[i] = ports[last];
                deliveries[i] = deliveries[last];
                security[i] = security[last];
                macs = Arrays.copyOf(macs, last);
                ports = Arrays.copyOf(ports, last);
                deliveries = Arrays.copyOf(deliveries, last);
                security = Arrays.copyOf(security, last);
                reindex();
                return true;
            }
        }
        return false;
    }

    /** The security of each virtual NIC connected here. */
    List<PortSecurity> securities() {
        return List.of(security);
    }

    /** The ports of the virtual NICs connected here. */
    List<Integer> ports() {
        return Arrays.stream(ports).boxed().toList();
    }

    InboundCounts counts() {
        return new InboundCounts(routedFrames, localFrames, hostFrames, droppedUnknownDestination, droppedDuplicateGroup,
                droppedMalformed, droppedNoBuffer, promiscuousCopies, droppedMacChangeRefused);
    }

    boolean owns(long mac) {
        return index.find(mac) >= 0;
    }

    /**
     * The virtual switch's local path: a frame a virtual NIC sends to another virtual NIC on this uplink is delivered
     * here, as a vSwitch does, and never reaches a NIC (a physical switch would not send it back out the port it came
     * in on). A broadcast or multicast frame is copied to the other virtual NICs here and still goes out. Returns true
     * when the frame was delivered here (ownership passed); false when it goes on to the uplink. Allocates nothing.
     */
    boolean switchLocally(FrameBuffer frame) {
        byte[] data = frame.data();
        if (frame.length() < 14 || macs.length < 2) {
            return false;
        }
        long sender = MacBytes.read(data, MacBytes.SOURCE_OFFSET);
        if ((data[0] & 1) != 0) {
            localFrames += copyToEachBut(sender, -1, frame, null);
            return false;
        }
        int owner = index.find(MacBytes.read(data, MacBytes.DESTINATION_OFFSET));
        if (promiscuousPorts > 0) {
            copyToPromiscuous(sender, owner, frame, null);
        }
        if (owner < 0) {
            return false;
        }
        if (security[owner].refusesInbound()) {
            refuse(owner, frame);
            return true;
        }
        localFrames++;
        deliveries[owner].deliver(frame);
        return true;
    }

    /** A frame for a virtual NIC whose guest changed its MAC against its port's policy: dropped, and counted there. */
    private void refuse(int entry, FrameBuffer frame) {
        countRefused(entry);
        frame.release();
    }

    private void countRefused(int entry) {
        droppedMacChangeRefused++;
        security[entry].macChangeDropped();
        deliveries[entry].receiveDropped(DropReason.MAC_CHANGE_REFUSED);
    }

    /** A copy of a unicast frame to each promiscuous port but the sender's and the owner's (entry {@code owner}). */
    private void copyToPromiscuous(long sender, int owner, FrameBuffer frame, FrameHeaders parsed) {
        for (int i = 0; i < macs.length; i++) {
            if (i != owner && macs[i] != sender && security[i].promiscuous()) {
                promiscuousCopies += deliverCopy(i, frame, parsed);
            }
        }
    }

    /**
     * A copy of a group frame to each virtual NIC here but its sender and entry {@code skip}; the original stays with
     * the caller. Returns the copies delivered. {@code parsed} are the original's headers, or {@code null} on the local
     * path, which parses nothing: each virtual NIC then parses its copy if its taps look.
     */
    private int copyToEachBut(long sender, int skip, FrameBuffer frame, FrameHeaders parsed) {
        int delivered = 0;
        for (int i = 0; i < macs.length; i++) {
            if (macs[i] == sender || i == skip) {
                continue;
            }
            if (security[i].refusesInbound()) {
                countRefused(i);
                continue;
            }
            delivered += deliverCopy(i, frame, parsed);
        }
        return delivered;
    }

    /** Delivers a copy of the frame to entry {@code i}; 1 if a buffer was free, else 0 (counted). */
    private int deliverCopy(int i, FrameBuffer frame, FrameHeaders parsed) {
        FrameBuffer copy = copies.acquire();
        if (copy == null) {
            droppedNoBuffer++;
            return 0;
        }
        if (frame.length() > copy.capacity()) { // a real guest's super-frame: no copy buffer holds one
            copy.release();
            droppedNoBuffer++;
            return 0;
        }
        copy.copyFrom(frame.data(), 0, frame.length());
        copy.offload().copyFrom(frame.offload());
        if (parsed != null) {
            deliveries[i].deliver(parsed, copy); // the same bytes as the original: parsed once per pass
        } else {
            deliveries[i].deliver(copy);
        }
        return 1;
    }

    @Override
    public void received(int slot, FrameBuffer frame) {
        if (headers.parse(frame) != FrameVerdict.OK) {
            droppedMalformed++;
            frame.release();
            return;
        }
        if (headers.etherType() == FrameHeaders.ETHERTYPE_SLOW_PROTOCOLS) {
            hostFrames++; // LACP's (the bond takes these first): link-local, the host's own, never a VM's
            frame.release();
            return;
        }
        long destination = headers.destinationMac();
        if (!headers.isMulticast()) {
            int vnic = index.find(destination);
            if (promiscuousPorts > 0) {
                copyToPromiscuous(headers.sourceMac(), vnic, frame, headers);
            }
            if (vnic >= 0 && security[vnic].refusesInbound()) {
                refuse(vnic, frame);
                return;
            }
            if (vnic >= 0) {
                routedFrames++;
                deliveries[vnic].deliver(headers, frame); // parsed once per pass: the virtual NIC's taps read these
                return;
            }
            int owner = bond.memberWithMac(destination);
            if (owner == slot || owner >= 0 && bond.aggregated()) {
                hostFrames++; // the host's own traffic (an aggregate's switch may send it down any member)
            } else if (owner >= 0) {
                droppedDuplicateGroup++; // flooded by the switch: the owner received its own copy
            } else {
                droppedUnknownDestination++;
            }
            frame.release();
            return;
        }
        if (!bond.acceptsGroupFrames(slot)) {
            droppedDuplicateGroup++;
            frame.release();
            return;
        }
        deliverToAllBut(headers.sourceMac(), frame);
    }

    /** A copy to each virtual NIC but the sender; the original goes to the last one. */
    private void deliverToAllBut(long sender, FrameBuffer frame) {
        int last = macs.length - 1;
        if (last >= 0 && macs[last] == sender) {
            last--;
        }
        if (last < 0) {
            droppedUnknownDestination++;
            frame.release();
            return;
        }
        routedFrames += copyToEachBut(sender, last, frame, headers);
        if (security[last].refusesInbound()) {
            refuse(last, frame);
            return;
        }
        routedFrames++;
        deliveries[last].deliver(headers, frame);
    }
}
