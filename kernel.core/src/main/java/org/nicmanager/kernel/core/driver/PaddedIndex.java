package org.nicmanager.kernel.core.driver;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A ring index on a cache line of its own. The producer's and the consumer's indexes are written by different cores
 * at frame rate; side by side in one line, each write would evict the other core's copy (false sharing).
 */
@SuppressWarnings({"unused", "serial"})
final class PaddedIndex extends AtomicLong {

    private long pad1;
    private long pad2;
    private long pad3;
    private long pad4;
    private long pad5;
    private long pad6;
    private long pad7;
}
