package org.nicmanager.vmm.backends.tap;

import java.nio.charset.StandardCharsets;

import com.sun.jna.Pointer;

/**
 * Reads the rtnetlink messages of one datagram that a TAP device's watch cares about: link messages
 * ({@code RTM_NEWLINK}, a change or an answer; {@code RTM_DELLINK}, the interface left its namespace or was deleted)
 * with the interface's index, name and whether it is promiscuous; namespace ids ({@code RTM_NEWNSID} answers,
 * {@code RTM_DELNSID} when a namespace died); and errors or acknowledgements. Promiscuous means a promiscuity count
 * above 0 ({@code IFLA_PROMISCUITY}): {@code ip link set DEV promisc on} raises it, and so does a packet socket's
 * promiscuous membership, as a sniffer takes, while the {@code IFF_PROMISC} flag of the message shows only the first.
 */
final class LinkMessages {

    static final int NLMSG_HEADER_BYTES = 16;
    static final int IFINFOMSG_BYTES = 16;
    /** {@code struct rtgenmsg}, one byte, aligned. */
    static final int RTGENMSG_BYTES = 4;
    static final int NLMSG_ERROR = 2;
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWNSID = 88;
    static final int RTM_DELNSID = 89;
    static final int RTM_GETNSID = 90;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_PROMISCUITY = 30;
    static final int IFLA_TARGET_NETNSID = 46;
    static final int NETNSA_NSID = 1;
    static final int NETNSA_FD = 3;
    static final int IFF_PROMISC = 0x100;
    /** The id of a namespace that has none in the reader's, and of the reader's own as a rule. */
    static final int NSID_NOT_ASSIGNED = -1;

    /** What the messages of a datagram say, one call each. */
    interface Reader {
        /**
         * A link message from the namespace of id {@code nsid} (as the reader's namespace numbers it); {@code removed}
         * for {@code RTM_DELLINK}; {@code name} null when absent.
         */
        void link(int nsid, int sequence, boolean removed, int index, String name, boolean promiscuous);

        /** An answer to a namespace id request. */
        default void namespaceId(int sequence, int nsid) {
        }

        /** The namespace of that id died (or lost its id). */
        default void namespaceIdDeleted(int nsid) {
        }

        /** An error (errno above 0) or an acknowledgement (0) of request {@code sequence}. */
        default void acknowledged(int sequence, int errno) {
        }
    }

    private LinkMessages() {
    }

    /**
     * Reads the {@code length} bytes of one datagram at {@code buffer}, which came from the namespace of id
     * {@code nsid}; a truncated message ends it.
     */
    static void read(Pointer buffer, int length, int nsid, Reader reader) {
        int offset = 0;
        while (offset + NLMSG_HEADER_BYTES <= length) {
            int messageBytes = buffer.getInt(offset);
            int type = Short.toUnsignedInt(buffer.getShort(offset + 4));
            int sequence = buffer.getInt(offset + 8);
            if (messageBytes < NLMSG_HEADER_BYTES || offset + messageBytes > length) {
                return;
            }
            int body = offset + NLMSG_HEADER_BYTES;
            int end = offset + messageBytes;
            if (type == NLMSG_ERROR && messageBytes >= NLMSG_HEADER_BYTES + 4) {
                reader.acknowledged(sequence, -buffer.getInt(body));
            } else if ((type == RTM_NEWLINK || type == RTM_DELLINK) && messageBytes >= NLMSG_HEADER_BYTES
                    + IFINFOMSG_BYTES) {
                link(buffer, body, end, nsid, sequence, type == RTM_DELLINK, reader);
            } else if ((type == RTM_NEWNSID || type == RTM_DELNSID) && messageBytes >= NLMSG_HEADER_BYTES
                    + RTGENMSG_BYTES) {
                int id = namespaceIdAttribute(buffer, body + RTGENMSG_BYTES, end);
                if (type == RTM_NEWNSID) {
                    reader.namespaceId(sequence, id);
                } else {
                    reader.namespaceIdDeleted(id);
                }
            }
            offset += align(messageBytes);
        }
    }

    /** One {@code struct ifinfomsg} (family, pad, type, index, flags, change) and its attributes. */
    private static void link(Pointer buffer, int info, int end, int nsid, int sequence, boolean removed,
            Reader reader) {
        int index = buffer.getInt(info + 4);
        int flags = buffer.getInt(info + 8);
        String name = null;
        long promiscuity = -1;
        for (int attribute = info + IFINFOMSG_BYTES; attribute + 4 <= end;) {
            int attributeBytes = Short.toUnsignedInt(buffer.getShort(attribute));
            int type = Short.toUnsignedInt(buffer.getShort(attribute + 2)) & 0x3fff; // less the nested/order bits
            if (attributeBytes < 4 || attribute + attributeBytes > end) {
                break;
            }
            if (type == IFLA_IFNAME && attributeBytes > 4) {
                name = cString(buffer, attribute + 4, attributeBytes - 4);
            } else if (type == IFLA_PROMISCUITY && attributeBytes >= 8) {
                promiscuity = Integer.toUnsignedLong(buffer.getInt(attribute + 4));
            }
            attribute += align(attributeBytes);
        }
        boolean promiscuous = promiscuity >= 0 ? promiscuity > 0 : (flags & IFF_PROMISC) != 0;
        reader.link(nsid, sequence, removed, index, name, promiscuous);
    }

    private static int namespaceIdAttribute(Pointer buffer, int first, int end) {
        for (int attribute = first; attribute + 4 <= end;) {
            int attributeBytes = Short.toUnsignedInt(buffer.getShort(attribute));
            if (attributeBytes < 4 || attribute + attributeBytes > end) {
                break;
            }
            if ((buffer.getShort(attribute + 2) & 0x3fff) == NETNSA_NSID && attributeBytes >= 8) {
                return buffer.getInt(attribute + 4);
            }
            attribute += align(attributeBytes);
        }
        return NSID_NOT_ASSIGNED;
    }

    /** Appends an attribute of one 32-bit value at {@code offset}; returns the offset after it. */
    static int putIntAttribute(Pointer buffer, int offset, int type, int value) {
        buffer.setShort(offset, (short) 8);
        buffer.setShort(offset + 2, (short) type);
        buffer.setInt(offset + 4, value);
        return offset + 8;
    }

    /** Appends a NUL-terminated string attribute at {@code offset}; returns the aligned offset after it. */
    static int putStringAttribute(Pointer buffer, int offset, int type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        int attributeBytes = 4 + bytes.length + 1;
        buffer.setShort(offset, (short) attributeBytes);
        buffer.setShort(offset + 2, (short) type);
        buffer.write(offset + 4, bytes, 0, bytes.length);
        buffer.setByte(offset + 4 + bytes.length, (byte) 0);
        for (int pad = offset + attributeBytes; pad < offset + align(attributeBytes); pad++) {
            buffer.setByte(pad, (byte) 0);
        }
        return offset + align(attributeBytes);
    }

    private static String cString(Pointer buffer, int offset, int maxBytes) {
        byte[] bytes = buffer.getByteArray(offset, maxBytes);
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    static int align(int bytes) {
        return (bytes + 3) & ~3;
    }
}
