/**
 * Virtual NICs: the devices a VM's guest sees (patent [0056]-[0058]). The VMM's device emulator copies a guest's frame
 * into a kernel frame buffer, as DMA would, and hands it to its {@link org.nicmanager.kernel.api.vnic.VnicUplink} (the
 * NIC manager). Frames for the guest are queued and announced by a receive interrupt raised through the world's
 * timers, which an {@link org.nicmanager.kernel.api.vnic.InterruptModerator} may hold back ([0130]). Each virtual NIC's
 * port has a {@link org.nicmanager.kernel.api.vnic.VnicSecurity} policy, judged by the NIC manager on every frame.
 */
@Export
@Version("1.4.0")
package org.nicmanager.kernel.api.vnic;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
