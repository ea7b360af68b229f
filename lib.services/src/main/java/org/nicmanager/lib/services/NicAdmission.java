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

    private NicAdmission() {
    }

    /**
     * @param inventory the kernel's inventory, or null where it does not run (a bundle tested alone): no wait then
     * @throws IllegalStateException when the inventory did not follow within {@link ServiceWait#TIMEOUT_MILLIS}
     */
    public static void await(NicInventory inventory, NetworkWorld world, String name, boolean present) {
        if (inventory == null) {
            return;
        }
        long deadline = System.nanoTime() + ServiceWait.TIMEOUT_MILLIS * 1_000_000L;
        while (world.call(() -> inventory.nic(name).isPresent()) != present) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the kernel's NIC inventory did not " + (present ? "take in" : "let"
                        + " go of") + " NIC '" + name + "' within " + ServiceWait.TIMEOUT_MILLIS + " ms");
            }
            Thread.onSpinWait();
        }
    }
}
