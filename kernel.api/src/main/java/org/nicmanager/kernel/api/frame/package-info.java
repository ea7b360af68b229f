/**
 * Frames on the kernel's network path: pooled, reusable {@link org.nicmanager.kernel.api.frame.FrameBuffer}s and a
 * zero-copy {@link org.nicmanager.kernel.api.frame.FrameHeaders} view that parses in place (patent [0083]: the kernel
 * reads the headers of every frame it forwards, so this view must never allocate). A buffer's memory may be off-heap
 * (2.2.0: {@link org.nicmanager.kernel.api.frame.FrameBuffer#over}), so that a driver's memory-mapped ring costs at
 * most one copy.
 */
@Export
@Version("2.2.0")
package org.nicmanager.kernel.api.frame;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
