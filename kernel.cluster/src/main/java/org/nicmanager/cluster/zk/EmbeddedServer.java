package org.nicmanager.cluster.zk;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper server inside this host ({@code --cluster embedded[:PORT]}), listening on the loopback
 * address, so that a one-machine trial needs nothing else: other hosts on the machine join it with
 * {@code --cluster localhost:PORT}. Its tick (500 ms) lets sessions time out between 1 s and 10 s, and a dead host's
 * session is ended within one tick of its timeout.
 */
public final class EmbeddedServer implements Closeable {

    static final int TICK_MS = 500;
    private static final int MAX_CLIENT_CONNECTIONS = 100;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private EmbeddedServer(ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
    }

    /**
     * @param port the port to listen on, 0 for any free one
     * @param dataDirectory where the server keeps its snapshots and transaction log
     * @throws IOException when the port is taken or the directory cannot be used
     */
    public static EmbeddedServer start(int port, Path dataDirectory) throws IOException {
        ZooKeeperServer server = new ZooKeeperServer(dataDirectory.toFile(), dataDirectory.toFile(), TICK_MS);
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), MAX_CLIENT_CONNECTIONS);
        try {
            connections.startup(server);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            connections.shutdown();
            throw new IOException("interrupted while the embedded ZooKeeper server started", interrupted);
        } catch (IOException | RuntimeException failed) {
            connections.shutdown();
            throw failed;
        }
        return new EmbeddedServer(server, connections);
    }

    /** The port it listens on. */
    public int port() {
        return connections.getLocalPort();
    }

    /** The connect string that reaches it. */
    public String connectString() {
        String address = connections.getLocalAddress().getAddress().getHostAddress();
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}
