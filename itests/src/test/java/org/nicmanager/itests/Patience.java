package org.nicmanager.itests;

/**
 * How long a test waits for another thread or process before it fails instead of hanging. A safety net, never a
 * budget: what it waits for takes milliseconds to seconds on an idle machine, and a test must not fail because the
 * machine is busy (issue 13: the suite passes with the other core kept busy). Virtual-clock worlds have no deadline
 * at all; surefire's fork timeout is the backstop against a real hang.
 */
final class Patience {

    static final long SECONDS = 120;

    private Patience() {
    }
}
