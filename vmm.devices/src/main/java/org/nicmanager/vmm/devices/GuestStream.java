package org.nicmanager.vmm.devices;

/**
 * The frames of a guest workload: each call writes the next frame of a flow into the guest's buffer and sends it
 * through the virtual NIC. Called on the world thread, paced by {@link GuestTraffic}; nothing is allocated per frame.
 */
interface GuestStream {

    /** Sends the next frame of {@code flow}; {@code lastOfFlow} when the workload will send that flow no more. */
    void send(int flow, boolean lastOfFlow);

    /** The workload stops before its end: close whatever is still open. */
    void close();
}
