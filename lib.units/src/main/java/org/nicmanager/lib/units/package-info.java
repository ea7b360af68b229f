/**
 * The value vocabulary an operator types (COMMANDS.md, "Values"): durations such as {@code 500us}, sizes such as
 * {@code 64KiB}, rates such as {@code 1Gbps} or {@code 150kpps}. Each parser refuses a bad value with a message naming
 * the value and the allowed forms.
 *
 * <p>A private library: each bundle that reads or prints such values copies this package in, and none exports it.
 */
package org.nicmanager.lib.units;
