package org.nicmanager.itests;

/**
 * How a host's kernel clock (its history and event times) relates to the test's {@link System#nanoTime}, both
 * monotonic clocks of one machine: the kernel's time is read between two of ours, five times, and the round trip with
 * the smallest width gives the offset; its half-width bounds the error.
 *
 * @param offset the test's clock minus the kernel's, in ns
 * @param errorNanos the half-width of the best round trip
 * @param kernelSeen the first kernel time read: what happens after the calibration is at or after it
 */
record HostClockOffset(long offset, long errorNanos, long kernelSeen) {

    static HostClockOffset measure(DemoHostProcess host) throws Exception {
        long bestWidth = Long.MAX_VALUE;
        long offset = 0;
        long first = -1;
        for (int i = 0; i < 5; i++) {
            long before = System.nanoTime();
            long kernel = host.json("kernel:info --json", "clock").get("nowNanos").getAsLong();
            long after = System.nanoTime();
            first = first < 0 ? kernel : first;
            if (after - before < bestWidth) {
                bestWidth = after - before;
                offset = before + bestWidth / 2 - kernel;
            }
        }
        return new HostClockOffset(offset, bestWidth / 2, first);
    }

    /** A kernel time on the test's clock. */
    long onTestClock(long kernelNanos) {
        return kernelNanos + offset;
    }
}
