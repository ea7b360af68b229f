/**
 * Shared frame handling behind the kernel API's frame contract: {@link org.nicmanager.lib.frames.HeaderParser} fills
 * the {@link org.nicmanager.kernel.api.frame.FrameHeaders} view in place, {@link org.nicmanager.lib.frames.FrameWriter}
 * writes headers, and the rest serve test traffic and ARP: flow stamps, per-flow loss and reordering accounting,
 * frame queues, IPv4 address text. Nothing here allocates per frame.
 *
 * <p>A private library: each bundle that uses it copies this package in, and none exports it.
 */
package org.nicmanager.lib.frames;
