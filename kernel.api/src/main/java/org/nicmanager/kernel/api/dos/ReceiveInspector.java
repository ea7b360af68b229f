package org.nicmanager.kernel.api.dos;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Looks at what virtual NICs receive (whiteboard: the VMM calls every registered one). Control path: the VMM asks for a
 * tap when a virtual NIC appears, when it moves to another uplink, and for every virtual NIC when an inspector arrives;
 * the tap it gets replaces the previous one of that virtual NIC. Called on the network world's thread.
 */
@ConsumerType
public interface ReceiveInspector {

    /**
     * A tap for the frames virtual NIC {@code vnic} of VM {@code vm} receives through {@code uplink}.
     *
     * @param uplink the bond or unbonded NIC it is assigned to, or null for none
     */
    ReceiveTap attach(String vnic, String vm, String uplink);
}
