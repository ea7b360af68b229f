package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.frame.FrameHeaders;

/**
 * What a policy sees of the frame being placed: the bond's one header view, parsed once per frame, and the frame's
 * source port. One instance per bond, reused for every frame: nothing is allocated or copied. Tests and benchmarks
 * show their frames to policies through it too, so that they see what a bond shows.
 */
public final class HeaderFacts implements FrameFacts {

    private final FrameHeaders headers;
    private int sourcePort = NO_PORT;

    public HeaderFacts(FrameHeaders headers) {
        this.headers = headers;
    }

    /** The headers were just parsed from a frame sent from this port. */
    public HeaderFacts from(int port) {
        this.sourcePort = port;
        return this;
    }

    @Override
    public int sourcePort() {
        return sourcePort;
    }

    @Override
    public int lengthBytes() {
        return headers.length();
    }

    @Override
    public long flowHash() {
        return headers.flowHash();
    }

    @Override
    public long sourceMac() {
        return headers.sourceMac();
    }

    @Override
    public long destinationMac() {
        return headers.destinationMac();
    }

    @Override
    public int ipVersion() {
        return headers.ipVersion();
    }

    @Override
    public int protocol() {
        return headers.protocol();
    }

    @Override
    public long ipSourceKey() {
        return switch (headers.ipVersion()) {
            case 4 -> headers.ipv4Source() & 0xFFFFFFFFL;
            case 6 -> headers.ipv6Source(0) * 131 ^ headers.ipv6Source(1);
            default -> 0;
        };
    }

    @Override
    public long ipDestinationKey() {
        return switch (headers.ipVersion()) {
            case 4 -> headers.ipv4Destination() & 0xFFFFFFFFL;
            case 6 -> headers.ipv6Destination(0) * 131 ^ headers.ipv6Destination(1);
            default -> 0;
        };
    }
}
