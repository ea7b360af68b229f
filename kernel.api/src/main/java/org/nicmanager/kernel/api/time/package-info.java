/**
 * Kernel time and the network world (DESIGN.md section 3). The kernel owns the clock: nothing on a network path reads
 * the wall clock or sleeps. Work is scheduled on {@link org.nicmanager.kernel.api.time.Timer}s, and everything outside
 * the world's single thread reaches network state by posting an action to the
 * {@link org.nicmanager.kernel.api.time.NetworkWorld}, as the patent's kernel posts actions to a VMM ([0036]).
 */
@Export
@Version("1.1.0")
package org.nicmanager.kernel.api.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
