/**
 * Physical NICs. A driver bundle registers one {@link org.nicmanager.kernel.api.nic.PhysicalNic} service per card
 * (whiteboard); the kernel's {@link org.nicmanager.kernel.api.nic.NicInventory} tracks them and posts
 * {@link org.nicmanager.kernel.api.nic.NicTopics} events. Installing a driver bundle is how a NIC appears (patent step
 * 752); stopping it is a NIC removal.
 */
@Export
@Version("1.2.0")
package org.nicmanager.kernel.api.nic;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
