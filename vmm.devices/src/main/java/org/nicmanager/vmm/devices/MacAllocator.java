package org.nicmanager.vmm.devices;

import java.util.HashSet;
import java.util.Set;

import org.nicmanager.kernel.api.frame.MacAddress;

/**
 * Hands out virtual NIC MACs: generated ones from a locally administered block ({@code 02:00:00:..}), in order and
 * skipping any already taken, or given ones after checking they are usable and unique on the host.
 */
final class MacAllocator {

    /** 02:00:00:00:00:00: locally administered, unicast. */
    private static final long GENERATED_BLOCK = 0x02_00_00_00_00_00L;
    private static final long BLOCK_SIZE = 1L << 24;

    private final Set<Long> taken = new HashSet<>();
    private long next = 1;

    long generate() {
        for (long tries = 0; tries < BLOCK_SIZE; tries++) {
            long candidate = GENERATED_BLOCK | next;
            next = next + 1 == BLOCK_SIZE ? 1 : next + 1;
            if (taken.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("every generated MAC of 02:00:00:xx:xx:xx is in use");
    }

    /** @throws IllegalArgumentException for a group address, the zero address or one already in use */
    long claim(long mac) {
        if (MacAddress.isMulticast(mac) || mac == 0) {
            throw new IllegalArgumentException("MAC " + MacAddress.format(mac) + " cannot belong to a NIC: "
                    + (mac == 0 ? "it is all zeros" : "it is a multicast or broadcast address"));
        }
        if (!taken.add(mac)) {
            throw new IllegalArgumentException("MAC " + MacAddress.format(mac) + " is already used by another"
                    + " virtual NIC");
        }
        return mac;
    }

    void release(long mac) {
        taken.remove(mac);
    }
}
