package org.nicmanager.vmm.backends.tap;

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
 * The {@code tap} back end: the virtual NIC's guest is whatever holds the other side of a Linux TAP device, typically a
 * network namespace with a full TCP/IP stack: {@code vnic:add VM --backend tap --tap nmtap0}, then {@code ip link set
 * nmtap0 netns GUEST}. The device lives as long as the virtual NIC's back end holds it (not persistent).
 */
@Component(service = VnicBackend.class, property = VnicBackend.NAME_PROPERTY + "=" + TapBackend.NAME)
public final class TapBackend implements VnicBackend {

    static final String NAME = "tap";
    static final String TAP = "tap";
    static final String OFFLOADS = "offloads";

    private final DriverRings rings;

    @Activate
    public TapBackend(@Reference DriverRings rings) {
        this.rings = rings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of(TAP, OFFLOADS);
    }

    /** @throws IllegalArgumentException for a missing or bad name, a name in use, or a missing CAP_NET_ADMIN */
    @Override
    public GuestConnection open(GuestPort port, Map<String, String> options) {
        String name = options.get(TAP);
        if (name == null) {
            throw new IllegalArgumentException("the tap back end needs --tap NAME, the TAP device's name, e.g. nmtap0");
        }
        return RingedGuest.start(TapGuestChannel.open(name, port.mac(), offloads(options.get(OFFLOADS))), port, rings,
                NAME);
    }

    /** {@code --offloads on|off}, off when not given. */
    static boolean offloads(String value) {
        if (value == null || value.equals("off")) {
            return false;
        }
        if (value.equals("on")) {
            return true;
        }
        throw new IllegalArgumentException("bad --offloads '" + value + "': on (the guest leaves checksums and TCP"
                + " segmentation to the host, and sends 64 KB super-frames) or off (the default)");
    }
}
