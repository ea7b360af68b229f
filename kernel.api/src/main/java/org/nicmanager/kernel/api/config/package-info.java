/**
 * The event of a refused configuration ({@link org.nicmanager.kernel.api.config.ConfigTopics}). How a component
 * checks its values and writes configurations back to their {@code conf/} files is shared implementation, in the
 * private library lib.config.
 */
@Export
@Version("2.0.0")
package org.nicmanager.kernel.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

