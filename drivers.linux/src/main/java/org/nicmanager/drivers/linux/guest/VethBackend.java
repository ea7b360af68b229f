package org.nicmanager.drivers.linux.guest;

import java.util.Map;
import java.util.Set;

import org.nicmanager.drivers.linux.LinuxNicRegistry;
import org.nicmanager.drivers.linux.nativeio.InterfaceFacts;
import org.nicmanager.drivers.linux.nativeio.Offloads;
import org.nicmanager.drivers.linux.nativeio.PacketSocket;
import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;
import org.nicmanager.kernel.api.vnic.backend.VnicBackend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code veth} back end: the virtual NIC's guest is whatever holds the other end of a veth pair (a network
 * namespace, a container), and the host opens its own end as a Linux NIC is opened: an AF_PACKET socket with
 * memory-mapped rings and virtio headers, and a receive and a transmit thread ({@code vnic:add VM --backend veth
 * --interface IF}). No system call per frame, and offloads travel both ways, as for the uplinks; the topology issue
 * 15's race describes (each hop a veth pair). The interface is claimed as a NIC's is: one user at a time, none in a
 * kernel bridge or bond.
 */
@Component(service = VnicBackend.class, property = VnicBackend.NAME_PROPERTY + "=" + VethBackend.NAME)
public final class VethBackend implements VnicBackend {

    static final String NAME = "veth";
    static final String INTERFACE = "interface";

    private final DriverRings rings;
    private final LinuxNicRegistry registry;

    @Activate
    public VethBackend(@Reference DriverRings rings, @Reference LinuxNicRegistry registry) {
        this.rings = rings;
        this.registry = registry;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of(INTERFACE);
    }

    /**
     * @throws IllegalArgumentException for a missing, unknown or used interface, one in a kernel bridge or bond, or a
     *         missing CAP_NET_RAW
     */
    @Override
    public GuestConnection open(GuestPort port, Map<String, String> options) {
        String interfaceName = options.get(INTERFACE);
        if (interfaceName == null) {
            throw new IllegalArgumentException("the veth back end needs --interface IF, the host's end of the guest's"
                    + " veth pair, e.g. vethg0");
        }
        InterfaceFacts facts = InterfaceFacts.read(interfaceName);
        InterfaceFacts.requireNoMaster(interfaceName);
        String claim = "vnic " + port.vnic();
        registry.claim(claim, interfaceName);
        PacketSocket socket = null;
        try {
            socket = PacketSocket.open(facts, PacketGuest.FROM_GUEST_SLOTS, PacketGuest.TO_GUEST_SLOTS);
            String offloads = Offloads.prepare(socket.fd(), interfaceName, socket.vnetHeaderBytes() > 0);
            return PacketGuest.start(port, rings, facts, socket, offloads, () -> registry.release(claim));
        } catch (RuntimeException failed) {
            if (socket != null) {
                socket.close();
            }
            registry.release(claim);
            throw failed;
        }
    }
}
