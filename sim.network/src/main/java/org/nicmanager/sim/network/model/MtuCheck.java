package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.frame.FrameHeaders;

/** The largest frame a card's MTU allows, as a real MAC checks it: the frame's VLAN tags (at most two) do not count. */
final class MtuCheck {

    private static final int ETHERNET_HEADER_BYTES = 14;
    private static final int VLAN_TAG_BYTES = 4;
    private static final int MAX_VLAN_TAGS = 2;

    private MtuCheck() {
    }

    /** The MTU plus the Ethernet header and this frame's VLAN tags. */
    static int maxFrameBytes(int mtuBytes, byte[] data, int length) {
        int tags = 0;
        int typeOffset = 12;
        while (tags < MAX_VLAN_TAGS && length >= typeOffset + 2) {
            int type = Bytes.u16(data, typeOffset);
            if (type != FrameHeaders.ETHERTYPE_VLAN && type != FrameHeaders.ETHERTYPE_QINQ) {
                break;
            }
            tags++;
            typeOffset += VLAN_TAG_BYTES;
        }
        return mtuBytes + ETHERNET_HEADER_BYTES + tags * VLAN_TAG_BYTES;
    }
}
