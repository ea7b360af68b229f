package org.nicmanager.cluster.zk;

import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.nicmanager.cluster.ClusterEvents;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.HostRecord;
import org.nicmanager.cluster.HostRecordCodec;
import org.nicmanager.cluster.MembershipState;

/**
 * This host's ephemeral membership record ({@code /nicmgr/hosts/ID}): written when a session starts, rewritten when
 * the host's uplinks or headroom change, gone with the session. A record under this host's id that another live
 * session holds means a second host with the same id: this host is refused and stays out. Called on the cluster's one
 * worker thread only.
 */
final class HostMembership {

    private final CuratorFramework client;
    private final String hostId;
    private final String path;
    private final Supplier<HostRecord> self;
    private final HostRecordCodec codec = new HostRecordCodec();
    private final ClusterEvents events;
    /** Runs {@link #sessionStarted()} again on the worker thread. */
    private final Runnable retry;
    /** Takes the host into the election, before its JOINED event tells anyone. */
    private final Step whenJoined;
    private volatile MembershipState state = MembershipState.JOINING;
    private volatile String refusal;
    /** What this session last wrote, so that an unchanged record is not written again. */
    private byte[] written;

    HostMembership(CuratorFramework client, String hostId, Supplier<HostRecord> self, ClusterEvents events,
            Runnable retry, Step whenJoined) {
        this.client = client;
        this.retry = retry;
        this.whenJoined = whenJoined;
        this.hostId = hostId;
        this.path = ClusterPaths.host(hostId);
        this.self = self;
        this.events = events;
    }

    MembershipState state() {
        return state;
    }

    String refusal() {
        return refusal;
    }

    /** A (new) session is up: writes the record, or finds it held by another host and refuses this one. */
    void sessionStarted() throws Exception {
        if (state == MembershipState.REFUSED) {
            return;
        }
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        HostRecord me = self.get();
        byte[] data = codec.encode(me);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, data);
                written = data;
                joined();
                return;
            } catch (KeeperException.NodeExistsException exists) {
                Stat stat = new Stat();
                byte[] held;
                try {
                    held = client.getData().storingStatIn(stat).forPath(path);
                } catch (KeeperException.NoNodeException goneMeanwhile) {
                    continue; // its holder's session ended between the two calls: try again
                }
                if (stat.getEphemeralOwner() == session) {
                    written = held;
                    refresh();
                    joined();
                } else if (heldByAnEndedRunOfThisHost(held, me)) {
                    awaitOldSessionEnd();
                } else {
                    refuse(held, stat);
                }
                return;
            }
        }
    }

    /** Rewrites the record if the host's description changed. */
    void refresh() throws Exception {
        if (written == null) { // no record of this session yet, or refused
            return;
        }
        byte[] data = codec.encode(self.get());
        if (!Arrays.equals(data, written)) {
            client.setData().forPath(path, data);
            written = data;
        }
    }

    /** The session ended: the record went with it. */
    void sessionLost() {
        written = null;
        if (state == MembershipState.JOINED) {
            state = MembershipState.JOINING;
        }
    }

    private void joined() throws Exception {
        if (state != MembershipState.JOINED) {
            state = MembershipState.JOINED;
            whenJoined.run();
            events.post(ClusterTopics.JOINED, hostId, "host " + hostId + " joined the cluster");
        }
    }

    /**
     * The record was written on this machine by this process in a session that ended on this side but not yet on the
     * ensemble's, or by an earlier run of this host whose process is gone (killed, then restarted before its session
     * expired; an embedded server restores such sessions from its data): the record goes when the ensemble expires
     * that session, and this host then writes it again. A live process holding the id is a second host.
     */
    private boolean heldByAnEndedRunOfThisHost(byte[] held, HostRecord me) {
        HostRecord holder;
        try {
            holder = codec.decode(path, held);
        } catch (HostRecordCodec.MalformedRecordException unreadable) {
            return false;
        }
        if (!holder.machine().equals(me.machine())) {
            return false;
        }
        return holder.pid() == me.pid()
                || !ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private void awaitOldSessionEnd() throws Exception {
        events.post(ClusterTopics.SESSION, hostId, "host " + hostId + " waits for the record of its own previous"
                + " session (or run) to expire before it joins again");
        Stat stat = client.checkExists().usingWatcher((Watcher) event -> retry.run()).forPath(path);
        if (stat == null) {
            retry.run(); // gone already
        }
    }

    private void refuse(byte[] held, Stat stat) {
        String holder;
        try {
            HostRecord record = codec.decode(path, held);
            holder = "the host on " + record.machine() + " (pid " + record.pid() + "), started "
                    + Instant.ofEpochMilli(record.startedAtMillis());
        } catch (HostRecordCodec.MalformedRecordException unreadable) {
            holder = "a host whose record this version cannot read";
        }
        refusal = "host id '" + hostId + "' is in use by " + holder + " (session 0x"
                + Long.toHexString(stat.getEphemeralOwner()) + "); give this host another --host-id, or stop that"
                + " host (if it was this host's previous run, its session ends within its session timeout)";
        state = MembershipState.REFUSED;
        events.post(ClusterTopics.HOST_ID_TAKEN, hostId, refusal);
    }
}
