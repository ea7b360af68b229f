package org.nicmanager.lib.services;

import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * Waits for the kernel's NIC inventory to take in, or let go of, a NIC whose service a command brought or removed. The
 * inventory learns of a NIC service through an action it posts to the world from the thread that registers the
 * service, which may run after the command saw the service. A command that waits here leaves the next command
 * ({@code nic:list}, {@code bond:add}) finding the NIC there, or gone: a script never races the inventory.
 */
public final class NicAdmission {

    /**
     * World round trips before giving up. The inventory's action is posted within microseconds of the registration
     * that the command already saw, so one or two round trips suffice; the bound, counted rather than timed (no
     * clock is read here), only keeps a broken inventory from holding the command for ever.
     */
    static final int MAX_ROUND_TRIPS = 100_000;

    private NicAdmission() {
    }

    /**
     * @param inventory the kernel's inventory, or null where it does not run (a bundle tested alone): no wait then
     * @throws IllegalStateException when the inventory did not follow within {@link #MAX_ROUND_TRIPS} round trips
     */
    public static void await(NicInventory inventory, NetworkWorld world, String name, boolean present) {
        if (inventory == null) {
            return;
        }
        for (int trips = 0; world.call(() -> inventory.nic(name).isPresent()) != present; trips++) {
            if (trips == MAX_ROUND_TRIPS) {
                throw new IllegalStateException("the kernel's NIC inventory did not " + (present ? "take in" : "let"
                        + " go of") + " NIC '" + name + "' after " + MAX_ROUND_TRIPS + " rounds through the world");
            }
            Thread.yield(); // lets the registering thread post the inventory's action
        }
    }
}
