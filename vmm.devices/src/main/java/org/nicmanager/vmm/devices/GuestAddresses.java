package org.nicmanager.vmm.devices;

/**
 * The IPv4 addresses of guest workloads: 10.0.0.0/16, the source from the virtual NIC's port so that each vNIC's
 * traffic is told apart by the L3 hash policies, the destination one fixed address.
 */
final class GuestAddresses {

    /** 10.0.255.254. */
    static final int DESTINATION_IP = 0x0A00FFFE;
    private static final int NETWORK = 0x0A000000;

    private GuestAddresses() {
    }

    static int sourceIp(EmulatedNic nic) {
        return NETWORK | nic.port() & 0xFFFF;
    }
}
