package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * A store-and-forward learning switch. It learns each frame's source MAC on the ingress port, sends known unicast out
 * of one port, and floods broadcast, multicast and unknown unicast to every other port whose link is up, never back
 * out of the ingress port. A flooded frame goes to the last such port itself and to the others as copies in fresh
 * pool buffers; a copy the pool cannot supply is counted on its port as {@code dropsNoBuffer}.
 *
 * <p>MAC entries age out {@code macAgingNanos} after they were last seen: lookups ignore expired entries, and one
 * aging timer, armed for the earliest expiry, sweeps them. A port whose link goes down loses its entries at once.
 */
final class SimSwitch {

    /** Entries a switch's MAC table holds, as a modest hardware CAM does. */
    static final int MAC_TABLE_ENTRIES = 8192;
    static final int MAX_PORTS = 1024;

    private final String name;
    private final KernelScheduler scheduler;
    private final BufferPools buffers;
    private final int egressQueueFrames;
    private final SwitchPort[] ports;
    /** Port numbers in use, ascending, so flooding does not walk empty ports. */
    private final int[] usedPorts;
    private int usedCount;
    private final MacTable macs;
    private final Timer aging;
    private final List<SimSwitch> trunkNeighbours = new ArrayList<>();

    SimSwitch(KernelScheduler scheduler, String name, int portCount, SimSettings settings, BufferPools buffers) {
        this.name = name;
        this.scheduler = scheduler;
        this.buffers = buffers;
        this.egressQueueFrames = settings.switchEgressQueueFrames();
        this.ports = new SwitchPort[portCount + 1];
        this.usedPorts = new int[portCount];
        this.macs = new MacTable(MAC_TABLE_ENTRIES, settings.macAgingNanos());
        this.aging = scheduler.newTimer("switch " + name + " MAC aging", this::ageEntries);
    }

    String name() {
        return name;
    }

    int portCount() {
        return ports.length - 1;
    }

    int portsInUse() {
        return usedCount;
    }

    boolean full() {
        return usedCount == portCount();
    }

    /** Ports in use, ascending. */
    List<SwitchPort> ports() {
        List<SwitchPort> list = new ArrayList<>(usedCount);
        for (int i = 0; i < usedCount; i++) {
            list.add(ports[usedPorts[i]]);
        }
        return list;
    }

    /** Live MAC entries now (expired ones are swept first). */
    int macEntries() {
        macs.sweep(scheduler.nanoTime());
        return macs.size();
    }

    /** The port {@code mac} was learned on, or {@link MacTable#NO_PORT}. */
    int portOf(long mac) {
        return macs.lookup(mac, scheduler.nanoTime());
    }

    /** The device cabled to port {@code number}, or {@code null} when the port is free. */
    String portDevice(int number) {
        SwitchPort port = number >= 1 && number < ports.length ? ports[number] : null;
        return port == null ? null : port.device();
    }

    List<SimSwitch> trunkNeighbours() {
        return trunkNeighbours;
    }

    /** Takes the lowest free port for {@code device}, whose link runs at {@code speedBps}. The caller checked room. */
    SwitchPort attach(String device, long speedBps) {
        int number = 1;
        while (ports[number] != null) {
            number++;
        }
        SwitchPort port = new SwitchPort(scheduler, this, number, device, speedBps, egressQueueFrames);
        ports[number] = port;
        int at = usedCount;
        while (at > 0 && usedPorts[at - 1] > number) {
            usedPorts[at] = usedPorts[at - 1];
            at--;
        }
        usedPorts[at] = number;
        usedCount++;
        return port;
    }

    /** Frees a port whose cable is already unplugged. */
    void detach(SwitchPort port) {
        int number = port.number();
        ports[number] = null;
        int at = 0;
        while (usedPorts[at] != number) {
            at++;
        }
        System.arraycopy(usedPorts, at + 1, usedPorts, at, usedCount - at - 1);
        usedCount--;
        macs.forgetPort(number);
    }

    void portWentDown(SwitchPort port) {
        macs.forgetPort(port.number());
    }

    /** The forwarding decision for one frame that arrived on {@code ingress}. */
    void switchFrame(SwitchPort ingress, FrameBuffer frame) {
        byte[] data = frame.data();
        if (frame.length() < 12) {
            ingress.dropsFiltered++; // a runt without both MACs cannot be switched
            frame.release();
            return;
        }
        long now = scheduler.nanoTime();
        long source = Bytes.mac(data, 6);
        if (!MacAddress.isMulticast(source) && macs.learn(source, ingress.number(), now) && !aging.armed()) {
            aging.armAt(now + macs.agingNanos());
        }
        long destination = Bytes.mac(data, 0);
        int out = MacAddress.isMulticast(destination) ? MacTable.NO_PORT : macs.lookup(destination, now);
        if (out == MacTable.NO_PORT) {
            flood(ingress, frame);
        } else if (out == ingress.number()) {
            ingress.dropsFiltered++; // the destination sits behind the port the frame came in on
            frame.release();
        } else {
            ports[out].forward(frame);
        }
    }

    private void flood(SwitchPort ingress, FrameBuffer frame) {
        int last = -1;
        for (int i = usedCount - 1; i >= 0 && last < 0; i--) {
            SwitchPort port = ports[usedPorts[i]];
            if (port != ingress && port.up()) {
                last = i;
            }
        }
        if (last < 0) {
            ingress.dropsFiltered++; // no other port has a link
            frame.release();
            return;
        }
        for (int i = 0; i < last; i++) {
            SwitchPort port = ports[usedPorts[i]];
            if (port == ingress || !port.up()) {
                continue;
            }
            FrameBuffer copy = buffers.copyOf(frame);
            if (copy == null) {
                port.dropsNoBuffer++;
            } else {
                port.forward(copy);
            }
        }
        ports[usedPorts[last]].forward(frame);
    }

    private void ageEntries() {
        long nextExpiry = macs.sweep(scheduler.nanoTime());
        if (nextExpiry != Long.MAX_VALUE) {
            aging.armAt(nextExpiry);
        }
    }

    @Override
    public String toString() {
        return "SimSwitch[" + name + " " + usedCount + "/" + portCount() + " ports]";
    }
}
