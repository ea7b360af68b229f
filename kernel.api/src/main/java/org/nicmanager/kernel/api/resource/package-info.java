/**
 * Per-VM network resources: allocations (shares, reservation, limit, shaping, priority) and the
 * send / queue / drop decision (patent Figure 5, steps 806-810); its drop reasons are the frame package's
 * {@link org.nicmanager.kernel.api.frame.DropReason}.
 */
@Export
@Version("1.3.0")
package org.nicmanager.kernel.api.resource;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
