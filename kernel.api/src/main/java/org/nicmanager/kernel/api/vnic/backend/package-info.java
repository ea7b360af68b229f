/**
 * Device back ends of virtual NICs: where a virtual NIC's guest really is (patent [0056]-[0058]). The VMM's device
 * emulation (DMA-style copies, receive queue, interrupts, the DoS defence's holds, suspension) is the same for every
 * guest; a back end connects it to a guest: the simulated workload ({@code sim}, the default), a Linux TAP device
 * ({@code tap}), UDP datagrams as QEMU's {@code -netdev dgram} sends them ({@code udp}), or a third party's.
 *
 * <p>A back end is a {@link org.nicmanager.kernel.api.vnic.backend.VnicBackend} service (whiteboard), found by its
 * name in {@code vnic:add --backend}, as load-distribution policies are. It {@link
 * org.nicmanager.kernel.api.vnic.backend.VnicBackend#open opens} one
 * {@link org.nicmanager.kernel.api.vnic.backend.GuestConnection} per virtual NIC, on the network world's thread. A back
 * end with I/O threads of its own hands their frames to the world through the driver rings
 * ({@code org.nicmanager.kernel.api.driver}), never touching network state: frames the guest sent reach the device
 * through {@link org.nicmanager.kernel.api.vnic.backend.GuestPort#fromGuest} on the world thread, and frames for the
 * guest leave through {@link org.nicmanager.kernel.api.vnic.GuestReceiver#received}, also on the world thread, which
 * must neither block, lock nor allocate.
 */
@Export
@Version("1.1.0")
package org.nicmanager.kernel.api.vnic.backend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
