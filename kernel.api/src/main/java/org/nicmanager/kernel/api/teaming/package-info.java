/**
 * Teaming vocabulary: load-distribution policies, failback modes, LACP modes, and what a bond looks like
 * from outside (patent [0059]-[0071]).
 */
@Export
@Version("1.4.0")
package org.nicmanager.kernel.api.teaming;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
