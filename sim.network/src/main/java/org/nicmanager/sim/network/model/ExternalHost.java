package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.lib.frames.Arp;
import org.nicmanager.lib.frames.FlowStamp;
import org.nicmanager.lib.frames.FlowStampLocator;
import org.nicmanager.lib.frames.FlowTracker;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.frames.HeaderParser;

/**
 * A machine outside the hypervisor, cabled to a switch: it counts what it receives (per sender and flow, from the
 * {@link FlowStamp}s of UDP datagrams and TCP segments, with the {@link FlowTracker} every receiver uses), answers ARP
 * requests for its IPv4 address, can echo frames back to their sender, and sends the traffic of its
 * {@link TrafficSource}s.
 *
 * <p>Like a real NIC it keeps only frames for its own MAC, broadcast and multicast; every frame kept counts in
 * {@code rxFrames}, ARP requests included. Its link serialises a send queue of {@link #SEND_QUEUE_FRAMES}; a traffic
 * source whose frame finds that queue full waits until a frame has left (the host's own link caps what it offers),
 * while an echo or an ARP reply that finds it full is dropped and counted.
 *
 * <p>ARP (RFC 826), so that a bond's ARP monitor has someone to ask: the host answers a REQUEST whose target IP is its
 * own, unless the request is its own (sender MAC = its MAC), with one REPLY to the asker. Requests for other
 * addresses, replies, and the gratuitous ARPs a NIC manager sends for its own address after a failover (target IP =
 * sender IP, not the host's) go unanswered. A request the host answers is not also echoed. The reply is written over
 * the request's buffer, as an echo is, so answering allocates nothing.
 */
final class ExternalHost implements CableEnd {

    /** What put the host on the switch: an operator ({@code hw:host add}) or a flood. */
    enum Kind {
        HOST, ATTACKER
    }

    /** Frames a host's link may hold for sending, like a socket send buffer. */
    static final int SEND_QUEUE_FRAMES = 256;

    private final String name;
    private final Kind kind;
    private final long mac;
    private final int ip;
    private final Transmitter link;
    private final FlowTracker flows = new FlowTracker();
    private final FlowStampLocator stamps = new FlowStampLocator();
    private final HeaderParser headers = new HeaderParser();
    private final List<TrafficSource> sources = new ArrayList<>();
    private Cable cable;
    private SwitchPort port;
    private boolean carrierUp;
    private boolean echo;
    private long rxFrames;
    private long rxBytes;
    private long rxDropsNotForUs;
    private long txFrames;
    private long txBytes;
    private long txDropsQueueFull;
    private long txDropsLinkDown;
    private long txDropsNoBuffer;
    private long echoedFrames;
    private long arpReplies;

    ExternalHost(KernelScheduler scheduler, String name, Kind kind, long mac, int ip, long speedBps) {
        this.name = name;
        this.kind = kind;
        this.mac = mac;
        this.ip = ip;
        this.link = new Transmitter(scheduler, "host " + name + " tx", speedBps, SEND_QUEUE_FRAMES, this::frameSent);
    }

    String name() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    long mac() {
        return mac;
    }

    int ip() {
        return ip;
    }

    long speedBps() {
        return link.speedBps();
    }

    Cable cable() {
        return cable;
    }

    SwitchPort port() {
        return port;
    }

    void setPort(SwitchPort port) {
        this.port = port;
    }

    void setEcho(boolean echo) {
        this.echo = echo;
    }

    boolean linkUp() {
        return carrierUp;
    }

    // --- sending, for traffic sources ----------------------------------------------------------------------------

    boolean canQueue() {
        return carrierUp && !link.full();
    }

    /** Queues a frame the caller checked room for with {@link #canQueue()}. */
    void enqueue(FrameBuffer frame) {
        link.offer(frame);
    }

    void countLinkDown(int frames) {
        txDropsLinkDown += frames;
    }

    void countNoBuffer() {
        txDropsNoBuffer++;
    }

    void addSource(TrafficSource source) {
        sources.add(source);
    }

    void removeSource(TrafficSource source) {
        sources.remove(source);
    }

    /** Stops every source; returns how many there were. */
    int stopSources() {
        int stopped = sources.size();
        for (TrafficSource source : List.copyOf(sources)) {
            source.stop();
        }
        return stopped;
    }

    private void frameSent(int lengthBytes) {
        txFrames++;
        txBytes += lengthBytes;
        for (int i = 0; i < sources.size(); i++) {
            sources.get(i).resume();
        }
    }

    // --- the cable -----------------------------------------------------------------------------------------------

    @Override
    public void connect(Cable cable, Cable.Direction outbound) {
        this.cable = cable;
        link.connect(outbound);
    }

    @Override
    public void carrierChanged(boolean up) {
        carrierUp = up;
        if (!up) {
            txDropsLinkDown += link.flush();
        }
    }

    @Override
    public void receive(FrameBuffer frame) {
        byte[] data = frame.data();
        int length = frame.length();
        long destination = length >= 6 ? Bytes.mac(data, 0) : 0;
        if (destination != mac && !MacAddress.isMulticast(destination)) {
            rxDropsNotForUs++;
            frame.release();
            return;
        }
        rxFrames++;
        rxBytes += length;
        int stamp = stamps.find(data, length);
        if (stamp != FlowStampLocator.NONE) {
            flows.record(data, stamp);
        }
        if (asksForOurIp(data, length)) {
            answerArp(frame);
        } else if (echo && destination == mac && headers.parse(data, length) == FrameVerdict.OK) {
            echo(frame);
        } else {
            frame.release();
        }
    }

    /** An ARP request for this host's IP from someone else (our own request, echoed back by a loop, is not). */
    private boolean asksForOurIp(byte[] data, int length) {
        return Arp.isIpv4OverEthernet(data, length) && Arp.operation(data) == Arp.REQUEST
                && Arp.targetIp(data) == ip && Arp.senderMac(data) != mac;
    }

    /** Replies to the asker, reusing the request's buffer: sender = this host, target = the asker. */
    private void answerArp(FrameBuffer frame) {
        byte[] data = frame.data();
        if (frame.capacity() < FrameWriter.MIN_FRAME_BYTES) {
            // Only an unpooled buffer shorter than a minimum frame can get here; pooled ones hold at least 2 KiB.
            txDropsNoBuffer++;
            frame.release();
            return;
        }
        long askerMac = Arp.senderMac(data); // read both before the reply overwrites them
        int askerIp = Arp.senderIp(data);
        frame.setLength(FrameWriter.arp(data, askerMac, Arp.REPLY, mac, ip, askerMac, askerIp));
        if (send(frame)) {
            arpReplies++;
        }
    }

    /** Sends the frame back where it came from, addresses and ports swapped, reusing the buffer. */
    private void echo(FrameBuffer frame) {
        byte[] data = frame.data();
        Bytes.putMac(data, 0, Bytes.mac(data, 6));
        Bytes.putMac(data, 6, mac);
        int l3 = headers.l3Offset();
        if (headers.ipVersion() == 4) {
            Bytes.swap(data, l3 + 12, l3 + 16, 4); // the header checksum is a sum: a swap keeps it valid
        } else if (headers.ipVersion() == 6) {
            Bytes.swap(data, l3 + 8, l3 + 24, 16);
        }
        int l4 = headers.l4Offset();
        if (l4 != FrameHeaders.ABSENT) {
            Bytes.swap(data, l4, l4 + 2, 2);
        }
        if (send(frame)) {
            echoedFrames++;
        }
    }

    /** Queues an answer (an echo or an ARP reply); false when it was dropped, counted and released. */
    private boolean send(FrameBuffer frame) {
        if (!carrierUp) {
            txDropsLinkDown++;
            frame.release();
            return false;
        }
        if (!link.offer(frame)) {
            txDropsQueueFull++;
            frame.release();
            return false;
        }
        return true;
    }

    HostStats stats() {
        List<HostStats.FlowStats> perFlow = flows.flows().stream().map(HostStats.FlowStats::of).toList();
        return new HostStats(name, rxFrames, rxBytes, flows.lostFrames(), flows.reorderedFrames(), perFlow,
                rxDropsNotForUs, flows.untrackedFrames(), txFrames, txBytes, link.queuedFrames(), txDropsQueueFull,
                txDropsLinkDown, txDropsNoBuffer, echoedFrames, arpReplies);
    }

    @Override
    public String toString() {
        return "ExternalHost[" + name + " " + MacAddress.format(mac) + (carrierUp ? " up" : " down") + "]";
    }
}
