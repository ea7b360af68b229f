/**
 * Virtual machines as the network layer sees them: name, priority (0..10), state and virtual NICs. The
 * kernel-integrated NIC manager reads this to learn which VM sent a frame and how much it matters (patent [0076]).
 */
@Export
@Version("1.1.0")
package org.nicmanager.kernel.api.vm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
