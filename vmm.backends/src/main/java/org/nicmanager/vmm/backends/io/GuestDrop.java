package org.nicmanager.vmm.backends.io;

/** Why a back end dropped a frame, and which way it was going. The names are the reasons {@code vnic:list} shows. */
public enum GuestDrop {
    /** From the guest: longer than the virtual NIC's MTU plus an Ethernet header with two VLAN tags. */
    TOO_LONG(true),
    /** From the guest: shorter than an Ethernet header (14 bytes). */
    TOO_SHORT(true),
    /** From the guest: every buffer of the back end's supply stayed in the kernel through the reader's back-off. */
    NO_BUFFER(true),
    /** From the guest: the ring into the network world stayed full through the reader's back-off. */
    RING_FULL(true),
    /** From the guest: a virtio header no kernel writes (unknown segmentation, a checksum outside the frame). */
    BAD_OFFLOAD_HEADER(true),
    /** From the guest: the read failed (the frame, if any, is lost). */
    READ_FAILED(true),
    /** For the guest: the queue to the back end's writer was full. */
    GUEST_QUEUE_FULL(false),
    /** For the guest: the write failed. */
    SEND_FAILED(false),
    /** For the guest: its channel is gone for good (a TAP device deleted, or its namespace). */
    GUEST_GONE(false),
    /** For the guest: an earlier datagram found no one listening at the peer (ICMP port unreachable). */
    PEER_UNREACHABLE(false);

    private final boolean fromGuest;

    GuestDrop(boolean fromGuest) {
        this.fromGuest = fromGuest;
    }

    public boolean fromGuest() {
        return fromGuest;
    }
}
