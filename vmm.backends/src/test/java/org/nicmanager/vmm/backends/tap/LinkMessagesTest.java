package org.nicmanager.vmm.backends.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;

import org.junit.jupiter.api.Test;

/** The rtnetlink messages a TAP device's promiscuity watch reads, built by hand as the kernel lays them out. */
class LinkMessagesTest {

    private final List<String> read = new ArrayList<>();
    private final LinkMessages.Reader reader = new LinkMessages.Reader() {
        @Override
        public void link(int nsid, int sequence, boolean removed, int index, String name, boolean promiscuous) {
            read.add((removed ? "DEL " : "NEW ") + nsid + " " + sequence + " " + index + " " + name + " "
                    + promiscuous);
        }

        @Override
        public void namespaceId(int sequence, int nsid) {
            read.add("NSID " + sequence + " " + nsid);
        }

        @Override
        public void namespaceIdDeleted(int nsid) {
            read.add("DELNSID " + nsid);
        }

        @Override
        public void acknowledged(int sequence, int errno) {
            read.add("ACK " + sequence + " " + errno);
        }
    };

    /** Appends a link message; {@code promiscuity} -1 leaves IFLA_PROMISCUITY out. Returns the offset after it. */
    private static int link(Memory buffer, int at, int type, int sequence, int index, int flags, String name,
            int promiscuity) {
        buffer.setShort(at + 4, (short) type);
        buffer.setInt(at + 8, sequence);
        int info = at + LinkMessages.NLMSG_HEADER_BYTES;
        buffer.setInt(info + 4, index);
        buffer.setInt(info + 8, flags);
        int end = LinkMessages.putStringAttribute(buffer, info + LinkMessages.IFINFOMSG_BYTES,
                LinkMessages.IFLA_IFNAME, name);
        end = LinkMessages.putIntAttribute(buffer, end, 4, 1500); // IFLA_MTU, skipped
        if (promiscuity >= 0) {
            end = LinkMessages.putIntAttribute(buffer, end, LinkMessages.IFLA_PROMISCUITY, promiscuity);
        }
        buffer.setInt(at, end - at);
        return end;
    }

    @Test
    void linkMessagesGiveTheInterfaceAndWhetherItsPromiscuityCountIsAboveZero() {
        Memory buffer = new Memory(1024);
        buffer.clear();
        int end = link(buffer, 0, LinkMessages.RTM_NEWLINK, 0, 7, 0x1, "nmtap0", 1);
        end = link(buffer, end, LinkMessages.RTM_NEWLINK, 0, 7, 0x1 | LinkMessages.IFF_PROMISC, "nmtap0", 0);
        end = link(buffer, end, LinkMessages.RTM_NEWLINK, 5, 8, LinkMessages.IFF_PROMISC, "eth1", -1);
        end = link(buffer, end, LinkMessages.RTM_DELLINK, 0, 7, 0, "nmtap0", 0);
        LinkMessages.read(buffer, end, 3, reader);
        assertEquals(List.of("NEW 3 0 7 nmtap0 true", "NEW 3 0 7 nmtap0 false", "NEW 3 5 8 eth1 true",
                "DEL 3 0 7 nmtap0 false"), read, "the count decides; the flag only when there is no count");
    }

    @Test
    void namespaceIdsAcknowledgementsAndATruncatedMessage() {
        Memory buffer = new Memory(1024);
        buffer.clear();
        buffer.setShort(4, (short) LinkMessages.RTM_NEWNSID);
        buffer.setInt(8, 4);
        int end = LinkMessages.putIntAttribute(buffer, LinkMessages.NLMSG_HEADER_BYTES + LinkMessages.RTGENMSG_BYTES,
                LinkMessages.NETNSA_NSID, 2);
        buffer.setInt(0, end);
        int second = end;
        buffer.setShort(second + 4, (short) LinkMessages.RTM_DELNSID);
        end = LinkMessages.putIntAttribute(buffer, second + LinkMessages.NLMSG_HEADER_BYTES
                + LinkMessages.RTGENMSG_BYTES, LinkMessages.NETNSA_NSID, 2);
        buffer.setInt(second, end - second);
        int third = end;
        buffer.setShort(third + 4, (short) LinkMessages.NLMSG_ERROR);
        buffer.setInt(third + 8, 5);
        buffer.setInt(third + LinkMessages.NLMSG_HEADER_BYTES, -19); // -ENODEV
        buffer.setInt(third, 36);
        end = third + 36;
        int truncated = link(buffer, end, LinkMessages.RTM_NEWLINK, 0, 9, 0, "cut", 1);
        LinkMessages.read(buffer, truncated - 4, LinkMessages.NSID_NOT_ASSIGNED, reader);
        assertEquals(List.of("NSID 4 2", "DELNSID 2", "ACK 5 19"), read, "the truncated link message is left out");
    }
}
