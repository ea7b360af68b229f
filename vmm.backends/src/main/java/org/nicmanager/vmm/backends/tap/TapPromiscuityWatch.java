package org.nicmanager.vmm.backends.tap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Learns whether the guest put its TAP device in promiscuous mode, wherever the device is now: the host cannot tell
 * from the frames, since a TAP device hands it every frame anyway. A thread of its own, off the frame path, waiting on
 * rtnetlink notifications of every namespace ({@link RouteSocket#forEvents()}): {@code TUNGETDEVNETNS} on the device's
 * descriptor gives the namespace the device is in now (the guest's, once moved there), {@link NamespaceQueries} its id
 * and the device's interface there, by the name {@code TUNGETIFF} gives; from then on each notification of that
 * interface says whether it is promiscuous. When it leaves its namespace ({@code RTM_DELLINK}), or the namespace dies,
 * the watch finds it again; when the device is gone, the watch ends. Each change goes to the {@link Listener}; what the
 * watch cannot see (the device is gone or not found) counts as not promiscuous.
 */
final class TapPromiscuityWatch implements AutoCloseable {

    /** Told on the watch's thread; hands the change on (to the world) without waiting. */
    @FunctionalInterface
    interface Listener {
        void promiscuityChanged(boolean promiscuous);
    }

    private static final long TUNGETIFF = 0x800454d2L;
    private static final long TUNGETDEVNETNS = 0x54e3L;
    private static final int IFREQ_BYTES = 40;
    private static final int IFNAMSIZ = 16;
    /** Searches in a row that miss the device (it moved or was renamed meanwhile) before it waits to hear of it. */
    private static final int SEARCHES_BEFORE_WAITING = 3;
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final int tap;
    private final String tapName;
    private final int wake;
    private final Listener listener;
    private final Thread thread;
    private final Memory nameRequest = new Memory(IFREQ_BYTES);
    private volatile boolean running = true;
    private volatile String problem;
    /** Watch thread only: what was told last; where the device is (its namespace's id here, its index there). */
    private boolean promiscuous;
    private int namespaceId = LinkMessages.NSID_NOT_ASSIGNED;
    private int index = -1;
    private String name;
    private boolean searchAgain = true;
    /** The device's namespace was asked for once: a later EINVAL means that namespace is dying. */
    private boolean searched;
    private boolean gone;

    private TapPromiscuityWatch(int tap, String tapName, int wake, Listener listener) {
        this.tap = tap;
        this.tapName = tapName;
        this.name = tapName;
        this.wake = wake;
        this.listener = listener;
        this.thread = new Thread(this::watch, "tap " + tapName + " promiscuity watch");
        thread.setDaemon(true);
    }

    /**
     * Starts watching the device of {@code tapFd}, which is duplicated: the watch holds a descriptor of its own.
     *
     * @throws IllegalArgumentException when the descriptor cannot be duplicated or no eventfd made
     */
    static TapPromiscuityWatch start(int tapFd, String tapName, Listener listener) {
        int tap = NetlinkCalls.fcntl(tapFd, NetlinkCalls.F_DUPFD_CLOEXEC, 0);
        if (tap < 0) {
            throw new IllegalArgumentException("cannot watch TAP device '" + tapName + "': dup failed, errno "
                    + LinuxCalls.errno());
        }
        int wake = LinuxCalls.eventfd(0, LinuxCalls.EFD_NONBLOCK | LinuxCalls.EFD_CLOEXEC);
        if (wake < 0) {
            int errno = LinuxCalls.errno();
            LinuxCalls.close(tap);
            throw new IllegalArgumentException("cannot watch TAP device '" + tapName + "': eventfd failed, errno "
                    + errno);
        }
        TapPromiscuityWatch watch = new TapPromiscuityWatch(tap, tapName, wake, listener);
        watch.thread.start();
        return watch;
    }

    /** Why the watch ended on its own though the device is still there (the kernel refused), or null. */
    String problem() {
        return problem;
    }

    private void watch() {
        try (RouteSocket events = RouteSocket.forEvents(); NamespaceQueries queries = new NamespaceQueries()) {
            LinkMessages.Reader reader = new LinkMessages.Reader() {
                @Override
                public void link(int nsid, int sequence, boolean removed, int linkIndex, String linkName,
                        boolean linkPromiscuous) {
                    seen(nsid, removed, linkIndex, linkName, linkPromiscuous);
                }

                @Override
                public void namespaceIdDeleted(int nsid) {
                    searchAgain |= nsid == namespaceId; // its namespace died: the device is gone, or moved
                }
            };
            int misses = 0;
            while (running) {
                if (searchAgain) {
                    searchAgain = false;
                    misses = search(queries) ? 0 : misses + 1;
                    if (gone) {
                        return;
                    }
                    if (misses > 0 && misses < SEARCHES_BEFORE_WAITING) {
                        searchAgain = true;
                        continue;
                    }
                }
                if (events.await(wake)) {
                    return; // closing
                }
                if (!events.read(reader)) {
                    searchAgain = true; // notifications were lost: ask for the state
                }
            }
        } catch (IllegalStateException refused) {
            end(refused.getMessage());
        }
    }

    /** Finds where the device is now and how promiscuous; false when it is not found there (it moves, or is gone). */
    private boolean search(NamespaceQueries queries) {
        int namespace = LinuxCalls.ioctl(tap, TUNGETDEVNETNS, Pointer.NULL);
        if (namespace < 0) {
            int errno = LinuxCalls.errno();
            gone = true;
            // EBADFD: the device is gone. EINVAL once the device was found: its namespace is dying, and takes the
            // device with it. EINVAL at first: a kernel without TUNGETDEVNETNS (Linux < 5.2).
            boolean going = errno == NetlinkCalls.EBADFD || errno == TapDevice.EINVAL && searched;
            end(going ? null : "TUNGETDEVNETNS on TAP device '" + tapName + "' failed: errno " + errno
                    + (errno == TapDevice.EINVAL ? " (this kernel has no TUNGETDEVNETNS; Linux 5.2 has)" : ""));
            return false;
        }
        searched = true;
        try {
            namespaceId = queries.namespaceId(namespace);
        } finally {
            LinuxCalls.close(namespace);
        }
        name = currentName();
        NamespaceQueries.Interface found = queries.find(namespaceId, name);
        index = found == null ? -1 : found.index();
        tell(found != null && found.promiscuous());
        return found != null;
    }

    private void seen(int nsid, boolean removed, int linkIndex, String linkName, boolean linkPromiscuous) {
        if (index < 0) {
            searchAgain |= !removed && name.equals(linkName); // perhaps the device, which was not found
            return;
        }
        if (nsid != namespaceId || linkIndex != index) {
            return;
        }
        if (removed) {
            searchAgain = true; // moved to another namespace, or deleted: TUNGETDEVNETNS tells which
        } else {
            tell(linkPromiscuous);
        }
    }

    private void tell(boolean now) {
        if (now != promiscuous) {
            promiscuous = now;
            listener.promiscuityChanged(now);
        }
    }

    /** The device's name now ({@code TUNGETIFF} on its descriptor), or the name it was opened with. */
    private String currentName() {
        nameRequest.clear();
        if (LinuxCalls.ioctl(tap, TUNGETIFF, nameRequest) < 0) {
            return tapName;
        }
        byte[] bytes = nameRequest.getByteArray(0, IFNAMSIZ);
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    /** The watch ends on its own: what it cannot see any more is not promiscuous. */
    private void end(String why) {
        if (running && why != null) {
            problem = why;
        }
        tell(false);
    }

    /** Ends the watch and closes its descriptors; any thread, once. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        ByteBuffer one = ByteBuffer.allocateDirect(Long.BYTES);
        one.putLong(0, 1L);
        LinuxCalls.write(wake, one, Long.BYTES);
        try {
            thread.join(TimeUnit.MILLISECONDS.toMillis(STOP_WAIT_MILLIS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        LinuxCalls.close(wake);
        LinuxCalls.close(tap);
    }
}
