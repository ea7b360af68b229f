package org.nicmanager.cluster.zk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between one host's ZooKeeper client and the server: cutting it is the host dying (kill -9, power, cable)
 * as the ensemble sees it: no goodbye, no more heartbeats, and no way back in.
 */
final class Cable implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    /** While blocked, connections are refused but the cable is not cut: the host can come back. */
    private volatile boolean blocked;

    Cable(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cable-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String connectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!cut) {
            try {
                Socket client = listener.accept();
                if (blocked) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0 && !cut; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException closed) {
                // the cable was cut or a side hung up
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "cable-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /** Cuts every connection and refuses new ones. */
    void cut() {
        cut = true;
        closeQuietly(listener);
        sockets.forEach(Cable::closeQuietly);
    }

    /** Cuts every connection and refuses new ones until {@link #unblock()}: a partition that heals. */
    void block() {
        blocked = true;
        sockets.forEach(Cable::closeQuietly);
        sockets.clear();
    }

    void unblock() {
        blocked = false;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
