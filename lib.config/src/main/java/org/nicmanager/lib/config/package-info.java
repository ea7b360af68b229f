/**
 * Writing the NIC Manager's configurations to ConfigAdmin so that those that came from a file in {@code conf/} stay
 * tied to that file, and checking configured values against their bounds so that a bad one is refused by name (and
 * posted as {@link org.nicmanager.kernel.api.config.ConfigTopics#REFUSED}).
 *
 * <p>A private library: each bundle that reads configurations copies this package in, and none exports it.
 */
package org.nicmanager.lib.config;
