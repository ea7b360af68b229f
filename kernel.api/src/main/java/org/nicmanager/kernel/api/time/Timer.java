package org.nicmanager.kernel.api.time;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A reusable kernel timer, armed and re-armed without allocating (like the Linux kernel's {@code mod_timer}). Its
 * action runs on the network world's thread when kernel time reaches the deadline. Timers with equal deadlines fire in
 * the order they were armed. Arm and cancel only from the world's thread.
 */
@ProviderType
public interface Timer {

    /** Arms (or re-arms) the timer for an absolute kernel time; a deadline in the past fires at the next chance. */
    void armAt(long deadlineNanos);

    /** Arms (or re-arms) the timer {@code delayNanos} from now. */
    void armAfter(long delayNanos);

    /** Disarms the timer. Returns true if it was armed. */
    boolean cancel();

    boolean armed();

    /** The deadline it is armed for; meaningless when not armed. */
    long deadlineNanos();

    String name();
}
