package org.nicmanager.vmm.backends.tap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Memory;

/**
 * Asks the kernel, from the host's own namespace, about a namespace a TAP device may be in: its id here (given one
 * when it has none, as {@code ip netns set NAME auto} does, so that its notifications reach a socket listening to
 * every namespace), and the device's interface in it, by name ({@code IFLA_TARGET_NETNSID}). Each call sends one
 * request and reads its answer at once. One thread.
 */
final class NamespaceQueries implements AutoCloseable, LinkMessages.Reader {

    /** The interface found: its index in its namespace, and whether it is promiscuous. */
    record Interface(int index, boolean promiscuous) {
    }

    private static final int REQUEST_BYTES = 128;

    private final RouteSocket socket = RouteSocket.forRequests();
    private final Memory request = new Memory(REQUEST_BYTES);
    /** The answer to the request in flight. */
    private int awaited;
    private int answeredId;
    private int answeredErrno;
    private Interface answeredInterface;

    /**
     * The id the host gives the namespace of {@code namespaceFd}: {@link LinkMessages#NSID_NOT_ASSIGNED} for the
     * host's own (whose notifications come without one); another namespace gets one if it has none.
     *
     * @throws IllegalStateException when the kernel refuses, with the errno
     */
    int namespaceId(int namespaceFd) {
        int id = askId(namespaceFd);
        if (id != LinkMessages.NSID_NOT_ASSIGNED || isOwn(namespaceFd)) {
            return id;
        }
        assignId(namespaceFd);
        return askId(namespaceFd);
    }

    /** The interface of that name in the namespace of that id, or null when there is none (it moved, was renamed). */
    Interface find(int namespaceId, String name) {
        begin(LinkMessages.RTM_GETLINK, RouteSocket.NLM_F_REQUEST);
        int offset = LinkMessages.NLMSG_HEADER_BYTES + LinkMessages.IFINFOMSG_BYTES;
        offset = LinkMessages.putStringAttribute(request, offset, LinkMessages.IFLA_IFNAME, name);
        if (namespaceId != LinkMessages.NSID_NOT_ASSIGNED) {
            offset = LinkMessages.putIntAttribute(request, offset, LinkMessages.IFLA_TARGET_NETNSID, namespaceId);
        }
        ask(offset);
        if (answeredInterface == null && answeredErrno != NetlinkCalls.ENODEV && answeredErrno != 0) {
            throw new IllegalStateException("RTM_GETLINK of '" + name + "' in namespace id " + namespaceId
                    + ": errno " + answeredErrno);
        }
        return answeredInterface;
    }

    private int askId(int namespaceFd) {
        begin(LinkMessages.RTM_GETNSID, RouteSocket.NLM_F_REQUEST);
        ask(LinkMessages.putIntAttribute(request, LinkMessages.NLMSG_HEADER_BYTES + LinkMessages.RTGENMSG_BYTES,
                LinkMessages.NETNSA_FD, namespaceFd));
        if (answeredErrno != 0) {
            throw new IllegalStateException("RTM_GETNSID: errno " + answeredErrno);
        }
        return answeredId;
    }

    private void assignId(int namespaceFd) {
        begin(LinkMessages.RTM_NEWNSID, RouteSocket.NLM_F_REQUEST | RouteSocket.NLM_F_ACK);
        int offset = LinkMessages.putIntAttribute(request, LinkMessages.NLMSG_HEADER_BYTES
                + LinkMessages.RTGENMSG_BYTES, LinkMessages.NETNSA_FD, namespaceFd);
        ask(LinkMessages.putIntAttribute(request, offset, LinkMessages.NETNSA_NSID, LinkMessages.NSID_NOT_ASSIGNED));
        if (answeredErrno != 0 && answeredErrno != NetlinkCalls.EEXIST) {
            throw new IllegalStateException("RTM_NEWNSID (an id for the TAP device's namespace): errno "
                    + answeredErrno);
        }
    }

    private void begin(int type, int flags) {
        request.clear();
        request.setShort(4, (short) type);
        request.setShort(6, (short) flags);
    }

    private void ask(int bytes) {
        answeredId = LinkMessages.NSID_NOT_ASSIGNED;
        answeredErrno = 0;
        answeredInterface = null;
        awaited = socket.send(request, bytes);
        socket.read(this);
    }

    @Override
    public void link(int nsid, int sequence, boolean removed, int index, String name, boolean promiscuous) {
        if (sequence == awaited && !removed) {
            answeredInterface = new Interface(index, promiscuous);
        }
    }

    @Override
    public void namespaceId(int sequence, int nsid) {
        if (sequence == awaited) {
            answeredId = nsid;
        }
    }

    @Override
    public void acknowledged(int sequence, int errno) {
        if (sequence == awaited) {
            answeredErrno = errno;
        }
    }

    /** Whether the namespace of that descriptor is the host's own (the one this process runs in). */
    private static boolean isOwn(int namespaceFd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + namespaceFd))
                    .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot tell which namespace the TAP device is in: " + unreadable);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
