package org.nicmanager.vmm.backends.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

import org.nicmanager.vmm.backends.io.GuestChannel;

/**
 * A guest that sends and receives one Ethernet frame per UDP datagram, as QEMU's {@code -netdev dgram} does. The
 * socket is bound to {@code --listen} and connected to {@code --peer}, so datagrams from anyone else are never read,
 * and reads and writes allocate nothing. Non-blocking, with a selector for the reader's wait.
 */
final class DatagramGuestChannel implements GuestChannel {

    /** Room for a burst of full-sized frames while the reader is descheduled. */
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;

    private final DatagramChannel channel;
    private final Selector selector;
    private final String description;
    /** Made once: {@code select(Consumer)} adds nothing to the selected-key set, so the wait allocates nothing. */
    private final Consumer<SelectionKey> readable = key -> { };

    private DatagramGuestChannel(DatagramChannel channel, Selector selector, String description) {
        this.channel = channel;
        this.selector = selector;
        this.description = description;
    }

    /**
     * @throws IllegalArgumentException when the listening port is in use or the address is not this host's, naming it
     */
    static DatagramGuestChannel open(InetSocketAddress listen, InetSocketAddress peer) {
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(listen.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(listen);
            channel.connect(peer);
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new DatagramGuestChannel(channel, selector,
                    HostPort.format(listen) + " <-> " + HostPort.format(peer));
        } catch (BindException refused) {
            close(channel);
            throw new IllegalArgumentException("cannot listen on --listen " + HostPort.format(listen) + ": "
                    + (refused.getMessage() != null && refused.getMessage().contains("in use")
                            ? "UDP port " + listen.getPort() + " is in use there; choose a free port"
                            : refused.getMessage() + "; use an address of this host, e.g. 127.0.0.1"));
        } catch (IOException failed) {
            close(channel);
            throw new IllegalArgumentException("cannot open UDP " + HostPort.format(listen) + " -> "
                    + HostPort.format(peer) + ": " + failed.getMessage());
        }
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        buffer.clear();
        return Math.max(0, channel.read(buffer)); // a datagram channel has no end of stream; -1 is never a frame
    }

    @Override
    public void awaitFrame() throws IOException {
        if (selector.isOpen()) {
            selector.select(readable);
        }
    }

    @Override
    public void wakeUp() {
        selector.wakeup();
    }

    @Override
    public void write(ByteBuffer buffer, int lengthBytes) throws IOException {
        buffer.clear().limit(lengthBytes);
        if (channel.write(buffer) == 0) {
            // non-blocking: no room in the socket's send buffer, so the datagram was not sent
            throw new IOException("the send buffer of " + description + " is full");
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing: nothing is left to tell
        }
        close(channel);
    }

    private static void close(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException failed) {
            throw new UncheckedIOException("closing a UDP socket failed", failed);
        }
    }
}
