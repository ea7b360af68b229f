package org.nicmanager.kernel.core.driver;

/** A ring whose consumer side the world drains. */
interface Drainable {

    String name();

    /** True once a publish asked for a drain; cleared by {@link #drain()}. Any thread. */
    boolean signalled();

    /** Delivers everything published so far, in order. World thread only. */
    void drain();

    /** Asks for another drain: a handler threw, and what the ring still holds must not wait for the next publish. */
    void signalAgain();
}
