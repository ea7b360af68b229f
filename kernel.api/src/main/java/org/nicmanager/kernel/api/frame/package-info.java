/**
 * Frames on the kernel's network path: pooled, reusable {@link org.nicmanager.kernel.api.frame.FrameBuffer}s and the
 * read-only {@link org.nicmanager.kernel.api.frame.FrameHeaders} view of a parsed frame, which the kernel hands to
 * plugins so that none parses again (patent [0083]: the kernel reads the headers of every frame it forwards). A
 * buffer's memory may be off-heap ({@link org.nicmanager.kernel.api.frame.FrameBuffer#over}), so that a driver's
 * memory-mapped ring costs at most one copy. Writing and parsing frames are shared implementation, in the private
 * library lib.frames.
 */
@Export
@Version("3.3.0")
package org.nicmanager.kernel.api.frame;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
