package org.nicmanager.vmm.backends.udp;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;

import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;
import org.nicmanager.kernel.api.vnic.backend.VnicBackend;
import org.nicmanager.vmm.backends.io.RingedGuest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code udp} back end: the guest sends and receives one Ethernet frame per UDP datagram, as QEMU does with
 * {@code -netdev dgram,id=n,local.type=inet,local.host=H,local.port=P,remote.type=inet,remote.host=H2,remote.port=P2}:
 * {@code vnic:add VM --backend udp --listen H2:P2 --peer H:P} serves that VM.
 */
@Component(service = VnicBackend.class, property = VnicBackend.NAME_PROPERTY + "=" + UdpBackend.NAME)
public final class UdpBackend implements VnicBackend {

    static final String NAME = "udp";
    static final String LISTEN = "listen";
    static final String PEER = "peer";

    private final DriverRings rings;

    @Activate
    public UdpBackend(@Reference DriverRings rings) {
        this.rings = rings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of(LISTEN, PEER);
    }

    /** @throws IllegalArgumentException for a missing or malformed address, or a listening port in use */
    @Override
    public GuestConnection open(GuestPort port, Map<String, String> options) {
        InetSocketAddress listen = HostPort.parse("--" + LISTEN, options.get(LISTEN));
        InetSocketAddress peer = HostPort.parse("--" + PEER, options.get(PEER));
        return RingedGuest.start(DatagramGuestChannel.open(listen, peer), port, rings, NAME);
    }
}
