/**
 * Teaming vocabulary: failback modes, LACP modes, and what a bond looks like
 * from outside (patent [0059]-[0071]). Load-distribution policies are services of
 * {@code org.nicmanager.kernel.api.distribution} since 2.0, which dropped the closed {@code LoadDistribution} enum.
 */
@Export
@Version("2.0.0")
package org.nicmanager.kernel.api.teaming;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
