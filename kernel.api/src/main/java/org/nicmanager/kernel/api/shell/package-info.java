/**
 * Shell output contracts. Commands return records; the kernel's shell formatter prints them as readable
 * tables, or as one compact JSON document when a command wraps its result in {@link org.nicmanager.kernel.api.shell.Json}.
 * {@link org.nicmanager.kernel.api.shell.CommandConsole} is the one way every console runs command lines.
 * {@link org.nicmanager.kernel.api.shell.ShownAsDuration} marks kernel-clock nanoseconds the text form prints in units.
 */
@Export
@Version("1.2.0")
package org.nicmanager.kernel.api.shell;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
