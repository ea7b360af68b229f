/**
 * Virtual machines as the network layer sees them: name, priority (0..10), state and virtual NICs. The
 * kernel-integrated NIC manager reads this to learn which VM sent a frame and how much it matters (patent [0076]). The
 * VM manager also suspends and resumes VMs for automatic reactions ([0124], [0126]), requests migrations ([0131]) and
 * raises alerts that {@link org.nicmanager.kernel.api.vm.Notifier}s pass on to an administrator.
 */
@Export
@Version("1.5.0")
package org.nicmanager.kernel.api.vm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
