package org.nicmanager.cluster.zk;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.nicmanager.cluster.ClusterEvents;
import org.nicmanager.cluster.ClusterStatus;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.ClusterView;
import org.nicmanager.cluster.HostRecord;
import org.nicmanager.cluster.SessionState;

/**
 * One host in the cluster: its Curator client and session, its membership record, the directory of every host's
 * record, and its part in the leader election, which it takes only once joined (a refused host never leads). An
 * ensemble that cannot be reached leaves the node CONNECTING, with nothing joined, until it answers. Membership work
 * runs on one worker thread, never on Curator's or ZooKeeper's event threads.
 */
public final class ClusterNode implements ClusterView, AutoCloseable {

    private static final int CONNECTION_TIMEOUT_MS = 3_000;
    private static final int RETRY_BASE_MS = 200;
    private static final int RETRIES = 5;

    private final String hostId;
    private final String ensemble;
    private final boolean embeddedServer;
    private final int sessionTimeoutMs;
    private final ClusterEvents events;
    private final CuratorFramework client;
    private final HostMembership membership;
    private final HostDirectory directory;
    private final Leadership leadership;
    private final ExecutorService worker;
    private volatile SessionState session = SessionState.CONNECTING;
    private boolean electing;

    /**
     * @param connectString the ensemble, already checked
     * @param self this host's record as it is now; called on the worker thread each time the record is written
     */
    public ClusterNode(String connectString, boolean embeddedServer, String hostId, int sessionTimeoutMs,
            Supplier<HostRecord> self, ClusterEvents events) {
        this.hostId = hostId;
        this.ensemble = connectString;
        this.embeddedServer = embeddedServer;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.events = events;
        this.client = CuratorFrameworkFactory.builder().connectString(connectString).sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(Math.min(CONNECTION_TIMEOUT_MS, sessionTimeoutMs))
                .retryPolicy(new ExponentialBackoffRetry(RETRY_BASE_MS, RETRIES)).build();
        this.membership = new HostMembership(client, hostId, self, events, this::joinAgain, this::elect);
        this.directory = new HostDirectory(client, hostId, events);
        this.leadership = new Leadership(client, hostId, events);
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-" + hostId);
            thread.setDaemon(true);
            return thread;
        });
        client.getConnectionStateListenable().addListener((ignored, state) -> sessionChanged(state));
    }

    /** Starts connecting; returns at once. */
    public void start() {
        client.start();
        directory.start();
    }

    /** This host's description changed (uplinks, VMs, allocations): its record is rewritten if it differs. */
    public void describeAgain() {
        onWorker(membership::refresh);
    }

    @Override
    public ClusterStatus status() {
        SessionState now = session;
        boolean connected = now == SessionState.CONNECTED;
        String leader = connected ? leadership.leader() : null; // a host outside the election sees the leader too
        return new ClusterStatus(hostId, membership.state(), now, leader, connected && leadership.leading(),
                ensemble, embeddedServer, sessionTimeoutMs, membership.refusal());
    }

    @Override
    public List<HostRecord> hosts() {
        return directory.hosts();
    }

    private void sessionChanged(ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED -> {
                session = SessionState.CONNECTED;
                joinAgain();
            }
            case SUSPENDED -> session = SessionState.SUSPENDED;
            case LOST -> {
                session = SessionState.LOST;
                onWorker(membership::sessionLost);
            }
            default -> {
                return; // READ_ONLY: not used (no read-only servers are asked for)
            }
        }
        events.post(ClusterTopics.SESSION, hostId, "host " + hostId + ": ZooKeeper session " + state.name());
    }

    /** Writes this host's record again, on the worker thread (a new session, or an old record of its own gone). */
    private void joinAgain() {
        onWorker(membership::sessionStarted);
    }

    /** Once joined, for good: the latch itself follows the sessions that come and go. */
    private void elect() throws Exception {
        if (!electing()) {
            leadership.start();
            synchronized (this) {
                electing = true;
            }
        }
    }

    private synchronized boolean electing() {
        return electing;
    }

    /** Work for the worker thread; a failure is left to the next session event or description change to redo. */
    private void onWorker(Step work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (Exception failed) {
                    if (!Thread.currentThread().isInterrupted()) {
                        events.post(ClusterTopics.SESSION, hostId, "host " + hostId + ": cluster work failed and"
                                + " waits for the next change: " + failed);
                    }
                }
            });
        } catch (RejectedExecutionException closing) {
            // closing: nothing more to do
        }
    }

    /** Leaves the cluster: the election, the watch and the session end; the record goes with the session. */
    @Override
    public void close() throws Exception {
        worker.shutdown();
        worker.awaitTermination(sessionTimeoutMs, TimeUnit.MILLISECONDS);
        session = SessionState.CLOSED;
        if (electing()) {
            leadership.close();
        }
        directory.close();
        client.close();
    }
}
