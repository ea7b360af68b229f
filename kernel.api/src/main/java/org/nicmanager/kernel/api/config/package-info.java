/**
 * Writing the NIC Manager's configurations to ConfigAdmin so that those that came from a file in {@code conf/} stay
 * tied to that file, and checking configured values against their bounds so that a bad one is refused by name.
 */
@Export
@Version("1.1.0")
package org.nicmanager.kernel.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
