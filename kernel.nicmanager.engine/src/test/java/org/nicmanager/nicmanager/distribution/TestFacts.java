package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.frame.FrameHeaders;

/** A parsed frame and its source port, as a bond shows them to its policy. */
record TestFacts(FrameHeaders headers, int sourcePort) implements FrameFacts {

    static FrameFacts of(FrameHeaders headers, int sourcePort) {
        return new TestFacts(headers, sourcePort);
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
        return headers.ipVersion() == 4 ? headers.ipv4Source() & 0xFFFFFFFFL
                : headers.ipVersion() == 6 ? headers.ipv6Source(0) * 131 ^ headers.ipv6Source(1) : 0;
    }

    @Override
    public long ipDestinationKey() {
        return headers.ipVersion() == 4 ? headers.ipv4Destination() & 0xFFFFFFFFL
                : headers.ipVersion() == 6 ? headers.ipv6Destination(0) * 131 ^ headers.ipv6Destination(1) : 0;
    }
}
