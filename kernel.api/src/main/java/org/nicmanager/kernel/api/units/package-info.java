/**
 * The value vocabulary an operator types (COMMANDS.md, "Values"): durations such as {@code 500us}, sizes such as
 * {@code 64KiB}, rates such as {@code 1Gbps} or {@code 150kpps}. Each parser refuses a bad value with a message naming
 * the value and the allowed forms.
 */
@Export
@Version("1.0.0")
package org.nicmanager.kernel.api.units;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
