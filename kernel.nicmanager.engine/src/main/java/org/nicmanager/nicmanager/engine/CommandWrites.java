package org.nicmanager.nicmanager.engine;

/**
 * Keeps configuration changes from acting on bonds while a {@code bond:} command is between its change of the live
 * bond and its write of the configuration. A configuration read then is the command's previous write, and following
 * it would undo the command until its own write came round: a spurious failover, or worse.
 *
 * <p>Commands call {@link #begin} before their change and {@link #end} after their write. Following a configuration
 * waits for {@link #awaitQuiet}, reads it, and applies it in the world only if {@link #unchangedSince} says no command
 * began meanwhile; otherwise it reads again. Commands never wait here, so a command on the world thread (automatic
 * bonding) cannot deadlock with a configuration that waits for the world.
 */
final class CommandWrites {

    private int inFlight;
    private long begun;

    synchronized void begin() {
        inFlight++;
        begun++;
    }

    synchronized void end() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    /** Waits until no command is between its change and its write; returns the mark {@link #unchangedSince} takes. */
    synchronized long awaitQuiet() throws InterruptedException {
        while (inFlight > 0) {
            wait();
        }
        return begun;
    }

    /** True when no command has begun since {@link #awaitQuiet} returned {@code mark}. */
    synchronized boolean unchangedSince(long mark) {
        return begun == mark;
    }
}
