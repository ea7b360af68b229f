package org.nicmanager.cluster.zk;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.nicmanager.cluster.LocalVms;
import org.nicmanager.cluster.MembershipState;
import org.nicmanager.cluster.SessionState;
import org.nicmanager.cluster.VmDefinition;
import org.nicmanager.cluster.VmOwner;
import org.nicmanager.cluster.zk.VmCatalog.Versioned;

/**
 * One host in the cluster: its Curator client and session, its membership record, the directory of every host's
 * record, its part in the leader election (taken only once joined: a refused host never leads), and the cluster VMs it
 * mirrors, owns and, as leader, restarts. An ensemble that cannot be reached leaves the node CONNECTING, with nothing
 * joined and every VM fenced, until it answers. Cluster work runs on one worker thread, never on Curator's or
 * ZooKeeper's event threads, except fencing at a lost session, which is immediate.
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
    private final VmCatalog catalog;
    private final DefinitionSync definitions;
    private final VmOwnership ownership;
    private final Placement placement;
    private final Failover failover;
    private final PlacementRequests requests;
    private final ExecutorService worker;
    /** A VM round is queued and has not begun: more changes need no other. */
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private volatile SessionState session = SessionState.CONNECTING;
    private boolean electing;

    /** A node with no VMs of its own. */
    public ClusterNode(String connectString, boolean embeddedServer, String hostId, int sessionTimeoutMs,
            Supplier<HostRecord> self, ClusterEvents events) {
        this(connectString, embeddedServer, hostId, sessionTimeoutMs, self, events, NoVms.INSTANCE);
    }

    /**
     * @param connectString the ensemble, already checked
     * @param self this host's record as it is now; called on the worker thread each time the record is written
     * @param local this host's VM services, which the cluster's VM records are mirrored into
     */
    public ClusterNode(String connectString, boolean embeddedServer, String hostId, int sessionTimeoutMs,
            Supplier<HostRecord> self, ClusterEvents events, LocalVms local) {
        this.hostId = hostId;
        this.ensemble = connectString;
        this.embeddedServer = embeddedServer;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.events = events;
        // The ensemble is reached as the operator gave it: Curator's ensemble tracker would replace the connect string by
        // the servers' own addresses from /zookeeper/config, which a host behind a relay or NAT cannot reach.
        this.client = CuratorFrameworkFactory.builder().connectString(connectString).sessionTimeoutMs(sessionTimeoutMs)
                .ensembleTracker(false).connectionTimeoutMs(Math.min(CONNECTION_TIMEOUT_MS, sessionTimeoutMs))
                .retryPolicy(new ExponentialBackoffRetry(RETRY_BASE_MS, RETRIES)).build();
        this.membership = new HostMembership(client, hostId, self, events, this::joinAgain, this::elect);
        this.directory = new HostDirectory(client, hostId, events, this::vmsChanged);
        this.leadership = new Leadership(client, hostId, events, this::vmsChanged);
        this.catalog = new VmCatalog(client, events, this::vmsChanged);
        this.definitions = new DefinitionSync(client, hostId, local, events);
        this.ownership = new VmOwnership(client, hostId, local, events);
        this.placement = new Placement(client, directory, events);
        this.failover = new Failover(client, directory, catalog, events);
        this.requests = new PlacementRequests(client, hostId, events, this::vmsChanged);
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-" + hostId);
            thread.setDaemon(true);
            return thread;
        });
        client.getConnectionStateListenable().addListener((ignored, state) -> sessionChanged(state));
    }

    /** Starts connecting; returns at once. Until joined, every VM this host knows is fenced. */
    public void start() {
        vmsChanged();
        client.start();
        directory.start();
        catalog.start();
        requests.start();
    }

    /** This host's description or VMs changed (uplinks, VMs, allocations): records follow, if they differ. */
    public void describeAgain() {
        vmsChanged();
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

    @Override
    public String place(String vm, String host) {
        if (!joined()) {
            throw new IllegalStateException("host " + hostId + " is not in the cluster now (session " + session
                    + ", membership " + membership.state() + "): VMs can be started once it is");
        }
        if (host != null || leadership.leading()) {
            return onWorkerAndWait(() -> {
                vmRound(); // publishes a VM just created here, so that it can be placed at once
                return placement.place(vm, host);
            });
        }
        onWorkerAndWait(() -> {
            vmRound();
            return null;
        });
        try {
            return requests.ask(vm, 2L * sessionTimeoutMs); // the leader chooses
        } catch (RuntimeException refusedOrUnanswered) {
            throw refusedOrUnanswered;
        } catch (Exception unreachable) {
            throw new IllegalStateException("the placement request for VM " + vm + " could not be made: "
                    + unreachable.getMessage(), unreachable);
        }
    }

    @Override
    public Map<String, String> vmHosts() {
        Map<String, String> hosts = new TreeMap<>();
        catalog.owners().forEach((vm, owner) -> {
            if (!owner.value().runsNowhere()) {
                hosts.put(vm, owner.value().host());
            }
        });
        return hosts;
    }

    /** The VMs this host acts as the owner of now, with their fencing tokens (owner record versions). */
    public Map<String, Integer> ownedVms() {
        return ownership.owned();
    }

    private void sessionChanged(ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED -> {
                session = SessionState.CONNECTED;
                joinAgain();
            }
            case SUSPENDED -> {
                session = SessionState.SUSPENDED;
                ownership.fenceAll("its ZooKeeper session is suspended (no server answers)");
            }
            case LOST -> {
                session = SessionState.LOST;
                ownership.fenceAll("its ZooKeeper session is lost");
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
        vmsChanged();
    }

    private boolean joined() {
        return session == SessionState.CONNECTED && membership.state() == MembershipState.JOINED;
    }

    /** Queues one VM round, unless one is queued already. */
    private void vmsChanged() {
        if (roundQueued.compareAndSet(false, true)) {
            onWorker(this::vmRound);
        }
    }

    /** Mirrors definitions both ways, follows the owner records, and as leader restarts a lost host's VMs. */
    private void vmRound() throws Exception {
        roundQueued.set(false);
        long epoch = ownership.epoch();
        if (!joined()) {
            ownership.fenceEverything("host " + hostId + " is not in the cluster (session " + session + ")");
            return;
        }
        long sessionId = client.getZookeeperClient().getZooKeeper().getSessionId();
        Map<String, Versioned<VmDefinition>> defined = catalog.definitions();
        Map<String, Versioned<VmOwner>> owners = catalog.owners();
        Set<String> unreadable = catalog.unreadable();
        definitions.round(defined, owners, unreadable, sessionId);
        ownership.round(defined, owners, unreadable, sessionId, epoch);
        if (electing() && leadership.leading()) {
            failover.scan();
            requests.serve(placement);
        }
        membership.refresh(); // VMs started or stopped change the headroom
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

    /** Work for the worker thread that a caller waits for; its refusals reach the caller as they were thrown. */
    private <T> T onWorkerAndWait(Callable<T> work) {
        Future<T> done;
        try {
            done = worker.submit(work);
        } catch (RejectedExecutionException closing) {
            throw new IllegalStateException("host " + hostId + " is leaving the cluster");
        }
        try {
            return done.get(2L * sessionTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new IllegalStateException("cluster work failed: " + failed.getCause(), failed.getCause());
        } catch (TimeoutException slow) {
            done.cancel(true);
            throw new IllegalStateException("the cluster did not answer within " + 2L * sessionTimeoutMs + " ms");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster");
        }
    }

    /** Leaves the cluster: the election, the watches and the session end; the record goes with the session. */
    @Override
    public void close() throws Exception {
        worker.shutdown();
        worker.awaitTermination(sessionTimeoutMs, TimeUnit.MILLISECONDS);
        session = SessionState.CLOSED;
        ownership.fenceAll("host " + hostId + " leaves the cluster");
        if (electing()) {
            leadership.close();
        }
        requests.close();
        catalog.close();
        directory.close();
        client.close();
    }
}
