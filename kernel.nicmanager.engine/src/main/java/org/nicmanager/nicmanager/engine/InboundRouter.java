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
 * receive at, a guest whose MAC change was refused receives nothing (each drop counted on its virtual NIC), a port
 * that accepts promiscuous mode gets a copy of every other frame on this uplink, and a guest that asks for promiscuous
 * mode while its port rejects it has each frame it would have got counted as refused instead.
 */
final class InboundRouter implements Bond.InboundFrames {

    /** The sender's port of a frame from outside, which no port here has. */
    private static final int FROM_OUTSIDE = Integer.MIN_VALUE;

    private final Bond bond;
    private final FramePool copies;
    private final HeaderParser headers = new HeaderParser();
    private long[] macs = new long[0];
    private int[] ports = new int[0];
    private VnicDelivery[] deliveries = new VnicDelivery[0];
    private PortSecurity[] security = new PortSecurity[0];
    /**
     * Ports whose policy accepts promiscuous mode, and ports whose guest asks for it while their policy rejects it
     * (each frame it misses is counted); when 0, the frame path looks no further.
     */
    private int promiscuousPorts;
    /** Virtual NICs connected: the first {@code count} entries of the arrays above, which double when full. */
    private int count;
    /** Indexed by port, so that a drop downstream reaches its virtual NIC with one array read. */
    private VnicDelivery[] deliveryOfPort = new VnicDelivery[0];
    /** Indexed by port: its entry in the arrays above, or -1. */
    private int[] entryOfPort = new int[0];
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
    long promiscuousRefused;

    InboundRouter(Bond bond, FramePool copies) {
        this.bond = bond;
        this.copies = copies;
    }

    /**
     * Connects a virtual NIC with its port's security, which starts with every switch rejected. O(1) amortised: the
     * arrays double when full and the MAC index changes in place (issue 17).
     */
    void connect(PortSecurity portSecurity, VnicDelivery delivery) {
        int at = count;
        if (at == macs.length) {
            int capacity = Math.max(4, 2 * at);
            macs = Arrays.copyOf(macs, capacity);
            ports = Arrays.copyOf(ports, capacity);
            deliveries = Arrays.copyOf(deliveries, capacity);
            security = Arrays.copyOf(security, capacity);
        }
        macs[at] = portSecurity.receivingMac();
        ports[at] = portSecurity.port;
        deliveries[at] = delivery;
        security[at] = portSecurity;
        count = at + 1;
        index.put(macs[at], at);
        promiscuousPorts += promiscuousOrRefusing(portSecurity);
        setEntryOfPort(portSecurity.port, at, delivery);
    }

    private static int promiscuousOrRefusing(PortSecurity portSecurity) {
        return portSecurity.promiscuous() || portSecurity.refusesPromiscuous() ? 1 : 0;
    }

    /** The security of the virtual NIC of that port here, or null. */
    PortSecurity securityOf(int port) {
        int entry = entryOf(port);
        return entry < 0 ? null : security[entry];
    }

    /** Control path: after a port's policy or effective MAC changed, each is found by the MAC it may receive at. */
    void reindex() {
        int promiscuous = 0;
        for (int i = 0; i < count; i++) {
            macs[i] = security[i].receivingMac();
            promiscuous += promiscuousOrRefusing(security[i]);
        }
        promiscuousPorts = promiscuous;
        index.rebuild(macs, count);
    }

    /** The entry of that port, or -1. */
    private int entryOf(int port) {
        if (port >= 0) {
            return port < entryOfPort.length ? entryOfPort[port] : -1;
        }
        for (int i = 0; i < count; i++) { // a negative port: never given by the kernel's allocator, kept for safety
            if (ports[i] == port) {
                return i;
            }
        }
        return -1;
    }

    /** Port to entry and to delivery, for ports from 0; both double when a port is beyond them. */
    private void setEntryOfPort(int port, int entry, VnicDelivery delivery) {
        if (port < 0) {
            return;
        }
        if (port >= entryOfPort.length) {
            int capacity = Math.max(port + 1, 2 * entryOfPort.length);
            int grownFrom = entryOfPort.length;
            entryOfPort = Arrays.copyOf(entryOfPort, capacity);
            Arrays.fill(entryOfPort, grownFrom, capacity, -1);
            deliveryOfPort = Arrays.copyOf(deliveryOfPort, capacity); // published by reference swap
        }
        entryOfPort[port] = entry;
        deliveryOfPort[port] = delivery;
    }

    /** A frame of that port was dropped after the uplink took it: its virtual NIC counts it. Allocates nothing. */
    void transmitDropped(int port, DropReason reason) {
        VnicDelivery[] byPort = deliveryOfPort;
        if (port >= 0 && port < byPort.length && byPort[port] != null) {
            byPort[port].transmitDropped(reason);
        }
    }

    /** Forgets the virtual NIC of a port; true if it was here. O(1) amortised: its entry takes the last one's. */
    boolean disconnect(int port) {
        int i = entryOf(port);
        if (i < 0) {
            return false;
        }
        long mac = macs[i];
        promiscuousPorts -= promiscuousOrRefusing(security[i]);
        boolean indexed = index.remove(mac, i);
        setEntryOfPort(port, -1, null);
        int last = count - 1;
        if (i != last) {
            index.moved(macs[last], last, i);
            macs[i] = macs[last];
            ports[i] = ports[last];
            deliveries[i] = deliveries[last];
            security[i] = security[last];
            setEntryOfPort(ports[i], i, deliveries[i]);
        }
        deliveries[last] = null;
        security[last] = null;
        count = last;
        if (indexed) {
            reindexSameMac(mac); // another entry with that MAC (never two once connected, but kept exact)
        }
        return true;
    }

    private void reindexSameMac(long mac) {
        if (index.size() == count) {
            return; // every entry's MAC is in the index: none was a duplicate
        }
        for (int i = 0; i < count; i++) {
            if (macs[i] == mac) {
                index.put(mac, i);
                return;
            }
        }
    }

    /** Virtual NICs connected here. */
    int connected() {
        return count;
    }

    /** The security of each virtual NIC connected here. */
    List<PortSecurity> securities() {
        return List.of(Arrays.copyOf(security, count));
    }

    /** The ports of the virtual NICs connected here. */
    List<Integer> ports() {
        return Arrays.stream(ports, 0, count).boxed().toList();
    }

    InboundCounts counts() {
        return new InboundCounts(routedFrames, localFrames, hostFrames, droppedUnknownDestination, droppedDuplicateGroup,
                droppedMalformed, droppedNoBuffer, promiscuousCopies, droppedMacChangeRefused,
                promiscuousRefused);
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
        if (frame.length() < 14 || count < 2) {
            return false;
        }
        long sender = MacBytes.read(data, MacBytes.SOURCE_OFFSET);
        if ((data[0] & 1) != 0) {
            localFrames += copyToEachBut(sender, -1, frame, null);
            return false;
        }
        int owner = index.find(MacBytes.read(data, MacBytes.DESTINATION_OFFSET));
        if (promiscuousPorts > 0) {
            copyToPromiscuous(sender, frame.sourcePort(), owner, frame, null);
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

    /**
     * A copy of a unicast frame to each promiscuous port but the sender's (by its source MAC, or its port on the local
     * path, so that a forged source is not copied back to its own guest) and the owner's (entry {@code owner}); a port
     * whose guest asks for promiscuous mode against its policy gets no copy, and the refusal is counted there.
     */
    private void copyToPromiscuous(long sender, int senderPort, int owner, FrameBuffer frame, FrameHeaders parsed) {
        for (int i = 0; i < count; i++) {
            if (i == owner || macs[i] == sender || ports[i] == senderPort) {
                continue;
            }
            if (security[i].promiscuous()) {
                promiscuousCopies += deliverCopy(i, frame, parsed);
            } else if (security[i].refusesPromiscuous()) {
                promiscuousRefused++;
                security[i].promiscuousDropped();
                deliveries[i].receiveDropped(DropReason.PROMISCUOUS_REFUSED);
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
        for (int i = 0; i < count; i++) {
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
                copyToPromiscuous(headers.sourceMac(), FROM_OUTSIDE, vnic, frame, headers);
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
        int last = count - 1;
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
